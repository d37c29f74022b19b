import { InputError } from "../load/input-issue.js";
import { httpsUrl } from "../schema/common.js";
import { incidentRow, LIST_CELL_MAX, LIST_NAME_MAX } from "../schema/incident.js";
import { IMPORT_COLUMNS, listCell, needsNeutralising, rowValues } from "./canonical-csv.js";
import { parseInstant, type Rounding } from "./instant.js";
import { cut, plainText, singleLine } from "./plain-text.js";
import type { CanonicalIncident, ImportContext, ImportNote, ImportResult, SkippedRecord } from "./types.js";

/** Shared plumbing of the importers: safe field access, ids, de-duplication, names, titles, links, limits. */

export type JsonObject = Record<string, unknown>;

/**
 * Records one import reads. Statuspage keeps 50, Google Cloud's full history is about 1,500, an SRE log of ten years
 * of hourly incidents 88,000: more is an export gone wrong, and refusing it bounds the work before it starts.
 */
export const MAX_RECORDS = 100_000;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The objects of an array (anything else in it is ignored); [] for a missing or non-array value. */
export function arrayOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** An own property only: a vendor file must not reach Object.prototype through a missing key. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Outcome of reading one timestamp field: absent (missing, null or blank), parsed, or unusable with a reason. */
export type InstantField =
  { kind: "absent" } | { kind: "ok"; ms: number; utc: string; field: string } | { kind: "bad"; reason: string };

export function instantField(obj: JsonObject, field: string, rounding: Rounding = "floor"): InstantField {
  const value = own(obj, field);
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    return { kind: "absent" };
  if (typeof value !== "string")
    return { kind: "bad", reason: `${field} is ${describeJsonType(value)}, not a timestamp` };
  const parsed = parseInstant(value.trim(), rounding);
  if (!parsed.ok) return { kind: "bad", reason: `${field} ${quote(value)} ${parsed.problem}` };
  return { kind: "ok", ms: parsed.ms, utc: parsed.utc, field };
}

/** The first field that is present (not null); a present but unusable field is not skipped over. */
export function firstInstant(obj: JsonObject, fields: readonly string[], rounding: Rounding = "floor"): InstantField {
  for (const field of fields) {
    const result = instantField(obj, field, rounding);
    if (result.kind !== "absent") return result;
  }
  return { kind: "absent" };
}

/** Untrusted text shown in a message: one line, no control characters, bounded. */
export function quote(value: string, max = 60): string {
  const clean = singleLine(value);
  return `"${clean.length > max ? `${cut(clean, max)}…` : clean}"`;
}

/** Names for a list column: plain text, `;` turned into `,`, no blanks, unique, sorted by code unit. */
export function nameList(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const clean = cut(name.replace(/;/g, ",").trim(), LIST_NAME_MAX);
    if (clean !== "") out.add(clean);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const TITLE_MAX = 500;
export const NO_TITLE = "(no title)";

/** A title as plain text within the 500-character limit, counting the apostrophe a formula-like title gets. */
export function finishTitle(raw: unknown): string {
  const text = typeof raw === "string" ? plainText(raw) : "";
  if (text === "") return NO_TITLE;
  const fitted = cut(text, TITLE_MAX);
  return needsNeutralising(fitted) ? cut(fitted, TITLE_MAX - 1) : fitted;
}

/** The URL if it is a valid https link caution would accept in the source_url column, else null. */
export function httpsOrNull(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const clean = singleLine(value);
  let url: URL;
  try {
    url = new URL(clean);
  } catch {
    return null;
  }
  if (url.protocol !== "https:") return null;
  return httpsUrl.safeParse(url.href).success ? url.href : null;
}

export const ID_MAX = 200;

/** A record's id as text (strings cleaned, finite numbers written out), or "" when it has none. */
export function idText(value: unknown): string {
  if (typeof value === "string") return singleLine(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/**
 * What one record becomes: a row (with notes for the user), more rows when the record states several separate
 * impact windows (Azure), or a skip with its reason.
 */
export type Mapped = { incident: CanonicalIncident; more?: CanonicalIncident[]; notes?: string[] } | { skip: string };

export interface RecordImport {
  ctx: ImportContext;
  /** The format's record in messages, with its article: "a Google Cloud incident", "an AWS Health event". */
  what: string;
  /**
   * Whether a record has the format's shape at all. When the input has records and none has it, the input is not
   * this format: the import stops with exit 2 instead of writing an empty CSV that would score as a clean record.
   */
  looksLike: (record: JsonObject) => boolean;
  /** Names the fields `looksLike` looks for, for that message. */
  shapeHint: string;
  /** Optional: a better guess at what the input is, for that message ("use --format aws"). */
  otherFormat?: (items: readonly unknown[]) => string | undefined;
  /** The record's id; default its `id` field. */
  id?: (record: JsonObject) => string;
  /** When the record was last edited (epoch ms), to keep the newest copy of a duplicated id. */
  updatedAt: (record: JsonObject) => { ms: number; utc: string } | null;
  map: (record: JsonObject, id: string) => Mapped;
}

interface Candidate {
  index: number;
  record: JsonObject;
  id: string;
  updatedMs: number;
  updatedUtc: string | null;
}

/** The newest-edit reader for feeds with an RFC 3339 field (`updated_at`, `modified`). */
export function updatedField(field: string) {
  return (record: JsonObject) => {
    const f = instantField(record, field);
    return f.kind === "ok" ? { ms: f.ms, utc: f.utc } : null;
  };
}

/**
 * Runs one importer over the vendor's records: the shape and the count are checked, ids are checked, duplicated ids
 * keep their newest copy, every record becomes a row or a skip with its reason. Skips are listed in file order.
 */
export function importRecords(items: readonly unknown[], how: RecordImport): ImportResult {
  const { file } = how.ctx;
  if (items.length > MAX_RECORDS) {
    throw new InputError([
      {
        file,
        message: `has more than ${MAX_RECORDS} records, the limit per import: split the file, or import only the period you assess`,
      },
    ]);
  }
  if (items.length > 0 && !items.some((item) => isObject(item) && how.looksLike(item))) {
    const other = how.otherFormat?.(items);
    const which = items.length === 1 ? "the one record does not look" : `none of the ${items.length} records looks`;
    throw new InputError([
      { file, message: `${which} like ${how.what} (no ${how.shapeHint})${other ? `; it looks like ${other}` : ""}` },
    ]);
  }
  const skipped: { index: number; entry: SkippedRecord }[] = [];
  const candidates: Candidate[] = [];
  items.forEach((item, index) => {
    const label = `#${index + 1}`;
    if (!isObject(item)) {
      skipped.push({ index, entry: { id: label, reason: `is ${describeJsonType(item)}, not an incident object` } });
      return;
    }
    const id = how.id ? how.id(item) : idText(own(item, "id"));
    if (id === "") {
      skipped.push({ index, entry: { id: label, reason: "has no id" } });
      return;
    }
    if (id.length + (needsNeutralising(id) ? 1 : 0) > ID_MAX) {
      skipped.push({ index, entry: { id: `${cut(id, 40)}…`, reason: `id is longer than ${ID_MAX} characters` } });
      return;
    }
    const updated = how.updatedAt(item);
    candidates.push({
      index,
      record: item,
      id,
      updatedMs: updated ? updated.ms : Number.NEGATIVE_INFINITY,
      updatedUtc: updated ? updated.utc : null,
    });
  });

  const winners = new Map<string, Candidate>();
  for (const c of candidates) {
    const best = winners.get(c.id);
    if (!best || c.updatedMs > best.updatedMs) winners.set(c.id, c);
  }

  const incidents: CanonicalIncident[] = [];
  const notes: { index: number; note: ImportNote }[] = [];
  for (const c of candidates) {
    const winner = winners.get(c.id);
    if (winner !== c) {
      const kept = winner?.updatedUtc
        ? `kept the copy updated at ${winner.updatedUtc}`
        : "kept the first copy (no copy has a valid update time)";
      skipped.push({ index: c.index, entry: { id: c.id, reason: `duplicate id; ${kept}` } });
      continue;
    }
    const mapped = how.map(c.record, c.id);
    if ("skip" in mapped) {
      skipped.push({ index: c.index, entry: { id: c.id, reason: mapped.skip } });
      continue;
    }
    for (const incident of [mapped.incident, ...(mapped.more ?? [])]) {
      const finished = fitLists(incident);
      const problem = rowProblem(finished.incident);
      if (problem) {
        skipped.push({ index: c.index, entry: { id: incident.id, reason: problem } });
        continue;
      }
      incidents.push(finished.incident);
      for (const message of finished.notes) notes.push({ index: c.index, note: { id: incident.id, message } });
    }
    for (const message of mapped.notes ?? []) notes.push({ index: c.index, note: { id: c.id, message } });
  }
  skipped.sort((a, b) => a.index - b.index);
  notes.sort((a, b) => a.index - b.index);
  return { incidents, skipped: skipped.map((s) => s.entry), notes: notes.map((n) => n.note) };
}

/**
 * A list longer than the cell limit is written empty, which caution reads as "every service" (or region): the one
 * reading that cannot hide an outage from a buyer whose service was among those cut off.
 */
export function fitLists(incident: CanonicalIncident): { incident: CanonicalIncident; notes: string[] } {
  const notes: string[] = [];
  const fit = (names: string[], column: "services" | "regions") => {
    const cell = listCell(names);
    if (cell.length + (needsNeutralising(cell) ? 1 : 0) <= LIST_CELL_MAX) return names;
    notes.push(
      `${names.length} ${column} (${cell.length} characters) are over the ${LIST_CELL_MAX}-character limit of the ${column} column; written empty, which counts the incident against every ${column === "services" ? "service" : "region"}`,
    );
    return [];
  };
  const services = fit(incident.services, "services");
  const regions = fit(incident.regions, "regions");
  return { incident: { ...incident, services, regions }, notes };
}

/**
 * Last line of defence: the row, as a spreadsheet-safe cell would read back, must satisfy the canonical schema, so
 * `caution validate` never rejects what `caution incidents import` wrote.
 */
export function rowProblem(incident: CanonicalIncident): string | undefined {
  const values = rowValues(incident);
  const readBack: Record<string, string> = {};
  for (const column of IMPORT_COLUMNS)
    readBack[column] = needsNeutralising(values[column]) ? `'${values[column]}` : values[column];
  const parsed = incidentRow.safeParse(readBack);
  if (parsed.success) return undefined;
  const first = parsed.error.issues[0];
  return `would not be a valid incident row (${first ? `${first.path.join(".")}: ${first.message}` : "invalid"})`;
}
