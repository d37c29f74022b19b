import type { Command } from "commander";
import { formatIssue } from "../../load/input-issue.js";
import { slug } from "../../schema/common.js";
import { importAnswers, type ImportAnswersResult } from "../../questionnaire-io/import-answers.js";
import { todayUtc } from "../../questionnaire-io/load.js";
import type { MappingFile } from "../../schema/mapping.js";
import { EXIT } from "../../run/exit-codes.js";
import { run, UsageError } from "../run.js";
import { processOutput, type CommandOutput } from "../output.js";

export interface AnswersImportOptions {
  vendor?: string;
  into?: string;
  partial?: boolean;
  name?: string;
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
    .action((file: string, opts: AnswersImportOptions) => run(() => answersImportCommand(file, opts, processOutput)));
}

/**
 * `caution answers import`. Exit 0 when every row was imported; InputError (exit 2) when any problem remains and
 * nothing was written; with --partial, exit 2 after writing the valid answers and listing the rejected rows.
 */
export async function answersImportCommand(
  file: string,
  opts: AnswersImportOptions,
  output: CommandOutput,
  context: { today?: string; mappings?: MappingFile } = {},
): Promise<number> {
  const vendor = slug.safeParse(opts.vendor ?? "");
  if (!vendor.success)
    throw new UsageError(
      `--vendor ${opts.vendor ?? ""}: must be a lower-case slug (a-z, 0-9, -), at most 63 characters, as in caution.yaml`,
    );
  if (opts.name !== undefined && (opts.name.trim() === "" || opts.name.length > 200))
    throw new UsageError("--name: give the vendor's name, 1 to 200 characters");
  const result = await importAnswers({
    file,
    vendor: vendor.data,
    into: opts.into ?? ".",
    partial: Boolean(opts.partial),
    ...(opts.name !== undefined ? { name: opts.name.trim() } : {}),
    today: context.today ?? todayUtc(),
    ...(context.mappings ? { mappings: context.mappings } : {}),
  });
  for (const note of result.notes) output.stderr(`caution: note: ${note}\n`);
  output.stderr(`${summary(file, result)}\n`);
  if (!result.listed)
    output.stderr(
      `caution: ${vendor.data} is not listed under vendors: in caution.yaml; add it there (with monthlySpend and criticality) before caution validate\n`,
    );
  if (result.issues.length === 0) return EXIT.ok;
  for (const issue of result.issues) output.stderr(`${formatIssue(issue)}\n`);
  const rows = result.rejected.map((r) => `row ${r.row}${r.id ? ` (${r.id})` : ""}`).join(", ");
  output.stderr(
    `caution: ${result.issues.length} error${result.issues.length === 1 ? "" : "s"} in the input; --partial: ${result.rejected.length} row${result.rejected.length === 1 ? " was" : "s were"} not imported (${rows}), the valid answers ${result.written ? "were written" : "changed nothing"}.\n`,
  );
  return EXIT.invalidInput;
}

function summary(file: string, r: ImportAnswersResult): string {
  const n = r.imported.length;
  const mapped =
    r.formVersion !== r.version
      ? `, mapped from questionnaire ${r.formVersion} onto ${r.version}`
      : ` (questionnaire ${r.version})`;
  const action = r.written ? (r.created ? "created" : "updated") : "left unchanged";
  return `caution: ${n} answer${n === 1 ? "" : "s"} from ${file}${mapped}: ${r.path} ${action}`;
}
