// Benchmark: the risk simulation (docs/risk-model.md). Three figures, each over BENCH_ROUNDS rounds (default 3) as
// min-median-max:
// 1. simulated provider-years per second of caution's engine on one model (record and AI-agent outages, a tiered
//    SLA with a cap and an exclusion), and the ratio to the NumPy reference of the same model and iterations
//    (test/score/risk/reference.py; its own timer, so Python's start-up is not counted). Goal: >= 1x.
// 2. the share of a full demo report's time (`caution report samples/demo`, every document, html+pdf+json) spent
//    simulating at the default iterations: the scoring time at the default minus at 1,000 years, scaled to the
//    whole count. Goal (issue 16): <= 15%.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { range, verdict } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const { simulateVendor } = await import(join(dist, "score", "risk", "simulate.js"));
const { streamKey } = await import(join(dist, "score", "risk", "prng.js"));
const { DEFAULT_ITERATIONS } = await import(join(dist, "score", "risk", "settings.js"));
const { slaMonths } = await import(join(dist, "score", "sla", "period.js"));
const { slaTerms } = await import(join(dist, "schema", "sla.js"));
const { assessWorkspace } = await import(join(dist, "score", "assess.js"));

const iterations = DEFAULT_ITERATIONS;
const months = slaMonths(Date.parse("2026-11-02T00:00:00Z"));
const terms = slaTerms.parse({
  source: { document: "Bench SLA", date: "2026-01-01", confidence: "secondary" },
  service: "Compute",
  uptimeCommitment: 99.99,
  creditTiers: [
    { below: 99.99, atLeast: 99.0, creditPercent: 10 },
    { below: 99.0, atLeast: 95.0, creditPercent: 30 },
    { below: 95.0, creditPercent: 100 },
  ],
  creditCapPercent: 30,
  exclusions: { providerAgents: "excluded", customerCredentialAgents: "excluded" },
});
const basis = { monthlySpend: 100_000, downtimeCostPerHour: 60_000, outageShare: 1 };
const model = {
  record: { shape: 4, rate: 4 / 3, duration: { mu: Math.log(60), sigma: 1.2 } },
  kinds: [{ impact: "major", cause: "unknown", aiAgentInvolved: "no", errorRate: 1 }],
  kindCumulative: Float64Array.of(1),
  aiAgent: { shape: 2, rate: 5, duration: { mu: Math.log(360), sigma: 0.8 } },
  aiAgentPriorRate: 0.4,
  months,
  recordOutages: 0,
  aiAgentOutages: 0,
};
const input = {
  iterations,
  seed: 1,
  months: months.map((m) => m.minutes),
  record: { shape: 4, rate: 4 / 3, mu: Math.log(60), sigma: 1.2 },
  ai: { shape: 2, rate: 5, mu: Math.log(360), sigma: 0.8 },
  aiExcluded: true,
  tiers: terms.creditTiers.map((t) => [t.below, t.atLeast, t.creditPercent]),
  cap: 30,
  monthlySpend: basis.monthlySpend,
  eligibleShare: terms.eligibleSpendShare,
  costPerHour: basis.downtimeCostPerHour,
  outageShare: 1,
};

const key = streamKey("bench");
simulateVendor(model, terms, basis, [], 2000, key, false); // warm-up
const rates = [];
const ratios = [];
for (let i = 0; i < rounds; i++) {
  const t = performance.now();
  simulateVendor(model, terms, basis, [], iterations, key, false);
  const ours = (performance.now() - t) / 1000;
  const r = spawnSync("/usr/bin/python3", [join(root, "test", "score", "risk", "reference.py")], {
    input: JSON.stringify({ ...input, seed: i + 1 }),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`reference.py failed: ${r.stderr}`);
  const theirs = JSON.parse(r.stdout).seconds;
  rates.push(iterations / ours / 1000);
  ratios.push(theirs / ours);
}
console.log(`risk: ${iterations} simulated years of one provider (record + AI-agent outages, tiered SLA with cap)`);
console.log(`  caution: ${range(rates, 0, "k provider-years/s")}`);
console.log(
  `  speed vs NumPy reference (reference time / caution time): ${range(ratios)} (${verdict(ratios, ">=", 1)})`,
);

// Share of the demo report spent simulating.
const progress = { step() {} };
const demo = join(root, "samples", "demo");
await assessWorkspace(demo, progress, {}, { iterations: 1000 }); // warm-up
const shares = [];
const dir = mkdtempSync(join(tmpdir(), "caution-bench-risk-"));
try {
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await assessWorkspace(demo, progress, {}, { iterations: 1000 });
    const few = performance.now() - t;
    t = performance.now();
    await assessWorkspace(demo, progress, {}, {});
    const full = performance.now() - t;
    const simulating = ((full - few) * iterations) / (iterations - 1000);
    t = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(dist, "cli.js"), "report", "samples/demo", "--out", join(dir, `r${i}`)],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, SOURCE_DATE_EPOCH: "" },
      },
    );
    if (r.status !== 0) throw new Error(`caution report failed: ${r.stderr}`);
    const report = performance.now() - t;
    shares.push(simulating / report);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `  share of the demo report (every document) spent simulating at ${iterations} years: ${range(
    shares.map((s) => s * 100),
    1,
    "%",
  )} (median ${(100 * shares.sort((a, b) => a - b)[shares.length >> 1]).toFixed(1)}%, goal <= 15%)`,
);
