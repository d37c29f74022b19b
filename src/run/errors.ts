import { EXIT, type ExitCode } from "./exit-codes.js";

/**
 * The one family of errors caution raises on purpose. Each carries the exit code it ends the run with and the lines
 * it prints on stderr, so the CLI maps any of them without knowing which it is. Anything else that reaches the CLI
 * is a bug in caution and is reported as one (exit 3).
 */
export abstract class CautionError extends Error {
  abstract readonly exitCode: ExitCode;

  /** What stderr shows, one entry per line, without the trailing newline. */
  lines(): string[] {
    return [`caution: ${this.message}`];
  }
}

/** How caution was called is wrong: an unknown flag value, contradicting options. Exit 2. */
export class UsageError extends CautionError {
  readonly exitCode = EXIT.invalidInput;
  override readonly name = "UsageError";
}

/**
 * The browser, the network or the file system failed, or caution could not finish for a reason outside the input.
 * The message says what to do about it. Exit 3.
 */
export class EnvironmentError extends CautionError {
  readonly exitCode = EXIT.internal;
  override readonly name: string = "EnvironmentError";
}

/** The run was stopped by Ctrl-C (exit 130) or SIGTERM (exit 143); what it started has been disposed. */
export class InterruptedError extends CautionError {
  override readonly name = "InterruptedError";
  readonly exitCode: ExitCode;
  constructor(signal: "SIGINT" | "SIGTERM" = "SIGINT") {
    super(`interrupted (${signal})`);
    this.exitCode = signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  }
}
