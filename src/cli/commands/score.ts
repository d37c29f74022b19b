import type { Command } from "commander";
import { assessWorkspace } from "../../score/assess.js";
import { resultJson } from "../../schema/result-json.js";
import type { Result } from "../../schema/result.js";
import type { Run } from "../../run/run.js";
import { ratingLabel } from "../../shared/text.js";
import { execute, globals } from "../execute.js";
import { failOnExit, parseRating } from "../flags.js";

export interface ScoreOptions {
  json?: boolean;
  failOn?: string;
}

/** `caution score`: a table by default, the JSON result with --json; exit 1 when --fail-on is reached. */
export async function scoreCommand(run: Run, dir: string, opts: ScoreOptions): Promise<number> {
  const failOn = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
  const result = await assessWorkspace(dir, run.progress, run.env);
  run.stdout(opts.json ? resultJson(result) : table(result));
  return failOnExit(run, result, failOn);
}

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("score every vendor of a workspace; a table by default, the JSON result with --json")
    .argument("<workspace>", "workspace folder (holds caution.yaml)")
    .option("--json", "print the JSON result (the contract in the README)")
    .option("--fail-on <rating>", "exit 1 when any vendor is rated this or worse (low, moderate, high, critical)")
    .action((dir: string, opts: ScoreOptions, cmd: Command) =>
      execute(globals(cmd), (run) => scoreCommand(run, dir, opts)),
    );
}

function table(result: Result): string {
  const rows = result.vendors.map((v) => [
    v.id,
    v.name,
    ratingLabel(v.rating),
    v.score.toFixed(1),
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
