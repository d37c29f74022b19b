import { parse } from "csv-parse/sync";
import { InputError, type InputIssue } from "../../load/input-issue.js";
import { INCIDENT_COLUMNS, incidentRow } from "../../schema/incident.js";
import { csvCell, IMPORT_COLUMNS, rowValues, type ImportColumn } from "../canonical-csv.js";
import type { CanonicalIncident } from "../types.js";

/**
 * Merging pulled incidents into the workspace's `incidents/<vendor>.csv`. Rows already there are kept, with any
 * extra columns; a pulled incident replaces the feed's fields of the row with its id and adds a row otherwise. What
 * an analyst decides and a feed cannot know, the `cause` and `ai_agent_involved` of a row, is kept unless it is
 * still empty or unknown, so a pull never undoes a reading of the post-mortem.
 */

/** Columns a person fills in after reading the post-mortem; a feed only ever says "unknown". */
const ANALYST_COLUMNS: readonly ImportColumn[] = ["cause", "ai_agent_involved"];

export interface ExistingCsv {
  header: string[];
  rows: Record<string, string>[];
}

/** Reads the existing file (decoded); refuses one `caution validate` would refuse, before anything is written. */
export function readExistingCsv(text: string, file: string): ExistingCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const lines = (err as { lines?: number }).lines;
    throw new InputError([
      {
        file,
        ...(lines !== undefined ? { line: lines } : {}),
        message: `is not a readable CSV (${(err as Error).message}); fix it or move it away, then pull again`,
      },
    ]);
  }
  const [head, ...body] = records;
  if (!head) return { header: [...IMPORT_COLUMNS], rows: [] };
  const header = head.map((h) => h.trim());
  const missing = INCIDENT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new InputError([
      { file, row: 1, message: `is not a canonical incident CSV: the header lacks ${missing.join(", ")}` },
    ]);
  const issues: InputIssue[] = [];
  const seen = new Map<string, number>();
  const rows = body.map((fields, i) => {
    const row = i + 2;
    const values = Object.fromEntries(header.map((h, j) => [h, fields[j] ?? ""]));
    const canonical = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, values[c] ?? ""]));
    const parsed = incidentRow.safeParse(canonical);
    if (!parsed.success && issues.length < 20) {
      const first = parsed.error.issues[0]!;
      issues.push({
        file,
        row,
        field: String(first.path[0] ?? ""),
        message: `${first.message}; fix the row, then pull again`,
      });
    }
    const key = `${values.vendor}\u0000${(values.id ?? "").trim()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined && issues.length < 20)
      issues.push({
        file,
        row,
        field: "id",
        message: `repeats the incident of row ${earlier}; fix it, then pull again`,
      });
    seen.set(key, row);
    return values;
  });
  if (issues.length > 0) throw new InputError(issues);
  return { header, rows };
}

export interface MergeOutcome {
  csv: string;
  added: number;
  updated: number;
  unchanged: number;
  /** Ids of open rows closed because the feed of open events no longer lists them. */
  closed: string[];
}

export interface MergeOptions {
  vendor: string;
  /** Open rows with these ids get `resolved_at = at`: they were open in the last pull and are gone from this one. */
  close?: { ids: ReadonlySet<string>; at: string } | undefined;
}

export function mergeIncidents(
  existing: ExistingCsv | undefined,
  pulled: readonly CanonicalIncident[],
  opts: MergeOptions,
): MergeOutcome {
  const base = existing ?? { header: [...IMPORT_COLUMNS], rows: [] };
  const extras = base.header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  const header = [...IMPORT_COLUMNS, ...extras];
  const rows = base.rows.map((r) => ({ ...r }));
  const byId = new Map<string, Record<string, string>>();
  for (const row of rows) if (row.vendor === opts.vendor) byId.set((row.id ?? "").trim(), row);

  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const incident of pulled) {
    const values: Record<string, string> = rowValues(incident);
    const row = byId.get(incident.id);
    if (!row) {
      const fresh = Object.fromEntries(header.map((h) => [h, values[h] ?? ""]));
      rows.push(fresh);
      byId.set(incident.id, fresh);
      added += 1;
      continue;
    }
    let changed = false;
    for (const column of IMPORT_COLUMNS) {
      const kept = row[column] ?? "";
      if (ANALYST_COLUMNS.includes(column) && kept !== "" && kept !== "unknown") continue;
      const next = values[column]!;
      if (kept !== next) {
        row[column] = next;
        changed = true;
      }
    }
    if (changed) updated += 1;
    else unchanged += 1;
  }

  const closed: string[] = [];
  if (opts.close) {
    const at = Date.parse(opts.close.at);
    for (const id of opts.close.ids) {
      const row = byId.get(id);
      if (!row || (row.resolved_at ?? "") !== "" || Date.parse(row.started_at ?? "") > at) continue;
      row.resolved_at = opts.close.at;
      closed.push(id);
    }
  }

  rows.sort((a, b) => {
    const sa = Date.parse(a.started_at ?? "");
    const sb = Date.parse(b.started_at ?? "");
    if (sa !== sb) return sa < sb ? -1 : 1;
    const ia = a.id ?? "";
    const ib = b.id ?? "";
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const lines = [header.map(csvCell).join(","), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? "")).join(","))];
  return { csv: `${lines.join("\n")}\n`, added, updated, unchanged, closed: closed.sort() };
}
