import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { answersImportCommand, type AnswersImportOptions } from "../../src/cli/commands/answers.js";
import { runCommand } from "../support/run.js";
import { loadCurrentQuestionnaire, loadMappings } from "../../src/questionnaire-io/load.js";
import { exportForm } from "../../src/questionnaire-io/export.js";
import { loadVendorAnswers } from "../../src/questionnaire-io/export.js";
import type { MappingFile } from "../../src/schema/mapping.js";
import type { ValidQuestionnaire } from "../../src/validate/questionnaire.js";
import { DEMO } from "../support/demo.js";
import { tempDir } from "../support/cli.js";

export const FIXTURES = join(import.meta.dirname, "fixtures");
/** A date after every date in samples/demo and before nothing that matters. */
export const TODAY = "2026-11-25";

let cached: ValidQuestionnaire | undefined;
export async function questionnaire(): Promise<ValidQuestionnaire> {
  cached ??= await loadCurrentQuestionnaire();
  return cached;
}

export async function historyMappings(): Promise<MappingFile> {
  return loadMappings(await questionnaire(), join(FIXTURES, "mappings-history.yaml"));
}

/** A copy of samples/demo to import into. */
export function demoCopy(): string {
  const dir = join(tempDir(), "ws");
  cpSync(DEMO, dir, { recursive: true });
  return dir;
}

/** Writes the XLSX form (pre-filled from `vendor` of `ws` when given) and returns its path. */
export async function exportXlsx(options: { vendor?: string; ws?: string } = {}): Promise<string> {
  const q = await questionnaire();
  const vendor = options.vendor ? await loadVendorAnswers(options.ws ?? DEMO, options.vendor, q, TODAY) : undefined;
  const data = await exportForm("xlsx", q, vendor);
  const path = join(tempDir(), "form.xlsx");
  writeFileSync(path, data);
  return path;
}

export async function exportCsv(options: { vendor?: string; ws?: string } = {}): Promise<string> {
  const q = await questionnaire();
  const vendor = options.vendor ? await loadVendorAnswers(options.ws ?? DEMO, options.vendor, q, TODAY) : undefined;
  const path = join(tempDir(), "form.csv");
  writeFileSync(path, await exportForm("csv", q, vendor));
  return path;
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Opens a workbook, lets `edit` fill it as a vendor would, saves it back. */
export async function fillXlsx(
  path: string,
  edit: (answers: ExcelJS.Worksheet, instructions: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const wb = await readWorkbook(path);
  edit(wb.getWorksheet("Answers")!, wb.getWorksheet("Instructions")!, wb);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The Answers row of a question (header = row 1). */
export function rowOf(sheet: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return sheet.getRow(r);
  throw new Error(`no row for ${id}`);
}

/** Column number of a header title or key on the Answers sheet. */
export function col(sheet: ExcelJS.Worksheet, title: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (found === 0 && String(cell.value).toLowerCase().startsWith(title.toLowerCase())) found = c;
  });
  if (found === 0) throw new Error(`no column ${title}`);
  return found;
}

/** Sets the Instructions value next to a label. */
export function setInstruction(sheet: ExcelJS.Worksheet, label: string, value: string): void {
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(1).value === label) {
      sheet.getRow(r).getCell(2).value = value;
      return;
    }
  }
  throw new Error(`no instruction ${label}`);
}

export interface ImportRun {
  code: number;
  stderr: string;
}

/** Runs `caution answers import` in-process; rethrows InputError/UsageError for the caller to inspect. */
export async function runImport(
  file: string,
  opts: AnswersImportOptions,
  context: { today?: string; mappings?: MappingFile } = {},
): Promise<ImportRun> {
  const { mappings, today = TODAY } = context;
  const { code, stderr } = await runCommand(
    (run) => answersImportCommand(run, file, opts, mappings ? { mappings } : {}),
    { today },
  );
  return { code, stderr };
}

export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}

export function read(path: string): string {
  return readFileSync(path, "utf8");
}
