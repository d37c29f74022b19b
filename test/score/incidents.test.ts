import { describe, expect, it } from "vitest";
import { summarizeIncidents } from "../../src/score/incidents.js";
import { AS_OF_END, incident } from "./fixtures.js";

// AS_OF_END is 2026-04-01T00:00:00Z: open incidents count up to there.
const i1 = incident("i1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", { severity: "minor", aiAgentInvolved: "yes" }); // 60 min
const i2 = incident("i2", "2026-03-01T10:30:00Z", "2026-03-01T12:00:00Z", { severity: "major" }); // 90 min, overlaps i1
const i3 = incident("i3", "2026-03-05T00:00:00Z", "2026-03-05T10:00:00Z", { severity: "maintenance", aiAgentInvolved: "yes" }); // 600 min, planned
const i4 = incident("i4", "2026-03-06T01:00:00Z", "2026-03-06T03:00:00Z", { severity: "none", aiAgentInvolved: "unknown" }); // 120 min, no impact
const i5 = incident("i5", "2026-03-31T21:00:00Z", null, { severity: "critical" }); // open: 21:00 -> 24:00 = 180 min

describe("summarizeIncidents", () => {
  const s = summarizeIncidents([i5, i3, i1, i4, i2], AS_OF_END);

  it("counts totals, unplanned (minor+), major (major+), AI-involved and open incidents", () => {
    expect(s.total).toBe(5);
    expect(s.unplanned).toBe(3); // i1 minor, i2 major, i5 critical
    expect(s.major).toBe(2); // i2, i5
    expect(s.aiAgentInvolved).toBe(2); // i1, i3 ("unknown" does not count)
    expect(s.openAtAsOf).toBe(1); // i5
  });

  it("merges overlaps, excludes maintenance and severity none, counts open ones to the end of the as-of day", () => {
    // i1 ∪ i2 = 10:00-12:00 = 120 min; i5 = 180 min; i3 (600) and i4 (120) excluded -> 300
    expect(s.downtimeMinutes).toBe(300);
  });

  it("takes the longest unplanned incident, not a maintenance window", () => {
    // unplanned: 60, 90, 180 -> 180 (i3's 600 minutes are maintenance)
    expect(s.longestMinutes).toBe(180);
  });

  it("lists every incident sorted by start, with durations and the open flag", () => {
    expect(s.list.map((x) => x.id)).toEqual(["i1", "i2", "i3", "i4", "i5"]);
    expect(s.list.map((x) => x.durationMinutes)).toEqual([60, 90, 600, 120, 180]);
    const open = s.list[4];
    expect(open).toMatchObject({ id: "i5", open: true, resolvedAt: null, startedAt: "2026-03-31T21:00:00.000Z", severity: "critical" });
    expect(s.list[0]).toMatchObject({ open: false, resolvedAt: "2026-03-01T11:00:00.000Z", aiAgentInvolved: "yes", services: ["compute"], regions: ["eu-west-1"], sourceUrl: null });
  });

  it("breaks ties on the start time by id", () => {
    const a = incident("b", "2026-03-01T10:00:00Z", "2026-03-01T10:10:00Z");
    const b = incident("a", "2026-03-01T10:00:00Z", "2026-03-01T10:20:00Z");
    expect(summarizeIncidents([a, b], AS_OF_END).list.map((x) => x.id)).toEqual(["a", "b"]);
  });

  it("is all zeros for no incidents", () => {
    expect(summarizeIncidents([], AS_OF_END)).toEqual({ total: 0, unplanned: 0, major: 0, aiAgentInvolved: 0, openAtAsOf: 0, downtimeMinutes: 0, longestMinutes: 0, list: [] });
  });

  it("counts an open maintenance as open but not as downtime", () => {
    const m = incident("m", "2026-03-31T20:00:00Z", null, { severity: "maintenance" });
    const r = summarizeIncidents([m], AS_OF_END);
    expect(r.openAtAsOf).toBe(1);
    expect(r.downtimeMinutes).toBe(0);
    expect(r.list[0]?.durationMinutes).toBe(240); // 20:00 -> 24:00
  });

  it("rounds minutes: 90 seconds of downtime -> 2 minutes (1.5 rounds up)", () => {
    const r = summarizeIncidents([incident("s", "2026-03-01T10:00:00Z", "2026-03-01T10:01:30Z")], AS_OF_END);
    expect(r.downtimeMinutes).toBe(2);
    expect(r.list[0]?.durationMinutes).toBe(2);
  });

  it("does not reorder its input", () => {
    const input = [i2, i1];
    summarizeIncidents(input, AS_OF_END);
    expect(input.map((x) => x.id)).toEqual(["i2", "i1"]);
  });
});
