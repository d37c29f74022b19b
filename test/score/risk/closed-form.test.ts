import { describe, expect, it } from "vitest";
import { simulateVendor } from "../../../src/score/risk/simulate.js";
import { terms } from "../sla/fixtures.js";
import { BASIS, fixedModel, KEY, mean, sd } from "./fixtures.js";

const N = 20_000;

describe("simulateVendor closed forms", () => {
  it("mean annual loss = rate x duration x cost per hour, within 3 standard errors", () => {
    for (const [rate, minutes] of [
      [2, 60],
      [6, 240],
      [0.5, 1440],
    ] as const) {
      const sim = simulateVendor(fixedModel(rate, minutes), terms(), BASIS, [], N, KEY, false);
      const expected = rate * (minutes / 60) * BASIS.downtimeCostPerHour * BASIS.outageShare;
      const se = sd(sim.loss) / Math.sqrt(N);
      // Overlapping outages merge (a minute is lost once): the bias is far below the standard error at these rates.
      expect(Math.abs(mean(sim.loss) - expected)).toBeLessThan(3 * se);
    }
  });

  it("a year's loss is the count of outages x duration x cost: every draw of a fixed duration", () => {
    const sim = simulateVendor(fixedModel(1, 60), undefined, BASIS, [], 2000, KEY, false);
    for (const x of sim.loss) expect(x % 60_000).toBe(0);
  });

  it("without SLA terms nothing is credited and the uncovered loss is the loss, year by year", () => {
    const sim = simulateVendor(fixedModel(3, 180), undefined, BASIS, [], 5000, KEY, false);
    expect(sim.credits.every((c) => c === 0)).toBe(true);
    expect(sim.uncovered).toEqual(sim.loss);
  });

  it("a credit cap of 0 credits nothing: uncovered = loss", () => {
    const sim = simulateVendor(fixedModel(3, 600), { ...terms(), creditCapPercent: 0 }, BASIS, [], 5000, KEY, false);
    expect(sim.credits.every((c) => c === 0)).toBe(true);
    expect(sim.uncovered).toEqual(sim.loss);
  });

  it("a long outage earns the tier credit slaMonth gives for its month", () => {
    // 600 minutes in a 30/31-day month: uptime between 98.6% and 98.7%, below 99.0: the 30% tier of 100,000.
    const sim = simulateVendor(fixedModel(1, 600), terms(), BASIS, [], 5000, KEY, false);
    for (let i = 0; i < sim.loss.length; i++) {
      if (sim.loss[i] !== 600_000) continue;
      // One outage: 30,000 if it stays in one month; two 10% credits or one 30% one if it crosses a month's end.
      expect([20_000, 30_000, 40_000]).toContain(sim.credits[i]);
    }
  });

  it("no outages: no loss, no credits", () => {
    const sim = simulateVendor(fixedModel(0, 60), terms(), BASIS, [], 1000, KEY, false);
    expect(sim.loss.every((x) => x === 0) && sim.credits.every((x) => x === 0)).toBe(true);
  });
});
