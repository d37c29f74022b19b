import type { CAUSES, SEVERITIES } from "../schema/incident.js";

export const IMPORT_FORMATS = ["statuspage", "gcp"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One incident ready for the canonical CSV. Instants are UTC strings `YYYY-MM-DDTHH:MM:SSZ`; lists hold cleaned,
 * single-line names without `;` (the CSV list separator).
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

export interface ImportResult {
  incidents: CanonicalIncident[];
  skipped: SkippedRecord[];
}

/** The file parsed as JSON but is not the shape the format promises (e.g. an object where an array belongs). */
export class ImportShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportShapeError";
  }
}
