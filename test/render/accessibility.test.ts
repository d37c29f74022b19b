import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxePuppeteer } from "@axe-core/puppeteer";
import puppeteer from "puppeteer";
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { renderDocuments } from "../../src/render/report.js";
import { CHROMIUM_ARGS } from "../../src/render/pdf/browser-session.js";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import { scoreDemo } from "../support/demo.js";

/** Every kind of report for samples/demo, written to files the validators can read. */
let files: { name: string; path: string; html: string }[] = [];

beforeAll(async () => {
  const result = await scoreDemo();
  const dir = mkdtempSync(join(tmpdir(), "caution-a11y-"));
  files = renderDocuments(result, ["executive", "vendor", "comparison", "full"], "a4").map(({ spec, html }) => {
    const path = join(dir, `${spec.name}.html`);
    writeFileSync(path, html);
    return { name: spec.name, path, html };
  });
});

describe("HTML validity (W3C Nu validator)", () => {
  it("reports 0 errors for every report kind", () => {
    const jar = join(PACKAGE_ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
    const r = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files.map((f) => f.path)], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.error, "java must be installed (Debian: default-jre-headless)").toBeUndefined();
    const messages = (
      JSON.parse(r.stderr || r.stdout) as {
        messages: { type: string; message: string; url: string; lastLine?: number }[];
      }
    ).messages;
    const errors = messages
      .filter((m) => m.type === "error")
      .map((m) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`);
    expect(errors).toEqual([]);
  }, 180_000);
});

describe("accessibility (axe-core)", () => {
  it("has no serious or critical violations in any report kind", async () => {
    const choice = await findBrowser();
    const browser = await puppeteer.launch({
      executablePath: choice.path,
      headless: choice.headless,
      args: CHROMIUM_ARGS,
    });
    try {
      const found: string[] = [];
      // The full report is the other kinds put together; checking it again would only double the time.
      for (const f of files.filter((x) => x.name !== "caution-report")) {
        const page = await browser.newPage();
        // axe needs JavaScript for its own check; the report itself has none, and nothing may load.
        await page.setRequestInterception(true);
        page.on("request", (r) => void (r.url().startsWith("data:") ? r.continue() : r.abort()));
        await page.setContent(f.html, { waitUntil: "load" });
        const results = await new AxePuppeteer(page).analyze();
        for (const v of results.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
          found.push(
            `${f.name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 2)
              .map((n) => n.target.join(" "))
              .join("; ")}`,
          );
        }
        await page.close();
      }
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
