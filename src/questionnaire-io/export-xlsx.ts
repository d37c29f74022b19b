import type ExcelJS from "exceljs";
import { ANSWERS_SHEET, INSTRUCTIONS_SHEET, allowedValues, instructionLines, type Form } from "./columns.js";
import { columnLetter, neutralise, xmlSafe } from "./cells.js";

/** Labels of the Instructions sheet's key cells (column A); import finds the values next to them (column B). */
export const INSTRUCTION_LABELS = {
  questionnaire: "Questionnaire",
  version: "Version",
  published: "Published",
  vendor: "Vendor",
  vendorName: "Vendor name",
  answeredAt: "Answered on",
} as const;

/** Excel refuses a list validation whose inline formula is longer than this. */
const MAX_INLINE_LIST = 255;
const LISTS_SHEET = "Lists";

/** Text for a cell: characters XML cannot hold removed, formula starts neutralised. Always a string cell. */
function text(value: string): string {
  return neutralise(xmlSafe(value));
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const EDITABLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFBE6" } };

/**
 * The vendor-facing workbook: an Instructions sheet (with the questionnaire Version) and the Answers sheet, one
 * question per row from row 2. Answers are dropdowns; the question columns are locked and the sheet is protected
 * (without a password: it guards against slips, not against the vendor), so only answers, evidence, dates, reason
 * and comment can be typed in.
 */
export async function formToXlsx(form: Form): Promise<Uint8Array> {
  const q = form.questionnaire;
  // Loaded here, not at start-up: ExcelJS takes a quarter of a second to load and most commands never need it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "caution";
  wb.title = q.title;
  // Fixed dates keep the workbook's metadata independent of the clock.
  const published = new Date(`${q.published}T00:00:00Z`);
  wb.created = published;
  wb.modified = published;

  const info = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: "FF4F81BD" } } });
  info.columns = [{ width: 22 }, { width: 110 }];
  info.getCell("A1").value = text(q.title);
  info.getCell("A1").font = { bold: true, size: 14 };
  const facts: [string, string, boolean][] = [
    [INSTRUCTION_LABELS.questionnaire, q.id, false],
    [INSTRUCTION_LABELS.version, q.version, false],
    [INSTRUCTION_LABELS.published, q.published, false],
    [INSTRUCTION_LABELS.vendor, form.vendor?.id ?? "", false],
    [INSTRUCTION_LABELS.vendorName, form.vendor?.name ?? "", false],
    [INSTRUCTION_LABELS.answeredAt, form.vendor?.answeredAt ?? "", true],
  ];
  facts.forEach(([label, value, editable], i) => {
    const row = info.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    cell.value = text(value);
    cell.numFmt = "@";
    if (editable) {
      cell.protection = { locked: false };
      cell.fill = EDITABLE_FILL;
      cell.note = "The date the answers were given (YYYY-MM-DD): the default for every answer without its own date.";
    }
  });
  const first = 3 + facts.length + 1;
  info.getCell(`A${first}`).value = "How to answer";
  info.getCell(`A${first}`).font = { bold: true };
  instructionLines(form).forEach((line, i) => {
    const cell = info.getCell(`B${first + i}`);
    cell.value = text(line);
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  await info.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const sheet = wb.addWorksheet(ANSWERS_SHEET, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  sheet.columns = form.columns.map((c) => ({ key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  form.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.title;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  header.commit();

  let lists: ExcelJS.Worksheet | undefined;
  form.rows.forEach(({ question, values }, i) => {
    const row = sheet.getRow(2 + i);
    form.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = text(values[c.key] ?? "");
      cell.alignment = { wrapText: true, vertical: "top" };
      if (c.editable) {
        cell.protection = { locked: false };
        cell.numFmt = "@"; // text: a typed 2026-05-01 stays a string instead of becoming a date serial
        cell.fill = EDITABLE_FILL;
      }
    });
    const allowed = allowedValues(question);
    let formula = `"${allowed.join(",")}"`;
    if (formula.length > MAX_INLINE_LIST) {
      lists ??= wb.addWorksheet(LISTS_SHEET, { state: "hidden" });
      const listRow = lists.getRow(i + 1);
      allowed.forEach((v, k) => (listRow.getCell(k + 1).value = v));
      formula = `${LISTS_SHEET}!$A$${i + 1}:$${columnLetter(allowed.length)}$${i + 1}`;
    }
    const answerCell = row.getCell(form.columns.findIndex((c) => c.key === "answer") + 1);
    answerCell.dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Not an allowed answer",
      error: truncate(`${question.id} accepts: ${allowed.join(", ")}`, MAX_INLINE_LIST),
      showInputMessage: true,
      promptTitle: truncate(question.id, 32),
      prompt: truncate(`Choose one of: ${allowed.join(", ")}`, MAX_INLINE_LIST),
    };
    row.commit();
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: form.columns.length } };
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: false,
    insertRows: false,
    deleteRows: false,
    insertColumns: false,
    deleteColumns: false,
  });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
