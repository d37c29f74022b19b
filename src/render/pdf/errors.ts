/**
 * The browser's errors, apart from the code that raises them: the CLI maps them to exit 3 without loading
 * Puppeteer, which costs a fifth of a second on every command that never prints a PDF.
 */

/** The browser failed to start, crashed, hung, or a page could not be printed. Exit code 3. */
export class RenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderError";
  }
}

/** Raised when no usable browser exists; the message says how to get one. Exit code 3. */
export class BrowserNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BrowserNotFoundError";
  }
}
