import type { CsvSource } from "../load/csv-file.js";
import { newCsvSource, readCsv } from "../load/csv-file.js";
import type { InputIssue } from "../load/input-issue.js";
import type { IncidentFileRef } from "../load/workspace.js";
import { INCIDENT_COLUMNS, incidentRow, OPTIONAL_INCIDENT_COLUMNS, type Incident } from "../schema/incident.js";
import { zodIssuesToInput } from "./zod-issues.js";

/** Past this many errors in one file the rest are counted, not listed: a wrong export repeats the same fault. */
const MAX_ISSUES_PER_FILE = 200;

export interface IncidentContext {
  /** null when caution.yaml could not be read: vendor ids are then not checked. */
  vendorIds: ReadonlySet<string> | null;
  /** End of the as-of day (exclusive), epoch ms: nothing may have happened after it. */
  asOfEnd: number;
  asOf: string;
}

/**
 * Streams one canonical incident CSV, validating every row. Returns the incidents and the file's digest; every
 * problem becomes an issue with its row and column.
 */
export async function validateIncidentFile(
  ref: IncidentFileRef,
  ctx: IncidentContext,
  seen: Map<string, string>,
  onIncident: (incident: Incident) => unknown,
): Promise<{ source: CsvSource; issues: InputIssue[] }> {
  const issues: InputIssue[] = [];
  const source = newCsvSource(ref.file);
  let suppressed = 0;
  const report = (issue: InputIssue) => {
    if (issues.length < MAX_ISSUES_PER_FILE) issues.push(issue);
    else suppressed += 1;
  };
  const parseIssues: InputIssue[] = [];
  for await (const record of readCsv(ref.path, source, INCIDENT_COLUMNS, parseIssues)) {
    flush(parseIssues, report);
    const where = { file: ref.file, row: record.row, line: record.line };
    const values: Record<string, string> = {};
    for (const column of [...INCIDENT_COLUMNS, ...OPTIONAL_INCIDENT_COLUMNS]) values[column] = record.values[column] ?? "";
    const parsed = incidentRow.safeParse(values, { reportInput: true });
    if (!parsed.success) {
      for (const issue of zodIssuesToInput(incidentRow, parsed.error, () => where)) report(issue);
      continue;
    }
    const incident = parsed.data;
    let ok = true;
    const fail = (field: string, message: string) => {
      ok = false;
      report({ ...where, field, message });
    };
    if (ctx.vendorIds && !ctx.vendorIds.has(incident.vendor)) fail("vendor", `"${incident.vendor}" is not a vendor of this workspace; listed in caution.yaml: ${[...ctx.vendorIds].join(", ")}`);
    if (incident.resolvedAt !== null && incident.resolvedAt < incident.startedAt) fail("resolved_at", `${values.resolved_at} is before started_at ${values.started_at}`);
    if (incident.startedAt >= ctx.asOfEnd) fail("started_at", `${values.started_at} is after the workspace as-of date ${ctx.asOf}`);
    if (incident.rcaPublishedAt !== null && incident.rcaPublishedAt < incident.startedAt) fail("rca_published_at", `${values.rca_published_at} is before started_at ${values.started_at}`);
    if (incident.rcaPublishedAt !== null && incident.rcaPublishedAt >= ctx.asOfEnd) fail("rca_published_at", `${values.rca_published_at} is after the workspace as-of date ${ctx.asOf}`);
    if (incident.resolvedAt !== null && incident.resolvedAt >= ctx.asOfEnd) {
      fail("resolved_at", `${values.resolved_at} is after the workspace as-of date ${ctx.asOf}; leave it empty if the incident was open then`);
    }
    const key = `${incident.vendor}\u0000${incident.id}`;
    const first = seen.get(key);
    if (first) fail("id", `incident ${incident.vendor}/${incident.id} already appears at ${first}`);
    else seen.set(key, `${ref.file} row ${record.row}`);
    if (ok) onIncident(incident);
  }
  flush(parseIssues, report);
  if (suppressed > 0) issues.push({ file: ref.file, message: `${suppressed} more error${suppressed === 1 ? "" : "s"} in this file not listed` });
  return { source, issues };
}

function flush(from: InputIssue[], report: (i: InputIssue) => void) {
  for (const issue of from.splice(0)) report(issue);
}
