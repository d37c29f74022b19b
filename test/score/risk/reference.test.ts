import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../../src/load/package-files.js";
import { simulateVendor } from "../../../src/score/risk/simulate.js";
import { distribution } from "../../../src/score/risk/stats.js";
import { terms } from "../sla/fixtures.js";
import { BASIS, fixedModel, KEY, MONTHS } from "./fixtures.js";

const PYTHON = "/usr/bin/python3";
const REFERENCE = join(PACKAGE_ROOT, "test", "score", "risk", "reference.py");

export interface ReferenceFigure {
  mean: number;
  meanSe: number;
  p95: number;
  p95Se: number;
}

/** The same model as a TypeScript VendorModel and as the reference's JSON input. */
export function referenceCase(iterations: number, aiExcluded: boolean) {
  const model = fixedModel(3, 60, { rate: 0.4, minutes: 360 }, 1);
  // A spread of rates, not a fixed one: the Gamma-Poisson part is what the reference must agree on.
  model.record = { shape: 4, rate: 4 / 3, duration: { mu: Math.log(60), sigma: 1.2 } };
  model.aiAgent = { shape: 2, rate: 5, duration: { mu: Math.log(360), sigma: 0.8 } };
  const t = terms({
    creditCapPercent: 30,
    exclusions: { providerAgents: aiExcluded ? "excluded" : "counted", customerCredentialAgents: "excluded" },
  });
  const input = {
    iterations,
    seed: 20260101,
    months: MONTHS.map((m) => m.minutes),
    record: { shape: 4, rate: 4 / 3, mu: Math.log(60), sigma: 1.2 },
    ai: { shape: 2, rate: 5, mu: Math.log(360), sigma: 0.8 },
    aiExcluded,
    tiers: t.creditTiers.map((x) => [x.below, x.atLeast, x.creditPercent]),
    cap: t.creditCapPercent,
    monthlySpend: BASIS.monthlySpend,
    eligibleShare: t.eligibleSpendShare,
    costPerHour: BASIS.downtimeCostPerHour,
    outageShare: BASIS.outageShare,
  };
  return { model, terms: t, input };
}

export function runReference(input: unknown): Record<"loss" | "credits" | "uncovered", ReferenceFigure> & {
  seconds: number;
} {
  const r = spawnSync(PYTHON, [REFERENCE], { input: JSON.stringify(input), encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`reference.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const numpy = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import numpy"]).status === 0;

describe.skipIf(!numpy)("NumPy reference of the same model", () => {
  it.each([true, false])(
    "agrees on mean and P95 within sampling error (AI-agent outages excluded: %s)",
    (excluded) => {
      const n = 20_000;
      const c = referenceCase(n, excluded);
      const ref = runReference(c.input);
      const sim = simulateVendor(c.model, c.terms, BASIS, [], n, KEY, false);
      const ours = {
        loss: distribution(sim.loss),
        credits: distribution(sim.credits),
        uncovered: distribution(sim.uncovered),
      };
      for (const k of ["loss", "credits", "uncovered"] as const) {
        const a = ours[k];
        const b = ref[k];
        // Two independent estimates: their difference has both standard errors combined; 4 sigma keeps the six
        // comparisons from failing by chance (~1 in 2,500 runs) while a model difference of a few percent fails.
        expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.standardError.mean, b.meanSe));
        expect(Math.abs(a.p95 - b.p95)).toBeLessThan(4 * Math.hypot(a.standardError.p95, b.p95Se) + 1);
      }
    },
    300_000,
  );
});
