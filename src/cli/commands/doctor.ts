import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { BrowserSession } from "../../render/pdf/browser-session.js";
import type { BrowserChoice } from "../../render/pdf/find-browser.js";
import { EXIT } from "../../run/exit-codes.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../common/text.js";
import { execute, globals } from "../execute.js";
import { describeFsError } from "../../common/fs-errors.js";

/** The oldest Node.js caution supports (package.json `engines`). */
export const MIN_NODE = [20, 19] as const;
/** How long `<browser> --version` and `fc-list` may take before they count as hung. */
const TOOL_TIMEOUT_MS = 10_000;
/** The launch-and-print check: a healthy browser needs well under a second. */
const PRINT_TIMEOUT_MS = 30_000;

export type CheckStatus = "ok" | "warn" | "fail" | "info";

export interface Check {
  status: CheckStatus;
  name: string;
  detail: string;
  /** What to do about it (for warn and fail). */
  fix?: string;
}

interface DoctorOptions {
  out: string;
  browser?: string;
}

/** `caution doctor`: one line per check; exit 3 when anything stops caution from rendering reports. */
export async function doctorCommand(run: Run, opts: DoctorOptions): Promise<number> {
  const checks = await doctor(opts, run.env);
  for (const c of checks) run.stdout(formatCheck(c));
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  run.progress.done(
    failed === 0
      ? `everything needed to render reports works${warned > 0 ? ` (${plural(warned, "warning")})` : ""}`
      : `${plural(failed, "problem")} stop${failed === 1 ? "s" : ""} caution from rendering reports; each says how to fix it`,
  );
  return failed === 0 ? EXIT.ok : EXIT.internal;
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description(
      "check that this machine can render reports: Node.js, the browser (found, launches, prints), fonts, the output folder",
    )
    .option("-o, --out <dir>", "the output folder to check for write access", "reports")
    .option("--browser <path>", "check this Chrome or Chromium instead of the one caution would find")
    .action((opts: DoctorOptions, cmd: Command) => execute(globals(cmd), (run) => doctorCommand(run, opts)));
}

export function formatCheck(c: Check): string {
  const label = { ok: "ok  ", warn: "warn", fail: "FAIL", info: "info" }[c.status];
  const fix = c.fix
    ? c.fix
        .split("\n")
        .map((l) => `      ${l}\n`)
        .join("")
        .replace(/^ {6}/, "      fix: ")
    : "";
  return `${label}  ${c.name}: ${c.detail}\n${fix}`;
}

export async function doctor(
  opts: { out: string; browser?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Check[]> {
  const checks: Check[] = [checkNode(process.versions.node)];
  let choice: BrowserChoice | undefined;
  // The browser's modules load here, not at start-up: no other command but report needs them.
  const { findBrowser } = await import("../../render/pdf/find-browser.js");
  try {
    choice = await findBrowser(opts.browser, env);
  } catch (err) {
    const [first, ...rest] = (err as Error).message.split("\n");
    checks.push({
      status: "fail",
      name: "browser",
      detail: first ?? "not found",
      fix: rest.join("\n") || "install Chrome or Chromium",
    });
  }
  if (choice) {
    checks.push(checkBrowserVersion(choice));
    checks.push(await checkPrint(choice, env));
  } else {
    checks.push({ status: "info", name: "browser prints", detail: "not tried without a browser" });
  }
  checks.push(checkFonts());
  checks.push(checkPdfTools(env));
  checks.push(await checkOutput(opts.out));
  return checks;
}

export function checkNode(version: string): Check {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { status: "ok", name: "node", detail: `${version} (${MIN_NODE.join(".")} or later needed)` }
    : {
        status: "fail",
        name: "node",
        detail: `${version} is too old; caution needs ${MIN_NODE.join(".")} or later`,
        fix: "install Node.js 20.19 or later (https://nodejs.org, or your distribution's nodejs package)",
      };
}

function checkBrowserVersion(choice: BrowserChoice): Check {
  const where = `${choice.path} (${choice.source})`;
  const r = spawnSync(choice.path, ["--version"], { encoding: "utf8", timeout: TOOL_TIMEOUT_MS });
  const version = (r.stdout ?? "").trim().split("\n")[0];
  if (r.error || r.status !== 0 || !version) {
    const why =
      r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT"
        ? `did not answer --version within ${TOOL_TIMEOUT_MS / 1000} s`
        : `--version failed${r.stderr ? `: ${r.stderr.trim().split("\n")[0]}` : ""}`;
    return {
      status: "warn",
      name: "browser",
      detail: `${where}; ${why}`,
      fix: "if the print check below fails too, reinstall the browser (apt-get install --reinstall chromium-headless-shell)",
    };
  }
  return { status: "ok", name: "browser", detail: `${where}, ${version}` };
}

const TEST_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>caution doctor</title></head><body><h1>caution doctor</h1><p>One page printed to check the browser.</p></body></html>`;

async function checkPrint(choice: BrowserChoice, env: NodeJS.ProcessEnv): Promise<Check> {
  const { BrowserSession, describeBrowserFailure, pdfTimeoutMs, RenderError } =
    await import("../../render/pdf/browser-session.js");
  let timeoutMs: number;
  try {
    timeoutMs = Math.min(PRINT_TIMEOUT_MS, pdfTimeoutMs(env));
  } catch (err) {
    return {
      status: "fail",
      name: "browser prints",
      detail: (err as Error).message,
      fix: "unset CAUTION_PDF_TIMEOUT or set it to whole seconds, e.g. CAUTION_PDF_TIMEOUT=120",
    };
  }
  const started = performance.now();
  let session: BrowserSession | undefined;
  try {
    session = await BrowserSession.launch(choice, { timeoutMs });
    const launched = performance.now();
    const pdf = await session.pdf(TEST_PAGE);
    const { PDFDocument } = await import("pdf-lib");
    const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    const ms = (t: number) => `${Math.round(t)} ms`;
    if (pages !== 1)
      return {
        status: "fail",
        name: "browser prints",
        detail: `printed ${pages} pages instead of 1`,
        fix: "reinstall the browser or name another with --browser",
      };
    return {
      status: "ok",
      name: "browser prints",
      detail: `launched in ${ms(launched - started)} and printed a 1-page PDF (${pdf.length} bytes) in ${ms(performance.now() - launched)}`,
    };
  } catch (err) {
    return {
      status: "fail",
      name: "browser prints",
      // A launch failure carries the browser's own complaint (a missing library, say); print failures are worded.
      detail: `could not launch ${choice.path} and print a page: ${err instanceof RenderError ? err.message.replace(/\. Run `caution doctor` to check it\.$/, "") : describeBrowserFailure(err, timeoutMs)}`,
      fix: `run it by hand to see why: ${choice.path} --headless --no-sandbox --disable-gpu --print-to-pdf=/tmp/t.pdf about:blank\nor install a browser that works: apt-get install chromium-headless-shell (Debian/Ubuntu)`,
    };
  } finally {
    await session?.close();
  }
}

function checkFonts(): Check {
  const r = spawnSync("fc-list", [":", "family"], { encoding: "utf8", timeout: TOOL_TIMEOUT_MS });
  if (r.error) {
    return {
      status: "warn",
      name: "fonts",
      detail: "fc-list (fontconfig) is not available, so the fonts cannot be checked",
      fix: "on Linux: apt-get install fontconfig fonts-liberation",
    };
  }
  const families = r.stdout
    .split("\n")
    .flatMap((l) => l.split(","))
    .map((f) => f.trim())
    .filter((f) => f !== "");
  const has = (name: string) => families.some((f) => f.toLowerCase() === name.toLowerCase());
  if (has("Liberation Sans"))
    return {
      status: "ok",
      name: "fonts",
      detail: `Liberation Sans (the reports' font)${has("DejaVu Sans") ? " and DejaVu Sans" : ""}`,
    };
  if (has("DejaVu Sans"))
    return {
      status: "ok",
      name: "fonts",
      detail: "DejaVu Sans (Liberation Sans, the reports' first choice, is missing: line breaks differ slightly)",
      fix: "apt-get install fonts-liberation",
    };
  if (families.length === 0)
    return {
      status: "fail",
      name: "fonts",
      detail: "no fonts installed: the PDFs would have no readable text",
      fix: "apt-get install fonts-liberation",
    };
  return {
    status: "warn",
    name: "fonts",
    detail: `neither Liberation Sans nor DejaVu Sans; the reports fall back to ${families[0]}`,
    fix: "apt-get install fonts-liberation",
  };
}

function checkPdfTools(env: NodeJS.ProcessEnv): Check {
  const tools = ["pdfinfo", "pdftotext", "qpdf"];
  const missing = tools.filter((t) => !onPath(t, env));
  if (missing.length === 0) return { status: "ok", name: "pdf tools (for the tests only)", detail: tools.join(", ") };
  return {
    status: "info",
    name: "pdf tools (for the tests only)",
    detail: `${missing.join(", ")} not found; caution does not need them, its tests do`,
    fix: "apt-get install poppler-utils qpdf",
  };
}

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      const p = join(dir, name);
      if (statSync(p).isFile()) {
        accessSync(p, constants.X_OK);
        return true;
      }
    } catch {
      // not here
    }
  }
  return false;
}

/** Proves write access by writing: permission bits say nothing for root, a read-only mount or a full disk. */
export async function checkOutput(out: string): Promise<Check> {
  const name = "output folder";
  const fix = "choose another folder with --out, or make this one writable";
  const target = resolve(out);
  const info = await stat(target).catch((err: NodeJS.ErrnoException) => err);
  if (!(info instanceof Error)) {
    if (!info.isDirectory()) return { status: "fail", name, detail: `${out} is a file, not a folder`, fix };
    const probe = join(target, `.caution-doctor.${process.pid}.tmp`);
    try {
      await writeFile(probe, "caution doctor\n");
      return { status: "ok", name, detail: `${out} is writable` };
    } catch (err) {
      return { status: "fail", name, detail: `cannot write to ${out}: ${describeFsError(err)}`, fix };
    } finally {
      await rm(probe, { force: true });
    }
  }
  if (info.code !== "ENOENT" && info.code !== "ENOTDIR")
    return { status: "fail", name, detail: `cannot use ${out}: ${describeFsError(info)}`, fix };
  // Not there yet: caution creates it, so the nearest existing folder above must take a new folder.
  let parent = dirname(target);
  for (;;) {
    const p = await stat(parent).catch(() => undefined);
    if (p) {
      if (!p.isDirectory())
        return { status: "fail", name, detail: `cannot create ${out}: ${parent} is a file, not a folder`, fix };
      break;
    }
    const up = dirname(parent);
    if (up === parent) break;
    parent = up;
  }
  try {
    const probe = await mkdtemp(join(parent, ".caution-doctor-"));
    await rm(probe, { recursive: true, force: true });
    return { status: "ok", name, detail: `${out} does not exist yet; caution can create it in ${parent}` };
  } catch (err) {
    return { status: "fail", name, detail: `cannot create ${out} in ${parent}: ${describeFsError(err)}`, fix };
  }
}
