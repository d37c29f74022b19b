import { CautionError, UsageError } from "../run/errors.js";
import { EXIT } from "../run/exit-codes.js";

export { UsageError };

/**
 * Runs a command and turns every failure into its exit code and one clear message on stderr. Invalid input lists
 * every issue; environment failures say what to do; anything else is a bug and says so.
 */
export async function run(action: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await action();
  } catch (err) {
    // After an interrupt, failures are its consequence (the browser was killed on purpose): the interrupt decides.
    if (exiting) return exiting;
    code = report(err);
  }
  if (exiting) return exiting;
  // A pipe takes writes asynchronously: exiting before they drain would cut `score --json | jq` short.
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

/** Exit codes after a signal, as shells report them: 128 + the signal number. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** Cleanup after an interrupt never takes longer than this; then caution exits anyway. */
const CLEANUP_LIMIT_MS = 10_000;

let exiting: Promise<never> | undefined;

/**
 * Ctrl-C (SIGINT) or SIGTERM: aborts the returned signal at once (the PDF renderer kills its browser on it), runs
 * `cleanup` (this run's temporary files), and exits 130 (SIGINT) or 143 (SIGTERM). Further signals while it cleans
 * up are ignored; the cleanup is bounded, so caution always ends.
 */
export function onInterrupt(cleanup: () => Promise<void>): AbortSignal {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (exiting) return;
    controller.abort();
    process.stderr.write(
      "caution: interrupted; the browser was stopped and this run's temporary files are removed; earlier reports are untouched\n",
    );
    const limit = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
    exiting = Promise.race([cleanup().catch(() => undefined), limit])
      .then(() => drain(process.stderr))
      .then(() => process.exit(SIGNAL_EXIT[signal] ?? 130));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return controller.signal;
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

function report(err: unknown): number {
  if (err instanceof CautionError) {
    for (const line of err.lines()) process.stderr.write(`${line}\n`);
    return err.exitCode;
  }
  const detail =
    err instanceof Error ? (process.env.CAUTION_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
  process.stderr.write(
    `caution: internal error: ${detail}\nThis is a bug in caution; set CAUTION_DEBUG=1 for the stack trace and report it.\n`,
  );
  return EXIT.internal;
}
