import { InputError, type InputIssue } from "../load/input-issue.js";
import { answerColumns } from "./columns.js";
import { XLSX_LIMITS } from "./xlsx-limits.js";

/** A filled form is a few hundred kilobytes; anything much larger is a mistake (or a zip bomb's wrapper). */
export const MAX_SHEET_BYTES = XLSX_LIMITS.fileBytes;
/** Rows read below the header at most: the questionnaire has dozens of questions, not thousands. */
export const MAX_SHEET_ROWS = XLSX_LIMITS.rows;

/** One cell's text and where it stands, as error messages name it. */
export interface SheetCell {
  text: string;
  /** `form.xlsx Answers!D14 (Answer)` for a spreadsheet, `form.csv row 14, column answer` for a CSV. */
  ref: string;
}

export interface SheetRow {
  /** Spreadsheet row: the header is row 1. */
  row: number;
  cells: Map<string, SheetCell>;
  /** Cells of this row that could not be read as text (formulas, error values): the row is rejected. */
  issues: InputIssue[];
  /** Column keys of those cells: they are not empty, only unreadable. */
  unreadable: Set<string>;
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
  /** Where a cell of `key` on `row` stands, with the file, as an issue names it (also for a column the sheet lacks). */
  ref(row: number, key: string): string;
  /** The same without the file, for use inside a message: `Answers!A6`, `row 6`. */
  cellName(row: number, key: string): string;
  version?: SheetCell;
  vendor?: SheetCell;
  answeredAt?: SheetCell;
  /** The vendor's name and contact as the vendor typed them on the Instructions sheet. */
  vendorName?: SheetCell;
  contact?: SheetCell;
  /** Problems outside the answer rows (Instructions cells, too many rows): nothing can be imported with them. */
  issues: InputIssue[];
}

/** A column's title as the form shows it, without the format hint: "Answer", "Evidence 2 date". */
export function columnTitle(key: string): string {
  const item = /^evidence_(\d+)_/.exec(key);
  const columns = answerColumns(item ? Number(item[1]) : 1);
  const title = columns.find((c) => c.key === key)?.title ?? key;
  return title.replace(/\s*\(.*\)$/, "");
}

export function requireColumns(columns: ReadonlyMap<string, number>, where: string): void {
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

export function evidenceItems(columns: Iterable<string>): number {
  let n = 0;
  for (const key of columns) {
    const m = /^evidence(?:_(\d+))?_(?:document|section|url|date)$/.exec(key);
    if (m) n = Math.max(n, m[1] ? Number(m[1]) : 1);
  }
  return n;
}

export function isDateKey(key: string): boolean {
  return key === "answered_at" || key.endsWith("_date");
}

/**
 * A date stored as a serial number (typed into a date cell, or pasted from one): days since 1899-12-30, or since
 * 1904-01-01 in a workbook that uses the 1904 date system. Only whole numbers in the range of real dates are taken;
 * anything else is shown as the number (and then fails the date check with that number in the message).
 */
export function serialDate(serial: number, date1904 = false): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return String(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
}
