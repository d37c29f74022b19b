import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { compareResults } from "../../diff/compare.js";
import { KINDS, PAPERS } from "../../schema/documents.js";
import { assessWorkspace } from "../../score/assess.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../common/text.js";
import { writeOutputs } from "../../write/atomic.js";
import { examples, execute, globals } from "../execute.js";
import { failOnExit, parseFormats, parseKinds, parsePaper, parseRating, parseShard, riskFlags } from "../flags.js";
import { readResultFile } from "../result-file.js";

export interface ReportOptions {
  out: string;
  format: string;
  kind: string;
  paper: string;
  fromResult?: string;
  since?: string;
  browser?: string;
  failOn?: string;
  sign?: string;
  tsa?: string;
  shard?: string;
  seed?: string;
  iterations?: string;
}

/**
 * `caution report`: scores a workspace (or reads a saved result), renders every document in memory and writes them
 * all or none. The browser starts while the workspace is scored; bad input or Ctrl-C end the run, and the run's
 * resources close the browser and remove this run's temporary files. Earlier reports stay as they were.
 */
export async function reportCommand(run: Run, dir: string | undefined, opts: ReportOptions): Promise<number> {
  const formats = parseFormats(opts.format);
  const kinds = parseKinds(opts.kind);
  const paper = parsePaper(opts.paper);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const failOn = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
  const risk = riskFlags(opts);
  if (opts.fromResult !== undefined && (risk.seed !== undefined || risk.iterations !== undefined))
    throw new UsageError("--seed and --iterations run the risk simulation: a saved result (--from-result) has its own");
  if (dir !== undefined && opts.fromResult !== undefined)
    throw new UsageError("report: name a workspace folder, or give --from-result <file> (not both)");
  if (opts.tsa !== undefined && opts.sign === undefined)
    throw new UsageError("--tsa time-stamps a signature: give --sign <file.p12> with it");
  // The signing key is read before the browser starts: a wrong password ends the run before anything is printed.
  const signer =
    opts.sign === undefined
      ? undefined
      : await (await import("../../archive/sign-file.js")).signerFromFile(opts.sign, formats, opts.tsa, run.env);
  const { renderReport, startRenderer } = await import("../../render/report.js");
  const context = {
    ...(opts.browser ? { browser: opts.browser } : {}),
    progress: run.progress,
    signal: run.signal,
    resources: run.resources,
  };
  // The earlier result is read first: a wrong file ends the run before any browser starts or anything is scored.
  const earlier = opts.since === undefined ? undefined : await readResultFile(opts.since);
  const renderer = formats.includes("pdf") ? startRenderer(context) : undefined;
  const result = opts.fromResult
    ? await readResultFile(opts.fromResult)
    : await assessWorkspace(dir ?? ".", run.progress, run.env, risk);
  const files = await renderReport(result, {
    formats,
    kinds,
    paper,
    ...context,
    ...(renderer ? { renderer } : {}),
    ...(signer ? { signer } : {}),
    ...(shard ? { shard } : {}),
    ...(earlier && opts.since !== undefined
      ? {
          // File names only: a report handed on should not show the folders of the machine it was made on.
          since: compareResults(
            { file: basename(opts.since), result: earlier },
            { file: basename(resolve(opts.fromResult ?? dir ?? ".")), result },
          ),
        }
      : {}),
  });
  // Shares of one report write different files into one folder at once: each locks its share only.
  const lockName = shard ? `.caution-shard-${shard.index}-of-${shard.count}.lock` : undefined;
  const written = await writeOutputs(opts.out, files, { ...run, ...(lockName ? { lockName } : {}) });
  const first = openFirst(written);
  run.progress.done(`wrote ${plural(written.length, "file")} to ${opts.out}${first ? `; open ${first} first` : ""}`);
  return failOnExit(run, result, failOn);
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("score a workspace (or take a saved result) and write the reports (HTML, PDF) and the JSON result")
    .argument("[workspace]", "workspace folder (holds caution.yaml); default: this folder, unless --from-result")
    .option("-o, --out <dir>", "folder to write the reports into (created if missing)", "reports")
    .option("-f, --format <list>", "comma-separated: html, pdf, json", "html,pdf,json")
    .option("-k, --kind <list>", `comma-separated: ${KINDS.join(", ")}, or all`, "all")
    .option("--paper <size>", `paper size: ${PAPERS.join(", ")}`, "a4")
    .option("--from-result <file>", "render from a saved JSON result instead of scoring a workspace")
    .option("--seed <text>", "seed of the risk simulation (default: from the input files' digests)")
    .option("--iterations <n>", "simulated years per provider in the risk simulation (default 20000)")
    .option(
      "--browser <path>",
      "Chrome or Chromium to print the PDFs with (else CAUTION_BROWSER, Puppeteer's cache, the system's)",
    )
    .option("--fail-on <rating>", "exit 1 when any vendor is rated this or worse (low, moderate, high, critical)")
    .option(
      "--sign <file.p12>",
      "sign every PDF (PAdES baseline) with the key and certificate in a PKCS#12 file; its password comes from CAUTION_SIGN_PASSWORD",
    )
    .option(
      "--tsa <url>",
      "with --sign: add an RFC 3161 time-stamp from this time-stamp authority (the PDFs then differ per run)",
    )
    .option(
      "--since <old-result.json>",
      "add a section on what changed since this earlier result (caution-result.json of the last report)",
    )
    .option(
      "--shard <i/n>",
      "print only share i of n of the documents (i from 0); n runs together write what one run writes (docs/scaling.md)",
    )
    .addHelpText(
      "after",
      examples([
        ["caution report", "every report of the workspace in this folder into reports/"],
        ["caution report my-assessment --out reports/2026-q4 --kind executive", "only the executive summary"],
        ["caution report --from-result reports/caution-result.json --paper letter", "again, from a saved result"],
        ["CAUTION_SIGN_PASSWORD=... caution report --sign signer.p12", "signed PDFs any PDF reader can check"],
      ]),
    )
    .action((dir: string | undefined, opts: ReportOptions, cmd: Command) =>
      execute(globals(cmd), (run) => reportCommand(run, dir, opts)),
    );
}

/** The document a reader opens first: the executive summary, as PDF where there is one; else the first document. */
function openFirst(written: readonly string[]): string | undefined {
  const documents = written.filter((p) => /\.(pdf|html)$/.test(p));
  const rank = (p: string) => (p.includes("caution-executive.") ? 0 : 2) + (p.endsWith(".pdf") ? 0 : 1);
  return [...documents].sort((a, b) => rank(a) - rank(b))[0];
}
