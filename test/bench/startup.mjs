// Benchmark: start-up to the first PDF. A cold `caution report` of the demo's executive summary (node start, load,
// validate, score, launch, print, stamp, write) against the least any tool could do for the same PDF: a fresh
// node process that imports Puppeteer, launches the same browser, prints the same HTML once and closes it.
// Target (performance.md): within 1.5x. Each run is a new process; best of BENCH_ROUNDS (default 5).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { range, verdict } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "caution-bench-start-"));

const { assessWorkspace } = await import(join(dist, "score", "assess.js"));
const { renderDocuments } = await import(join(dist, "render", "report.js"));
const { findBrowser } = await import(join(dist, "render", "pdf", "find-browser.js"));
const { CHROMIUM_ARGS, pdfOptions } = await import(join(dist, "render", "pdf", "browser-session.js"));
const demo = await assessWorkspace(join(root, "samples", "demo"), { step() {} });
const [executive] = renderDocuments(demo, ["executive"], "a4");
const choice = await findBrowser();
const htmlFile = join(dir, "executive.html");
writeFileSync(htmlFile, executive.html);

// The bare route, as its own script so it pays its own node start and Puppeteer import.
const bareScript = join(dir, "bare.mjs");
writeFileSync(
  bareScript,
  `import puppeteer from ${JSON.stringify(join(root, "node_modules", "puppeteer", "lib", "esm", "puppeteer", "puppeteer.js"))};
import { readFileSync, writeFileSync } from "node:fs";
const browser = await puppeteer.launch({ executablePath: ${JSON.stringify(choice.path)}, headless: ${JSON.stringify(choice.headless)}, args: ${JSON.stringify(CHROMIUM_ARGS)} });
const page = await browser.newPage();
await page.setContent(readFileSync(${JSON.stringify(htmlFile)}, "utf8"), { waitUntil: "load" });
writeFileSync(${JSON.stringify(join(dir, "bare.pdf"))}, await page.pdf(${JSON.stringify(pdfOptions({ paper: "a4" }))}));
await browser.close();
`,
);

function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return performance.now() - t;
}

const runs = { bare: [], caution: [] };
try {
  for (let i = 0; i < rounds; i++) {
    runs.bare.push(timed([bareScript]));
    runs.caution.push(
      timed([
        join(dist, "cli.js"),
        "report",
        "samples/demo",
        "--kind",
        "executive",
        "--format",
        "pdf",
        "--out",
        join(dir, "out"),
        "-q",
      ]),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ratios = runs.caution.map((c, i) => c / runs.bare[i]);
const ms = (xs) => range(xs, 0, " ms");
console.log(
  `start-up to the first PDF, executive summary of samples/demo (${rounds} rounds, each a new process, min-median-max)`,
);
console.log(`  node + Puppeteer + launch + one page.pdf() + close: ${ms(runs.bare)}`);
console.log(`  caution report (load, validate, score, print, stamp, write): ${ms(runs.caution)}`);
console.log(`  caution / bare: ${range(ratios)} (${verdict(ratios, "<=", 1.5)})`);
