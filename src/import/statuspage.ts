import { InputError } from "../load/input-issue.js";
import { plainText } from "./plain-text.js";
import {
  arrayOf,
  describeJsonType,
  finishTitle,
  firstInstant,
  httpsOrNull,
  importRecords,
  instantField,
  isObject,
  nameList,
  own,
  updatedField,
  type InstantField,
  type JsonObject,
  type Mapped,
} from "./records.js";
import { guessJsonFormat, hasAnyField, LOOKS_LIKE } from "./shape.js";
import type { CanonicalIncident, ImportContext, ImportResult } from "./types.js";

const EXPECTED = 'expected a Statuspage incidents.json (an object with "page" and "incidents")';

/**
 * Atlassian Statuspage v2 (`/api/v2/incidents.json`, also served by incident.io pages): an object with `page` and
 * `incidents[]`. `scheduled_maintenances[]` (from `/scheduled-maintenances.json` or `/summary.json`) is read too.
 */
export function importStatuspage(data: unknown, ctx: ImportContext): ImportResult {
  const refuse = (message: string): never => {
    throw new InputError([{ file: ctx.file, message }]);
  };
  if (!isObject(data)) {
    const other = guessJsonFormat(data, "statuspage");
    return refuse(`${EXPECTED}, found ${describeJsonType(data)}${other ? `; it looks like ${other}` : ""}`);
  }
  const incidents = own(data, "incidents");
  const maintenances = own(data, "scheduled_maintenances");
  for (const [key, value] of [
    ["incidents", incidents],
    ["scheduled_maintenances", maintenances],
  ] as const) {
    // incident.io pages write null where Statuspage writes [].
    if (value !== undefined && value !== null && !Array.isArray(value))
      refuse(`"${key}" must be an array, found ${describeJsonType(value)}`);
  }
  if (!Array.isArray(incidents) && !Array.isArray(maintenances) && !(incidents === null || maintenances === null)) {
    const other = guessJsonFormat(data, "statuspage");
    refuse(`${EXPECTED}, found an object without an "incidents" array${other ? `; it looks like ${other}` : ""}`);
  }
  const page = own(data, "page");
  const pageUrl = isObject(page) ? incidentBase(own(page, "url")) : null;
  const items = [
    ...(Array.isArray(incidents) ? (incidents as unknown[]) : []),
    ...(Array.isArray(maintenances) ? (maintenances as unknown[]) : []),
  ];
  return importRecords(items, {
    ctx,
    what: "a Statuspage incident",
    looksLike: (r) => hasAnyField(r, [...LOOKS_LIKE.statuspage.fields, "created_at", "started_at"]),
    shapeHint: [...LOOKS_LIKE.statuspage.fields, "created_at", "started_at"].join(", "),
    updatedAt: updatedField("updated_at"),
    map: (record, id) => mapIncident(record, id, ctx.vendor, pageUrl),
  });
}

/** Statuspage `impact` values that are severities as they stand; `maintenance` marks planned work. */
export const STATUSPAGE_IMPACTS = ["none", "minor", "major", "critical"] as const;
/** Maintenance statuses after which the planned `scheduled_until` stands for the end when `resolved_at` is missing. */
const MAINTENANCE_DONE = new Set(["completed"]);

function mapIncident(record: JsonObject, id: string, vendor: string, pageUrl: string | null): Mapped {
  const impact = own(record, "impact");
  const isMaintenance = impact === "maintenance" || instantField(record, "scheduled_for").kind !== "absent";
  if (isMaintenance && own(record, "status") === "scheduled")
    return { skip: 'scheduled maintenance has not started (status "scheduled")' };

  const start = firstInstant(
    record,
    isMaintenance ? ["scheduled_for", "started_at", "created_at"] : ["started_at", "created_at"],
  );
  if (start.kind === "absent")
    return {
      skip: `has no start time (no ${isMaintenance ? "scheduled_for, started_at or created_at" : "started_at or created_at"})`,
    };
  if (start.kind === "bad") return { skip: start.reason };
  // A maintenance still in progress is open: its planned end is a plan, and one in the future would make the row
  // fail validation ("after the as-of date") on the very day the feed was fetched.
  const done = isMaintenance && MAINTENANCE_DONE.has(String(own(record, "status")));
  const end = firstInstant(record, done ? ["resolved_at", "scheduled_until"] : ["resolved_at"], "ceil");
  if (end.kind === "bad") return { skip: end.reason };
  if (end.kind === "ok" && end.ms < start.ms)
    return { skip: `${end.field} ${end.utc} is before ${start.field} ${start.utc}` };

  let severity: CanonicalIncident["severity"];
  if (isMaintenance) severity = "maintenance";
  else if ((STATUSPAGE_IMPACTS as readonly unknown[]).includes(impact))
    severity = impact as (typeof STATUSPAGE_IMPACTS)[number];
  else if (impact === undefined || impact === null) return { skip: "has no impact" };
  else
    return {
      skip: `impact ${typeof impact === "string" ? JSON.stringify(impact.slice(0, 40)) : describeJsonType(impact)} is not none, minor, major, critical or maintenance`,
    };

  const rca = postmortemAt(record);
  return {
    incident: {
      vendor,
      id,
      title: finishTitle(own(record, "name")),
      startedAt: start.utc,
      resolvedAt: end.kind === "ok" ? end.utc : null,
      severity,
      services: services(record),
      regions: [],
      cause: "unknown",
      aiAgentInvolved: "unknown",
      sourceUrl:
        httpsOrNull(own(record, "shortlink")) ??
        (pageUrl ? httpsOrNull(`${pageUrl}/incidents/${encodeURIComponent(id)}`) : null),
      rcaPublishedAt: rca !== null && rca.ms >= start.ms ? rca.utc : null,
    },
  };
}

/**
 * Components linked to the incident plus those named in its updates' `affected_components` (entries with a `code`;
 * the "No components were affected by this update." sentinel has none). Group components are containers, not
 * components, and are left out.
 */
function services(record: JsonObject): string[] {
  const names: string[] = [];
  const groups = new Set<string>();
  const components = own(record, "components");
  if (Array.isArray(components)) {
    for (const c of components) {
      if (!isObject(c)) continue;
      const cid = own(c, "id");
      if (own(c, "group") === true) {
        if (typeof cid === "string") groups.add(cid);
        continue;
      }
      const name = own(c, "name");
      if (typeof name === "string") names.push(plainText(name));
    }
  }
  for (const update of arrayOf(own(record, "incident_updates"))) {
    for (const a of arrayOf(own(update, "affected_components"))) {
      const code = own(a, "code");
      const name = own(a, "name");
      if (typeof code !== "string" || code.trim() === "" || groups.has(code) || typeof name !== "string") continue;
      if (/^no components were affected/i.test(name.trim())) continue;
      names.push(plainText(name));
    }
  }
  return nameList(names);
}

/**
 * When the postmortem was first published: the earliest update with status "postmortem" (display_at, else
 * created_at).
 */
function postmortemAt(record: JsonObject): { ms: number; utc: string } | null {
  let first: { ms: number; utc: string } | null = null;
  for (const update of arrayOf(own(record, "incident_updates"))) {
    if (own(update, "status") !== "postmortem") continue;
    const at: InstantField = firstInstant(update, ["display_at", "created_at"]);
    if (at.kind === "ok" && (first === null || at.ms < first.ms)) first = { ms: at.ms, utc: at.utc };
  }
  return first;
}

/** `https://host[/path]` of the page, without query or trailing slash; null unless the page URL is https. */
function incidentBase(value: unknown): string | null {
  const href = httpsOrNull(value);
  if (href === null) return null;
  const url = new URL(href);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
