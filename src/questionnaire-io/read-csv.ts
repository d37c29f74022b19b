import { readFile } from "node:fs/promises";
import { newCsvSource, readCsv } from "../load/csv-file.js";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { describeFsError } from "../common/fs-errors.js";
import { VERSION_COLUMN, columnKeyForHeader } from "./columns.js";
import { unneutralise } from "./cells.js";
import {
  MAX_SHEET_ROWS,
  evidenceItems,
  requireColumns,
  type SheetCell,
  type SheetData,
  type SheetRow,
} from "./sheet-data.js";
import { count } from "./xlsx-limits.js";
import { firstInvalidUtf8, lineOfOffset } from "../load/utf8.js";

/** Thrown by the record handler to stop the CSV reader at the row limit; never leaves this file. */
class RowLimitReached extends Error {}

/**
 * Reads a CSV form: the header names the columns (keys or titles), each row answers one question, and the
 * questionnaire version stands in its own column. The file must be UTF-8 (a UTF-8 byte-order mark is fine):
 * anything else is refused with the first invalid byte named, instead of being read as replacement characters.
 */
export async function readCsvForm(path: string, file: string): Promise<SheetData> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw new InputError([{ file, message: describeFsError(err) }]);
  }
  const utf16 = (raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff);
  const bad = utf16 ? -1 : firstInvalidUtf8(raw);
  if (bad >= 0) throw new InputError([invalidUtf8Issue(raw, bad, file)]);

  const issues: InputIssue[] = [];
  const rows: SheetRow[] = [];
  let keyIndex = new Map<string, number>();
  let headerNames: readonly string[] = [];
  const versions = new Map<string, SheetCell>();
  let excess: number | undefined;
  const cellName = (row: number, key: string) => {
    const i = keyIndex.get(key);
    return `row ${row}, column ${i === undefined ? key : (headerNames[i] ?? key)}`;
  };
  const ref = (row: number, key: string) => `${file} ${cellName(row, key)}`;
  try {
    await readCsv(path, newCsvSource(file), [], issues, (record, header) => {
      if (headerNames !== header.names) {
        headerNames = header.names;
        keyIndex = new Map();
        header.names.forEach((name, i) => {
          const key = columnKeyForHeader(name);
          if (key && !keyIndex.has(key)) keyIndex.set(key, i);
        });
      }
      const cells = new Map<string, SheetCell>();
      for (const [key, i] of keyIndex) {
        const text = unneutralise((record.fields[i] ?? "").replace(/\r\n?/g, "\n").trim());
        if (text === "") continue;
        const cell = { text, ref: ref(record.row, key) };
        if (key === VERSION_COLUMN) versions.set(text, versions.get(text) ?? cell);
        else cells.set(key, cell);
      }
      if (cells.size === 0) return;
      if (record.row > MAX_SHEET_ROWS + 1) {
        excess = record.row;
        throw new RowLimitReached();
      }
      rows.push({ row: record.row, cells, issues: [], unreadable: new Set() });
    });
  } catch (err) {
    if (!(err instanceof RowLimitReached)) throw err;
  }
  if (excess !== undefined)
    issues.push({
      file: `${file} row ${excess}`,
      message: `the file holds answers below row ${count(MAX_SHEET_ROWS + 1)}; caution reads at most ${count(MAX_SHEET_ROWS)} rows below the header and read none of the rest. Keep one row per question`,
    });
  // Encoding, a repeated header column, malformed records and too many rows are reported with the row; a form whose
  // structure is broken is not imported in part.
  if (issues.length > 0) throw new InputError(issues);
  if (headerNames.length === 0) throw new InputError([{ file, message: "file has no rows below the header" }]);
  requireColumns(keyIndex, `${file} row 1 (header)`);
  const data: SheetData = {
    kind: "csv",
    file,
    columns: new Set(keyIndex.keys()),
    evidenceItems: evidenceItems(keyIndex.keys()),
    rows,
    ref,
    cellName,
    issues,
  };
  const distinct = [...versions.values()];
  if (distinct.length > 1) {
    issues.push({
      file: distinct[1]!.ref,
      message: `${VERSION_COLUMN} "${distinct[1]!.text}" differs from "${distinct[0]!.text}" (${distinct[0]!.ref}); one file answers one questionnaire version`,
    });
  }
  if (distinct[0]) data.version = distinct[0];
  return data;
}

/**
 * Names the first byte that is not UTF-8: its offset, CSV row and line, and the likely cause. A byte from 0x80 to
 * 0xFF on its own is what Latin-1 and Windows-1252 write for é, ü, ß and the like.
 */
function invalidUtf8Issue(raw: Buffer, offset: number, file: string): InputIssue {
  const { line, column } = lineOfOffset(raw, offset);
  const byte = raw[offset]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    file,
    row: rowAt(raw, offset),
    line,
    message: `is not valid UTF-8: byte 0x${byte} at offset ${count(offset)} (column ${column} of the line) is not part of a UTF-8 character; the file looks like Latin-1 or Windows-1252. Save it as "CSV UTF-8" (Excel) or with character set UTF-8 (LibreOffice) and import it again`,
  };
}

/**
 * The CSV row (header = row 1) that holds the byte at `offset`: line breaks outside quotes end a record, blank lines
 * are no record (as the reader skips them). A doubled quote inside a quoted field toggles twice, so it needs no case.
 */
function rowAt(raw: Buffer, offset: number): number {
  let row = 1;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < offset; i++) {
    const b = raw[i]!;
    if (b === 0x22) quoted = !quoted;
    if (b === 0x0a && !quoted) {
      if (!empty) row++;
      empty = true;
    } else if (b !== 0x0d) empty = false;
  }
  return row;
}
