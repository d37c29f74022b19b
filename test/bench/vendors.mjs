// Benchmark: thousands of vendors. `caution validate` and `caution score --json` (to /dev/null) on workspaces of
// 1,000 and 10,000 vendors (the demo's answer files copied), each run a fresh process: vendors per second and peak
// RSS. Targets (issue 11): peak memory under 1 GB at 10,000, time linear in the vendor count. BENCH_VENDORS changes
// the sizes ("1000,10000").
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { manyVendorWorkspace } from "./many-vendors.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const sizes = (process.env.BENCH_VENDORS ?? "1000,10000").split(",").map(Number);

function measured(args) {
  const rusage = join(mkdtempSync(join(tmpdir(), "caution-rusage-")), "r.json");
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ["--import", join(root, "test", "support", "rusage-register.mjs"), join(root, "dist", "cli.js"), ...args],
    { env: { ...process.env, CAUTION_RUSAGE: rusage }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return { seconds: (performance.now() - t) / 1000, mb: JSON.parse(readFileSync(rusage, "utf8")).maxRSS / 1024 };
}

console.log("thousands of vendors (each run a fresh process; target: peak RSS < 1 GB, time linear in vendors)");
const rows = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "caution-bench-vendors-"));
  try {
    manyVendorWorkspace(root, dir, n);
    const validate = measured(["validate", dir, "-q"]);
    const score = measured(["score", dir, "--json", "-q"]);
    rows.push({ n, validate, score });
    const rate = (s) => `${(n / s.seconds).toFixed(0).padStart(4)} vendors/s`;
    const peak = (s) => `peak RSS ${s.mb.toFixed(0).padStart(4)} MB`;
    console.log(`  ${String(n).padStart(6)} vendors   validate: ${s(validate)}  ${rate(validate)}  ${peak(validate)}`);
    console.log(`  ${" ".repeat(14)}   score --json: ${s(score)}  ${rate(score)}  ${peak(score)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows.at(-1)];
  const k = b.n / a.n;
  console.log(
    `  ${k}x the vendors took ${(b.validate.seconds / a.validate.seconds).toFixed(1)}x (validate) and ${(b.score.seconds / a.score.seconds).toFixed(1)}x (score) the time`,
  );
}

function s(m) {
  return `${m.seconds.toFixed(1).padStart(6)} s`;
}
