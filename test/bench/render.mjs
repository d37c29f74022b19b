// Benchmark: the cost of one report PDF in a batch (one browser, a page per document, two at a time, metadata and
// attachments included), measured side by side in one run against (a) a bare page.pdf() of the same HTML on a warm
// page with the same print options and (b) one Chromium process per PDF (--print-to-pdf). All three print the same
// document: the running header and footer are in its CSS, and the process route is asked for the outline too, so
// each gives the same pages, tagged. Targets: <= 1.2x of (a), >= 3x faster than (b). Run: npm run bench.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer";
import { range, verdict } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");
const { assessWorkspace } = await import(join(dist, "score", "assess.js"));
const { renderReport, renderDocuments } = await import(join(dist, "render", "report.js"));
const { findBrowser } = await import(join(dist, "render", "pdf", "find-browser.js"));
const { CHROMIUM_ARGS, pdfOptions } = await import(join(dist, "render", "pdf", "browser-session.js"));

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const copies = Number(process.env.BENCH_COPIES ?? 6);
const demo = await assessWorkspace(join(root, "samples", "demo"), { step() {} });
// A batch of the size a procurement team prints: the demo's vendors, each several times under its own id.
const result = {
  ...demo,
  vendors: Array.from({ length: copies }, (_, i) => demo.vendors.map((v) => ({ ...v, id: `${v.id}-${i + 1}` }))).flat(),
};
// The batch: every vendor report and the comparison, the documents a procurement run prints most.
const htmls = renderDocuments(result, ["vendor", "comparison"], "a4").map((d) => d.html);
const choice = await findBrowser();
const printOptions = pdfOptions({ paper: "a4" });

async function bare() {
  const browser = await puppeteer.launch({
    executablePath: choice.path,
    headless: choice.headless,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  let ms = 0;
  for (const html of htmls) {
    await page.setContent(html, { waitUntil: "load" });
    const t = performance.now();
    await page.pdf(printOptions);
    ms += performance.now() - t;
  }
  await browser.close();
  return ms / htmls.length;
}

async function caution() {
  // Browser start-up is paid once per batch; it is counted, spread over the documents.
  const t = performance.now();
  await renderReport(result, {
    formats: ["pdf"],
    kinds: ["vendor", "comparison"],
    paper: "a4",
    progress: { step() {} },
  });
  return (performance.now() - t) / htmls.length;
}

function processPerPdf() {
  const dir = mkdtempSync(join(tmpdir(), "caution-bench-pdf-"));
  try {
    const t = performance.now();
    htmls.forEach((html, i) => {
      const file = join(dir, `${i}.html`);
      writeFileSync(file, html);
      const r = spawnSync(
        choice.path,
        [
          ...CHROMIUM_ARGS,
          "--headless",
          `--print-to-pdf=${join(dir, `${i}.pdf`)}`,
          "--no-pdf-header-footer",
          "--generate-pdf-document-outline",
          `--user-data-dir=${join(dir, "profile")}`,
          `file://${file}`,
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      if (r.status !== 0) throw new Error(`chromium --print-to-pdf failed: ${r.stderr}`);
    });
    return (performance.now() - t) / htmls.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = { bare: [], caution: [], process: [] };
for (let i = 0; i < rounds; i++) {
  runs.bare.push(await bare());
  runs.caution.push(await caution());
  runs.process.push(processPerPdf());
}
const slower = runs.caution.map((c, i) => c / runs.bare[i]);
const faster = runs.process.map((p, i) => p / runs.caution[i]);
const ms = (xs) => range(xs, 0, " ms");
console.log(`report rendering, ${htmls.length} documents per batch, ${rounds} rounds, min-median-max`);
console.log(`  bare page.pdf() of the same HTML:      ${ms(runs.bare)} per document`);
console.log(
  `  caution batch (one browser, 2 pages): ${ms(runs.caution)} per document, launch, metadata, attachments included`,
);
console.log(`  one Chromium process per PDF:          ${ms(runs.process)} per document`);
console.log(`  caution / bare page.pdf(): ${range(slower)} (${verdict(slower, "<=", 1.2)})`);
console.log(`  one process per PDF / caution: ${range(faster)} faster (${verdict(faster, ">=", 3)})`);
