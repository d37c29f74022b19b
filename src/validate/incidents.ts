import type { CsvHeader, CsvRecord, CsvSource } from "../load/csv-file.js";
import { newCsvSource, readCsv, recordValues } from "../load/csv-file.js";
import type { InputIssue } from "../load/input-issue.js";
import type { IncidentFileRef } from "../load/workspace.js";
import { INCIDENT_COLUMNS, incidentRow, OPTIONAL_INCIDENT_COLUMNS, type Incident } from "../schema/incident.js";
import { MAX_SUSPECTS, type DuplicateFilter } from "./duplicate-filter.js";
import { fastIncident, type FieldIndex, type RowFields } from "./incident-fast-path.js";
import { zodIssuesToInput } from "./zod-issues.js";

/** Past this many errors in one file the rest are counted, not listed: a wrong export repeats the same fault. */
const MAX_ISSUES_PER_FILE = 200;
/**
 * Past this many errors in one file it is not read further: a file that is wrong on a thousand rows is not a
 * canonical incident file, and reading thirty million more malformed rows would only take minutes to say so.
 */
export const MAX_ERRORS_READ_PER_FILE = 1_000;

const COLUMNS = [...INCIDENT_COLUMNS, ...OPTIONAL_INCIDENT_COLUMNS];
const IGNORE = { push: () => undefined };

export interface IncidentContext {
  /** null when caution.yaml could not be read: vendor ids are then not checked. */
  vendorIds: ReadonlySet<string> | null;
  /** End of the as-of day (exclusive), epoch ms: nothing may have happened after it. */
  asOfEnd: number;
  asOf: string;
}

export const incidentKey = (vendor: string, id: string) => `${vendor}\u0000${id}`;

/**
 * Streams one canonical incident CSV, validating every row as it is parsed and handing valid incidents on. Every
 * problem becomes an issue with its row and column. Duplicate ids are only noted as suspects here (in fixed
 * memory); `findDuplicates` settles them afterwards.
 */
export async function validateIncidentFile(
  ref: IncidentFileRef,
  ctx: IncidentContext,
  duplicates: DuplicateFilter,
  onIncident: (incident: Incident) => unknown,
): Promise<{ source: CsvSource; issues: InputIssue[] }> {
  const issues: InputIssue[] = [];
  let suppressed = 0;
  const report = (issue: InputIssue) => {
    if (issues.length < MAX_ISSUES_PER_FILE) issues.push(issue);
    else suppressed += 1;
  };
  // Parse errors go straight to the bounded list: a file of malformed rows keeps 200 issues and a count, however long.
  const parseIssues = { push: report, full: () => issues.length + suppressed >= MAX_ERRORS_READ_PER_FILE };
  let unchecked = 0;
  const source = newCsvSource(ref.file);
  let index: FieldIndex | undefined;
  let indexFor: CsvHeader | undefined;
  await readCsv(ref.path, source, INCIDENT_COLUMNS, parseIssues, (record: CsvRecord, header: CsvHeader) => {
    if (indexFor !== header) {
      indexFor = header;
      index = Object.fromEntries(COLUMNS.map((c) => [c, header.index.get(c) ?? -1])) as unknown as FieldIndex;
    }
    const fields = record.fields;
    // Field values by name, needed only for messages and for rows the fast path leaves to zod.
    const value = (column: string) => {
      const i = header.index.get(column);
      return i === undefined ? "" : (fields[i] ?? "");
    };
    let incident = fastIncident(fields, index!);
    if (!incident) {
      const values: RowFields = {};
      for (const column of COLUMNS) values[column] = value(column);
      const parsed = incidentRow.safeParse(values, { reportInput: true });
      if (!parsed.success) {
        for (const issue of zodIssuesToInput(incidentRow, parsed.error, () => ({
          file: ref.file,
          row: record.row,
          line: record.line,
        })))
          report(issue);
        return;
      }
      incident = parsed.data;
    }
    if (!duplicates.add(incident.vendor, incident.id)) unchecked += 1;
    // Cross-field checks; the closures for wording an error are only made when one fails.
    const { startedAt, resolvedAt, rcaPublishedAt } = incident;
    const badVendor = ctx.vendorIds !== null && !ctx.vendorIds.has(incident.vendor);
    const late =
      startedAt >= ctx.asOfEnd ||
      (resolvedAt !== null && (resolvedAt < startedAt || resolvedAt >= ctx.asOfEnd)) ||
      (rcaPublishedAt !== null && (rcaPublishedAt < startedAt || rcaPublishedAt >= ctx.asOfEnd));
    if (!badVendor && !late) {
      onIncident(incident);
      return;
    }
    const fail = (field: string, message: string) =>
      report({ file: ref.file, row: record.row, line: record.line, field, message });
    if (badVendor)
      fail(
        "vendor",
        `"${incident.vendor}" is not a vendor of this workspace; listed in caution.yaml: ${[...ctx.vendorIds!].join(", ")}`,
      );
    if (resolvedAt !== null && resolvedAt < startedAt)
      fail("resolved_at", `${value("resolved_at")} is before started_at ${value("started_at")}`);
    if (startedAt >= ctx.asOfEnd)
      fail("started_at", `${value("started_at")} is after the workspace as-of date ${ctx.asOf}`);
    if (resolvedAt !== null && resolvedAt >= ctx.asOfEnd) {
      fail(
        "resolved_at",
        `${value("resolved_at")} is after the workspace as-of date ${ctx.asOf}; leave it empty if the incident was open then`,
      );
    }
    if (rcaPublishedAt !== null && rcaPublishedAt < startedAt)
      fail("rca_published_at", `${value("rca_published_at")} is before started_at ${value("started_at")}`);
    if (rcaPublishedAt !== null && rcaPublishedAt >= ctx.asOfEnd)
      fail("rca_published_at", `${value("rca_published_at")} is after the workspace as-of date ${ctx.asOf}`);
  });
  if (unchecked > 0) {
    issues.push({
      file: ref.file,
      message: `${unchecked} more row${unchecked === 1 ? "" : "s"} look${unchecked === 1 ? "s" : ""} like a repeat of an incident id seen earlier; past ${String(MAX_SUSPECTS).replace(/\B(?=(\d{3})+$)/g, ",")} possible repeats they are counted, not checked: fix the repeats listed and run again`,
    });
  }
  if (issues.length + suppressed >= MAX_ERRORS_READ_PER_FILE)
    issues.push({
      file: ref.file,
      message: `${suppressed} more errors in this file not listed; after ${MAX_ERRORS_READ_PER_FILE.toLocaleString("en")} errors the rest of the file was not read: is it a canonical incident CSV? (caution incidents import converts status-page feeds)`,
    });
  else if (suppressed > 0)
    issues.push({
      file: ref.file,
      message: `${suppressed} more error${suppressed === 1 ? "" : "s"} in this file not listed`,
    });
  return { source, issues };
}

/**
 * The second pass for suspected duplicates: reads the files again, only the vendor and id columns, and reports
 * each repeat of a suspect key with the row where it first appeared (the first MAX_ISSUES_PER_FILE per file, then
 * a count).
 */
export async function findDuplicates(
  refs: readonly IncidentFileRef[],
  suspects: ReadonlySet<string>,
): Promise<InputIssue[]> {
  const first = new Map<string, string>();
  const issues: InputIssue[] = [];
  for (const ref of refs) {
    let listed = 0;
    let more = 0;
    // The first pass reported every parse problem; this one only looks for the suspects.
    await readCsv(ref.path, newCsvSource(ref.file), INCIDENT_COLUMNS, IGNORE, (record, header) => {
      const v = recordValues(record, header);
      const vendor = v.vendor ?? "";
      const id = (v.id ?? "").trim();
      const key = incidentKey(vendor, id);
      if (!suspects.has(key)) return;
      const seen = first.get(key);
      if (!seen) first.set(key, `${ref.file} row ${record.row}`);
      else if (listed < MAX_ISSUES_PER_FILE) {
        listed += 1;
        issues.push({
          file: ref.file,
          row: record.row,
          line: record.line,
          field: "id",
          message: `incident ${vendor}/${id} already appears at ${seen}`,
        });
      } else more += 1;
    });
    if (more > 0)
      issues.push({
        file: ref.file,
        message: `${more} more repeated incident id${more === 1 ? "" : "s"} in this file not listed`,
      });
  }
  return issues;
}
