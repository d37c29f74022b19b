import type { Command } from "commander";
import { formatIssue } from "../../load/input-issue.js";
import { importAnswers, type ImportAnswersResult } from "../../questionnaire-io/import-answers.js";
import type { MappingFile } from "../../schema/mapping.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../common/text.js";
import { execute, globals } from "../execute.js";
import { parseVendorId } from "../flags.js";

export interface AnswersImportOptions {
  vendor?: string;
  into?: string;
  partial?: boolean;
  name?: string;
}

/**
 * `caution answers import`. Exit 0 when every row was imported; InputError (exit 2) when any problem remains and
 * nothing was written; with --partial, exit 2 after writing the valid answers and listing the rejected rows.
 */
export async function answersImportCommand(
  run: Run,
  file: string,
  opts: AnswersImportOptions,
  context: { mappings?: MappingFile } = {},
): Promise<number> {
  const vendor = parseVendorId(opts.vendor);
  if (opts.name !== undefined && (opts.name.trim() === "" || opts.name.length > 200))
    throw new UsageError("--name: give the vendor's name, 1 to 200 characters");
  const result = await importAnswers({
    file,
    vendor,
    into: opts.into ?? ".",
    partial: Boolean(opts.partial),
    ...(opts.name !== undefined ? { name: opts.name.trim() } : {}),
    today: run.today,
    ...(context.mappings ? { mappings: context.mappings } : {}),
  });
  for (const note of result.notes) run.progress.note(`note: ${note}`);
  run.progress.done(summary(file, result));
  if (!result.listed)
    run.progress.note(
      `${vendor} is not listed under vendors: in caution.yaml; add it there (with monthlySpend and criticality) before caution validate`,
    );
  if (result.issues.length === 0) return EXIT.ok;
  for (const issue of result.issues) run.stderr(`${formatIssue(issue)}\n`);
  const rows = result.rejected.map((r) => `row ${r.row}${r.id ? ` (${r.id})` : ""}`).join(", ");
  run.progress.note(
    `${plural(result.issues.length, "error")} in the input; --partial: ${result.rejected.length} row${result.rejected.length === 1 ? " was" : "s were"} not imported (${rows}), the valid answers ${result.written ? "were written" : "changed nothing"}.`,
  );
  return EXIT.invalidInput;
}

export function registerAnswers(program: Command): void {
  const answers = program.command("answers").description("bring a vendor's filled questionnaire back into a workspace");
  answers
    .command("import")
    .description("read a filled form (XLSX sheet Answers, or CSV) into <ws>/vendors/<id>.yaml, keeping its comments")
    .argument("<file>", "the filled form: .xlsx or .csv written by caution questionnaire export")
    .requiredOption("--vendor <id>", "the vendor the answers are from (vendors/<id>.yaml)")
    .option("--into <ws>", "workspace folder", ".")
    .option("--partial", "write the valid answers even when some rows are rejected (still exits 2 and lists them)")
    .option("--name <name>", "the vendor's name, for a new vendor file (default: the id)")
    .action((file: string, opts: AnswersImportOptions, cmd: Command) =>
      execute(globals(cmd), (run) => answersImportCommand(run, file, opts)),
    );
}

function summary(file: string, r: ImportAnswersResult): string {
  const n = r.imported.length;
  const mapped =
    r.formVersion !== r.version
      ? `, mapped from questionnaire ${r.formVersion} onto ${r.version}`
      : ` (questionnaire ${r.version})`;
  const action = r.written ? (r.created ? "created" : "updated") : "left unchanged";
  return `${n} answer${n === 1 ? "" : "s"} from ${file}${mapped}: ${r.path} ${action}`;
}
