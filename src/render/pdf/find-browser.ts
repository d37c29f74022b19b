import { accessSync, constants, existsSync } from "node:fs";
import { BrowserNotFoundError } from "./errors.js";

export interface BrowserChoice {
  path: string;
  /** Where it was found, for `caution doctor` and error messages. */
  source: "option" | "CAUTION_BROWSER" | "PUPPETEER_EXECUTABLE_PATH" | "puppeteer cache" | "system";
  /** chrome-headless-shell needs Puppeteer's "shell" mode; a full Chrome runs the new headless mode. */
  headless: true | "shell";
}

export { BrowserNotFoundError };

/**
 * System locations, best first. On Debian the real binaries under /usr/lib/chromium come before the /usr/bin
 * wrapper script: the wrapper does not exec, so closing the browser would leave Chromium itself running.
 * chrome-headless-shell starts faster and renders the same.
 */
const SYSTEM_BROWSERS = [
  "/usr/lib/chromium/chromium-headless-shell",
  "/usr/lib/chromium/chromium",
  "/usr/lib/chromium-browser/chromium-browser",
  "/opt/google/chrome/chrome",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

export const INSTALL_HINT = [
  "Install a Chrome or Chromium and run again:",
  "  Debian/Ubuntu:  apt-get install chromium-headless-shell   (or: apt-get install chromium)",
  "  Fedora:         dnf install chromium-headless",
  "  macOS:          install Google Chrome",
  "  with internet:  npx @puppeteer/browsers install chrome-headless-shell@stable",
  "or point caution at a browser you have: --browser <path> or CAUTION_BROWSER=<path>.",
].join("\n");

const headlessFor = (path: string): true | "shell" => (/headless[-_]shell/i.test(path) ? "shell" : true);

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a browser: an explicit path (option, then CAUTION_BROWSER, then PUPPETEER_EXECUTABLE_PATH), then a browser
 * Puppeteer downloaded into its cache, then a system Chrome/Chromium. An explicit path that does not work is an
 * error rather than a silent fallback: the user asked for that browser.
 */
export async function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const named: [string | undefined, BrowserChoice["source"]][] = [
    [explicit, "option"],
    [env.CAUTION_BROWSER, "CAUTION_BROWSER"],
    [env.PUPPETEER_EXECUTABLE_PATH, "PUPPETEER_EXECUTABLE_PATH"],
  ];
  for (const [path, source] of named) {
    if (!path) continue;
    if (!existsSync(path))
      throw new BrowserNotFoundError(
        `The browser named by ${source === "option" ? "--browser" : source} does not exist: ${path}\n${INSTALL_HINT}`,
      );
    if (!executable(path))
      throw new BrowserNotFoundError(
        `The browser named by ${source === "option" ? "--browser" : source} is not executable: ${path}`,
      );
    return { path, source, headless: headlessFor(path) };
  }
  for (const path of await puppeteerCache()) {
    if (existsSync(path) && executable(path)) return { path, source: "puppeteer cache", headless: headlessFor(path) };
  }
  for (const path of SYSTEM_BROWSERS) {
    if (existsSync(path) && executable(path)) return { path, source: "system", headless: headlessFor(path) };
  }
  throw new BrowserNotFoundError(
    `No Chrome or Chromium found. Looked in Puppeteer's cache and in ${SYSTEM_BROWSERS.length} system locations.\n${INSTALL_HINT}`,
  );
}

/** Paths where Puppeteer would have put its own browsers, headless shell first; empty when it has none. */
async function puppeteerCache(): Promise<string[]> {
  // Loaded only when a PDF is wanted: Puppeteer takes a fifth of a second to load.
  const { default: puppeteer } = await import("puppeteer");
  const out: string[] = [];
  for (const attempt of [() => puppeteer.executablePath({ headless: "shell" }), () => puppeteer.executablePath()]) {
    try {
      out.push(attempt());
    } catch {
      // Puppeteer throws when its browser was never downloaded; that is the normal case here.
    }
  }
  return out;
}
