import type { Command } from "commander";
import { buildRegister, REGISTER_FORMATS, type Register, type RegisterFormat } from "../../findings/register.js";
import { formatIssue } from "../../load/input-issue.js";
import type { YamlSource } from "../../load/yaml-file.js";
import { assessWorkspaceWithConfig } from "../../score/assess.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../common/text.js";
import { yamlLocator } from "../../validate/zod-issues.js";
import { examples, execute, globals } from "../execute.js";
import { parseOutFile, writeProduct } from "../out-file.js";
import { parseFormat } from "../flags.js";

export interface FindingsOptions {
  format: string;
  out?: string;
}

/**
 * `caution findings`: the findings register of a scored workspace, one row per finding, with the owner, status and
 * due date the buyer keeps in caution.yaml. Entries there whose finding is gone are noted, not refused: a finding
 * disappears when the vendor fixes it, and a register must survive that.
 */
export async function findingsCommand(run: Run, dir: string, opts: FindingsOptions): Promise<number> {
  const format = parseFormat(opts.format, REGISTER_FORMATS);
  if (format === "xlsx" && opts.out === undefined)
    throw new UsageError("--format xlsx writes a binary workbook: give the file with --out, e.g. --out findings.xlsx");
  const out = opts.out === undefined ? undefined : parseOutFile(opts.out, `findings.${format}`);
  const { result, workspace, source } = await assessWorkspaceWithConfig(dir, run.progress, run.env);
  const register = buildRegister(result, workspace.findings);
  for (const line of staleNotes(register, source)) run.progress.note(line);
  const data = await render(format as RegisterFormat, register, result.workspace.organisation, result.generatedAt);
  await writeProduct(run, out, data);
  if (out !== undefined) run.progress.done(`wrote ${out}: ${plural(register.rows.length, "finding")}`);
  return EXIT.ok;
}

/** The writers are loaded only now: xlsx brings ExcelJS, and none of them is needed to start the CLI. */
async function render(format: RegisterFormat, register: Register, organisation: string, generatedAt: string) {
  const { registerCsv, registerMarkdown, registerXlsx } = await import("../../findings/formats.js");
  if (format === "csv") return registerCsv(register.rows);
  if (format === "md") return registerMarkdown(register.rows, `Findings register: ${organisation}`);
  return registerXlsx(register.rows, generatedAt);
}

/**
 * One note per tracked finding this assessment does not have, and per closed one it still finds, located in
 * caution.yaml.
 */
export function staleNotes(register: Register, source: YamlSource | undefined): string[] {
  const locate = source ? yamlLocator(source) : () => ({ file: "caution.yaml" });
  const stale = register.stale.map((s) =>
    formatIssue({
      ...locate(["findings", s.id]),
      field: `findings.${s.id}`,
      message: `no finding ${s.id} in this assessment${s.near ? ` (did you mean ${s.near}?)` : ""}: it was resolved or the id is mistyped; set status: closed to keep it as history, or remove the entry`,
    }),
  );
  const found = register.stillFound.map((id) =>
    formatIssue({
      ...locate(["findings", id, "status"]),
      field: `findings.${id}.status`,
      message: `is closed, but this assessment still finds ${id}; reopen it, or set status: accepted if the risk is accepted as it is`,
    }),
  );
  return [...stale, ...found];
}

export function registerFindings(program: Command): void {
  program
    .command("findings")
    .description("the findings register: one row per finding with its ask, owner, status and due date")
    .argument("[workspace]", "workspace folder (holds caution.yaml)", ".")
    .option("-f, --format <format>", `${REGISTER_FORMATS.join(", ")}`, "csv")
    .option("-o, --out <file>", "write to this file (atomically); required for xlsx, else stdout")
    .addHelpText(
      "after",
      examples([
        ["caution findings samples/demo", "the register as CSV on stdout"],
        ["caution findings my-assessment --format xlsx --out findings.xlsx", "a workbook to share"],
        ["caution findings my-assessment --format md > findings.md", "a Markdown table"],
      ]),
    )
    .action((dir: string, opts: FindingsOptions, cmd: Command) =>
      execute(globals(cmd), (run) => findingsCommand(run, dir, opts)),
    );
}
