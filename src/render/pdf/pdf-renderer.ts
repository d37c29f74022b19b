import {
  BrowserSession,
  CLOSED_UNEXPECTEDLY,
  describeBrowserFailure,
  pdfTimeoutMs,
  RenderError,
  type PrintOptions,
  type SessionOptions,
} from "./browser-session.js";
import type { BrowserChoice } from "./find-browser.js";

export interface RendererOptions extends SessionOptions {
  onRelaunch?: (reason: string) => void;
  /** Aborting (Ctrl-C) kills the browser at once and makes every render in flight fail without a relaunch. */
  signal?: AbortSignal;
}

/** The run was interrupted: not a browser failure, so nothing is relaunched and no advice is given. */
export class RenderAbortedError extends RenderError {
  override readonly name = "RenderAbortedError";
  constructor() {
    super("interrupted; the browser was stopped");
  }
}

/**
 * Renders many PDFs with one browser, a few pages at a time. If the browser crashes or hangs, it is killed with
 * everything it started and launched once more; a second failure ends the run with a clear message (exit 3).
 */
export class PdfRenderer {
  private session: BrowserSession | undefined;
  private relaunched = false;
  /** URLs the report pages tried to load; all were refused. */
  readonly blocked: string[] = [];

  private readonly timeoutMs: number;

  private constructor(
    readonly choice: BrowserChoice,
    private readonly options: RendererOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? pdfTimeoutMs();
  }

  static async start(choice: BrowserChoice, options: RendererOptions = {}): Promise<PdfRenderer> {
    const r = new PdfRenderer(choice, options);
    const { signal } = options;
    if (signal?.aborted) throw new RenderAbortedError();
    r.session = await BrowserSession.launch(choice, { ...options, timeoutMs: r.timeoutMs });
    if (signal) {
      signal.addEventListener("abort", () => r.kill(), { once: true });
      // Interrupted while the browser was starting: it must not outlive the run.
      if (signal.aborted) {
        r.kill();
        throw new RenderAbortedError();
      }
    }
    return r;
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  /** Kills the browser (and a relaunch in progress) with every process it started; for interrupts. */
  kill(): void {
    this.session?.kill();
    this.session = undefined;
    void this.relaunching?.then(
      (s) => s.kill(),
      () => undefined,
    );
  }

  /** The current browser process, for tests that kill it mid-batch. */
  get pid(): number | undefined {
    return this.session?.pid;
  }

  async render(html: string, print: PrintOptions, slot = 0): Promise<Uint8Array> {
    if (this.aborted) throw new RenderAbortedError();
    const session = await this.current();
    try {
      return await session.pdf(html, print, slot);
    } catch (err) {
      if (this.aborted) throw new RenderAbortedError();
      const fresh = await this.replace(session, err);
      try {
        return await fresh.pdf(html, print, slot);
      } catch (again) {
        if (this.aborted) throw new RenderAbortedError();
        // No second relaunch: end this browser now rather than wait for close() to time out on a hung one.
        fresh.kill();
        throw this.gaveUp(again);
      }
    }
  }

  private gaveUp(err: unknown): RenderError {
    return new RenderError(
      `the browser failed again while printing a PDF (${describeBrowserFailure(err, this.timeoutMs)}) after one relaunch; giving up, nothing was written. Run \`caution doctor\` to check the browser.`,
      { cause: err },
    );
  }

  private relaunching: Promise<BrowserSession> | undefined;

  private async current(): Promise<BrowserSession> {
    if (this.session) return this.session;
    if (this.relaunching) return this.relaunching;
    throw new RenderError("the browser is closed");
  }

  /** One relaunch per run, shared by every page that was in flight when the browser went down. */
  private async replace(failed: BrowserSession, err: unknown): Promise<BrowserSession> {
    if (this.session !== failed) return this.current();
    if (this.relaunched) {
      failed.kill();
      throw this.gaveUp(err);
    }
    this.relaunched = true;
    this.options.onRelaunch?.(describeBrowserFailure(err, this.timeoutMs));
    this.blocked.push(...failed.blocked);
    failed.kill();
    this.session = undefined;
    const reason = describeBrowserFailure(err, this.timeoutMs);
    this.relaunching = BrowserSession.launch(this.choice, { ...this.options, timeoutMs: this.timeoutMs }).then(
      (s) => {
        this.relaunching = undefined;
        if (this.aborted) {
          s.kill();
          throw new RenderAbortedError();
        }
        this.session = s;
        return s;
      },
      (launchErr: unknown) => {
        if (this.aborted) throw new RenderAbortedError();
        const cause = launchErr instanceof Error && launchErr.cause !== undefined ? launchErr.cause : launchErr;
        // A launch that ends without an Error (a bare event object), or whose connection closes, means the new
        // browser died while starting: one wording for both, whichever way Puppeteer noticed it.
        const described = cause instanceof Error ? describeBrowserFailure(cause, this.timeoutMs) : undefined;
        const why =
          described === undefined || described === CLOSED_UNEXPECTEDLY
            ? "it was killed or crashed while starting"
            : described;
        throw new RenderError(
          `the browser failed while printing a PDF (${reason}) and could not be relaunched (${why}); giving up, nothing was written. Run \`caution doctor\` to check the browser.`,
          { cause: launchErr },
        );
      },
    );
    return this.relaunching;
  }

  async close(): Promise<void> {
    // A relaunch still starting must not leave its browser behind.
    if (this.relaunching) await this.relaunching.catch(() => undefined);
    if (!this.session) return;
    this.blocked.push(...this.session.blocked);
    await this.session.close();
    this.session = undefined;
  }
}

/**
 * Runs `tasks` with at most `limit` in flight, keeping results in order; `slot` says which worker runs a task. After
 * the first failure no further task starts (those in flight finish or fail on their own).
 */
export async function inOrder<T>(
  count: number,
  limit: number,
  task: (i: number, slot: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let failed = false;
  const worker = async (_: unknown, slot: number) => {
    while (next < count && !failed) {
      const i = next++;
      try {
        results[i] = await task(i, slot);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
