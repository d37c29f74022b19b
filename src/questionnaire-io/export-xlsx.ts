import type ExcelJS from "exceljs";
import { answerChoices } from "./answer-choices.js";
import { ANSWERS_SHEET, INSTRUCTIONS_SHEET, INSTRUCTION_LABELS, instructionLines, type Form } from "./columns.js";
import { columnLetter, neutralise, xmlSafe } from "./cells.js";
import { isDateKey } from "./sheet-data.js";

/** The hidden sheet the dropdown lists stand on: one column per question, its labels from row 2 down. */
export const LISTS_SHEET = "Lists";
/** Excel caps a validation prompt and error text at 255 characters. */
const MAX_PROMPT = 255;
/** Dates a date cell accepts: nothing about AI agents predates 2000; the future is refused on import. */
const DATE_RANGE = [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))];
const DATE_FORMAT = "yyyy-mm-dd";

/** Text for a cell: characters XML cannot hold removed, formula starts neutralised. Always a string cell. */
function text(value: string): string {
  return neutralise(xmlSafe(value));
}

/** The named range a question's dropdown lists from, e.g. Choices_DEL_01 (DEL01 alone would be a cell reference). */
export function choicesName(questionId: string): string {
  return `Choices_${questionId.replace(/[^A-Za-z0-9]/g, "_")}`;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const EDITABLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFBE6" } };
/** A hairline under each question keeps the rows apart on screen and on paper. */
const ROW_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: "hair", color: { argb: "FF9E9E9E" } } };
const DATE_VALIDATION: ExcelJS.DataValidation = {
  type: "date",
  operator: "between",
  allowBlank: true,
  formulae: DATE_RANGE,
  showErrorMessage: true,
  errorStyle: "stop",
  errorTitle: "Not a date",
  error: "Type a date as YYYY-MM-DD, e.g. 2026-05-01.",
  showInputMessage: true,
  promptTitle: "Date",
  prompt: "YYYY-MM-DD, e.g. 2026-05-01; not in the future.",
};

/**
 * The vendor-facing workbook: Instructions (what to do, the questionnaire version, the vendor's name, contact and
 * answer date) and Answers (one question per row from row 2, the answer in column D). Each answer is a dropdown of
 * the answer labels, listed on a hidden sheet under a name per question: a label may hold commas, and Excel refuses
 * an inline list longer than 255 characters. The question columns are locked and the sheets protected without a
 * password (it guards against slips, not against the vendor). Printing gives landscape pages one page wide, with the
 * header row repeated on each page.
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

  await instructionsSheet(
    wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: "FF4F81BD" } } }),
    form,
  );
  const sheet = wb.addWorksheet(ANSWERS_SHEET, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  const lists = wb.addWorksheet(LISTS_SHEET, { state: "hidden" });

  sheet.columns = form.columns.map((c) => ({ key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  form.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.title;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  header.height = rowHeight(form.columns.map((c) => [c.title, c.width]));
  header.commit();

  const answerColumn = form.columns.findIndex((c) => c.key === "answer") + 1;
  const allowedColumn = columnLetter(form.columns.findIndex((c) => c.key === "allowed") + 1);
  form.rows.forEach(({ question, values }, i) => {
    const row = sheet.getRow(2 + i);
    const choices = answerChoices(question);
    form.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const value = values[c.key] ?? "";
      cell.value = c.key === "answer" ? text(choices.find((x) => x.value === value)?.label ?? value) : text(value);
      cell.alignment = { wrapText: true, vertical: "top" };
      cell.border = ROW_BORDER;
      if (c.editable) styleEditable(cell, isDateKey(c.key));
    });
    const answerLabel = String(row.getCell(answerColumn).value ?? "");
    row.height = rowHeight(
      form.columns.map((c) => [c.key === "answer" ? answerLabel : (values[c.key] ?? ""), c.width]),
    );

    // The dropdown: the labels in column i+1 of the hidden sheet, under the question's name.
    const listColumn = columnLetter(i + 1);
    lists.getCell(`${listColumn}1`).value = question.id;
    choices.forEach((c, k) => (lists.getCell(`${listColumn}${k + 2}`).value = text(c.label)));
    const name = choicesName(question.id);
    wb.definedNames.add(`${LISTS_SHEET}!$${listColumn}$2:$${listColumn}$${choices.length + 1}`, name);
    row.getCell(answerColumn).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [name],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Not an allowed answer",
      error: truncate(
        `${question.id}: pick an answer from the list, or type one of ${choices.map((c) => c.value).join(", ")}`,
      ),
      showInputMessage: true,
      promptTitle: truncate(question.id, 32),
      prompt: truncate(
        `Pick from the list; what each answer means stands in column ${allowedColumn} (Allowed answers).`,
      ),
    };
    row.commit();
  });

  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: form.columns.length } };
  sheet.pageSetup = {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    // The question, its answer and the meanings fit a page width at a readable size; the evidence and comment
    // columns are filled in on screen.
    // ExcelJS puts a `$` before each part it is given; the row's own `$` makes the reference absolute, as it must be.
    printArea: `A$1:${columnLetter(form.columns.findIndex((c) => c.key === "help") + 1)}$${form.rows.length + 1}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  // &C centres the footer; a literal & in the title is written &&.
  sheet.headerFooter = { oddFooter: `&C${xmlSafe(q.title).replace(/&/g, "&&")} v${q.version}, page &P of &N` };
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
  await lists.protect("", { selectLockedCells: false, selectUnlockedCells: false });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Unlocked, tinted, and for dates: a date format and a date validation (the value is stored as a date serial). */
function styleEditable(cell: ExcelJS.Cell, date: boolean): void {
  cell.protection = { locked: false };
  cell.fill = EDITABLE_FILL;
  if (date) {
    cell.numFmt = DATE_FORMAT;
    if (typeof cell.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(cell.value))
      cell.value = new Date(`${cell.value}T00:00:00Z`);
    cell.dataValidation = DATE_VALIDATION;
  } else {
    cell.numFmt = "@"; // text: a section 4.10 stays "4.10" instead of becoming the number 4.1
  }
}

/** Instructions: the questionnaire's facts, the vendor's cells (name, contact, date), then how to answer. */
async function instructionsSheet(info: ExcelJS.Worksheet, form: Form): Promise<void> {
  const q = form.questionnaire;
  info.columns = [{ width: 22 }, { width: 44 }, { width: 70 }];
  info.getCell("A1").value = text(q.title);
  info.getCell("A1").font = { bold: true, size: 14 };
  const facts: [string, string, string | undefined][] = [
    [INSTRUCTION_LABELS.questionnaire, q.id, undefined],
    [INSTRUCTION_LABELS.version, q.version, undefined],
    [INSTRUCTION_LABELS.published, q.published, undefined],
    [INSTRUCTION_LABELS.vendor, form.vendor?.id ?? "", undefined],
    [
      INSTRUCTION_LABELS.vendorName,
      form.vendor?.name ?? "",
      "Your company's name, as the buyer's report should show it.",
    ],
    [
      INSTRUCTION_LABELS.contact,
      form.vendor?.contact ?? "",
      "Who answers questions about these answers: name, e-mail.",
    ],
    [INSTRUCTION_LABELS.answeredAt, form.vendor?.answeredAt ?? "", "The date you gave these answers (YYYY-MM-DD)."],
  ];
  facts.forEach(([label, value, hint], i) => {
    const row = info.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    cell.value = text(value);
    if (hint !== undefined) {
      styleEditable(cell, label === INSTRUCTION_LABELS.answeredAt);
      row.getCell(3).value = hint;
      row.getCell(3).font = { italic: true, color: { argb: "FF555555" } };
    } else cell.numFmt = "@";
  });
  const first = 3 + facts.length + 1;
  info.getCell(`A${first}`).value = "How to answer";
  info.getCell(`A${first}`).font = { bold: true };
  info.getCell(`A${first}`).alignment = { vertical: "top" };
  instructionLines(form).forEach((line, i) => {
    const r = first + i;
    info.mergeCells(`B${r}:C${r}`);
    const cell = info.getCell(`B${r}`);
    cell.value = text(line);
    cell.alignment = { wrapText: true, vertical: "top" };
    info.getRow(r).height = rowHeight([[line, 44 + 70]]);
  });
  info.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  await info.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/** Points per line of 11-point text, as Excel and LibreOffice lay out a default row. */
const LINE_POINTS = 15;

/**
 * A row tall enough for its longest wrapped cell. Excel and LibreOffice do not size rows to wrapped text when they
 * open a file (LibreOffice not at all, Excel not for merged cells), so the height is set from the text: a column of
 * width w holds about w characters of body text per line; words wrap early, so the estimate errs on the tall side.
 */
export function rowHeight(cells: readonly (readonly [string, number])[]): number {
  let lines = 1;
  for (const [value, width] of cells) {
    const perLine = Math.max(1, Math.floor(width * 1.15));
    const n = value.split(/\r\n|\r|\n/).reduce((sum, p) => sum + Math.max(1, Math.ceil(p.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return LINE_POINTS * lines + 2;
}

function truncate(value: string, max = MAX_PROMPT): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
