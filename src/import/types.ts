import type { CAUSES, SEVERITIES } from "../schema/incident.js";

/**
 * The formats `caution incidents import --format` reads. `csv` is any incident log CSV, read through a mapping file
 * (`--map`); the others are vendor feeds.
 */
export const IMPORT_FORMATS = ["statuspage", "gcp", "aws", "azure", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One incident ready for the canonical CSV. Instants are UTC strings from formatUtc (`YYYY-MM-DDTHH:MM:SSZ`, with
 * `.mmm` when the instant has milliseconds); lists hold cleaned, single-line names without `;` (the CSV list
 * separator).
 */
export interface CanonicalIncident {
  vendor: string;
  id: string;
  title: string;
  startedAt: string;
  /** null while the incident is open. */
  resolvedAt: string | null;
  severity: (typeof SEVERITIES)[number];
  services: string[];
  regions: string[];
  cause: (typeof CAUSES)[number];
  aiAgentInvolved: "yes" | "no" | "unknown";
  sourceUrl: string | null;
  rcaPublishedAt: string | null;
}

/** A record of the vendor file that did not become a row, and why. `id` is printable (cleaned) text. */
export interface SkippedRecord {
  id: string;
  reason: string;
}

/** Something a user should know about a row that was written (a list too long to keep, an assumed value). */
export interface ImportNote {
  id: string;
  message: string;
}

export interface ImportResult {
  incidents: CanonicalIncident[];
  skipped: SkippedRecord[];
  notes: ImportNote[];
}

/** What every importer is told: whose incidents these are and where they came from (a file or a URL). */
export interface ImportContext {
  vendor: string;
  /** The input as the user named it; every error names it. */
  file: string;
}
