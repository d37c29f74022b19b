import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BrowserNotFoundError } from "../../../src/render/pdf/errors.js";
import { findBrowser } from "../../../src/render/pdf/find-browser.js";
import { tempDir } from "../../support/cli.js";

/** A file that passes for a browser: findBrowser checks it exists and is executable, it does not run it. */
function fakeBrowser(name: string, mode = 0o755): string {
  const path = join(tempDir("caution-browser-"), name);
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, mode);
  return path;
}

describe("findBrowser", () => {
  it("takes the --browser path first, then CAUTION_BROWSER, then PUPPETEER_EXECUTABLE_PATH", async () => {
    const [option, caution, puppeteer] = [fakeBrowser("a"), fakeBrowser("b"), fakeBrowser("c")];
    const env = { CAUTION_BROWSER: caution, PUPPETEER_EXECUTABLE_PATH: puppeteer };
    expect(await findBrowser(option, env)).toEqual({ path: option, source: "option", headless: true });
    expect(await findBrowser(undefined, env)).toEqual({ path: caution, source: "CAUTION_BROWSER", headless: true });
    expect(await findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: puppeteer })).toEqual({
      path: puppeteer,
      source: "PUPPETEER_EXECUTABLE_PATH",
      headless: true,
    });
  });

  it("runs a headless shell in Puppeteer's shell mode", async () => {
    const shell = fakeBrowser("chrome-headless-shell");
    expect((await findBrowser(shell, {})).headless).toBe("shell");
  });

  it("refuses a named browser that is missing or not executable instead of falling back", async () => {
    await expect(findBrowser("/nonexistent/chrome", {})).rejects.toThrow(BrowserNotFoundError);
    await expect(findBrowser("/nonexistent/chrome", {})).rejects.toThrow(
      /--browser does not exist: \/nonexistent\/chrome\n.*apt-get install chromium-headless-shell/s,
    );
    const plain = fakeBrowser("chrome", 0o644);
    await expect(findBrowser(undefined, { CAUTION_BROWSER: plain })).rejects.toThrow(
      `The browser named by CAUTION_BROWSER is not executable: ${plain}`,
    );
  });

  it("finds the system browser of this machine when nothing is named", async () => {
    const found = await findBrowser(undefined, {});
    expect(["puppeteer cache", "system"]).toContain(found.source);
  });
});
