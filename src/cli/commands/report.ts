import type { Command } from "commander";
import { renderReport } from "../../render/report.js";
import { removePendingFiles, writeOutputs } from "../../write/atomic.js";
import { EXIT } from "../exit-codes.js";
import { failing, parseFormats, parseRating } from "../options.js";
import { scoreWorkspaceDir } from "../pipeline.js";
import { stderrProgress } from "../progress.js";
import { run } from "../run.js";

interface ReportOptions {
  out: string;
  format: string;
  browser?: string;
  failOn?: string;
  quiet?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("score a workspace and write the report (HTML, PDF) and its JSON twin")
    .argument("<workspace>", "workspace folder (holds caution.yaml)")
    .requiredOption("-o, --out <dir>", "folder to write the report into (created if missing)")
    .option("-f, --format <list>", "comma-separated: html, pdf, json", "html,pdf,json")
    .option("--browser <path>", "Chrome or Chromium to print the PDF with (else CAUTION_BROWSER, Puppeteer's cache, the system's)")
    .option("--fail-on <rating>", "exit 1 when any vendor is rated this or worse (low, moderate, high, critical)")
    .option("-q, --quiet", "no progress on stderr")
    .action((dir: string, opts: ReportOptions) =>
      run(async () => {
        const formats = parseFormats(opts.format);
        const failOnFlag = opts.failOn === undefined ? undefined : parseRating(opts.failOn, "--fail-on");
        const progress = stderrProgress(Boolean(opts.quiet));
        // Ctrl-C: remove this run's temporary files; earlier reports stay as they were.
        process.once("SIGINT", () => {
          void removePendingFiles().finally(() => process.exit(130));
        });
        const result = await scoreWorkspaceDir(dir, progress);
        const files = await renderReport(result, formats, { ...(opts.browser ? { browser: opts.browser } : {}), step: (m) => progress.step(m) });
        const written = await writeOutputs(opts.out, files);
        for (const path of written) progress.step(`wrote ${path}`);
        const failed = failing(result, failOnFlag ?? result.workspace.failOn ?? undefined);
        if (failed.length > 0) {
          process.stderr.write(`caution: --fail-on ${failOnFlag ?? result.workspace.failOn ?? undefined} reached by ${failed.join(", ")}\n`);
          return EXIT.failOn;
        }
        return EXIT.ok;
      }),
    );
}
