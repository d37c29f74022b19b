import "./dispose-polyfill.js";
import { InterruptedError } from "./errors.js";
import { Resources } from "./resources.js";

/**
 * What one command runs with: where it prints, how it reports progress, when it must stop, and what it must release
 * at the end. The CLI entry creates one per process; tests create their own and read what was printed. Stages take
 * the parts they need (`run.signal`, `run.resources`, `run.progress`) as plain arguments, never the whole run.
 */
export interface Run {
  /** The command's product: a table, JSON, CSV. Nothing else goes here, so `score --json | jq` works. */
  readonly stdout: (text: string) => void;
  /** Resolves when stdout can take more: a command writing a large product in pieces waits here between them. */
  readonly drain: () => Promise<void>;
  /** Messages for the person at the terminal. */
  readonly stderr: (text: string) => void;
  readonly progress: Progress;
  /** Aborted by Ctrl-C or SIGTERM; its reason is the InterruptedError the run ends with. */
  readonly signal: AbortSignal;
  /** Everything to release when the run ends, however it ends: browsers, temporary files, locks. */
  readonly resources: Resources;
  readonly env: NodeJS.ProcessEnv;
  /** Today's date (UTC, YYYY-MM-DD) where a command needs a default date; tests fix it. */
  readonly today: string;
}

/**
 * The one progress vocabulary. Every line starts with "caution: " on stderr:
 * - `step`: what long work is doing now ("reading incidents/a.csv", "printed 3/19: ..."); silent with --quiet;
 * - `note`: something the user must know although the command succeeds (a skipped record); always shown;
 * - `done`: the outcome ("wrote 19 files to reports"); silent with --quiet.
 */
export interface Progress {
  step(message: string): void;
  note(message: string): void;
  done(message: string): void;
}

export interface RunOptions {
  stdout: (text: string) => void;
  drain?: () => Promise<void>;
  stderr: (text: string) => void;
  quiet?: boolean;
  env?: NodeJS.ProcessEnv;
  today?: string;
}

/** A run and the means to end it: `interrupt` aborts its signal; disposing releases its resources. */
export interface OwnedRun extends Run, AsyncDisposable {
  interrupt(signal: "SIGINT" | "SIGTERM"): void;
}

export function createRun(options: RunOptions): OwnedRun {
  const controller = new AbortController();
  const resources = new Resources();
  const { stderr, quiet = false } = options;
  const line = (message: string) => stderr(`caution: ${message}\n`);
  return {
    stdout: options.stdout,
    drain: options.drain ?? (() => Promise.resolve()),
    stderr,
    progress: {
      step: (m) => (quiet ? undefined : line(m)),
      note: line,
      done: (m) => (quiet ? undefined : line(m)),
    },
    signal: controller.signal,
    resources,
    env: options.env ?? process.env,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    interrupt(signal) {
      if (!controller.signal.aborted) controller.abort(new InterruptedError(signal));
    },
    [Symbol.asyncDispose]: () => resources[Symbol.asyncDispose](),
  };
}

/** Throws the run's InterruptedError once Ctrl-C or SIGTERM arrived: long loops call it between steps. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new InterruptedError();
}
