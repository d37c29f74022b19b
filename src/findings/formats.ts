import { csvCell, neutralise, xmlSafe } from "../questionnaire-io/cells.js";
import { markdownText } from "../questionnaire-io/export-text.js";
import { rowHeight } from "../questionnaire-io/export-xlsx.js";
import { withZipDates } from "./zip-dates.js";
import { REGISTER_COLUMNS, type RegisterRow } from "./register.js";

/**
 * RFC 4180: CRLF between records, a cell quoted when it holds a comma, a quote or a line break. Every cell is
 * neutralised first (a leading = + - @ tab or CR gets an apostrophe): finding text quotes vendor answers, which are
 * untrusted, and a spreadsheet would run them as formulas.
 */
export function registerCsv(rows: readonly RegisterRow[]): string {
  const lines = [REGISTER_COLUMNS.join(","), ...rows.map((r) => REGISTER_COLUMNS.map((c) => csvCell(r[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** A Markdown table: pipes, Markdown syntax and HTML escaped (renderers pass HTML through), line breaks as <br>. */
export function registerMarkdown(rows: readonly RegisterRow[], title: string): string {
  const out = [`# ${markdownText(title)}`, ""];
  out.push(`| ${REGISTER_COLUMNS.join(" | ")} |`, `|${REGISTER_COLUMNS.map(() => "---").join("|")}|`);
  for (const r of rows) out.push(`| ${REGISTER_COLUMNS.map((c) => markdownText(r[c])).join(" | ")} |`);
  if (rows.length === 0) out.push("", "No findings.");
  return `${out.join("\n")}\n`;
}

/** Column widths in characters: the long texts wide, the tracking columns wide enough to type in. */
const WIDTHS: Record<(typeof REGISTER_COLUMNS)[number], number> = {
  id: 20,
  vendor: 18,
  question: 10,
  severity: 10,
  finding: 60,
  ask: 60,
  owner: 18,
  status: 12,
  due: 12,
};

/**
 * One sheet, Findings: a bold header row that stays in view, a filter on every column, wrapped text, every cell a
 * string (neutralised like the CSV). Dates in the workbook's metadata come from the result, not the clock.
 */
export async function registerXlsx(rows: readonly RegisterRow[], generatedAt: string): Promise<Uint8Array> {
  // Loaded here, not at start-up: ExcelJS takes a quarter of a second to load.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "caution";
  const at = new Date(generatedAt);
  wb.created = at;
  wb.modified = at;
  const sheet = wb.addWorksheet("Findings", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REGISTER_COLUMNS.map((key) => ({ key, width: WIDTHS[key] }));
  const header = sheet.getRow(1);
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
  });
  header.commit();
  rows.forEach((r, i) => {
    const row = sheet.getRow(2 + i);
    REGISTER_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = neutralise(xmlSafe(r[c]));
      cell.numFmt = "@";
      cell.alignment = { wrapText: true, vertical: "top" };
    });
    row.height = rowHeight(REGISTER_COLUMNS.map((c) => [r[c], WIDTHS[c]] as const));
    row.commit();
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REGISTER_COLUMNS.length } };
  sheet.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" };
  const buffer = await wb.xlsx.writeBuffer();
  return withZipDates(new Uint8Array(buffer as ArrayBuffer), at);
}
