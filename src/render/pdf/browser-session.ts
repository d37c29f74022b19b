import puppeteer, { type Browser, type PDFOptions } from "puppeteer";
import type { BrowserChoice } from "./find-browser.js";

/** Flags that work on locked-down machines: no sandbox as root, no GPU, and no calls home that would only fail. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

export interface SessionOptions {
  /** Upper bound for one document (set content + print). */
  timeoutMs?: number;
}

export class RenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderError";
  }
}

export interface PrintOptions {
  headerTitle: string;
  footerLeft: string;
  paper?: "a4" | "letter";
}

/**
 * One browser for many documents: a page per document is far cheaper than a browser per document (see
 * performance.md). Report pages get no JavaScript and no network: every request the page would make is aborted,
 * and `blocked` records them so tests can prove nothing left.
 */
export class BrowserSession {
  readonly blocked: string[] = [];
  private constructor(
    private readonly browser: Browser,
    private readonly timeoutMs: number,
  ) {}

  static async launch(choice: BrowserChoice, options: SessionOptions = {}): Promise<BrowserSession> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    try {
      const browser = await puppeteer.launch({
        executablePath: choice.path,
        headless: choice.headless,
        args: CHROMIUM_ARGS,
        timeout: timeoutMs,
        protocolTimeout: timeoutMs,
        // caution installs its own SIGINT handling so it can remove partial output first.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      return new BrowserSession(browser, timeoutMs);
    } catch (err) {
      throw new RenderError(`Could not start the browser at ${choice.path} (${choice.source}): ${(err as Error).message.split("\n")[0]}`, { cause: err });
    }
  }

  async pdf(html: string, print: PrintOptions): Promise<Uint8Array> {
    const page = await this.browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        this.blocked.push(request.url());
        void request.abort("blockedbyclient");
      });
      await page.setContent(html, { waitUntil: "load", timeout: this.timeoutMs });
      const options: PDFOptions = {
        format: print.paper === "letter" ? "Letter" : "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(print.headerTitle),
        footerTemplate: footerTemplate(print.footerLeft),
        margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
        preferCSSPageSize: false,
        tagged: true,
        outline: true,
        timeout: this.timeoutMs,
      };
      return await page.pdf(options);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    try {
      await withTimeout(this.browser.close(), 5_000);
    } catch {
      // A browser that does not close in time is killed: never leave a Chromium behind.
      this.kill();
    }
    // Helpers (zygote, GPU, renderers) share the browser's process group; make sure none outlives it.
    this.kill();
  }

  /** Ends the browser and every process it started, at once. */
  kill(): void {
    const proc = this.browser.process();
    if (!proc?.pid) return;
    try {
      // Puppeteer starts Chromium detached, in a process group of its own: signal the whole group.
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      try {
        proc.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  /** The browser's process id, for tests that check nothing is left behind. */
  get pid(): number | undefined {
    return this.browser.process()?.pid;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Header and footer are rendered by Chromium from these snippets; the texts in them are escaped here. */
function headerTemplate(title: string): string {
  return `<div style="font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #5b6470; width: 100%; padding: 0 16mm; text-align: right;">${escapeHtml(title)}</div>`;
}

function footerTemplate(left: string): string {
  return `<div style="font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #5b6470; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between;"><span>${escapeHtml(left)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
