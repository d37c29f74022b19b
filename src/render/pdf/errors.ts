import { EnvironmentError } from "../../run/errors.js";

/**
 * The browser's errors, apart from the code that raises them: the CLI maps them to exit 3 without loading
 * Puppeteer, which costs a fifth of a second on every command that never prints a PDF.
 */

/** The browser failed to start, crashed, hung, or a page could not be printed. Exit code 3. */
export class RenderError extends EnvironmentError {
  override readonly name: string = "RenderError";
}

/** Raised when no usable browser exists; the message says how to get one. Exit code 3. */
export class BrowserNotFoundError extends EnvironmentError {
  override readonly name = "BrowserNotFoundError";
}
