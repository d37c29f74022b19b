import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SlaTerms } from "../../../src/schema/sla.js";
import { riskAsks } from "../../../src/score/risk/asks.js";
import { vendorModel, type VendorModel } from "../../../src/score/risk/model.js";
import { aiAgentRate, DEFAULT_RISK_SETTINGS } from "../../../src/score/risk/settings.js";
import { simulateVendor } from "../../../src/score/risk/simulate.js";
import { quantile } from "../../../src/score/risk/stats.js";
import { aggregate, incident, terms } from "../sla/fixtures.js";
import { BASIS, fixedModel, KEY } from "./fixtures.js";

const N = 2000;
const p95 = (xs: Float64Array) => quantile(Float64Array.from(xs).sort(), 0.95);

const record = aggregate(terms(), [
  incident("2026-01-10T10:00:00Z", "2026-01-10T12:30:00Z"),
  incident("2026-03-02T00:00:00Z", "2026-03-02T00:40:00Z", { severity: "minor" }),
  incident("2026-06-20T08:00:00Z", "2026-06-20T20:00:00Z", { cause: "ai-agent", aiAgentInvolved: "yes" }),
]);
const modelFor = (score: number, gates: number): VendorModel =>
  vendorModel(record, (i) => (i === "minor" ? 0.1 : 1), score, gates, DEFAULT_RISK_SETTINGS);

describe("risk simulation properties", () => {
  it("a higher outage rate never lowers the P95 loss, nor any year's loss", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), (r, k) => {
        const lo = simulateVendor(fixedModel(r, 90, undefined, 1), terms(), BASIS, [], N, KEY, false);
        const hi = simulateVendor(fixedModel(r * k, 90, undefined, 1), terms(), BASIS, [], N, KEY, false);
        for (let i = 0; i < N; i++) expect(hi.loss[i]).toBeGreaterThanOrEqual(lo.loss[i]!);
        expect(p95(hi.loss)).toBeGreaterThanOrEqual(p95(lo.loss));
      }),
      { numRuns: 15 },
    );
  });

  it("a worse control score or one more gate never lowers the AI-agent rate nor the P95 loss", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 4 }),
        (s, d, g) => {
          const worse = { score: Math.min(100, s + d), gates: g + (d % 2) };
          expect(aiAgentRate(worse.score, worse.gates, DEFAULT_RISK_SETTINGS)).toBeGreaterThanOrEqual(
            aiAgentRate(s, g, DEFAULT_RISK_SETTINGS),
          );
          const a = simulateVendor(modelFor(s, g), terms(), BASIS, [], N, KEY, false);
          const b = simulateVendor(modelFor(worse.score, worse.gates), terms(), BASIS, [], N, KEY, false);
          expect(p95(b.loss)).toBeGreaterThanOrEqual(p95(a.loss));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("no ask ever raises the uncovered loss of a year, so none raises its P95", () => {
    const arbTerms = fc.record({
      cap: fc.constantFrom(10, 25, 30, 50, 100),
      providerAgents: fc.constantFrom("counted", "excluded", "silent"),
      customerCredentialAgents: fc.constantFrom("counted", "excluded", "silent"),
      minor: fc.boolean(),
      method: fc.constantFrom("minutes", "intervals"),
    });
    fc.assert(
      fc.property(arbTerms, fc.integer({ min: 0, max: 100 }), (t, score) => {
        const amended: SlaTerms = terms({
          creditCapPercent: t.cap,
          exclusions: { providerAgents: t.providerAgents, customerCredentialAgents: t.customerCredentialAgents },
          measurement: {
            method: t.method,
            countsImpact: t.minor ? ["major", "critical", "minor"] : ["major", "critical"],
            ...(t.method === "intervals" ? { intervalMinutes: 5, unavailableWhen: { errorRateAbovePercent: 5 } } : {}),
          },
        });
        const asks = riskAsks(amended, BASIS, DEFAULT_RISK_SETTINGS);
        const sim = simulateVendor(modelFor(score, 1), amended, BASIS, asks, N, KEY, false);
        asks.forEach((_, a) => {
          for (let i = 0; i < N; i++) expect(sim.askUncovered[a]![i]).toBeLessThanOrEqual(sim.uncovered[i]! + 1e-6);
          expect(p95(sim.askUncovered[a]!)).toBeLessThanOrEqual(p95(sim.uncovered));
        });
      }),
      { numRuns: 15 },
    );
  });

  it("an ask priced with the month shortcut equals the amended terms settled in full, year by year", () => {
    const amended = terms({
      creditCapPercent: 10,
      exclusions: { providerAgents: "excluded", customerCredentialAgents: "excluded" },
    });
    const asks = riskAsks(amended, BASIS, DEFAULT_RISK_SETTINGS);
    expect(asks.filter((a) => a.kind === "terms").length).toBeGreaterThanOrEqual(3);
    const sim = simulateVendor(modelFor(70, 2), amended, BASIS, asks, N, KEY, false);
    asks.forEach((a, i) => {
      if (a.kind !== "terms") return;
      const full = simulateVendor(modelFor(70, 2), a.terms, BASIS, [], N, KEY, false);
      expect(sim.askUncovered[i]).toEqual(full.uncovered);
    });
  });

  it("a year is the same whatever the iteration count: the first years of a longer run are the shorter run", () => {
    const short = simulateVendor(modelFor(40, 1), terms(), BASIS, [], 500, KEY, false);
    const long = simulateVendor(modelFor(40, 1), terms(), BASIS, [], 1500, KEY, false);
    expect(long.uncovered.subarray(0, 500)).toEqual(short.uncovered);
  });
});
