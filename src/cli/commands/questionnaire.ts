import type { Command } from "commander";
import { EXPORT_FORMATS, exportForm, loadVendorAnswers } from "../../questionnaire-io/export.js";
import { frameworkMapCsv, frameworkMapMarkdown, mapFrameworks } from "../../questionnaire-io/framework-map.js";
import { loadCatalogue, loadCurrentQuestionnaire } from "../../questionnaire-io/load.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { execute, globals } from "../execute.js";
import { parseFormat, parseVendorId } from "../flags.js";
import { parseOutFile, writeProduct } from "../out-file.js";

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
    .action((opts: ExportOptions, cmd: Command) => execute(globals(cmd), (run) => exportCommand(run, opts)));
  questionnaire
    .command("map")
    .description(
      "which questions cover which controls of OWASP, NIST AI RMF, ISO/IEC 42001, EU AI Act, DORA; and the gaps",
    )
    .option("--format <format>", "md or csv", "md")
    .action((opts: MapOptions, cmd: Command) => execute(globals(cmd), (run) => mapCommand(run, opts)));
}

/** `caution questionnaire export`. Throws UsageError or InputError (exit 2), WriteError (exit 3). */
export async function exportCommand(run: Run, opts: ExportOptions): Promise<number> {
  const format = parseFormat(opts.format, EXPORT_FORMATS);
  if (format === "xlsx" && opts.out === undefined)
    throw new UsageError(
      "--format xlsx writes a binary workbook: give the file with --out, e.g. --out questionnaire.xlsx",
    );
  const out = opts.out === undefined ? undefined : parseOutFile(opts.out, `questionnaire.${format}`);
  const vendorId = opts.vendor === undefined ? undefined : parseVendorId(opts.vendor);
  const questionnaire = await loadCurrentQuestionnaire();
  const vendor =
    vendorId === undefined ? undefined : await loadVendorAnswers(opts.ws ?? ".", vendorId, questionnaire, run.today);
  const data = await exportForm(format, questionnaire, vendor);
  await writeProduct(run, out, data);
  if (out === undefined) return EXIT.ok;
  const what = vendor ? `pre-filled with ${Object.keys(vendor.answers).length} answers of ${vendor.id}` : "blank";
  run.progress.done(
    `wrote ${out}: questionnaire ${questionnaire.version}, ${questionnaire.questions.length} questions, ${what}`,
  );
  return EXIT.ok;
}

/** `caution questionnaire map`. */
export async function mapCommand(run: Run, opts: MapOptions): Promise<number> {
  const format = (opts.format ?? "md").trim().toLowerCase();
  if (format !== "md" && format !== "csv")
    throw new UsageError(`--format ${opts.format ?? ""}: allowed formats are md, csv`);
  const questionnaire = await loadCurrentQuestionnaire();
  const map = mapFrameworks(questionnaire, await loadCatalogue());
  run.stdout(format === "md" ? frameworkMapMarkdown(map) : frameworkMapCsv(map));
  return EXIT.ok;
}
