import { importGcp } from "./gcp.js";
import { importStatuspage } from "./statuspage.js";
import type { ImportFormat, ImportResult } from "./types.js";

/** Maps a parsed vendor file to canonical incidents. Throws ImportShapeError when the file is not that format. */
export function importIncidents(data: unknown, format: ImportFormat, vendor: string): ImportResult {
  return format === "statuspage" ? importStatuspage(data, vendor) : importGcp(data, vendor);
}
