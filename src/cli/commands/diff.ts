import type { Command } from "commander";
import { compareResults } from "../../diff/compare.js";
import { DIFF_FORMATS, type DiffFormat } from "../../schema/diff.js";
import { EXIT } from "../../run/exit-codes.js";
import type { Run } from "../../run/run.js";
import { examples, execute, globals } from "../execute.js";
import { parseOutFile, writeProduct } from "../out-file.js";
import { parseFormat } from "../flags.js";
import { readResultFile } from "../result-file.js";

export interface DiffOptions {
  format: string;
  out?: string;
}

/**
 * `caution diff old.json new.json`: what changed between two saved results (`caution-result.json` of two reports,
 * or `score --json`). Each is read with the result reader `report --from-result` uses, so a file that is not a
 * caution result is refused (exit 2) naming the file, the line and the field.
 */
export async function diffCommand(run: Run, oldFile: string, newFile: string, opts: DiffOptions): Promise<number> {
  const format = parseFormat(opts.format, DIFF_FORMATS);
  const out = opts.out === undefined ? undefined : parseOutFile(opts.out, `changes.${format}`);
  const before = await readResultFile(oldFile);
  const after = await readResultFile(newFile);
  const diff = compareResults({ file: oldFile, result: before }, { file: newFile, result: after });
  // The wording shares the reports' formatting (render/format.ts): loaded only when a diff is printed.
  const { diffHtml, diffJson, diffMarkdown } = await import("../../diff/format.js");
  const text = ((f: DiffFormat) =>
    f === "json" ? diffJson(diff) : f === "html" ? diffHtml(diff) : diffMarkdown(diff))(format as DiffFormat);
  await writeProduct(run, out, text);
  const changed = diff.vendors.filter((v) => v.changed).length;
  if (out !== undefined) run.progress.done(`wrote ${out}: ${changed} of ${diff.vendors.length} providers changed`);
  return EXIT.ok;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("what changed between two saved results: ratings, scores, answers, gates, SLA terms, incidents, loss")
    .argument("<old-result>", "the earlier JSON result (caution-result.json or score --json)")
    .argument("<new-result>", "the later JSON result")
    .option("-f, --format <format>", DIFF_FORMATS.join(", "), "md")
    .option("-o, --out <file>", "write to this file (atomically); default stdout")
    .addHelpText(
      "after",
      examples([
        ["caution diff reports/2026-q3/caution-result.json reports/2026-q4/caution-result.json", "Markdown on stdout"],
        ["caution diff old.json new.json --format html --out changes.html", "a self-contained page"],
        ["caution diff old.json new.json --format json | jq '.vendors[].answers'", "for other tools"],
      ]),
    )
    .action((oldFile: string, newFile: string, opts: DiffOptions, cmd: Command) =>
      execute(globals(cmd), (run) => diffCommand(run, oldFile, newFile, opts)),
    );
}
