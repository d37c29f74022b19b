import type { Command } from "commander";
import type { VerifyCheck } from "../../archive/verify.js";
import { run, UsageError } from "../run.js";

export interface VerifyCommandOptions {
  inputs?: string;
  manifest?: string;
  /** false with --no-sidecar. */
  sidecar?: boolean;
  quiet?: boolean;
}

/** One line per check: `ok   <name>` or `FAIL <name>: <detail>`. */
export function formatCheck(check: VerifyCheck): string {
  return check.ok ? `ok   ${check.name}` : `FAIL ${check.name}: ${check.detail}`;
}

/**
 * The command without the process around it: prints the checks and returns the exit code (0 all passed, 1 any
 * failed). An unusable argument throws UsageError (exit 2).
 */
export async function verifyCommand(
  pdf: string,
  opts: VerifyCommandOptions,
  out: (line: string) => void = (l) => process.stdout.write(l),
  err: (line: string) => void = (l) => process.stderr.write(l),
): Promise<number> {
  // Loaded when used: verifying needs pdf-lib, which no other command does at start-up.
  const { verifyPdf, VerifyArgumentError } = await import("../../archive/verify.js");
  let report;
  try {
    report = await verifyPdf(pdf, {
      manifestPath: opts.manifest,
      inputsDir: opts.inputs,
      sidecar: opts.sidecar !== false,
    });
  } catch (e) {
    if (e instanceof VerifyArgumentError) throw new UsageError(e.message);
    throw e;
  }
  for (const check of report.checks) out(`${formatCheck(check)}\n`);
  if (!opts.quiet) {
    const failed = report.checks.filter((c) => !c.ok).length;
    if (opts.sidecar === false) err(`caution: --no-sidecar: ${pdf}'s own bytes were not checked against a manifest\n`);
    for (const s of report.signatures)
      err(
        `caution: ${s.ok ? "signed by" : "a signature that does not match the document, by"} ${s.signer}${s.timeStamp ? `, time-stamped ${s.timeStamp}` : ""}; whether to trust that certificate is not checked here (pdfsig checks it against your trust store)\n`,
      );
    err(
      failed === 0
        ? `caution: ${pdf}: all ${report.checks.length} checks passed\n`
        : `caution: ${pdf}: ${failed} of ${report.checks.length} checks failed\n`,
    );
  }
  return report.ok ? 0 : 1;
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
    .option("-q, --quiet", "no summary on stderr")
    .action((pdf: string, opts: VerifyCommandOptions) => run(() => verifyCommand(pdf, opts)));
}
