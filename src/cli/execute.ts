import { once } from "node:events";
import type { Command } from "commander";
import { CautionError, InterruptedError } from "../run/errors.js";
import { EXIT } from "../run/exit-codes.js";
import { createRun, type Run } from "../run/run.js";

/** The options every command takes (given before or after the command's name): `-q, --quiet`. */
export function globals(cmd: Command): { quiet: boolean } {
  return { quiet: Boolean(cmd.optsWithGlobals<{ quiet?: boolean }>().quiet) };
}

/** The end of a command's --help: a few examples, each with what it does. */
export function examples(lines: readonly [command: string, what: string][]): string {
  const width = Math.max(...lines.map(([c]) => c.length));
  return `\nExamples:\n${lines.map(([c, w]) => `  $ ${c.padEnd(width)}  # ${w}`).join("\n")}\n`;
}

/** A command: a plain function of the run and its arguments, returning the exit code. */
export type CommandAction = (run: Run) => Promise<number>;

/** Cleanup after an interrupt never takes longer than this; then caution exits anyway. */
const CLEANUP_LIMIT_MS = 10_000;

/**
 * The CLI entry of every command: creates the process's one Run, ties Ctrl-C and SIGTERM to it, runs the command,
 * releases what it holds, prints any error as its CautionError says and exits with its code. Anything that is not
 * a CautionError is a bug in caution and is reported as one (exit 3).
 */
export async function execute(options: { quiet: boolean }, action: CommandAction): Promise<never> {
  const run = createRun({
    stdout: (text) => process.stdout.write(text),
    drain: () =>
      process.stdout.writableNeedDrain ? once(process.stdout, "drain").then(() => undefined) : Promise.resolve(),
    stderr: (text) => process.stderr.write(text),
    quiet: options.quiet,
  });
  // Whatever path the exit takes (process.exit, a fatal error), nothing the run started may outlive it.
  const onExit = () => run.resources.exitNow();
  process.on("exit", onExit);
  let interrupted: Promise<never> | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    if (interrupted) return;
    run.interrupt(signal);
    process.stderr.write(
      "caution: interrupted; the browser was stopped and this run's temporary files are removed; earlier reports are untouched\n",
    );
    const limit = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
    const code = signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
    const cleanup = Promise.resolve(run[Symbol.asyncDispose]()).catch(() => undefined);
    interrupted = Promise.race([cleanup, limit])
      .then(() => drain(process.stderr))
      .then(() => process.exit(code));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let code: number;
  try {
    code = await action(run);
  } catch (err) {
    // After an interrupt, failures are its consequence (the browser was killed on purpose): the interrupt decides.
    code = interrupted ? EXIT.interrupted : report(err);
  }
  try {
    await run[Symbol.asyncDispose]();
  } catch (err) {
    if (!interrupted && code === EXIT.ok) code = report(err);
  }
  if (interrupted) return interrupted;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("exit", onExit);
  // A pipe takes writes asynchronously: exiting before they drain would cut `score --json | jq` short.
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

/** Prints an error the way its kind says and returns its exit code. */
export function report(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (err instanceof CautionError) {
    if (!(err instanceof InterruptedError)) for (const line of err.lines()) write(`${line}\n`);
    return err.exitCode;
  }
  const detail =
    err instanceof Error ? (process.env.CAUTION_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
  write(
    `caution: internal error: ${detail}\nThis is a bug in caution; set CAUTION_DEBUG=1 for the stack trace and report it.\n`,
  );
  return EXIT.internal;
}
