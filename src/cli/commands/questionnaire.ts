import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { Command } from "commander";
import { slug } from "../../schema/common.js";
import { EXPORT_FORMATS, exportForm, loadVendorAnswers, type ExportFormat } from "../../questionnaire-io/export.js";
import { frameworkMapCsv, frameworkMapMarkdown, mapFrameworks } from "../../questionnaire-io/framework-map.js";
import { loadCatalogue, loadCurrentQuestionnaire, todayUtc } from "../../questionnaire-io/load.js";
import { writeOutputs } from "../../write/atomic.js";
import { EXIT } from "../../run/exit-codes.js";
import { run, UsageError } from "../run.js";
import { processOutput, type CommandOutput } from "../output.js";

export type { CommandOutput };

export interface ExportOptions {
  format?: string;
  vendor?: string;
  ws?: string;
  out?: string;
}

export interface MapOptions {
  format?: string;
}

export function registerQuestionnaire(program: Command): void {
  const questionnaire = program
    .command("questionnaire")
    .description("the vendor questionnaire: export it as a form, map it to frameworks");
  questionnaire
    .command("export")
    .description("write the questionnaire as a vendor-facing form (XLSX with dropdowns, CSV, HTML or Markdown)")
    .requiredOption("--format <format>", `${EXPORT_FORMATS.join(", ")}`)
    .option("--vendor <id>", "pre-fill the vendor's current answers, evidence and dates (re-assessment)")
    .option("--ws <dir>", "workspace folder holding vendors/<id>.yaml, for --vendor", ".")
    .option("--out <file>", "write to this file (atomically); required for xlsx, else stdout")
    .action((opts: ExportOptions) => run(() => exportCommand(opts, processOutput)));
  questionnaire
    .command("map")
    .description(
      "which questions cover which controls of OWASP, NIST AI RMF, ISO/IEC 42001, EU AI Act, DORA; and the gaps",
    )
    .option("--format <format>", "md or csv", "md")
    .action((opts: MapOptions) => run(() => mapCommand(opts, processOutput)));
}

/** `caution questionnaire export`. Throws UsageError or InputError (exit 2), WriteError (exit 3). */
export async function exportCommand(opts: ExportOptions, output: CommandOutput, today = todayUtc()): Promise<number> {
  const format = (opts.format ?? "").trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format ${opts.format ?? ""}: allowed formats are ${EXPORT_FORMATS.join(", ")}`);
  if (format === "xlsx" && opts.out === undefined)
    throw new UsageError(
      "--format xlsx writes a binary workbook: give the file with --out, e.g. --out questionnaire.xlsx",
    );
  const out = opts.out === undefined ? undefined : checkOut(opts.out, format);
  let vendorId: string | undefined;
  if (opts.vendor !== undefined) {
    const parsed = slug.safeParse(opts.vendor);
    if (!parsed.success)
      throw new UsageError(
        `--vendor ${opts.vendor}: must be a lower-case slug (a-z, 0-9, -), at most 63 characters, as in caution.yaml`,
      );
    vendorId = parsed.data;
  }
  const questionnaire = await loadCurrentQuestionnaire();
  const vendor =
    vendorId === undefined ? undefined : await loadVendorAnswers(opts.ws ?? ".", vendorId, questionnaire, today);
  const data = await exportForm(format as ExportFormat, questionnaire, vendor);
  if (out === undefined) {
    output.stdout(typeof data === "string" ? data : Buffer.from(data).toString("latin1"));
    return EXIT.ok;
  }
  await writeOutputs(dirname(out), [{ name: basename(out), data }]);
  const what = vendor ? `pre-filled with ${Object.keys(vendor.answers).length} answers of ${vendor.id}` : "blank";
  output.stderr(
    `caution: wrote ${out}: questionnaire ${questionnaire.version}, ${questionnaire.questions.length} questions, ${what}\n`,
  );
  return EXIT.ok;
}

/** `caution questionnaire map`. */
export async function mapCommand(opts: MapOptions, output: CommandOutput): Promise<number> {
  const format = (opts.format ?? "md").trim().toLowerCase();
  if (format !== "md" && format !== "csv")
    throw new UsageError(`--format ${opts.format ?? ""}: allowed formats are md, csv`);
  const questionnaire = await loadCurrentQuestionnaire();
  const map = mapFrameworks(questionnaire, await loadCatalogue());
  output.stdout(format === "md" ? frameworkMapMarkdown(map) : frameworkMapCsv(map));
  return EXIT.ok;
}

function checkOut(out: string, format: string): string {
  if (out.trim() === "" || /[/\\]$/.test(out))
    throw new UsageError(`--out ${out}: give a file name, e.g. questionnaire.${format}`);
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (isDir)
    throw new UsageError(
      `--out ${out}: is a folder; give a file name, e.g. ${out.replace(/[/\\]+$/, "")}/questionnaire.${format}`,
    );
  return out;
}
