import { httpsUrl } from "../schema/common.js";
import { incidentRow } from "../schema/incident.js";
import { IMPORT_COLUMNS, needsNeutralising, rowValues } from "./canonical-csv.js";
import { parseInstant } from "./instant.js";
import { cut, plainText, singleLine } from "./plain-text.js";
import type { CanonicalIncident, ImportResult, SkippedRecord } from "./types.js";

/** Shared plumbing of the importers: safe field access, ids, de-duplication, names, titles, links. */

export type JsonObject = Record<string, unknown>;

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

export function instantField(obj: JsonObject, field: string): InstantField {
  const value = own(obj, field);
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    return { kind: "absent" };
  if (typeof value !== "string")
    return { kind: "bad", reason: `${field} is ${describeJsonType(value)}, not a timestamp` };
  const parsed = parseInstant(value.trim());
  if (!parsed.ok) return { kind: "bad", reason: `${field} ${quote(value)} ${parsed.problem}` };
  return { kind: "ok", ms: parsed.ms, utc: parsed.utc, field };
}

/** The first field that is present (not null); a present but unusable field is not skipped over. */
export function firstInstant(obj: JsonObject, fields: readonly string[]): InstantField {
  for (const field of fields) {
    const result = instantField(obj, field);
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
    const clean = name.replace(/;/g, ",").trim();
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

export type Mapped = { incident: CanonicalIncident } | { skip: string };

export interface RecordImport {
  /** Field holding the time of the last edit, used to keep the newest copy of a duplicated id. */
  updatedField: string;
  map: (record: JsonObject, id: string) => Mapped;
}

interface Candidate {
  index: number;
  record: JsonObject;
  id: string;
  updatedMs: number;
  updatedUtc: string | null;
}

/**
 * Runs one importer over the vendor's records: ids are checked, duplicated ids keep their newest copy, every record
 * becomes a row or a skip with its reason. Skips are listed in file order.
 */
export function importRecords(items: readonly unknown[], how: RecordImport): ImportResult {
  const skipped: { index: number; entry: SkippedRecord }[] = [];
  const candidates: Candidate[] = [];
  items.forEach((item, index) => {
    const label = `#${index + 1}`;
    if (!isObject(item)) {
      skipped.push({ index, entry: { id: label, reason: `is ${describeJsonType(item)}, not an incident object` } });
      return;
    }
    const rawId = own(item, "id");
    const id =
      typeof rawId === "string"
        ? singleLine(rawId)
        : typeof rawId === "number" && Number.isFinite(rawId)
          ? String(rawId)
          : "";
    if (id === "") {
      skipped.push({ index, entry: { id: label, reason: "has no id" } });
      return;
    }
    if (id.length + (needsNeutralising(id) ? 1 : 0) > ID_MAX) {
      skipped.push({ index, entry: { id: `${cut(id, 40)}…`, reason: `id is longer than ${ID_MAX} characters` } });
      return;
    }
    const updated = instantField(item, how.updatedField);
    const ok = updated.kind === "ok";
    candidates.push({
      index,
      record: item,
      id,
      updatedMs: ok ? updated.ms : Number.NEGATIVE_INFINITY,
      updatedUtc: ok ? updated.utc : null,
    });
  });

  const winners = new Map<string, Candidate>();
  for (const c of candidates) {
    const best = winners.get(c.id);
    if (!best || c.updatedMs > best.updatedMs) winners.set(c.id, c);
  }

  const incidents: CanonicalIncident[] = [];
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
    const problem = rowProblem(mapped.incident);
    if (problem) skipped.push({ index: c.index, entry: { id: c.id, reason: problem } });
    else incidents.push(mapped.incident);
  }
  skipped.sort((a, b) => a.index - b.index);
  return { incidents, skipped: skipped.map((s) => s.entry) };
}

/**
 * Last line of defence: the row, as a spreadsheet-safe cell would read back, must satisfy the canonical schema, so
 * `caution validate` never rejects what `caution incidents import` wrote.
 */
function rowProblem(incident: CanonicalIncident): string | undefined {
  const values = rowValues(incident);
  const readBack: Record<string, string> = {};
  for (const column of IMPORT_COLUMNS)
    readBack[column] = needsNeutralising(values[column]) ? `'${values[column]}` : values[column];
  const parsed = incidentRow.safeParse(readBack);
  if (parsed.success) return undefined;
  const first = parsed.error.issues[0];
  return `would not be a valid incident row (${first ? `${first.path.join(".")}: ${first.message}` : "invalid"})`;
}
