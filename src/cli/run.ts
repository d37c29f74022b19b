import { formatIssue, InputError } from "../load/input-issue.js";
import { BrowserNotFoundError } from "../render/pdf/find-browser.js";
import { RenderError } from "../render/pdf/browser-session.js";
import { WriteError } from "../write/atomic.js";
import { EXIT } from "./exit-codes.js";

/** A problem with how caution was called (bad flag value): reported like invalid input, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Runs a command and turns every failure into its exit code and one clear message on stderr. Invalid input lists
 * every issue; environment failures say what to do; anything else is a bug and says so.
 */
export async function run(action: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await action();
  } catch (err) {
    code = report(err);
  }
  // A pipe takes writes asynchronously: exiting before they drain would cut `score --json | jq` short.
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

function report(err: unknown): number {
  if (err instanceof InputError) {
    for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`caution: ${err.issues.length} error${err.issues.length === 1 ? "" : "s"} in the input; nothing was written.\n`);
    return EXIT.invalidInput;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`caution: ${err.message}\n`);
    return EXIT.invalidInput;
  }
  if (err instanceof BrowserNotFoundError || err instanceof RenderError || err instanceof WriteError) {
    process.stderr.write(`caution: ${err.message}\n`);
    return EXIT.internal;
  }
  const detail = err instanceof Error ? (process.env.CAUTION_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
  process.stderr.write(`caution: internal error: ${detail}\nThis is a bug in caution; set CAUTION_DEBUG=1 for the stack trace and report it.\n`);
  return EXIT.internal;
}
