import type { Command } from "commander";
import type { VerifyCheck } from "../../archive/verify.js";
import { EXIT } from "../../run/exit-codes.js";
import type { Run } from "../../run/run.js";
import { execute, globals } from "../execute.js";

export interface VerifyCommandOptions {
  inputs?: string;
  manifest?: string;
  /** false with --no-sidecar. */
  sidecar?: boolean;
}

/** One line per check: `ok   <name>` or `FAIL <name>: <detail>`. */
export function formatCheck(check: VerifyCheck): string {
  return check.ok ? `ok   ${check.name}` : `FAIL ${check.name}: ${check.detail}`;
}

/**
 * `caution verify`: prints the checks and returns 0 when all passed, 1 (EXIT.failOn) when any failed. An unusable
 * argument is a UsageError (exit 2).
 */
export async function verifyCommand(run: Run, pdf: string, opts: VerifyCommandOptions): Promise<number> {
  // Loaded when used: verifying needs pdf-lib, which no other command does at start-up.
  const { verifyPdf } = await import("../../archive/verify.js");
  const report = await verifyPdf(pdf, {
    manifestPath: opts.manifest,
    inputsDir: opts.inputs,
    sidecar: opts.sidecar !== false,
  });
  for (const check of report.checks) run.stdout(`${formatCheck(check)}\n`);
  const failed = report.checks.filter((c) => !c.ok).length;
  if (opts.sidecar === false) run.progress.done(`--no-sidecar: ${pdf}'s own bytes were not checked against a manifest`);
  for (const s of report.signatures)
    run.progress.done(
      `${s.ok ? "signed by" : "a signature that does not match the document, by"} ${s.signer}${s.timeStamp ? `, time-stamped ${s.timeStamp}` : ""}; whether to trust that certificate is not checked here (pdfsig checks it against your trust store)`,
    );
  run.progress.done(
    failed === 0
      ? `${pdf}: all ${report.checks.length} checks passed`
      : `${pdf}: ${failed} of ${report.checks.length} checks failed`,
  );
  return report.ok ? EXIT.ok : EXIT.failOn;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description(
      "check an archived PDF: its attached result and manifest, its own bytes against the sidecar manifest, and with --inputs the workspace it was made from",
    )
    .argument("<pdf>", "the PDF report")
    .option(
      "--inputs <workspace>",
      "workspace folder: recompute every input's SHA-256 and report changed, missing and extra files",
    )
    .option("--manifest <file>", "sidecar manifest (default: <pdf>.manifest.json)")
    .option("--no-sidecar", "check only what the PDF carries: without a sidecar its own bytes cannot be checked")
    .action((pdf: string, opts: VerifyCommandOptions, cmd: Command) =>
      execute(globals(cmd), (run) => verifyCommand(run, pdf, opts)),
    );
}
