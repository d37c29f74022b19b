import { describe, expect, it } from "vitest";
import { scenario, workspaceVendor } from "../../../src/schema/workspace.js";
import { DEFAULT_SCENARIO, runScenario } from "../../../src/score/sla/scenarios.js";
import { terms } from "./fixtures.js";

const vendor = workspaceVendor.parse({
  id: "v",
  monthlySpend: 10_000,
  criticality: "high",
  regions: ["eu-central-1", "eu-west-2"],
});
const BASIS = { monthlySpend: 10_000, downtimeCostPerHour: 60_000, outageShare: 0.5 };

describe("what-if outages", () => {
  it("prices the 13-hour AI-agent outage against an SLA that counts it", () => {
    // 780 of 43,200 minutes: 98.1944...% -> the 30% band; loss 13 h x 60,000 x 0.5.
    expect(
      runScenario(
        DEFAULT_SCENARIO,
        vendor,
        terms({ exclusions: { providerAgents: "counted", customerCredentialAgents: "excluded" } }),
        BASIS,
      ),
    ).toEqual({
      id: "ai-agent-13h",
      title: DEFAULT_SCENARIO.title,
      hours: 13,
      cause: "ai-agent",
      impact: "critical",
      region: "eu-central-1",
      month: null,
      downtimeMinutes: 780,
      uptimePercent: 98.194444444,
      creditPercent: 30,
      noChargeHours: 0,
      creditAmount: 3_000,
      loss: 390_000,
      uncovered: 387_000,
      coverageRatio: 0.0077,
      claimable: true,
      reason: "claimable: outages caused by the provider's AI agents are expressly counted",
    });
  });

  it("pays nothing where the SLA excludes the provider's agents", () => {
    const r = runScenario(
      DEFAULT_SCENARIO,
      vendor,
      terms({ exclusions: { providerAgents: "excluded", customerCredentialAgents: "excluded" } }),
      BASIS,
    );
    expect(r).toMatchObject({
      claimable: false,
      creditPercent: 0,
      creditAmount: 0,
      uncovered: 390_000,
      coverageRatio: 0,
    });
    expect(r.reason).toBe("not claimable: outages caused by the provider's AI agents are excluded");
  });

  it("is claimable but contestable where the SLA is silent", () => {
    const r = runScenario(
      DEFAULT_SCENARIO,
      vendor,
      terms({ exclusions: { providerAgents: "silent", customerCredentialAgents: "excluded" } }),
      BASIS,
    );
    expect(r).toMatchObject({ claimable: true, creditAmount: 3_000 });
    expect(r.reason).toBe(
      "claimable only if the provider accepts it: the SLA is silent on outages caused by the provider's AI agents",
    );
  });

  it("treats an agent acting with the customer's credentials by its own clause", () => {
    const s = { ...DEFAULT_SCENARIO, id: "tenant", cause: "customer-agent" as const, hours: 8 };
    const r = runScenario(s, vendor, terms(), BASIS);
    expect(r).toMatchObject({ claimable: false, loss: 240_000, creditAmount: 0 });
    expect(r.reason).toBe("not claimable: AI agents acting with customer credentials are excluded");
  });

  it("pays nothing for an impact the SLA does not measure, or without terms", () => {
    const onlyCritical = terms({ measurement: { countsImpact: ["critical"] } });
    expect(runScenario({ ...DEFAULT_SCENARIO, impact: "major" }, vendor, onlyCritical, BASIS).reason).toBe(
      "the SLA counts only critical impact as downtime",
    );
    const none = runScenario(DEFAULT_SCENARIO, vendor, undefined, BASIS);
    expect(none).toMatchObject({ claimable: false, creditAmount: 0, loss: 390_000 });
  });
});

describe("what-if outages in a named month", () => {
  it("uses the month's own length: 13 hours in February 2026 (40,320 minutes)", () => {
    // 100 x (1 - 780/40320) = 98.065476190: still the 30% band.
    const r = runScenario({ ...DEFAULT_SCENARIO, month: "2026-02" }, vendor, terms(), BASIS);
    expect(r).toMatchObject({ month: "2026-02", uptimePercent: 98.06547619, creditPercent: 30, creditAmount: 3_000 });
  });

  it("applies the SLA's hourly rule from the first minute of the month", () => {
    const ec2 = terms({ measurement: { hourlyNoCharge: { unavailableMinutesAbove: 6 } } });
    // 1.5 hours from 00:00: the 00:00 hour (60 minutes) and the 01:00 hour (30) are not charged.
    const r = runScenario({ ...DEFAULT_SCENARIO, hours: 1.5, month: "2026-04" }, vendor, ec2, BASIS);
    expect(r.noChargeHours).toBe(2);
  });

  it("rejects a month the outage does not fit in", () => {
    const bad = scenario.safeParse({ ...DEFAULT_SCENARIO, hours: 700, month: "2026-02" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["hours"],
      message: "700 hours do not fit in 2026-02 (672 hours)",
    });
    expect(scenario.safeParse({ ...DEFAULT_SCENARIO, month: "2026-13" }).success).toBe(false);
  });
});
