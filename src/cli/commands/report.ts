import type { Command } from "commander";
import { KINDS, PAPERS, type Kind, type Paper } from "../../render/documents.js";
import { abortWrites, writeOutputs } from "../../write/atomic.js";
import { EXIT } from "../../run/exit-codes.js";
import { failing, parseFormats, parseRating } from "../options.js";
import { scoreWorkspaceDir } from "../pipeline.js";
import { stderrProgress } from "../progress.js";
import { readResultFile } from "../result-file.js";
import { onInterrupt, run, UsageError } from "../run.js";

interface ReportOptions {
  out: string;
  format: string;
  kind: string;
  paper: string;
  fromResult?: string;
  browser?: string;
  failOn?: string;
  sign?: string;
  tsa?: string;
  quiet?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("score a workspace (or take a saved result) and write the reports (HTML, PDF) and the JSON result")
    .argument("[workspace]", "workspace folder (holds caution.yaml); omit with --from-result")
    .requiredOption("-o, --out <dir>", "folder to write the reports into (created if missing)")
    .option("-f, --format <list>", "comma-separated: html, pdf, json", "html,pdf,json")
    .option("-k, --kind <list>", `comma-separated: ${KINDS.join(", ")}, or all`, "all")
    .option("--paper <size>", `paper size: ${PAPERS.join(", ")}`, "a4")
    .option("--from-result <file>", "render from a saved JSON result instead of scoring a workspace")
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
    .option("-q, --quiet", "no progress on stderr")
    .action((dir: string | undefined, opts: ReportOptions) =>
      run(async () => {
        const formats = parseFormats(opts.format);
        const kinds = parseKinds(opts.kind);
        const paper = parsePaper(opts.paper);
        const failOnFlag = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
        if ((dir === undefined) === (opts.fromResult === undefined))
          throw new UsageError("report: name a workspace folder, or give --from-result <file> (not both)");
        // The signing key is read first: a wrong password ends the run before anything is printed.
        if (opts.tsa !== undefined && opts.sign === undefined)
          throw new UsageError("--tsa time-stamps a signature: give --sign <file.p12> with it");
        const signer =
          opts.sign === undefined
            ? undefined
            : await (await import("../../archive/sign-file.js")).signerFromFile(opts.sign, formats, opts.tsa);
        const progress = stderrProgress(Boolean(opts.quiet));
        // Ctrl-C: kill the browser (with every process it started), remove this run's temporary files and exit 130;
        // earlier reports stay as they were.
        const signal = onInterrupt(abortWrites);
        const { discardRenderer, renderReport, startRenderer } = await import("../../render/report.js");
        const browser = opts.browser ? { browser: opts.browser } : {};
        const step = (m: string) => progress.step(m);
        // The browser starts while the workspace is scored; bad input closes it again before exit 2.
        const renderer = formats.includes("pdf") ? startRenderer({ ...browser, signal, step }) : undefined;
        let result;
        try {
          result = opts.fromResult ? await readResultFile(opts.fromResult) : await scoreWorkspaceDir(dir!, progress);
        } catch (err) {
          await discardRenderer(renderer);
          throw err;
        }
        const files = await renderReport(result, {
          formats,
          kinds,
          paper,
          ...browser,
          step,
          signal,
          ...(renderer ? { renderer } : {}),
          ...(signer ? { signer } : {}),
        });
        const written = await writeOutputs(opts.out, files);
        progress.step(`wrote ${written.length} file${written.length === 1 ? "" : "s"} to ${opts.out}`);
        const failed = failing(result, failOnFlag ?? result.workspace.failOn ?? undefined);
        if (failed.length > 0) {
          process.stderr.write(
            `caution: --fail-on ${failOnFlag ?? result.workspace.failOn} reached by ${failed.join(", ")}\n`,
          );
          return EXIT.failOn;
        }
        return EXIT.ok;
      }),
    );
}

function parseKinds(value: string): Kind[] {
  const parts = value
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");
  if (parts.includes("all")) return [...KINDS];
  const bad = parts.filter((p) => !(KINDS as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0)
    throw new UsageError(`--kind ${value}: allowed kinds are ${KINDS.join(", ")} or all (comma-separated)`);
  return KINDS.filter((k) => parts.includes(k));
}

function parsePaper(value: string): Paper {
  const v = value.trim().toLowerCase();
  if (!(PAPERS as readonly string[]).includes(v))
    throw new UsageError(`--paper ${value}: allowed sizes are ${PAPERS.join(", ")}`);
  return v as Paper;
}
