import { stat } from "node:fs/promises";
import { InputError } from "../load/input-issue.js";
import { describeFsError } from "../common/fs-errors.js";
import { readCsvForm } from "./read-csv.js";
import { MAX_SHEET_BYTES, type SheetData } from "./sheet-data.js";
import { bytes } from "./xlsx-limits.js";

/** Reads a filled form (.xlsx or .csv) into rows of cells and their places; nothing is checked yet. */
export async function readSheet(path: string, shown = path): Promise<SheetData> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError([{ file: shown, message: "is a folder, not a file" }]);
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([{ file: shown, message: describeFsError(err) }]);
  }
  if (size > MAX_SHEET_BYTES)
    throw new InputError([
      { file: shown, message: `file is ${bytes(size)}; the limit is ${bytes(MAX_SHEET_BYTES)} for a filled form` },
    ]);
  if (/\.xlsx$/i.test(path)) {
    // Loaded here, not at start-up: only this command reads workbooks (the zip and XML libraries stay off the path).
    const { readXlsxForm } = await import("./read-xlsx.js");
    return readXlsxForm(path, shown);
  }
  if (/\.csv$/i.test(path)) return readCsvForm(path, shown);
  throw new InputError([
    { file: shown, message: "must be a .xlsx or .csv file exported by caution questionnaire export" },
  ]);
}
