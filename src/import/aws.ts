import { InputError } from "../load/input-issue.js";
import { AWS_HEALTH_PAGE, arnRegion, awsRegionOf, pesLink } from "./aws-common.js";
import { importAwsLegacy } from "./aws-legacy.js";
import { formatUtc, parseEpoch, type Rounding } from "./instant.js";
import { plainText } from "./plain-text.js";
import {
  arrayOf,
  describeJsonType,
  finishTitle,
  idText,
  importRecords,
  isObject,
  nameList,
  own,
  quote,
  type JsonObject,
  type Mapped,
} from "./records.js";
import { guessJsonFormat, hasAnyField, LOOKS_LIKE } from "./shape.js";
import type { CanonicalIncident, ImportContext, ImportResult } from "./types.js";

/**
 * AWS: the Health Dashboard's events (`/public/currentevents`, and history exports of the same shape: a JSON array
 * of events with epoch-second times), or the legacy Service Health Dashboard's `data.json` (an object with
 * `current` and `archive`).
 */
export function importAws(data: unknown, ctx: ImportContext): ImportResult {
  if (isObject(data) && (Array.isArray(own(data, "current")) || Array.isArray(own(data, "archive"))))
    return importAwsLegacy(data, ctx);
  if (!Array.isArray(data)) {
    const other = guessJsonFormat(data, "aws");
    throw new InputError([
      {
        file: ctx.file,
        message: `expected AWS Health events (a JSON array) or the legacy dashboard's data.json (an object with "current" and "archive"), found ${describeJsonType(data)}${other ? `; it looks like ${other}` : ""}`,
      },
    ]);
  }
  return importRecords(data, {
    ctx,
    what: "an AWS Health event",
    looksLike: (r) => hasAnyField(r, LOOKS_LIKE.aws.fields),
    shapeHint: LOOKS_LIKE.aws.fields.join(", "),
    otherFormat: (items) => guessJsonFormat(items, "aws"),
    id: eventId,
    updatedAt: (r) => {
      const last = latest(logTimes(r));
      return last === undefined ? null : { ms: last, utc: formatUtc(last) };
    },
    map: (record, id) => mapEvent(record, id, ctx.vendor),
  });
}

/**
 * Status codes, the same in `status`, `event_log[].status` and `impacted_services[].max`: 0 operational, 1
 * informational, 2 degradation, 3 disruption (the dashboard's legend; AWS documents no schema). The highest code an
 * event reached decides: its top-level `status` is its peak and is not lowered when it is resolved.
 */
export const AWS_SEVERITY: Record<string, CanonicalIncident["severity"]> = {
  "0": "none",
  "1": "none",
  "2": "minor",
  "3": "major",
};

/** The event's ARN; without one, `<service>/<first post>` (dashboards that drop the ARN still list both). */
function eventId(record: JsonObject): string {
  const arn = idText(own(record, "arn"));
  if (arn !== "") return arn;
  const service = idText(own(record, "service"));
  const date = idText(own(record, "date"));
  return service !== "" && date !== "" ? `${service}/${date}` : "";
}

/** A code as a number 0-3 ("3" and 3 alike), or undefined. */
function code(value: unknown): number | undefined {
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\s*\d\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 3 ? n : undefined;
}

/** An epoch timestamp in seconds or milliseconds: AWS writes `impacted_service_status_changes` in milliseconds. */
function epochAuto(value: unknown, rounding: Rounding = "floor") {
  const digits = typeof value === "number" ? Math.abs(value) : Number(typeof value === "string" ? value.trim() : NaN);
  // 1e11 seconds is the year 5138: a larger number can only be milliseconds.
  return parseEpoch(value, digits >= 1e11 ? "ms" : "s", rounding);
}

function logTimes(record: JsonObject): number[] {
  const out: number[] = [];
  for (const entry of arrayOf(own(record, "event_log"))) {
    const t = epochAuto(own(entry, "timestamp"));
    if (t.ok) out.push(t.ms);
  }
  return out;
}

function latest(values: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const v of values) if (best === undefined || v > best) best = v;
  return best;
}

/**
 * When the event ended, or null while it is open. `currentevents` lists open events only, so most have no end.
 * An explicit `end_time` wins; otherwise an event whose every impacted service is back to 0 ended at the last of
 * those changes; otherwise a top-level status of 0 ends it at its last update.
 */
function eventEnd(record: JsonObject): { ms: number } | null | { bad: string } {
  const endTime = own(record, "end_time");
  if (endTime !== undefined && endTime !== null && endTime !== "") {
    const t = epochAuto(endTime, "ceil");
    return t.ok ? { ms: t.ms } : { bad: `end_time ${t.problem}` };
  }
  const changes = arrayOf(own(record, "impacted_service_status_changes"));
  if (changes.length > 0) {
    const last = new Map<string, { ms: number; status: number | undefined }>();
    for (const change of changes) {
      const service = idText(own(change, "service"));
      const t = epochAuto(own(change, "timestamp"), "ceil");
      if (service === "" || !t.ok) continue;
      const seen = last.get(service);
      if (!seen || t.ms >= seen.ms) last.set(service, { ms: t.ms, status: code(own(change, "current_status")) });
    }
    if (last.size > 0 && [...last.values()].every((c) => c.status === 0))
      return { ms: latest([...last.values()].map((c) => c.ms))! };
  }
  if (code(own(record, "status")) === 0) {
    const end = latest(logTimes(record));
    if (end !== undefined) return { ms: end };
  }
  return null;
}

function mapEvent(record: JsonObject, id: string, vendor: string): Mapped {
  const date = own(record, "date");
  const firstLog = logTimes(record).reduce<number | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
  let startMs: number;
  if (date !== undefined && date !== null && date !== "") {
    const t = epochAuto(date);
    if (!t.ok) return { skip: `date ${quote(String(date))} ${t.problem}` };
    startMs = t.ms;
  } else if (firstLog !== undefined) startMs = firstLog;
  else return { skip: "has no date and no timed event_log entry" };

  const end = eventEnd(record);
  if (end !== null && "bad" in end) return { skip: end.bad };
  if (end !== null && end.ms < startMs)
    return { skip: `ends at ${formatUtc(end.ms)}, before its first post at ${formatUtc(startMs)}` };

  const codes = [
    code(own(record, "status")),
    ...arrayOf(own(record, "event_log")).map((e) => code(own(e, "status"))),
    ...Object.values(isObject(own(record, "impacted_services")) ? (own(record, "impacted_services") as JsonObject) : {})
      .filter(isObject)
      .map((s) => code(own(s, "max")) ?? code(own(s, "current"))),
  ].filter((c): c is number => c !== undefined);
  if (codes.length === 0) return { skip: "has no status code (0-3) in status, event_log or impacted_services" };
  const peak = String(Math.max(...codes));

  const messages = arrayOf(own(record, "event_log"))
    .map((e) => own(e, "message"))
    .filter((m): m is string => typeof m === "string");
  const pes = pesLink(messages);
  const rcaAt = pes ? rcaTime(record, pes.path) : undefined;
  return {
    incident: {
      vendor,
      id,
      title: finishTitle(titleOf(record)),
      startedAt: formatUtc(startMs),
      resolvedAt: end === null ? null : formatUtc(end.ms),
      severity: AWS_SEVERITY[peak] ?? "none",
      services: services(record),
      regions: regions(record),
      cause: "unknown",
      aiAgentInvolved: "unknown",
      sourceUrl: pes?.url ?? AWS_HEALTH_PAGE,
      rcaPublishedAt: rcaAt !== undefined && rcaAt >= startMs ? formatUtc(rcaAt) : null,
    },
  };
}

/** `summary`, else the newest update's summary. */
function titleOf(record: JsonObject): unknown {
  const summary = own(record, "summary");
  if (typeof summary === "string" && summary.trim() !== "") return summary;
  const log = arrayOf(own(record, "event_log"));
  return log.length > 0 ? own(log[log.length - 1]!, "summary") : undefined;
}

/** `impacted_services[].service_name`; without any, `service_name` unless it is only "Multiple services". */
function services(record: JsonObject): string[] {
  const impacted = own(record, "impacted_services");
  const names = isObject(impacted)
    ? Object.values(impacted)
        .filter(isObject)
        .map((s) => own(s, "service_name"))
        .filter((n): n is string => typeof n === "string")
        .map(plainText)
    : [];
  if (names.length > 0) return nameList(names);
  const name = own(record, "service_name");
  if (typeof name !== "string" || /^\s*multiple services\s*$/i.test(name)) return [];
  return nameList([plainText(name)]);
}

/** The ARN's region, else the one at the end of the service key; `region_name` is a display name ("UAE") only. */
function regions(record: JsonObject): string[] {
  const fromArn = arnRegion(idText(own(record, "arn")));
  if (fromArn) return [fromArn];
  const fromKey = awsRegionOf(idText(own(record, "service")));
  return fromKey ? [fromKey] : [];
}

/** When the post-event summary link first appeared: the time of the earliest update that carries it. */
function rcaTime(record: JsonObject, path: string): number | undefined {
  let first: number | undefined;
  for (const entry of arrayOf(own(record, "event_log"))) {
    const message = own(entry, "message");
    if (typeof message !== "string" || !message.toLowerCase().includes(path.toLowerCase())) continue;
    const t = epochAuto(own(entry, "timestamp"));
    if (t.ok && (first === undefined || t.ms < first)) first = t.ms;
  }
  return first;
}
