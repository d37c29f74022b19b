import { describe, expect, it } from "vitest";
import { simulateVendor } from "../../../src/score/risk/simulate.js";
import { distribution } from "../../../src/score/risk/stats.js";
import { terms } from "../sla/fixtures.js";
import { BASIS, fixedModel, KEY } from "./fixtures.js";

describe("convergence", () => {
  it("10^4 and 10^5 simulated years agree within their standard errors, and the error falls as 1/sqrt(n)", () => {
    const model = fixedModel(3, 60, { rate: 0.4, minutes: 360 }, 1);
    model.record = { shape: 4, rate: 4 / 3, duration: { mu: Math.log(60), sigma: 1.2 } };
    model.aiAgent = { shape: 2, rate: 5, duration: { mu: Math.log(360), sigma: 0.8 } };
    const t = terms({ creditCapPercent: 30 });
    // Different keys: the two runs share no simulated year, so they are independent estimates.
    const small = distribution(simulateVendor(model, t, BASIS, [], 10_000, KEY, false).uncovered);
    const large = distribution(
      simulateVendor(model, t, BASIS, [], 100_000, Uint32Array.of(7, 11, 13, 17), false).uncovered,
    );
    for (const k of ["mean", "p50", "p90", "p95", "p99"] as const) {
      const se = Math.hypot(small.standardError[k], large.standardError[k]);
      expect(Math.abs(small[k] - large[k])).toBeLessThanOrEqual(3 * se + 1);
    }
    // sqrt(10) = 3.16: allow for the noise of the error estimates themselves.
    expect(small.standardError.mean / large.standardError.mean).toBeGreaterThan(2.5);
    expect(small.standardError.p95 / large.standardError.p95).toBeGreaterThan(2);
    expect(large.standardError.p95 / large.p95).toBeLessThan(0.01);
  }, 120_000);
});
