import { describe, expect, it } from "vitest";
import { newSlaMonthFigures, slaMonth, type OutageSpan } from "../../../src/score/sla/month.js";
import { terms } from "./fixtures.js";

// April 2026: 30 days, 43,200 minutes, 720 clock hours.
const APRIL = { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 4, 1), minutes: 43_200 };
const at = (hhmm: string, day = 1) => Date.parse(`2026-04-${String(day).padStart(2, "0")}T${hhmm}Z`);
// One minute of downtime costs 500 (60,000 an hour x 0.5); the vendor is paid 10,000 a month.
const BASIS = { monthlySpend: 10_000, downtimeCostPerHour: 60_000, outageShare: 0.5 };

function span(from: string, to: string, over: Partial<OutageSpan> = {}): OutageSpan {
  return {
    start: at(from),
    end: at(to),
    impact: "major",
    cause: "software",
    aiAgentInvolved: "no",
    errorRate: 1,
    ...over,
  };
}
const degraded = (from: string, to: string, errorRate: number) => span(from, to, { impact: "minor", errorRate });

/** AWS tiers as written: "less than 99.95% but equal to or greater than 99.0%" and so on (RDS Multi-AZ). */
const RDS_TIERS = [
  { below: 99.95, atLeast: 99.0, creditPercent: 10 },
  { below: 99.0, atLeast: 95.0, creditPercent: 25 },
  { below: 95.0, creditPercent: 100 },
];
const S3_TIERS = [
  { below: 99.9, atLeast: 99.0, creditPercent: 10 },
  { below: 99.0, atLeast: 95.0, creditPercent: 25 },
  { below: 95.0, creditPercent: 100 },
];
const ALL_IMPACTS = { countsImpact: ["minor", "major", "critical"] };

describe("slaMonth: minutes", () => {
  it("counts the minutes an outage touches and credits the tier (the existing arithmetic)", () => {
    // 150 of 43,200 minutes: 99.652777778 -> 10% of 10,000; loss 150 x 500.
    expect(slaMonth([span("10:00", "12:30")], APRIL, terms(), BASIS)).toEqual({
      downtimeMinutes: 150,
      slaDowntimeMinutes: 150,
      excludedMinutes: 0,
      uptimePercent: 99.652777778,
      meetsCommitment: false,
      creditPercent: 10,
      noChargeHours: 0,
      creditAmount: 1_000,
      loss: 75_000,
      uncovered: 74_000,
    });
  });

  it("takes a partial minute as a whole one: 10:00:00 to 10:04:00.400 is 5 minutes", () => {
    const s = { ...span("10:00", "10:04"), end: at("10:04:00.400") };
    expect(slaMonth([s], APRIL, terms(), BASIS).slaDowntimeMinutes).toBe(5);
  });

  it("never counts a minute twice: where an excluded and a counted outage overlap, the shared minutes are counted", () => {
    // Counted 10:00-12:00 (120); excluded (agent with customer credentials) 11:00-14:00: 120 of its 180 minutes
    // are not also counted.
    const f = slaMonth(
      [span("10:00", "12:00"), span("11:00", "14:00", { cause: "customer-agent", aiAgentInvolved: "yes" })],
      APRIL,
      terms(),
      BASIS,
    );
    expect(f).toMatchObject({ downtimeMinutes: 240, slaDowntimeMinutes: 120, excludedMinutes: 120 });
    expect(f.slaDowntimeMinutes + f.excludedMinutes).toBe(f.downtimeMinutes);
  });

  it("clips spans to the month and reads them in any order, leaving nothing behind for the next call", () => {
    const spans = [
      span("23:00", "23:30", { start: at("23:00", 30), end: Date.UTC(2026, 4, 1, 2) }),
      span("00:00", "01:00"),
    ];
    spans[1]!.start = Date.UTC(2026, 2, 31, 23); // 31 March 23:00 to 1 April 01:00: 60 minutes in April
    const first = slaMonth(spans, APRIL, terms(), BASIS);
    expect(first.downtimeMinutes).toBe(60 + 60);
    expect(slaMonth([...spans].reverse(), APRIL, terms(), BASIS)).toEqual(first);
    expect(slaMonth([], APRIL, terms(), BASIS)).toMatchObject({ downtimeMinutes: 0, uptimePercent: 100 });
  });

  it("fills the object it is given", () => {
    const out = newSlaMonthFigures();
    expect(slaMonth([span("10:00", "10:10")], APRIL, terms(), BASIS, out)).toBe(out);
    expect(out.downtimeMinutes).toBe(10);
  });

  it("counts a loss but no SLA downtime without terms, or for an impact the SLA does not measure", () => {
    expect(slaMonth([span("10:00", "11:00")], APRIL, undefined, BASIS)).toMatchObject({
      downtimeMinutes: 60,
      slaDowntimeMinutes: 0,
      uptimePercent: 100,
      meetsCommitment: false,
      creditAmount: 0,
      loss: 30_000,
    });
    expect(slaMonth([degraded("10:00", "11:00", 0.1)], APRIL, terms(), BASIS).slaDowntimeMinutes).toBe(0);
  });

  it("counts only runs of at least minConsecutiveIntervals minutes (a Downtime Period)", () => {
    const t = terms({ measurement: { minConsecutiveIntervals: 5 } });
    // 4 minutes, then 6 minutes: only the second run counts.
    expect(slaMonth([span("10:00", "10:04"), span("11:00", "11:06")], APRIL, t, BASIS).slaDowntimeMinutes).toBe(6);
    // Two spans that touch make one run of 5.
    expect(slaMonth([span("10:00", "10:02"), span("10:02", "10:05")], APRIL, t, BASIS).slaDowntimeMinutes).toBe(5);
  });
});

describe("slaMonth: whole intervals", () => {
  it("RDS: a 1-minute interval is unavailable only when all requests fail", () => {
    const t = terms({
      uptimeCommitment: 99.95,
      creditTiers: RDS_TIERS,
      measurement: {
        ...ALL_IMPACTS,
        method: "intervals",
        intervalMinutes: 1,
        unavailableWhen: { errorRateAtLeastPercent: 100 },
      },
    });
    // A full outage of 5 minutes: 99.988425926, above 99.95: no credit. A degraded hour (10% errors): nothing.
    const f = slaMonth([span("10:00", "10:05"), degraded("12:00", "13:00", 0.1)], APRIL, t, BASIS);
    expect(f).toMatchObject({
      slaDowntimeMinutes: 5,
      uptimePercent: 99.988425926,
      creditPercent: 0,
      downtimeMinutes: 65,
    });
  });

  it("RDS tier edges as AWS writes them: exactly 99.0% earns 10%, one minute more earns 25%", () => {
    const t = terms({
      uptimeCommitment: 99.95,
      creditTiers: RDS_TIERS,
      measurement: { method: "intervals", intervalMinutes: 1, unavailableWhen: { errorRateAtLeastPercent: 100 } },
    });
    // 432 of 43,200 minutes = 99.0% exactly; 433 = 98.997685185%.
    expect(slaMonth([span("00:00", "07:12")], APRIL, t, BASIS)).toMatchObject({ uptimePercent: 99, creditPercent: 10 });
    expect(slaMonth([span("00:00", "07:13")], APRIL, t, BASIS)).toMatchObject({
      uptimePercent: 98.997685185,
      creditPercent: 25,
      creditAmount: 2_500,
    });
  });

  it("a whole interval goes down when its error rate passes the threshold: 1 minute of 5 is 20%", () => {
    const over = (percent: number) =>
      terms({
        measurement: { method: "intervals", intervalMinutes: 5, unavailableWhen: { errorRateAtLeastPercent: percent } },
      });
    // One minute of full outage in a 5-minute interval: error rate 20%. At least 20%: the whole interval (5 minutes)
    // of 8,640 intervals is down; 100 x (1 - 1/8640) = 99.988425926. At least 21%: nothing.
    expect(slaMonth([span("10:00", "10:01")], APRIL, over(20), BASIS)).toMatchObject({
      slaDowntimeMinutes: 5,
      uptimePercent: 99.988425926,
    });
    expect(slaMonth([span("10:00", "10:01")], APRIL, over(21), BASIS).slaDowntimeMinutes).toBe(0);
    // An outage across an interval edge touches two intervals: 10:04-10:06 is 20% in each.
    expect(slaMonth([span("10:04", "10:06")], APRIL, over(20), BASIS).slaDowntimeMinutes).toBe(10);
  });

  it("Gemini: minutes above 5% errors, in runs of at least 5 consecutive minutes", () => {
    const t = terms({
      uptimeCommitment: 99.5,
      creditTiers: [
        { below: 99.5, atLeast: 99.0, creditPercent: 10 },
        { below: 99.0, atLeast: 95.0, creditPercent: 25 },
        { below: 95.0, creditPercent: 50 },
      ],
      creditCapPercent: 50,
      measurement: {
        ...ALL_IMPACTS,
        method: "intervals",
        intervalMinutes: 1,
        unavailableWhen: { errorRateAbovePercent: 5 },
        minConsecutiveIntervals: 5,
      },
    });
    const down = (spans: OutageSpan[]) => slaMonth(spans, APRIL, t, BASIS).slaDowntimeMinutes;
    expect(down([degraded("10:00", "11:00", 0.05)])).toBe(0); // exactly 5% is not above 5%
    expect(down([degraded("10:00", "10:04", 0.06)])).toBe(0); // 4 minutes: too short a run
    expect(down([degraded("10:00", "10:05", 0.06)])).toBe(5);
    // 5 days of full outage: 100 x (1 - 7200/43200) = 83.33%: the 50% tier, also the cap.
    expect(slaMonth([span("00:00", "00:00", { end: at("00:00", 6) })], APRIL, t, BASIS)).toMatchObject({
      creditPercent: 50,
      creditAmount: 5_000,
    });
  });
});

describe("slaMonth: error rate", () => {
  const s3 = (intervalMinutes: number) =>
    terms({
      uptimeCommitment: 99.9,
      creditTiers: S3_TIERS,
      measurement: { ...ALL_IMPACTS, method: "error-rate", intervalMinutes },
    });

  it("S3: 100% minus the average 5-minute error rate; a full outage is 100% errors", () => {
    // 60 minutes at 100%: the intervals' rates sum to 12 x 1 over 8,640 intervals = 60 / 43,200 -> 99.861111111: 10%.
    expect(slaMonth([span("10:00", "11:00")], APRIL, s3(5), BASIS)).toMatchObject({
      slaDowntimeMinutes: 60,
      uptimePercent: 99.861111111,
      creditPercent: 10,
      creditAmount: 1_000,
    });
  });

  it("counts a degraded incident at the assumed error rate: 10 hours at 10% weigh as 1 hour of outage", () => {
    const f = slaMonth([degraded("00:00", "10:00", 0.1)], APRIL, s3(5), BASIS);
    expect(f).toMatchObject({ downtimeMinutes: 600, slaDowntimeMinutes: 600, uptimePercent: 99.861111111 });
  });

  it("takes the highest error rate where outages overlap, not the sum", () => {
    // 10:00-11:00 at 100% and 10:30-11:30 at 10%: 60 x 1 + 30 x 0.1 = 63 error minutes.
    const f = slaMonth([span("10:00", "11:00"), degraded("10:30", "11:30", 0.1)], APRIL, s3(5), BASIS);
    expect(f.uptimePercent).toBe(99.854166667); // 100 x (1 - 63/43200)
  });

  it("S3 tier edge: an average error rate of exactly 1% is 99.0% uptime, the 10% tier", () => {
    // 432 error minutes = 1% of 43,200.
    expect(slaMonth([span("00:00", "07:12")], APRIL, s3(5), BASIS)).toMatchObject({
      uptimePercent: 99,
      creditPercent: 10,
    });
  });

  it("gives the same month for 5-minute (S3) and hourly (Azure Storage) intervals when traffic is even", () => {
    const spans = [span("10:03", "10:17"), degraded("13:00", "15:30", 0.25)];
    expect(slaMonth(spans, APRIL, s3(60), BASIS).uptimePercent).toBe(
      slaMonth(spans, APRIL, s3(5), BASIS).uptimePercent,
    );
  });
});

describe("slaMonth: tiers with upper bounds only (Microsoft's form)", () => {
  // Azure single VM on Standard SSD: "< 99.5% 10%, < 95% 25%, < 90% 100%".
  const t = terms({
    uptimeCommitment: 99.5,
    creditTiers: [
      { below: 99.5, creditPercent: 10 },
      { below: 95, creditPercent: 25 },
      { below: 90, creditPercent: 100 },
    ],
  });
  const minutes = (n: number) => slaMonth([span("00:00", "00:00", { end: at("00:00") + n * 60_000 })], APRIL, t, BASIS);

  it("reads each bound as exclusive: exactly 95% earns 10%, exactly 90% earns 25%", () => {
    expect(t.creditTiers).toEqual([
      { below: 99.5, atLeast: 95, creditPercent: 10 },
      { below: 95, atLeast: 90, creditPercent: 25 },
      { below: 90, atLeast: 0, creditPercent: 100 },
    ]);
    expect(minutes(216)).toMatchObject({ uptimePercent: 99.5, creditPercent: 0, meetsCommitment: true }); // 0.5%
    expect(minutes(217).creditPercent).toBe(10);
    expect(minutes(2_160)).toMatchObject({ uptimePercent: 95, creditPercent: 10 });
    expect(minutes(2_161).creditPercent).toBe(25);
    expect(minutes(4_320)).toMatchObject({ uptimePercent: 90, creditPercent: 25 });
    expect(minutes(4_321)).toMatchObject({ creditPercent: 100, creditAmount: 10_000 });
  });
});

describe("slaMonth: EC2 instance-level hourly rule", () => {
  const ec2 = terms({
    uptimeCommitment: 99.5,
    creditTiers: [
      { below: 99.5, atLeast: 99.0, creditPercent: 10 },
      { below: 99.0, atLeast: 95.0, creditPercent: 30 },
      { below: 95.0, creditPercent: 100 },
    ],
    measurement: { hourlyNoCharge: { unavailableMinutesAbove: 6 } },
  });
  // 7,200 a month over 720 hours: 10 an hour.
  const basis = { ...BASIS, monthlySpend: 7_200 };

  it("charges nothing for an hour with more than six unavailable minutes: 6 is not, 7 is", () => {
    // 10:54-11:07: 6 minutes in the 10:00 hour, 7 in the 11:00 hour; 13 minutes is 99.969907407%, no tier.
    expect(slaMonth([span("10:54", "11:07")], APRIL, ec2, basis)).toMatchObject({
      uptimePercent: 99.969907407,
      creditPercent: 0,
      noChargeHours: 1,
      creditAmount: 10,
    });
  });

  it("adds the tier credit on the charges that remain: a 13-hour outage", () => {
    // 13 hours not charged (130); 780 minutes = 98.194444444%: 30% of the remaining 7,070 = 2,121. Total 2,251.
    expect(slaMonth([span("00:00", "13:00")], APRIL, ec2, basis)).toMatchObject({
      creditPercent: 30,
      noChargeHours: 13,
      creditAmount: 2_251,
    });
  });
});

describe("slaMonth: Cloudflare's affected-customer formula", () => {
  const cf = (multiplier: number, ratio: number) =>
    terms({
      uptimeCommitment: 100,
      creditTiers: [],
      measurement: { method: "affected-ratio", creditMultiplier: multiplier, affectedCustomerRatio: ratio },
    });

  it("credits multiplier x outage minutes x affected ratio / scheduled minutes", () => {
    // 10 x 60 x 0.5 / 43,200 = 0.6944% (to 4 places) of 10,000 = 69.44.
    expect(slaMonth([span("10:00", "11:00")], APRIL, cf(10, 0.5), BASIS)).toMatchObject({
      uptimePercent: 99.861111111,
      meetsCommitment: false,
      creditPercent: 0.6944,
      creditAmount: 69.44,
    });
  });

  it("misses a 100% commitment with one minute, and never credits above the cap", () => {
    expect(slaMonth([span("10:00", "10:01")], APRIL, cf(10, 1), BASIS).meetsCommitment).toBe(false);
    // 25 x 4,320 / 43,200 = 250%: capped at 100%.
    expect(slaMonth([span("00:00", "00:00", { end: at("00:00", 4) })], APRIL, cf(25, 1), BASIS).creditPercent).toBe(
      100,
    );
  });
});
