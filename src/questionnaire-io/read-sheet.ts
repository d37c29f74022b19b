import { stat } from "node:fs/promises";
import type ExcelJS from "exceljs";
import { newCsvSource, readCsv } from "../load/csv-file.js";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { describeFsError } from "../shared/fs-errors.js";
import { ANSWERS_SHEET, INSTRUCTIONS_SHEET, VERSION_COLUMN, columnKeyForHeader } from "./columns.js";
import { columnLetter, unneutralise } from "./cells.js";
import { INSTRUCTION_LABELS } from "./export-xlsx.js";

/** A filled form is a few hundred kilobytes; anything much larger is a mistake (or a zip bomb's wrapper). */
export const MAX_SHEET_BYTES = 10 * 1024 * 1024;
/** Rows read from a sheet at most: the questionnaire has dozens of questions, not thousands. */
export const MAX_SHEET_ROWS = 5000;

/** One cell's text and where it stands, as error messages name it. */
export interface SheetCell {
  text: string;
  /** `Answers!D14` for a spreadsheet, `file row 14, column answer` for a CSV. */
  ref: string;
}

export interface SheetRow {
  /** Spreadsheet row: the header is row 1. */
  row: number;
  cells: Map<string, SheetCell>;
  /** Cells of this row that could not be read as text (formulas, error values): the row is rejected. */
  issues: InputIssue[];
}

/** A filled form as read from XLSX or CSV, before any check against the questionnaire. */
export interface SheetData {
  kind: "xlsx" | "csv";
  file: string;
  /** The column keys the header holds. */
  columns: Set<string>;
  /** Evidence items the header offers (evidence_document, evidence_2_document, ...). */
  evidenceItems: number;
  rows: SheetRow[];
  /** Where a cell of `key` on `row` stands, also for a column the sheet lacks. */
  ref(row: number, key: string): string;
  version?: SheetCell;
  vendor?: SheetCell;
  answeredAt?: SheetCell;
  /** Problems outside the answer rows (Instructions cells, too many rows): nothing can be imported with them. */
  issues: InputIssue[];
}

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
    throw new InputError([{ file: shown, message: `file is ${size} bytes; the limit is ${MAX_SHEET_BYTES} bytes` }]);
  if (/\.xlsx$/i.test(path)) return readXlsx(path, shown);
  if (/\.csv$/i.test(path)) return readCsvSheet(path, shown);
  throw new InputError([
    { file: shown, message: "must be a .xlsx or .csv file exported by caution questionnaire export" },
  ]);
}

type CellRead = { ok: true; text: string } | { ok: false; message: string };

/** A spreadsheet cell as text. Formulas are refused, not evaluated: the answer must be the text itself. */
export function xlsxCellText(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { ok: true, text: "" };
  if (typeof value === "string") return { ok: true, text: value };
  if (typeof value === "number" || typeof value === "boolean") return { ok: true, text: String(value) };
  if (value instanceof Date) {
    // Excel stores a typed date as a serial number; exceljs hands it over as midnight UTC of that day.
    return Number.isNaN(value.getTime())
      ? { ok: false, message: "holds an invalid date" }
      : { ok: true, text: value.toISOString().slice(0, 10) };
  }
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value)
      return { ok: false, message: "holds a formula; type the value itself (formulas are never evaluated)" };
    if ("error" in value)
      return { ok: false, message: `holds the error value ${String(value.error)}; type the value itself` };
    if ("richText" in value) return { ok: true, text: value.richText.map((r) => r.text).join("") };
    if ("hyperlink" in value) return { ok: true, text: typeof value.text === "string" ? value.text : value.hyperlink };
  }
  return { ok: false, message: "holds a value caution cannot read as text" };
}

async function readXlsx(path: string, file: string): Promise<SheetData> {
  // Loaded here, not at start-up: ExcelJS takes a quarter of a second to load and most commands never need it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new InputError([
      {
        file,
        message: `is not a readable XLSX workbook (${err instanceof Error ? err.message : String(err)}); save it as Excel Workbook (.xlsx)`,
      },
    ]);
  }
  const sheet = wb.getWorksheet(ANSWERS_SHEET);
  if (!sheet) {
    const names = wb.worksheets.map((w) => w.name);
    throw new InputError([
      {
        file,
        message: `has no sheet named ${ANSWERS_SHEET}${names.length > 0 ? ` (it has ${names.join(", ")})` : ""}; import the workbook caution questionnaire export wrote`,
      },
    ]);
  }
  const issues: InputIssue[] = [];
  const read = (cell: ExcelJS.Cell, ref: string, into: InputIssue[], isDate = false): string | undefined => {
    const r = isDate && typeof cell.value === "number" ? serialDate(cell.value) : xlsxCellText(cell.value);
    if (!r.ok) {
      into.push({ file: ref, message: r.message });
      return undefined;
    }
    return unneutralise(r.text.trim());
  };

  const byColumn = new Map<number, string>();
  const keyColumn = new Map<string, number>();
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const r = xlsxCellText(cell.value);
    const key = r.ok ? columnKeyForHeader(r.text) : undefined;
    if (key && !keyColumn.has(key)) {
      byColumn.set(col, key);
      keyColumn.set(key, col);
    }
  });
  const ref = (row: number, key: string) => {
    const col = keyColumn.get(key);
    return col === undefined ? `${ANSWERS_SHEET}!A${row}` : `${ANSWERS_SHEET}!${columnLetter(col)}${row}`;
  };
  requireColumns(keyColumn, `${ANSWERS_SHEET}!1`);

  const rows: SheetRow[] = [];
  const last = Math.min(sheet.rowCount, MAX_SHEET_ROWS + 1);
  if (sheet.rowCount > MAX_SHEET_ROWS + 1)
    issues.push({
      file: `${ANSWERS_SHEET}!A${MAX_SHEET_ROWS + 2}`,
      message: `the sheet has more than ${MAX_SHEET_ROWS} rows; the rest were not read`,
    });
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells = new Map<string, SheetCell>();
    const rowIssues: InputIssue[] = [];
    for (const [col, key] of byColumn) {
      const cellRef = `${ANSWERS_SHEET}!${columnLetter(col)}${r}`;
      const text = read(row.getCell(col), cellRef, rowIssues, isDateKey(key));
      if (text !== undefined && text !== "") cells.set(key, { text, ref: cellRef });
    }
    if (cells.size > 0 || rowIssues.length > 0) rows.push({ row: r, cells, issues: rowIssues });
  }

  const data: SheetData = {
    kind: "xlsx",
    file,
    columns: new Set(keyColumn.keys()),
    evidenceItems: evidenceItems(keyColumn),
    rows,
    ref,
    issues,
  };
  const info = wb.getWorksheet(INSTRUCTIONS_SHEET);
  if (info) {
    const labels = new Map<string, SheetCell>();
    for (let r = 1; r <= Math.min(info.rowCount, 60); r++) {
      const label = xlsxCellText(info.getRow(r).getCell(1).value);
      if (!label.ok) continue;
      const name = label.text.trim();
      if (labels.has(name)) continue;
      const cellRef = `${INSTRUCTIONS_SHEET}!B${r}`;
      const text = read(info.getRow(r).getCell(2), cellRef, issues, name === INSTRUCTION_LABELS.answeredAt);
      labels.set(name, { text: text ?? "", ref: cellRef });
    }
    const nonEmpty = (c: SheetCell | undefined) => (c && c.text !== "" ? c : undefined);
    const version = nonEmpty(labels.get(INSTRUCTION_LABELS.version));
    const vendor = nonEmpty(labels.get(INSTRUCTION_LABELS.vendor));
    const answeredAt = nonEmpty(labels.get(INSTRUCTION_LABELS.answeredAt));
    if (version) data.version = version;
    if (vendor) data.vendor = vendor;
    if (answeredAt) data.answeredAt = answeredAt;
  }
  return data;
}

async function readCsvSheet(path: string, file: string): Promise<SheetData> {
  const issues: InputIssue[] = [];
  const rows: SheetRow[] = [];
  let keyIndex = new Map<string, number>();
  let headerNames: readonly string[] = [];
  const versions = new Map<string, SheetCell>();
  await readCsv(path, newCsvSource(file), [], issues, (record, header) => {
    if (headerNames !== header.names) {
      headerNames = header.names;
      keyIndex = new Map();
      header.names.forEach((name, i) => {
        const key = columnKeyForHeader(name);
        if (key && !keyIndex.has(key)) keyIndex.set(key, i);
      });
    }
    if (rows.length >= MAX_SHEET_ROWS) {
      if (rows.length === MAX_SHEET_ROWS)
        issues.push({
          file: `${file} row ${record.row}`,
          message: `the file has more than ${MAX_SHEET_ROWS} rows; the rest were not read`,
        });
      return;
    }
    const cells = new Map<string, SheetCell>();
    for (const [key, i] of keyIndex) {
      const text = unneutralise((record.fields[i] ?? "").trim());
      if (text === "") continue;
      const cell = { text, ref: csvRef(file, record.row, headerNames[i] ?? key) };
      if (key === VERSION_COLUMN) versions.set(text, versions.get(text) ?? cell);
      else cells.set(key, cell);
    }
    if (cells.size > 0) rows.push({ row: record.row, cells, issues: [] });
  });
  // Encoding, a repeated header column and malformed records are reported by the CSV reader with the row; a form
  // whose structure is broken is not imported in part.
  if (issues.length > 0) throw new InputError(issues);
  if (headerNames.length === 0) throw new InputError([{ file, message: "file has no rows below the header" }]);
  requireColumns(keyIndex, `${file} row 1`);
  const ref = (row: number, key: string) => {
    const i = keyIndex.get(key);
    return csvRef(file, row, i === undefined ? key : (headerNames[i] ?? key));
  };
  const data: SheetData = {
    kind: "csv",
    file,
    columns: new Set(keyIndex.keys()),
    evidenceItems: evidenceItems(keyIndex),
    rows,
    ref,
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

function isDateKey(key: string): boolean {
  return key === "answered_at" || key.endsWith("_date");
}

/**
 * A date that reached a text-formatted cell as a number (pasted from a date cell): an Excel serial, days since
 * 1899-12-30. Only whole numbers in the range of real dates are taken; anything else is shown as the number.
 */
export function serialDate(serial: number): CellRead {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return { ok: true, text: String(serial) };
  return { ok: true, text: new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10) };
}

function csvRef(file: string, row: number, column: string): string {
  return `${file} row ${row}, column ${column}`;
}

function requireColumns(columns: ReadonlyMap<string, number>, where: string): void {
  const missing = ["id", "answer"].filter((k) => !columns.has(k));
  if (missing.length > 0) {
    throw new InputError([
      {
        file: where,
        message: `the header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; import the form caution questionnaire export wrote`,
      },
    ]);
  }
}

function evidenceItems(columns: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const key of columns.keys()) {
    const m = /^evidence(?:_(\d+))?_(?:document|section|url|date)$/.exec(key);
    if (m) n = Math.max(n, m[1] ? Number(m[1]) : 1);
  }
  return n;
}
