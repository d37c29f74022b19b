import { BrowserSession, RenderError, type PrintOptions, type SessionOptions } from "./browser-session.js";
import type { BrowserChoice } from "./find-browser.js";

/**
 * Renders many PDFs with one browser, a few pages at a time. If the browser crashes or hangs, it is killed with
 * everything it started and launched once more; a second failure ends the run with a clear message (exit 3).
 */
export class PdfRenderer {
  private session: BrowserSession | undefined;
  private relaunched = false;
  /** URLs the report pages tried to load; all were refused. */
  readonly blocked: string[] = [];

  private constructor(
    private readonly choice: BrowserChoice,
    private readonly options: SessionOptions & { onRelaunch?: (reason: string) => void },
  ) {}

  static async start(choice: BrowserChoice, options: SessionOptions & { onRelaunch?: (reason: string) => void } = {}): Promise<PdfRenderer> {
    const r = new PdfRenderer(choice, options);
    r.session = await BrowserSession.launch(choice, options);
    return r;
  }

  /** The current browser process, for tests that kill it mid-batch. */
  get pid(): number | undefined {
    return this.session?.pid;
  }

  async render(html: string, print: PrintOptions): Promise<Uint8Array> {
    const session = await this.current();
    try {
      return await session.pdf(html, print);
    } catch (err) {
      const fresh = await this.replace(session, err);
      try {
        return await fresh.pdf(html, print);
      } catch (again) {
        throw new RenderError(`the browser failed again while printing a PDF (${firstLine(again)}); giving up. Run \`caution doctor\` to check the browser.`, { cause: again });
      }
    }
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
    if (this.relaunched) throw new RenderError(`the browser failed again while printing a PDF (${firstLine(err)}); giving up. Run \`caution doctor\` to check the browser.`, { cause: err });
    this.relaunched = true;
    this.options.onRelaunch?.(firstLine(err));
    this.blocked.push(...failed.blocked);
    failed.kill();
    this.session = undefined;
    this.relaunching = BrowserSession.launch(this.choice, this.options).then((s) => {
      this.session = s;
      this.relaunching = undefined;
      return s;
    });
    return this.relaunching;
  }

  async close(): Promise<void> {
    if (!this.session) return;
    this.blocked.push(...this.session.blocked);
    await this.session.close();
    this.session = undefined;
  }
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "unknown error";

/** Runs `tasks` with at most `limit` in flight, keeping results in order. */
export async function inOrder<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
