import { InputError } from "../load/input-issue.js";
import { formatUtc, parseEpoch } from "./instant.js";
import {
  addDays,
  dayNear,
  findBetween,
  isRealDay,
  pacificDay,
  pacificInstant,
  parseSpanTime,
  type ClockTime,
  type LocalDay,
  type StatedWindow,
} from "./pacific-time.js";
import { decodeEntities, singleLine } from "./plain-text.js";
import {
  describeJsonType,
  finishTitle,
  idText,
  importRecords,
  nameList,
  own,
  quote,
  type JsonObject,
  type Mapped,
} from "./records.js";
import { AWS_HEALTH_PAGE, awsRegionOf, pesLink } from "./aws-common.js";
import type { CanonicalIncident, ImportContext, ImportResult } from "./types.js";

/**
 * The legacy AWS Service Health Dashboard `data.json` (before 2022): `{"current": [...], "archive": [...]}`, one item
 * per event and service, with its updates as HTML in `description`, each update timed in Pacific time.
 */
export function importAwsLegacy(data: JsonObject, ctx: ImportContext): ImportResult {
  const items: unknown[] = [];
  const archived = new WeakSet<object>();
  for (const key of ["current", "archive"] as const) {
    const list = own(data, key);
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list))
      throw new InputError([{ file: ctx.file, message: `"${key}" must be an array, found ${describeJsonType(list)}` }]);
    for (const item of list) {
      items.push(item);
      if (key === "archive" && typeof item === "object" && item !== null) archived.add(item);
    }
  }
  return importRecords(items, {
    ctx,
    what: "an AWS Service Health Dashboard event",
    looksLike: (r) =>
      own(r, "date") !== undefined && (own(r, "service") !== undefined || own(r, "service_name") !== undefined),
    shapeHint: "date with service or service_name",
    id: legacyId,
    updatedAt: (r) => {
      const updates = legacyUpdates(r);
      const last = updates.at(-1);
      return last ? { ms: last.ms, utc: formatUtc(last.ms) } : null;
    },
    map: (record, id) => mapLegacy(record, id, ctx.vendor, archived.has(record)),
  });
}

/**
 * Severity from the dashboard's `status`. Its codes were never documented and sources disagree on whether 1 meant
 * "informational" or "performance issues"; a resolved item is often reset to 0. Every posted event therefore counts
 * at least as minor, and 3 (service disruption) as major: a buyer must not lose downtime to an unknown code.
 */
export const AWS_LEGACY_SEVERITY: Record<string, CanonicalIncident["severity"]> = {
  "0": "minor",
  "1": "minor",
  "2": "minor",
  "3": "major",
};

/** `<service>-<first post>`, e.g. `ec2-us-east-1-1481033166`: the dashboard gives its items no id of their own. */
function legacyId(record: JsonObject): string {
  const service = idText(own(record, "service"));
  const date = idText(own(record, "date"));
  if (date === "") return "";
  return `${service === "" ? "aws" : service}-${date}`;
}

/** Scanning stops after this much HTML or this many updates: more is not a dashboard entry. */
const MAX_DESCRIPTION = 200_000;
const MAX_UPDATES = 1000;

interface LegacyUpdate {
  ms: number;
  day: LocalDay;
  clock: ClockTime;
  text: string;
}

const SPAN = /<span[^>]*\byellowfg\b[^>]*>([^<]{1,80})<\/span>/gi;

/** The updates of a description, timed: each yellow span starts one; its day follows the last "Mon D," seen. */
export function legacyUpdates(record: JsonObject): LegacyUpdate[] {
  const first = parseEpoch(own(record, "date"), "s");
  const description = own(record, "description");
  if (!first.ok || typeof description !== "string") return [];
  const html = description.length > MAX_DESCRIPTION ? description.slice(0, MAX_DESCRIPTION) : description;
  const marks: { at: number; end: number; clock: ClockTime }[] = [];
  for (const m of html.matchAll(SPAN)) {
    const clock = parseSpanTime(decodeEntities(m[1]!).replace(/\u00a0/g, " "));
    if (clock) marks.push({ at: m.index, end: m.index + m[0].length, clock });
    if (marks.length >= MAX_UPDATES) break;
  }
  const updates: LegacyUpdate[] = [];
  let anchor: LocalDay | undefined;
  marks.forEach((mark, i) => {
    const zone = mark.clock.zone ?? "PDT";
    anchor ??= pacificDay(first.ms, zone);
    if (mark.clock.month !== undefined && mark.clock.day !== undefined) {
      const named = dayNear(anchor, mark.clock.month, mark.clock.day);
      if (!isRealDay(named)) return;
      anchor = named;
    }
    const text = html.slice(mark.end, marks[i + 1]?.at ?? html.length);
    updates.push({
      ms: pacificInstant(anchor, mark.clock.hour, mark.clock.minute, zone),
      day: anchor,
      clock: mark.clock,
      text: singleLine(decodeEntities(text.replace(/<[^>]*>/g, " "))),
    });
  });
  return updates;
}

/**
 * Places a stated window on the calendar. Days the text names are used; otherwise the window ends on the day of
 * the update that states it (the day before, when that would put the end after the update), and starts on the day
 * it ends (the day before, when that would put the start after the end).
 */
export function placeWindow(w: StatedWindow, update: LegacyUpdate): { startMs: number; endMs: number } | undefined {
  const at = (day: LocalDay, c: ClockTime) => pacificInstant(day, c.hour, c.minute, c.zone ?? "PDT");
  let endDay = w.end.month !== undefined ? dayNear(update.day, w.end.month, w.end.day!) : update.day;
  if (!isRealDay(endDay)) return undefined;
  if (w.end.month === undefined && at(endDay, w.end) > update.ms) endDay = addDays(endDay, -1);
  const endMs = at(endDay, w.end);
  let startDay = w.start.month !== undefined ? dayNear(endDay, w.start.month, w.start.day!) : endDay;
  if (!isRealDay(startDay)) return undefined;
  if (w.start.month === undefined && at(startDay, w.start) > endMs) startDay = addDays(startDay, -1);
  const startMs = at(startDay, w.start);
  return startMs <= endMs ? { startMs, endMs } : undefined;
}

const RESOLVED_TAG = /^\s*\[\s*resolved\s*\]\s*/i;

function mapLegacy(record: JsonObject, id: string, vendor: string, archived: boolean): Mapped {
  const first = parseEpoch(own(record, "date"), "s");
  if (!first.ok) return { skip: `date ${quote(String(own(record, "date")))} ${first.problem}` };
  const summary = typeof own(record, "summary") === "string" ? (own(record, "summary") as string) : "";
  const status = String(own(record, "status") ?? "").trim();
  const resolved = archived || RESOLVED_TAG.test(summary) || status === "0";
  const updates = legacyUpdates(record);

  let window: { startMs: number; endMs: number } | undefined;
  for (const update of updates) {
    const stated = findBetween(update.text);
    window = stated ? placeWindow(stated, update) : undefined;
    if (window) break;
  }
  let startMs = window?.startMs ?? first.ms;
  let endMs: number | null = window?.endMs ?? null;
  if (endMs === null && resolved) {
    const last = updates.at(-1);
    if (!last) return { skip: "is marked resolved but its description has no timed update to end it" };
    endMs = Math.max(last.ms, startMs);
  }
  if (endMs !== null && endMs < startMs) startMs = endMs;

  const serviceName = typeof own(record, "service_name") === "string" ? (own(record, "service_name") as string) : "";
  const service = singleLine(serviceName).replace(/\s*\([^()]*\)\s*$/, "");
  const serviceKey = idText(own(record, "service"));
  const region = awsRegionOf(serviceKey);
  const pes = pesLink(updates.map((u) => u.text));
  const rcaAt = pes ? updates.find((u) => u.text.includes(pes.path))?.ms : undefined;
  return {
    incident: {
      vendor,
      id,
      title: finishTitle(summary.replace(RESOLVED_TAG, "")),
      startedAt: formatUtc(startMs),
      resolvedAt: endMs === null ? null : formatUtc(endMs),
      severity: AWS_LEGACY_SEVERITY[status] ?? "minor",
      services: nameList(service === "" ? [] : [service]),
      regions: region ? [region] : [],
      cause: "unknown",
      aiAgentInvolved: "unknown",
      sourceUrl: pes?.url ?? AWS_HEALTH_PAGE,
      rcaPublishedAt: rcaAt !== undefined && rcaAt >= startMs ? formatUtc(rcaAt) : null,
    },
  };
}
