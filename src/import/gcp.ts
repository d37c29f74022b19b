import { InputError } from "../load/input-issue.js";
import { plainText, singleLine } from "./plain-text.js";
import {
  arrayOf,
  describeJsonType,
  finishTitle,
  firstInstant,
  httpsOrNull,
  importRecords,
  nameList,
  own,
  updatedField,
  type JsonObject,
  type Mapped,
} from "./records.js";
import { guessJsonFormat, hasAnyField, LOOKS_LIKE } from "./shape.js";
import type { CanonicalIncident, ImportContext, ImportResult } from "./types.js";

export const GCP_STATUS_SITE = "https://status.cloud.google.com/";

/** Google Cloud Service Health `incidents.json`: a JSON array of incidents, full history, updates newest first. */
export function importGcp(data: unknown, ctx: ImportContext): ImportResult {
  if (!Array.isArray(data)) {
    const other = guessJsonFormat(data, "gcp");
    throw new InputError([
      {
        file: ctx.file,
        message: `expected a Google Cloud incidents.json (a JSON array of incidents), found ${describeJsonType(data)}${other ? `; it looks like ${other}` : ""}`,
      },
    ]);
  }
  const vendor = ctx.vendor;
  return importRecords(data, {
    ctx,
    what: "a Google Cloud incident",
    looksLike: (r) => hasAnyField(r, LOOKS_LIKE.gcp.fields),
    shapeHint: LOOKS_LIKE.gcp.fields.join(", "),
    otherFormat: (items) => guessJsonFormat(items, "gcp"),
    updatedAt: updatedField("modified"),
    map: (record, id) => mapIncident(record, id, vendor),
  });
}

/** `status_impact` -> severity; `severity` is read only when `status_impact` is missing or unknown. */
export const GCP_BY_IMPACT: Record<string, CanonicalIncident["severity"]> = {
  SERVICE_OUTAGE: "major",
  SERVICE_DISRUPTION: "minor",
  SERVICE_INFORMATION: "none",
};
export const GCP_BY_SEVERITY: Record<string, CanonicalIncident["severity"]> = {
  high: "major",
  medium: "minor",
  low: "none",
};

function mapIncident(record: JsonObject, id: string, vendor: string): Mapped {
  const start = firstInstant(record, ["begin"]);
  if (start.kind === "absent") return { skip: "has no begin time" };
  if (start.kind === "bad") return { skip: start.reason };
  const end = firstInstant(record, ["end"], "ceil");
  if (end.kind === "bad") return { skip: end.reason };
  if (end.kind === "ok" && end.ms < start.ms) return { skip: `end ${end.utc} is before begin ${start.utc}` };

  const impact = own(record, "status_impact");
  const nativeSeverity = own(record, "severity");
  const severity =
    (typeof impact === "string" && Object.hasOwn(GCP_BY_IMPACT, impact) ? GCP_BY_IMPACT[impact] : undefined) ??
    (typeof nativeSeverity === "string" && Object.hasOwn(GCP_BY_SEVERITY, nativeSeverity)
      ? GCP_BY_SEVERITY[nativeSeverity]
      : undefined);
  if (severity === undefined) {
    const shown = (v: unknown) =>
      typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : v === undefined ? "missing" : describeJsonType(v);
    return { skip: `no known status_impact (${shown(impact)}) or severity (${shown(nativeSeverity)})` };
  }

  const rca = incidentReportAt(record);
  return {
    incident: {
      vendor,
      id,
      title: finishTitle(own(record, "external_desc")),
      startedAt: start.utc,
      resolvedAt: end.kind === "ok" ? end.utc : null,
      severity,
      services: products(record),
      regions: nameList(
        ["currently_affected_locations", "previously_affected_locations"].flatMap((key) =>
          locationIds(own(record, key)),
        ),
      ),
      cause: "unknown",
      aiAgentInvolved: "unknown",
      sourceUrl: sourceUrl(own(record, "uri"), id),
      rcaPublishedAt: rca !== null && rca.ms >= start.ms ? rca.utc : null,
    },
  };
}

/** `affected_products[].title`; without any, the primary `service_name` unless it is only "Multiple Products". */
function products(record: JsonObject): string[] {
  const titles = arrayOf(own(record, "affected_products"))
    .map((p) => own(p, "title"))
    .filter((t): t is string => typeof t === "string")
    .map(plainText);
  const listed = nameList(titles);
  if (listed.length > 0) return listed;
  const name = own(record, "service_name");
  if (typeof name !== "string") return [];
  const clean = plainText(name);
  return /^multiple products$/i.test(clean) ? [] : nameList([clean]);
}

function locationIds(value: unknown): string[] {
  return arrayOf(value)
    .map((l) => own(l, "id"))
    .filter((id): id is string => typeof id === "string")
    .map(singleLine);
}

/** `https://status.cloud.google.com/` + `uri`; a uri that would lead elsewhere falls back to `incidents/<id>`. */
function sourceUrl(uri: unknown, id: string): string | null {
  const fallback = httpsOrNull(`${GCP_STATUS_SITE}incidents/${encodeURIComponent(id)}`);
  if (typeof uri !== "string" || uri.trim() === "") return fallback;
  let url: URL;
  try {
    url = new URL(singleLine(uri), GCP_STATUS_SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(GCP_STATUS_SITE).origin || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(uri.trim())) return fallback;
  return httpsOrNull(url.href) ?? fallback;
}

/**
 * When the incident report was published: the earliest update that is an "Incident Report" or "Mini Incident
 * Report" (a line starting with that heading, or the report preamble), at its `created` time, else `when`. A
 * sentence that merely promises a report ("we will publish an Incident Report") is not one.
 */
function incidentReportAt(record: JsonObject): { ms: number; utc: string } | null {
  let first: { ms: number; utc: string } | null = null;
  for (const update of arrayOf(own(record, "updates"))) {
    const text = own(update, "text");
    if (typeof text !== "string" || !isIncidentReport(text)) continue;
    const at = firstInstant(update, ["created", "when"]);
    if (at.kind === "ok" && (first === null || at.ms < first.ms)) first = { ms: at.ms, utc: at.utc };
  }
  return first;
}

const REPORT_HEADING = /^[\s#*_>]*(?:mini |preliminary |full )?incident report\b/i;
const REPORT_PREAMBLE = /we would like to provide some information about this incident below/i;

export function isIncidentReport(text: string): boolean {
  if (REPORT_PREAMBLE.test(text)) return true;
  return text.split(/\r?\n/).some((line) => REPORT_HEADING.test(line));
}
