import type { Command } from "commander";
import { formatScore, ratingLabel } from "../../render/format.js";
import { resultJson } from "../../render/report.js";
import type { Result } from "../../schema/result.js";
import { EXIT } from "../../run/exit-codes.js";
import { failing, parseRating } from "../options.js";
import { scoreWorkspaceDir } from "../pipeline.js";
import { stderrProgress } from "../progress.js";
import { run } from "../run.js";

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("score every vendor of a workspace; a table by default, the JSON result with --json")
    .argument("<workspace>", "workspace folder (holds caution.yaml)")
    .option("--json", "print the JSON result (the contract in the README)")
    .option("--fail-on <rating>", "exit 1 when any vendor is rated this or worse (low, moderate, high, critical)")
    .option("-q, --quiet", "no progress on stderr")
    .action((dir: string, opts: { json?: boolean; failOn?: string; quiet?: boolean }) =>
      run(async () => {
        const failOnFlag = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
        const result = await scoreWorkspaceDir(dir, stderrProgress(Boolean(opts.quiet)));
        process.stdout.write(opts.json ? resultJson(result) : table(result));
        const failed = failing(result, failOnFlag ?? result.workspace.failOn ?? undefined);
        if (failed.length > 0) {
          process.stderr.write(
            `caution: --fail-on ${failOnFlag ?? result.workspace.failOn ?? undefined} reached by ${failed.join(", ")}\n`,
          );
          return EXIT.failOn;
        }
        return EXIT.ok;
      }),
    );
}

function table(result: Result): string {
  const rows = result.vendors.map((v) => [
    v.id,
    v.name,
    ratingLabel(v.rating),
    formatScore(v.score),
    ratingLabel(v.priority),
    v.gates.map((g) => g.id).join(" ") || "-",
  ]);
  const head = ["VENDOR", "NAME", "RATING", "SCORE", "PRIORITY", "GATES"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd()}\n`;
  return `${line(head)}${rows.map(line).join("")}`;
}
