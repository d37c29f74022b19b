import type { Command } from "commander";
import { startAssessment } from "../../score/assess.js";
import { resultJsonChunks } from "../../schema/result-json.js";
import type { VendorResult } from "../../schema/result.js";
import type { Run } from "../../run/run.js";
import { ratingLabel } from "../../common/text.js";
import { examples, execute, globals } from "../execute.js";
import { failOnExit, parseRating, riskFlags } from "../flags.js";

export interface ScoreOptions {
  json?: boolean;
  failOn?: string;
  seed?: string;
  iterations?: string;
}

/**
 * `caution score`: a table by default, the JSON result with --json; exit 1 when --fail-on is reached. The JSON is
 * written vendor by vendor as each is scored, so a workspace of thousands of vendors never holds the whole result.
 */
export async function scoreCommand(run: Run, dir: string, opts: ScoreOptions): Promise<number> {
  const failOn = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
  const risk = riskFlags(opts);
  const scoring = await startAssessment(dir, run.progress, run.env, risk);
  const rated: Pick<VendorResult, "name" | "rating">[] = [];
  const rows: string[][] = [];
  async function* kept(): AsyncGenerator<VendorResult> {
    for await (const v of scoring.vendors) {
      rated.push({ name: v.name, rating: v.rating });
      if (!opts.json) rows.push(row(v, scoring.head.workspace.currency));
      yield v;
    }
  }
  if (opts.json) {
    for await (const chunk of resultJsonChunks(scoring.head, kept(), scoring.tail)) {
      run.stdout(chunk);
      await run.drain();
    }
  } else {
    for await (const _ of kept());
    run.stdout(table(rows));
  }
  return failOnExit(run, { workspace: scoring.head.workspace, vendors: rated }, failOn);
}

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("score every provider of a workspace: a table by default, the JSON result with --json")
    .argument("[workspace]", "workspace folder (holds caution.yaml)", ".")
    .option("--json", "print the JSON result (docs/json-result.md)")
    .option("--fail-on <rating>", "exit 1 when any vendor is rated this or worse (low, moderate, high, critical)")
    .option("--seed <text>", "seed of the risk simulation (default: from the input files' digests)")
    .option("--iterations <n>", "simulated years per provider in the risk simulation (default 20000)")
    .addHelpText(
      "after",
      examples([
        ["caution score", "the workspace in this folder, as a table"],
        ["caution score my-assessment --json > result.json", "the JSON result, for other tools"],
        ["caution score my-assessment --fail-on high", "exit 1 if any provider is rated High or Critical (for CI)"],
      ]),
    )
    .action((dir: string, opts: ScoreOptions, cmd: Command) =>
      execute(globals(cmd), (run) => scoreCommand(run, dir, opts)),
    );
}

const MAX_REASON = 70;

/**
 * One line per provider: what a reader acts on first. The reason is the first gate that fired, else the finding
 * that weighs most (its domain and the answer given), in words; money is the loss of the last twelve months the SLA
 * left uncovered.
 */
function row(v: VendorResult, currency: string): string[] {
  return [
    v.name,
    ratingLabel(v.rating),
    v.score.toFixed(1),
    `${currency} ${Math.round(v.sla.annual.uncovered).toLocaleString("en")}${v.sla.terms ? "" : " (no SLA terms)"}`,
    topReason(v),
  ];
}

export function table(rows: readonly string[][]): string {
  const head = ["PROVIDER", "RATING", "SCORE", "UNCOVERED, 12 MONTHS", "TOP REASON"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3]);
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()}\n`;
  return `${line(head)}${rows.map(line).join("")}`;
}

function topReason(v: VendorResult): string {
  const gate = v.gates[0];
  const finding = v.findings[0];
  const text = gate
    ? `${gate.title}${v.gates.length > 1 ? ` (+${v.gates.length - 1} more gates)` : ""}`
    : finding
      ? `${v.domains.find((d) => d.id === finding.domain)?.title ?? finding.domain}: ${finding.answerLabel}`
      : "no finding";
  const flat = text.replace(/\s+/g, " ");
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 1)}…` : flat;
}
