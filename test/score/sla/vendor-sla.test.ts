import { describe, expect, it } from "vitest";
import { summarizeIncidents } from "../../../src/score/incidents.js";
import { vendorSla } from "../../../src/score/sla/vendor-sla.js";
import { aggregate, incident, terms } from "./fixtures.js";

// Loss basis chosen so one minute of downtime costs 500: 60,000 per hour x 0.5 share / 60.
const BASIS = { monthlySpend: 10_000, downtimeCostPerHour: 60_000, outageShare: 0.5 };

function year() {
  return [
    // A and B overlap: 10:00-12:00Z and 10:00-12:30Z (given as +01:00) are one stretch of 150 minutes.
    incident("2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z", { id: "A" }),
    incident("2026-03-10T11:00:00+01:00", "2026-03-10T13:30:00+01:00", { id: "B" }),
    // C is all on 1 May in local time, but 30 Apr 22:00Z to 1 May 02:00Z: 120 minutes in each month.
    incident("2026-05-01T00:00:00+02:00", "2026-05-01T04:00:00+02:00", { id: "C" }),
    // D is degradation: a loss, but the SLA counts only major and critical.
    incident("2026-06-05T08:00:00Z", "2026-06-05T09:00:00Z", { id: "D", severity: "minor" }),
    // E was caused by an agent acting with the customer's credentials: excluded from credits, still a loss.
    incident("2026-07-01T00:00:00Z", "2026-07-01T05:00:00Z", {
      id: "E",
      severity: "critical",
      cause: "customer-agent",
      aiAgentInvolved: "yes",
    }),
    // F is still open: counted to the end of the as-of day, of which October holds 20:00-24:00 = 240 minutes.
    incident("2026-10-31T20:00:00Z", null, { id: "F" }),
    // G is maintenance and H is before the period: neither is downtime here.
    incident("2026-08-01T01:00:00Z", "2026-08-01T03:00:00Z", { id: "G", severity: "maintenance" }),
    incident("2025-10-15T01:00:00Z", "2025-10-15T03:00:00Z", { id: "H" }),
  ];
}

describe("vendorSla, month by month", () => {
  const t = terms();
  const sla = vendorSla(aggregate(t, year()), t, BASIS);
  const month = (id: string) => sla.months.find((m) => m.month === id);

  it("covers the twelve months Nov 2025 to Oct 2026", () => {
    expect(sla.period).toEqual({ from: "2025-11", to: "2026-10" });
    expect(sla.months).toHaveLength(12);
  });

  it("merges overlapping incidents and converts offsets to UTC", () => {
    // 150 of 44,640 March minutes: 100 x (1 - 150/44640) = 99.663978494...; 10% of 10,000; 150 x 500 loss.
    expect(month("2026-03")).toEqual({
      month: "2026-03",
      downtimeMinutes: 150,
      slaDowntimeMinutes: 150,
      excludedMinutes: 0,
      uptimePercent: 99.663978495,
      meetsCommitment: false,
      creditPercent: 10,
      noChargeHours: 0,
      creditAmount: 1_000,
      loss: 75_000,
      uncovered: 74_000,
    });
  });

  it("splits an incident at the UTC month boundary", () => {
    expect(month("2026-04")).toMatchObject({
      downtimeMinutes: 120,
      uptimePercent: 99.722222222,
      creditAmount: 1_000,
      loss: 60_000,
    }); // 1 - 120/43200
    expect(month("2026-05")).toMatchObject({
      downtimeMinutes: 120,
      uptimePercent: 99.731182796,
      creditAmount: 1_000,
      loss: 60_000,
    }); // 1 - 120/44640
  });

  it("counts degradation as a loss but not as SLA downtime", () => {
    expect(month("2026-06")).toMatchObject({
      downtimeMinutes: 60,
      slaDowntimeMinutes: 0,
      uptimePercent: 100,
      meetsCommitment: true,
      creditPercent: 0,
      creditAmount: 0,
      loss: 30_000,
      uncovered: 30_000,
    });
  });

  it("removes an excluded incident from the credit, not from the loss, and lists it with its rule", () => {
    expect(month("2026-07")).toMatchObject({
      downtimeMinutes: 300,
      slaDowntimeMinutes: 0,
      excludedMinutes: 300,
      creditAmount: 0,
      loss: 150_000,
    });
    expect(sla.excluded).toEqual([
      {
        id: "E",
        title: "t",
        startedAt: "2026-07-01T00:00:00.000Z",
        minutes: 300,
        rule: "AI agents acting with customer credentials are excluded",
      },
    ]);
    expect(sla.excludedCount).toBe(1);
  });

  it("counts an unresolved incident up to the as-of date, within the period", () => {
    expect(month("2026-10")).toMatchObject({
      downtimeMinutes: 240,
      slaDowntimeMinutes: 240,
      uptimePercent: 99.462365591,
      creditAmount: 1_000,
      loss: 120_000,
    }); // 1 - 240/44640
  });

  it("adds up the year", () => {
    // Downtime 150+120+120+60+300+240 = 990; SLA 150+120+120+240 = 630; loss 990 x 500; credits 4 x 1,000.
    expect(sla.annual).toEqual({
      downtimeMinutes: 990,
      slaDowntimeMinutes: 630,
      loss: 495_000,
      credits: 4_000,
      uncovered: 491_000,
      coverageRatio: 0.0081,
    });
  });

  it("summarises the record for the report", () => {
    const s = summarizeIncidents(aggregate(t, year()));
    expect({
      total: s.total,
      affecting: s.affecting,
      major: s.major,
      open: s.openAtAsOf,
      downtime: s.downtimeMinutes,
    }).toEqual({ total: 8, affecting: 6, major: 5, open: 1, downtime: 990 });
  });
});

describe("vendorSla edge cases", () => {
  it("pays nothing when no SLA terms are recorded, and asks for them", () => {
    const sla = vendorSla(aggregate(undefined, year()), undefined, BASIS);
    expect(sla.terms).toBeNull();
    expect(sla.annual.credits).toBe(0);
    expect(sla.annual.loss).toBe(495_000);
    expect(sla.asks[0]).toMatch(/^Obtain the SLA/);
  });

  it("caps a month's credit", () => {
    // 5 days down in a 30-day month: 100 x (1 - 7200/43200) = 83.33%: the 100% tier, capped at 50%.
    const t = terms({ creditCapPercent: 50 });
    const sla = vendorSla(aggregate(t, [incident("2026-06-01T00:00:00Z", "2026-06-06T00:00:00Z")]), t, BASIS);
    expect(sla.months.find((m) => m.month === "2026-06")).toMatchObject({ creditPercent: 50, creditAmount: 5_000 });
  });

  it("counts only incidents that touch the buyer's services and regions ('global' always does)", () => {
    const vendor = { id: "v", services: ["compute"], regions: ["eu-central-1"] };
    const t = terms();
    const agg = aggregate(
      t,
      [
        incident("2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z", { services: ["compute"], regions: ["eu-central-1"] }), // 60
        incident("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", { services: ["dns"], regions: ["eu-central-1"] }), // other service
        incident("2026-03-03T00:00:00Z", "2026-03-03T01:00:00Z", { services: ["compute"], regions: ["us-west-1"] }), // other region
        incident("2026-03-04T00:00:00Z", "2026-03-04T00:30:00Z", { services: ["Compute"], regions: ["global"] }), // 30
        incident("2026-03-05T00:00:00Z", "2026-03-05T00:10:00Z", { services: [], regions: [] }), // unnamed: assumed to affect, 10
      ],
      vendor,
    );
    expect(vendorSla(agg, t, BASIS).months.find((m) => m.month === "2026-03")?.downtimeMinutes).toBe(100);
  });

  it("asks for what the terms lack", () => {
    const t = terms({
      exclusions: { providerAgents: "silent", customerCredentialAgents: "excluded" },
      claimDeadlineDays: 30,
    });
    const asks = vendorSla(aggregate(t, year()), t, BASIS).asks;
    expect(asks).toEqual([
      "State expressly that outages caused or worsened by the provider's own AI agents count as downtime (the SLA is silent on them).",
      "Agree that outages caused by the provider's AI agent acting in your tenancy count as downtime when the agent stayed within the permissions the provider's product gave it (the SLA treats them as your own actions).",
      "Count severe degradation (error rates or latency above an agreed threshold) as downtime, not only total loss of connectivity.",
      "Extend the credit claim window from 30 to at least 60 days, or make credits automatic.",
      "Negotiate a separate remedy for major outages (a higher credit cap or liquidated damages): service credits covered 0.8% of the loss in the last 12 months.",
      "Make incident notification and root-cause report times contractual commitments, not only a practice.",
    ]);
  });
});

describe("vendorSla: excluded and counted downtime", () => {
  it("reports shared minutes once: as counted, not also as excluded", () => {
    const t = terms();
    const agg = aggregate(t, [
      incident("2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z", { id: "counted" }),
      incident("2026-03-10T11:00:00Z", "2026-03-10T14:00:00Z", { id: "excl", cause: "customer" }),
    ]);
    const march = vendorSla(agg, t, BASIS).months.find((m) => m.month === "2026-03");
    // Counted 10:00-12:00 = 120; the excluded incident adds 12:00-14:00 = 120 of its own.
    expect(march).toMatchObject({ downtimeMinutes: 240, slaDowntimeMinutes: 120, excludedMinutes: 120 });
  });

  it("measures degraded incidents at the buyer's assumed error rate", () => {
    const t = terms({
      uptimeCommitment: 99.9,
      creditTiers: [{ below: 99.9, atLeast: 99.0, creditPercent: 10 }],
      measurement: { countsImpact: ["minor", "major", "critical"], method: "error-rate", intervalMinutes: 5 },
    });
    const agg = aggregate(t, [incident("2026-04-01T00:00:00Z", "2026-04-01T10:00:00Z", { severity: "minor" })]);
    const april = (rate: number) =>
      vendorSla(agg, t, BASIS, { degradedErrorRate: rate }).months.find((m) => m.month === "2026-04");
    // 600 minutes at 10% weigh 60 of 43,200: 99.861111111, the 10% tier; at 1% they weigh 6: 99.986111111, none.
    expect(april(0.1)).toMatchObject({ uptimePercent: 99.861111111, creditPercent: 10 });
    expect(april(0.01)).toMatchObject({ uptimePercent: 99.986111111, creditPercent: 0 });
  });
});
