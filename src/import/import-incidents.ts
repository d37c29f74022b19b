import type { IncidentMap } from "../schema/incident-map.js";
import { importAws } from "./aws.js";
import { importAzure } from "./azure.js";
import { importCsvLog } from "./csv-map.js";
import { importGcp } from "./gcp.js";
import { parseJsonText } from "./read-json.js";
import { importStatuspage } from "./statuspage.js";
import type { ImportContext, ImportFormat, ImportResult } from "./types.js";

/**
 * Maps a vendor feed's text to canonical incidents. Throws InputError naming `ctx.file` when the text is not that
 * format (invalid JSON or XML, a wrong shape, records none of which has the format's fields).
 */
export function importIncidents(
  text: string,
  format: ImportFormat,
  ctx: ImportContext,
  map?: IncidentMap,
): ImportResult {
  switch (format) {
    case "statuspage":
      return importStatuspage(parseJsonText(text, ctx.file), ctx);
    case "gcp":
      return importGcp(parseJsonText(text, ctx.file), ctx);
    case "aws":
      return importAws(parseJsonText(text, ctx.file), ctx);
    case "azure":
      return importAzure(text, ctx);
    case "csv":
      if (!map) throw new Error("the csv format needs a mapping file");
      return importCsvLog(text, map, ctx);
  }
}
