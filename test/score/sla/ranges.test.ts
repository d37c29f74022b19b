import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slaSummary, scenarioResult } from "../../../src/schema/result.js";
import { MAX_MONEY, workspace, workspaceVendor } from "../../../src/schema/workspace.js";
import { DEFAULT_SCENARIO, runScenario } from "../../../src/score/sla/scenarios.js";
import { vendorSla } from "../../../src/score/sla/vendor-sla.js";
import { cents } from "../../../src/score/sla/credits.js";
import { aggregate, incident, terms } from "./fixtures.js";

/** Any amount the workspace schema accepts, with the edges and the tiny values a double can hold. */
const money = fc.oneof(
  fc.double({ min: 0, max: MAX_MONEY, noNaN: true }),
  fc.constantFrom(0, Number.MIN_VALUE, 1e-300, 0.000001, 0.005, 1, MAX_MONEY),
);
const share = fc.oneof(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), fc.constantFrom(1e-300, 1));

function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

describe("SLA arithmetic over every accepted amount", () => {
  const incidents = [
    incident("2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z"),
    incident("2026-06-01T00:00:00Z", "2026-06-06T00:00:00Z", { severity: "critical" }),
    incident("2026-07-01T00:00:00Z", "2026-07-01T05:00:00Z", { severity: "minor" }),
  ];

  it("never yields NaN, Infinity or a figure outside the result schema", () => {
    fc.assert(
      fc.property(
        money,
        money,
        share,
        share,
        fc.integer({ min: 1, max: 100 }),
        (spend, cost, outageShare, eligible, cap) => {
          const t = terms({ creditCapPercent: cap, eligibleSpendShare: eligible, liabilityCapMonths: 120 });
          const basis = { monthlySpend: spend, downtimeCostPerHour: cost, outageShare };
          const sla = vendorSla(aggregate(t, incidents), t, basis);
          expect(allFinite(sla)).toBe(true);
          expect(slaSummary.safeParse(sla).success).toBe(true);
          for (const m of sla.months) expect(m.creditAmount).toBeLessThanOrEqual(cents((cap / 100) * spend * eligible));
          const vendor = workspaceVendor.parse({ id: "v", monthlySpend: spend, criticality: "high" });
          const s = runScenario({ ...DEFAULT_SCENARIO, hours: 744, month: "2026-03" }, vendor, t, basis);
          expect(allFinite(s)).toBe(true);
          expect(scenarioResult.safeParse(s).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("works out the amounts that crashed scoring before (1e-6 spend) and rejects a mistyped exponent", () => {
    const t = terms();
    const tiny = vendorSla(aggregate(t, incidents), t, {
      monthlySpend: 0.000001,
      downtimeCostPerHour: 1e12,
      outageShare: 1,
    });
    expect(tiny.annual.credits).toBe(0);
    // 120 + 7,200 + 300 minutes = 127 hours at 1e12 an hour.
    expect(tiny.annual.loss).toBe(127e12);
    const base = {
      organisation: "O",
      currency: "EUR",
      asOf: "2026-11-01",
      vendors: [{ id: "v", monthlySpend: 1, criticality: "low" }],
    };
    const bad = workspace.safeParse({ ...base, downtimeCostPerHour: 1e20 });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["downtimeCostPerHour"], code: "too_big", maximum: MAX_MONEY });
    const spend = workspace.safeParse({
      ...base,
      downtimeCostPerHour: 1,
      vendors: [{ id: "v", monthlySpend: 1e20, criticality: "low" }],
    });
    expect(spend.error?.issues[0]?.path).toEqual(["vendors", 0, "monthlySpend"]);
  });
});
