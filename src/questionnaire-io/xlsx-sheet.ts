import { InputError } from "../load/input-issue.js";
import { columnLetter } from "./cells.js";
import { XLSX_LIMITS, count } from "./xlsx-limits.js";
import type { ListedSheet, Workbook } from "./xlsx-workbook.js";
import { parseXmlPart, unescapeOoxml } from "./xlsx-xml.js";

/** A cell's stored value. Formulas are never evaluated, so their cached result is not offered. */
export type XlsxValue =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  /** `t="d"`: an ISO 8601 date written as text (Strict OOXML, some libraries). */
  | { kind: "date"; text: string }
  | { kind: "formula" }
  | { kind: "error"; code: string };

export interface XlsxCell {
  /** 1-based column. */
  column: number;
  value: XlsxValue;
}

export interface SheetReadOptions {
  /** Rows whose values are read; the first value below this row ends the read (see `SheetReadResult.excess`). */
  lastRow: number;
  onRow(row: number, cells: readonly XlsxCell[]): void;
}

export interface SheetReadResult {
  /** The first cell holding a value below `lastRow`, when there is one: nothing from it on was read. */
  excess?: string;
}

/**
 * Streams the rows of one listed sheet. Rows and cells without an `r` attribute (written by some generators) take
 * the next position. A value in a column past the limit, or longer than a cell can hold, ends the import with the
 * cell named; rows past `lastRow` are not read at all.
 */
export function readSheetRows(wb: Workbook, sheet: ListedSheet, opts: SheetReadOptions): SheetReadResult {
  const file = wb.pkg.file;
  if (!sheet.part)
    throw new InputError([
      { file, message: `the sheet ${sheet.name} has no worksheet part; save the workbook again as .xlsx` },
    ]);
  const at = (column: number, row: number) => `${sheet.name}!${columnLetter(column)}${row}`;
  const fail = (message: string) => new InputError([{ file, message }]);
  const result: SheetReadResult = {};
  let stopped = false;

  let row = 0;
  let cells: XlsxCell[] = [];
  let column = 0;
  let type = "n";
  let formula = false;
  let value: string[] | undefined;
  let valueLength = 0;
  let inV = false;
  let inInline = false;
  let inT = false;
  let phonetic = 0;

  const finishCell = () => {
    const text = value ? value.join("") : undefined;
    value = undefined;
    if (formula) return cells.push({ column, value: { kind: "formula" } });
    if (text === undefined) return;
    let v: XlsxValue | undefined;
    switch (type) {
      case "s": {
        const strings = wb.sharedStrings();
        const index = Number(text);
        const s = Number.isInteger(index) ? strings[index] : undefined;
        if (s === undefined)
          throw fail(
            `${at(column, row)} refers to a shared string the workbook lacks; save the workbook again as .xlsx`,
          );
        v = { kind: "text", text: s };
        break;
      }
      case "inlineStr":
      case "str":
        v = { kind: "text", text: unescapeOoxml(text) };
        break;
      case "b":
        v = { kind: "boolean", value: text.trim() === "1" || text.trim() === "true" };
        break;
      case "e":
        v = { kind: "error", code: text.trim() };
        break;
      case "d":
        v = { kind: "date", text: text.trim() };
        break;
      default: {
        if (text.trim() === "") return;
        const n = Number(text);
        v = Number.isFinite(n) ? { kind: "number", value: n } : { kind: "text", text };
      }
    }
    if (v.kind === "text" && v.text === "") return;
    cells.push({ column, value: v });
  };

  parseXmlPart(wb.pkg.read(sheet.part), file, sheet.part, {
    open(name, attrs) {
      if (stopped) return;
      switch (name) {
        case "row": {
          const r = attrs.r === undefined ? row + 1 : Number(attrs.r);
          if (!Number.isInteger(r) || r < 1 || r <= row)
            throw fail(`${sheet.name}: row ${attrs.r} is out of order or invalid; save the workbook again as .xlsx`);
          row = r;
          cells = [];
          column = 0;
          break;
        }
        case "c": {
          const parsed = attrs.r === undefined ? undefined : parseRef(attrs.r);
          column = parsed ? parsed.column : column + 1;
          type = attrs.t ?? "n";
          formula = false;
          value = undefined;
          valueLength = 0;
          break;
        }
        case "f":
          formula = true;
          break;
        case "v":
          inV = true;
          value ??= [];
          break;
        case "is":
          inInline = true;
          value ??= [];
          break;
        case "rPh":
          phonetic++;
          break;
        case "t":
          inT = inInline;
          break;
      }
    },
    close(name) {
      if (stopped) return;
      switch (name) {
        case "c":
          if (row > opts.lastRow) {
            if (formula || (value && value.join("").trim() !== "")) {
              result.excess = at(column, row);
              stopped = true;
            }
            value = undefined;
            return;
          }
          finishCell();
          if (cells.length > 0 && cells.at(-1)!.column > XLSX_LIMITS.columns) {
            throw fail(
              `${at(column, row)} holds a value in column ${count(column)}; a form has at most ${XLSX_LIMITS.columns} columns, so this is not the form caution exported`,
            );
          }
          break;
        case "row":
          if (row <= opts.lastRow && cells.length > 0) opts.onRow(row, cells);
          cells = [];
          break;
        case "v":
          inV = false;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "t":
          inT = false;
          break;
      }
    },
    text(t) {
      if (stopped || !value || !(inV || (inT && phonetic === 0))) return;
      valueLength += t.length;
      if (valueLength > XLSX_LIMITS.cellChars)
        throw fail(
          `${at(column, row)} holds more than ${count(XLSX_LIMITS.cellChars)} characters, the most a cell can hold`,
        );
      value.push(t);
    },
    stopped: () => stopped,
  });
  return result;
}

/** "AB12" -> column 28. Letters beyond three (past XFD) are taken as a column past every limit. */
function parseRef(ref: string): { column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,7})\$?\d*$/.exec(ref);
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column };
}
