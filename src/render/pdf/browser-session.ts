import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page, PDFOptions } from "puppeteer";
import type { BrowserChoice } from "./find-browser.js";
import type { Resources } from "../../run/resources.js";
import { processAlive, STALE_AFTER_MS } from "../../common/processes.js";
import { RenderError } from "./errors.js";

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
  /** Upper bound for one document (set content + print); default CAUTION_PDF_TIMEOUT seconds, else 60 s. */
  timeoutMs?: number;
  /** The run's resources: the browser is closed when the run ends and killed if the process exits first. */
  resources?: Resources;
}

/** How long one document may take before the browser counts as hung: 60 s unless CAUTION_PDF_TIMEOUT (seconds) says. */
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

export function pdfTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CAUTION_PDF_TIMEOUT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PDF_TIMEOUT_MS;
  if (!/^\d{1,4}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 3600) {
    throw new RenderError(`CAUTION_PDF_TIMEOUT must be a whole number of seconds from 1 to 3600, got "${raw}"`);
  }
  return Number(raw) * 1000;
}

/**
 * caution makes each browser's profile folder itself, named after its own process, rather than letting Puppeteer
 * make one: Puppeteer removes its own only on a clean close, and every browser killed (Ctrl-C, a crash, a hang, a run
 * cut short) left a profile of a few hundred KB in the temp folder. A later run removes those of dead processes.
 */
const PROFILE_PREFIX = "caution-chromium-";

function removeProfile(dir: string): void {
  try {
    // Helpers killed a moment ago may still be letting go of files: retry briefly.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // Left for the system's temp cleaning (or the next run's); nothing else depends on it.
  }
}

/** Removes profile folders of caution runs that are gone (killed with -9, say). Only caution's own, by name. */
export function removeStaleProfiles(dir = tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = /^caution-chromium-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    let age: number;
    try {
      age = now - statSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (processAlive(Number(match[1])) && age < STALE_AFTER_MS) continue;
    removeProfile(path);
    removed.push(name);
  }
  return removed;
}

/**
 * The text of whatever was thrown. Puppeteer rejects with an Error almost always, but a browser killed while it
 * starts can end the launch with a bare event object, whose String() is "[object Object]".
 */
function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err !== null && typeof err === "object") {
    const { message, type } = err as { message?: unknown; type?: unknown };
    if (typeof message === "string" && message !== "") return message;
    return typeof type === "string" ? `the connection ended (${type})` : "the browser went away";
  }
  return String(err);
}

function launchFailure(err: unknown): string {
  const message = errorMessage(err);
  // Over a pipe, a program that exits at once (not a browser, or one missing a library) shows up as the pipe
  // closing during the first protocol call; Puppeteer's words for it name protocol methods.
  if (/Target closed|Connection closed|Protocol error/i.test(message) && !/\nstderr:/.test(message))
    return "it exited or crashed while starting (is it Chrome or Chromium?)";
  const [first = "unknown error"] = message.split("\n");
  const stderr = /\nstderr:\n([\s\S]*?)(?:\nTROUBLESHOOTING|$)/
    .exec(message)?.[1]
    ?.split("\n")
    .find((l) => l.trim() !== "");
  return `${first.replace(/\s+/g, " ").trim()}${stderr ? ` (${stderr.trim()})` : ""}`;
}

export const CLOSED_UNEXPECTEDLY = "it closed unexpectedly (crashed or was killed)";

/**
 * Words a browser failure for a person: a timeout means the browser hung, a closed connection that it crashed or
 * was killed. Puppeteer's own messages name protocol methods and settings that mean nothing to a user.
 */
export function describeBrowserFailure(err: unknown, timeoutMs: number): string {
  const message = errorMessage(err);
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || /timed? ?out/i.test(message))
    return `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
  if (/Failed to launch the browser process/i.test(message)) {
    const code = /Code: (\S+)/.exec(message)?.[1];
    return code === undefined || code === "null"
      ? "it was killed or crashed while starting"
      : `it exited with code ${code} while starting`;
  }
  if (
    /Target closed|detached|Connection closed|Session closed|Protocol error|browser has disconnected|has been closed|crashed/i.test(
      message,
    )
  ) {
    return CLOSED_UNEXPECTEDLY;
  }
  return message.split("\n")[0] ?? "unknown error";
}

/**
 * How caution prints: size and margins come from the document's @page rule, the same one a browser uses to print
 * the HTML file (`format` only applies to a document without one); tagged, with an outline from the headings.
 * Exported so the benchmark's bare page.pdf() prints exactly the same way.
 */
export function pdfOptions(print: PrintOptions = {}): PDFOptions {
  return {
    format: print.paper === "letter" ? "Letter" : "A4",
    printBackground: true,
    preferCSSPageSize: true,
    tagged: true,
    outline: true,
  };
}

export { RenderError };

/** The running header and footer are part of the document (CSS page margin boxes); only the paper is chosen here. */
export interface PrintOptions {
  paper?: "a4" | "letter";
}

/**
 * One browser for many documents: a page per document is far cheaper than a browser per document (see
 * performance.md). Report pages get no JavaScript and no network: every request the page would make is aborted,
 * and `blocked` records them so tests can prove nothing left.
 */
export class BrowserSession {
  readonly blocked: string[] = [];
  private ended = false;

  private constructor(
    private readonly browser: Browser,
    readonly timeoutMs: number,
    private readonly profile: string,
  ) {}

  static async launch(choice: BrowserChoice, options: SessionOptions = {}): Promise<BrowserSession> {
    const timeoutMs = options.timeoutMs ?? pdfTimeoutMs();
    removeStaleProfiles();
    const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    // Until the browser runs, an exit must still remove the profile.
    let session: BrowserSession | undefined;
    options.resources?.defer(
      () => session?.close() ?? removeProfile(profile),
      () => (session ? session.kill() : removeProfile(profile)),
    );
    try {
      const { default: puppeteer } = await import("puppeteer");
      const browser = await puppeteer.launch({
        executablePath: choice.path,
        userDataDir: profile,
        headless: choice.headless,
        args: CHROMIUM_ARGS,
        timeout: timeoutMs,
        protocolTimeout: timeoutMs,
        // caution installs its own SIGINT handling so it can remove partial output first.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        // Talk to the browser over a pipe, not a socket: when caution dies, however it dies (kill -9 included), the
        // pipe closes and the browser exits with it.
        pipe: true,
      });
      session = new BrowserSession(browser, timeoutMs, profile);
      return session;
    } catch (err) {
      removeProfile(profile);
      throw new RenderError(
        `Could not start the browser at ${choice.path} (${choice.source}): ${launchFailure(err)}. Run \`caution doctor\` to check it.`,
        { cause: err },
      );
    }
  }

  /**
   * One page per slot, each in a browser context of its own: contexts never share a renderer process, so two slots
   * print on two cores, and a page is reused from document to document (opening and closing one costs as much as
   * printing a short report). Report pages run no JavaScript and store nothing, so nothing carries over.
   */
  private readonly pages = new Map<number, Promise<Page>>();

  private page(slot: number): Promise<Page> {
    let page = this.pages.get(slot);
    if (!page) {
      page = (async () => {
        const context = slot === 0 ? this.browser.defaultBrowserContext() : await this.browser.createBrowserContext();
        const p = await context.newPage();
        await p.setJavaScriptEnabled(false);
        // Laid out for print from the start: page.pdf() then finds the styles it needs already computed, where a
        // page laid out for the screen is restyled first (median 24% faster per document, same pages, same text).
        await p.emulateMediaType("print");
        await p.setRequestInterception(true);
        p.on("request", (request) => {
          this.blocked.push(request.url());
          void request.abort("blockedbyclient");
        });
        return p;
      })();
      this.pages.set(slot, page);
    }
    return page;
  }

  async pdf(html: string, print: PrintOptions = {}, slot = 0): Promise<Uint8Array> {
    const page = await this.page(slot);
    await page.setContent(html, { waitUntil: "load", timeout: this.timeoutMs });
    return await page.pdf({ ...pdfOptions(print), timeout: this.timeoutMs });
  }

  async close(): Promise<void> {
    if (this.ended) return;
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
    this.ended = true;
    const proc = this.browser.process();
    if (!proc?.pid) {
      removeProfile(this.profile);
      return;
    }
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
    removeProfile(this.profile);
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
