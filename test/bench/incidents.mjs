// Benchmark: streaming 1,000,000 canonical incident rows through caution's validation and aggregation, against a
// bare csv-parse stream of the same file. Prints the time ratio (target <= 1.3x) and the peak memory of each run,
// and the peak for a tenth of the rows, to show memory does not grow with the file.
// Run: npm run bench (builds first). Each measurement runs in its own process so peaks do not mix.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { range, verdict } from "./stats.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);

async function makeWorkspace(n) {
  const dir = mkdtempSync(join(tmpdir(), "caution-bench-"));
  cpSync(join(root, "samples", "demo", "caution.yaml"), join(dir, "caution.yaml"));
  cpSync(join(root, "samples", "demo", "vendors"), join(dir, "vendors"), { recursive: true });
  mkdirSync(join(dir, "incidents"));
  const out = createWriteStream(join(dir, "incidents", "big.csv"));
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", r)));
  await write("vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url\n");
  const vendors = ["altavale", "cirrane", "quarrion"];
  const sev = ["minor", "major", "critical", "none", "maintenance"];
  const causes = ["software", "network", "ai-agent", "change", "unknown"];
  // A fixed linear congruential generator: the same file every run.
  let seed = 42;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const start = Date.parse("2025-11-01T00:00:00Z");
  const span = Date.parse("2026-10-31T00:00:00Z") - start;
  let buf = "";
  for (let i = 0; i < n; i++) {
    const s = start + Math.floor((rnd() * span) / 60000) * 60000;
    const e = s + Math.floor(rnd() * 240 + 1) * 60000;
    const v = vendors[i % 3];
    buf += `${v},BENCH-${i},"Elevated error rates, synthetic incident ${i}",${new Date(s).toISOString().replace(".000Z", "Z")},${new Date(e).toISOString().replace(".000Z", "+00:00")},${sev[i % 5]},compute;block-storage,eu-central-1,${causes[i % 5]},${i % 7 === 0 ? "yes" : "no"},https://status.example/incidents/${i}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise((r) => out.end(r));
  return dir;
}

function measure(mode, dir) {
  const r = spawnSync(process.execPath, [join(here, "incidents-worker.mjs"), mode, dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
if (process.env.BENCH_WRITE_ONLY) {
  // For profiling: write the workspace, print its folder, stop.
  console.log(await makeWorkspace(rows));
  process.exit(0);
}
process.stderr.write(`bench: writing ${rows.toLocaleString("en")} incident rows...\n`);
const big = await makeWorkspace(rows);
const small = await makeWorkspace(Math.round(rows / 10));
try {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const runs = { bare: [], caution: [] };
  const ratios = [];
  // Alternate the two in each round; the ratio of a round compares runs made side by side.
  for (let i = 0; i < rounds; i++) {
    const bare = measure("bare", big);
    const caution = measure("caution", big);
    runs.bare.push(bare);
    runs.caution.push(caution);
    ratios.push(caution.ms / bare.ms);
  }
  const tenth = measure("caution", small);
  const secs = (xs) =>
    range(
      xs.map((r) => r.ms / 1000),
      2,
      " s",
    );
  const peak = (xs) => mb(Math.max(...xs.map((r) => r.maxRss)));
  console.log(
    `incident ingestion, ${rows.toLocaleString("en")} rows (${mb(runs.bare[0].bytes)} CSV), ${rounds} rounds, min-median-max`,
  );
  console.log(`  bare csv-parse stream:        ${secs(runs.bare)}   peak RSS ${peak(runs.bare)}`);
  console.log(
    `  caution validate + aggregate: ${secs(runs.caution)}   peak RSS ${peak(runs.caution)}   (${runs.caution[0].incidents.toLocaleString("en")} incidents)`,
  );
  console.log(`  caution / bare: ${range(ratios)} (${verdict(ratios, "<=", 1.3)})`);
  console.log(
    `  peak RSS with a tenth of the rows: ${mb(tenth.maxRss)} (memory does not grow with the file when this is close to the full run)`,
  );
} finally {
  rmSync(big, { recursive: true, force: true });
  rmSync(small, { recursive: true, force: true });
}
