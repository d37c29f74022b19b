import { UsageError } from "../run/errors.js";
import { formatCanonicalCsv } from "./canonical-csv.js";
import { loadIncidentMap } from "./csv-map.js";
import { readFeedFile } from "./feed-text.js";
import { importIncidents } from "./import-incidents.js";
import type { ImportFormat, ImportResult } from "./types.js";

export interface ImportRequest {
  /** The vendor file as the user named it. */
  file: string;
  format: ImportFormat;
  vendor: string;
  /** The mapping file; required for (and only for) the csv format. */
  map?: string | undefined;
}

/**
 * `caution incidents import`, without the printing: reads the file (and the mapping), maps it, and returns the
 * canonical CSV and what was left out. Throws UsageError or InputError (exit 2).
 */
export async function runImport(req: ImportRequest): Promise<{ csv: string; result: ImportResult }> {
  if (req.format === "csv" && req.map === undefined)
    throw new UsageError("--format csv needs --map <mapping.yaml>: the file that says which column is which");
  if (req.format !== "csv" && req.map !== undefined)
    throw new UsageError(`--map is for --format csv; ${req.format} feeds need no mapping`);
  const map = req.map === undefined ? undefined : await loadIncidentMap(req.map);
  const feed = await readFeedFile(req.file, req.file);
  const result = importIncidents(feed.text, req.format, { vendor: req.vendor, file: req.file }, map);
  return { csv: formatCanonicalCsv(result.incidents), result };
}

/** What the import says (each a line after "caution: "): every skip with its reason, every note, then the count. */
export function importReport(result: ImportResult): string[] {
  const n = result.incidents.length;
  return [
    ...result.skipped.map((s) => `skipped ${s.id}: ${s.reason}`),
    ...result.notes.map((s) => `note ${s.id}: ${s.message}`),
    `imported ${n} incident${n === 1 ? "" : "s"}, skipped ${result.skipped.length}`,
  ];
}
