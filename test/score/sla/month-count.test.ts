import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CAUSES, SEVERITIES } from "../../../src/schema/incident.js";
import { countByMinute, countBySegments, newMonthCounts } from "../../../src/score/sla/month-count.js";
import type { MonthWindow, OutageSpan } from "../../../src/score/sla/month.js";
import { terms } from "./fixtures.js";

// March 2026 (31 days): spans may start before it and end after it, and need not sit on whole minutes.
const MONTH: MonthWindow = {
  start: Date.parse("2026-03-01T00:00:00Z"),
  end: Date.parse("2026-04-01T00:00:00Z"),
  minutes: 44_640,
};
const DAY = 86_400_000;

const span = fc.record({
  start: fc.integer({ min: MONTH.start - 2 * DAY, max: MONTH.end + DAY }),
  // Mostly short (touching and overlapping neighbours), sometimes days long.
  length: fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 3 * DAY })),
  impact: fc.constantFrom(...SEVERITIES),
  cause: fc.constantFrom(...CAUSES),
  aiAgentInvolved: fc.constantFrom("yes" as const, "no" as const, "unknown" as const),
  errorRate: fc.constantFrom(0, 0.4, 1, 2, -1, Number.NaN),
});

// Spans snapped to a coarse grid often touch or coincide exactly: the cases where pieces and runs must join.
const spans = fc
  .array(
    fc.oneof(
      span,
      span.map((s) => ({ ...s, start: MONTH.start + Math.round((s.start - MONTH.start) / 300_000) * 300_000 })),
    ),
    { maxLength: 12 },
  )
  .map((xs) => xs.map((s): OutageSpan => ({ ...s, end: s.start + s.length })).sort((a, b) => a.start - b.start));

const stance = fc.constantFrom("counted", "excluded", "silent");
const minuteTerms = fc.option(
  fc.record({
    countsImpact: fc.subarray([...SEVERITIES], { minLength: 1 }),
    minRun: fc.integer({ min: 1, max: 30 }),
    providerAgents: stance,
    customerCredentialAgents: stance,
    forceMajeure: fc.boolean(),
  }),
);

const empty = newMonthCounts;

describe("counting a month by segments", () => {
  it("gives the minute count's figures for every mix of spans under the minute rule", () => {
    fc.assert(
      fc.property(spans, minuteTerms, (list, t) => {
        const sla =
          t === null
            ? undefined
            : terms({
                measurement: { method: "minutes", countsImpact: t.countsImpact, minConsecutiveIntervals: t.minRun },
                exclusions: {
                  providerAgents: t.providerAgents,
                  customerCredentialAgents: t.customerCredentialAgents,
                  forceMajeure: t.forceMajeure,
                },
              });
        const fast = empty();
        expect(countBySegments(list, MONTH, sla, fast)).toBe(true);
        const slow = countByMinute(list, MONTH, sla, empty());
        expect({ ...fast, rateSum: 0 }).toEqual({ ...slow, rateSum: 0 });
      }),
      { numRuns: 3000 },
    );
  });

  it("joins touching pieces into one run and drops runs shorter than the minimum", () => {
    const at = (min: number) => MONTH.start + min * 60_000;
    const s = (a: number, b: number, impact: OutageSpan["impact"] = "major"): OutageSpan => ({
      start: at(a),
      end: at(b),
      impact,
      cause: "software",
      aiAgentInvolved: "no",
      errorRate: 1,
    });
    const t = terms({ measurement: { method: "minutes", minConsecutiveIntervals: 5 } });
    // 3 + 3 touching minutes make one run of 6; the 4-minute outage alone is too short; the minor one is not counted.
    const out = empty();
    countBySegments([s(10, 13), s(13, 16), s(100, 104), s(200, 260, "minor")], MONTH, t, out);
    expect(out).toEqual({
      downtime: 70,
      excludedOnly: 0,
      unavailable: 6,
      noChargeHours: 0,
      errorMinutes: 10,
      rateSum: 0,
    });
  });

  it("leaves the rules that read each minute's rate, and months of many spans, to the minute count", () => {
    const one: OutageSpan[] = [
      {
        start: MONTH.start,
        end: MONTH.start + 600_000,
        impact: "major",
        cause: "software",
        aiAgentInvolved: "no",
        errorRate: 1,
      },
    ];
    const intervals = terms({
      measurement: { method: "intervals", intervalMinutes: 5, unavailableWhen: { errorRateAbovePercent: 5 } },
    });
    const errorRate = terms({ measurement: { method: "error-rate" } });
    const hourly = terms({ measurement: { method: "minutes", hourlyNoCharge: { unavailableMinutesAbove: 0 } } });
    for (const t of [intervals, errorRate, hourly]) expect(countBySegments(one, MONTH, t, empty())).toBe(false);
    const many = Array.from({ length: 33 }, (_, i) => ({
      ...one[0]!,
      start: MONTH.start + i * 600_000,
      end: MONTH.start + i * 600_000 + 60_000,
    }));
    expect(countBySegments(many, MONTH, terms(), empty())).toBe(false);
  });
});
