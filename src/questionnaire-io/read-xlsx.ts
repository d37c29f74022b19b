import { readFile } from "node:fs/promises";
import { cleanText } from "../load/clean-text.js";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { describeFsError } from "../common/fs-errors.js";
import { ANSWERS_SHEET, INSTRUCTIONS_SHEET, INSTRUCTION_LABELS, columnKeyForHeader } from "./columns.js";
import { columnLetter, unneutralise } from "./cells.js";
import {
  MAX_SHEET_ROWS,
  columnTitle,
  evidenceItems,
  isDateKey,
  requireColumns,
  serialDate,
  type SheetCell,
  type SheetData,
  type SheetRow,
} from "./sheet-data.js";
import { XLSX_LIMITS, count } from "./xlsx-limits.js";
import { readSheetRows, type XlsxValue } from "./xlsx-sheet.js";
import { readWorkbook, type ListedSheet, type Workbook } from "./xlsx-workbook.js";
import { openXlsx } from "./xlsx-zip.js";

type CellRead = { ok: true; text: string } | { ok: false; message: string };

/**
 * A stored value as the text the vendor sees. Formulas are refused, not evaluated: the answer must be the text
 * itself. A number in a date column is a date serial (the form's date cells are date-formatted, so Excel and
 * LibreOffice store a typed 2026-05-01 as a number).
 */
export function cellText(value: XlsxValue, dateColumn: boolean, date1904: boolean): CellRead {
  switch (value.kind) {
    case "text":
      // Line breaks as Unix writes them, whatever the program stored (Excel keeps a pasted CR LF as _x000D_ + LF).
      return { ok: true, text: value.text.replace(/\r\n?/g, "\n") };
    case "number":
      return { ok: true, text: dateColumn ? serialDate(value.value, date1904) : String(value.value) };
    case "boolean":
      return { ok: true, text: String(value.value) };
    case "date":
      return { ok: true, text: /^\d{4}-\d{2}-\d{2}/.test(value.text) ? value.text.slice(0, 10) : value.text };
    case "formula":
      return { ok: false, message: "holds a formula; type the value itself (formulas are never evaluated)" };
    case "error":
      return {
        ok: false,
        message: `holds the error value ${cleanText(value.code).slice(0, 20)}; type the value itself`,
      };
  }
}

/**
 * Reads the Answers sheet (header in row 1, one question per row) and the labelled cells of the Instructions sheet
 * from a workbook saved by any program: only the parts of the two sheets the workbook lists are inflated and parsed,
 * within the limits of XLSX_LIMITS.
 */
export async function readXlsxForm(path: string, file: string): Promise<SheetData> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    throw new InputError([{ file, message: describeFsError(err) }]);
  }
  const wb = readWorkbook(await openXlsx(data, file));
  const sheet = findSheet(wb, ANSWERS_SHEET);
  if (!sheet) {
    const names = wb.sheets.map((s) => JSON.stringify(cleanText(s.name).slice(0, 40)));
    throw new InputError([
      {
        file,
        message: `has no sheet named ${ANSWERS_SHEET}${names.length > 0 ? ` (it has ${names.slice(0, 10).join(", ")})` : ""}; import the workbook caution questionnaire export wrote`,
      },
    ]);
  }

  const keyColumn = new Map<string, number>();
  const byColumn = new Map<number, string>();
  const cellName = (row: number, key: string) => `${sheet.name}!${columnLetter(keyColumn.get(key) ?? 1)}${row}`;
  const ref = (row: number, key: string) => `${file} ${cellName(row, key)} (${columnTitle(key)})`;
  const rows: SheetRow[] = [];
  let header = false;
  const read = readSheetRows(wb, sheet, {
    lastRow: MAX_SHEET_ROWS + 1,
    onRow(r, cells) {
      if (r === 1) {
        header = true;
        for (const c of cells) {
          const key = c.value.kind === "text" ? columnKeyForHeader(c.value.text) : undefined;
          if (key && !keyColumn.has(key)) {
            keyColumn.set(key, c.column);
            byColumn.set(c.column, key);
          }
        }
        return;
      }
      if (!header) return;
      const row: SheetRow = { row: r, cells: new Map(), issues: [], unreadable: new Set() };
      for (const c of cells) {
        const key = byColumn.get(c.column);
        if (!key) continue;
        const got = cellText(c.value, isDateKey(key), wb.date1904);
        if (!got.ok) {
          row.issues.push({ file: ref(r, key), message: got.message });
          row.unreadable.add(key);
          continue;
        }
        const text = unneutralise(got.text.trim());
        if (text !== "") row.cells.set(key, { text, ref: ref(r, key) });
      }
      if (row.cells.size > 0 || row.issues.length > 0) rows.push(row);
    },
  });
  requireColumns(keyColumn, `${file} ${sheet.name}!1 (header row)`);

  // A sheet this long is not the exported form: one message, and none about the rows that were read.
  if (read.excess)
    throw new InputError([
      {
        file: `${file} ${read.excess}`,
        message: `the sheet holds values below row ${count(MAX_SHEET_ROWS + 1)}; caution reads at most ${count(MAX_SHEET_ROWS)} rows below the header and read none of the rest. Keep one row per question`,
      },
    ]);
  const issues: InputIssue[] = [];
  const out: SheetData = {
    kind: "xlsx",
    file,
    columns: new Set(keyColumn.keys()),
    evidenceItems: evidenceItems(keyColumn.keys()),
    rows,
    ref,
    cellName,
    issues,
  };
  const info = findSheet(wb, INSTRUCTIONS_SHEET);
  if (info) Object.assign(out, readInstructions(wb, info, file, issues));
  return out;
}

/** The values next to the labels of the Instructions sheet (label in column A, value in column B). */
function readInstructions(
  wb: Workbook,
  info: ListedSheet,
  file: string,
  issues: InputIssue[],
): Pick<SheetData, "version" | "vendor" | "answeredAt" | "vendorName" | "contact"> {
  type Field = "version" | "vendor" | "answeredAt" | "vendorName" | "contact";
  const labels = new Map<string, SheetCell>();
  const wanted: Record<string, Field> = {
    [INSTRUCTION_LABELS.version]: "version",
    [INSTRUCTION_LABELS.vendor]: "vendor",
    [INSTRUCTION_LABELS.answeredAt]: "answeredAt",
    [INSTRUCTION_LABELS.vendorName]: "vendorName",
    [INSTRUCTION_LABELS.contact]: "contact",
  };
  readSheetRows(wb, info, {
    lastRow: XLSX_LIMITS.instructionRows,
    onRow(r, cells) {
      const label = cells.find((c) => c.column === 1)?.value;
      if (label?.kind !== "text") return;
      const name = label.text.trim();
      if (!(name in wanted) || labels.has(name)) return;
      const cellRef = `${file} ${info.name}!B${r} (${name})`;
      const value = cells.find((c) => c.column === 2)?.value;
      if (!value) return;
      const got = cellText(value, name === INSTRUCTION_LABELS.answeredAt, wb.date1904);
      if (!got.ok) {
        issues.push({ file: cellRef, message: got.message });
        return;
      }
      const text = unneutralise(got.text.trim());
      if (text !== "") labels.set(name, { text, ref: cellRef });
    },
  });
  const out: Partial<Record<Field, SheetCell>> = {};
  for (const [label, field] of Object.entries(wanted)) {
    const cell = labels.get(label);
    if (cell) out[field] = cell;
  }
  return out;
}

/** A listed sheet by name: exact first, then as Excel compares sheet names (case and outer spaces aside). */
function findSheet(wb: Workbook, name: string): ListedSheet | undefined {
  return (
    wb.sheets.find((s) => s.name === name) ?? wb.sheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase())
  );
}
