import { INCIDENT_COLUMNS, OPTIONAL_INCIDENT_COLUMNS } from "../schema/incident.js";
import type { CanonicalIncident } from "./types.js";

/** Importers write every canonical column plus `rca_published_at`, so the root-cause date is not lost. */
export const IMPORT_COLUMNS = [...INCIDENT_COLUMNS, ...OPTIONAL_INCIDENT_COLUMNS] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** First characters that make a spreadsheet treat a cell as a formula (or strip them on the way there). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** True when a cell would be prefixed with `'` on output; callers that bound a length count it in. */
export function needsNeutralising(value: string): boolean {
  return FORMULA_START.test(value);
}

/**
 * One CSV cell: a value a spreadsheet would run as a formula gets a leading apostrophe, then the cell is quoted
 * (RFC 4180) when it holds a comma, a quote, CR or LF.
 */
export function csvCell(value: string): string {
  const safe = needsNeutralising(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A list cell: names joined with `;`, a `;` inside a name becoming `,` so the list splits back the same way. */
export function listCell(values: readonly string[]): string {
  return values.map((v) => v.replace(/;/g, ",")).join(";");
}

export function rowValues(incident: CanonicalIncident): Record<ImportColumn, string> {
  return {
    vendor: incident.vendor,
    id: incident.id,
    title: incident.title,
    started_at: incident.startedAt,
    resolved_at: incident.resolvedAt ?? "",
    severity: incident.severity,
    services: listCell(incident.services),
    regions: listCell(incident.regions),
    cause: incident.cause,
    ai_agent_involved: incident.aiAgentInvolved,
    source_url: incident.sourceUrl ?? "",
    rca_published_at: incident.rcaPublishedAt ?? "",
  };
}

/**
 * Deterministic order: by start instant, then by id (UTF-16 code units, independent of the locale). Instants are
 * compared as instants: "10:00:05Z" and "10:00:05.400Z" do not sort as strings do.
 */
export function compareIncidents(a: CanonicalIncident, b: CanonicalIncident): number {
  const sa = Date.parse(a.startedAt);
  const sb = Date.parse(b.startedAt);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** The canonical CSV: header and one row per incident, sorted, `\n` line ends, ending with a newline. */
export function formatCanonicalCsv(incidents: readonly CanonicalIncident[]): string {
  const lines = [IMPORT_COLUMNS.join(",")];
  for (const incident of [...incidents].sort(compareIncidents)) {
    const values = rowValues(incident);
    lines.push(IMPORT_COLUMNS.map((c) => csvCell(values[c])).join(","));
  }
  return `${lines.join("\n")}\n`;
}
