import { describe, expect, it } from "vitest";
import type { Incident } from "../../src/schema/incident.js";
import type { WorkspaceVendor } from "../../src/schema/workspace.js";
import { IncidentAggregate } from "../../src/score/incident-aggregate.js";
import { summarizeIncidents } from "../../src/score/incidents.js";
import { slaMonths } from "../../src/score/sla/period.js";
import { AS_OF_END, incident, vendorConfig } from "./fixtures.js";

// AS_OF_END is 2026-04-01T00:00:00Z: open incidents count up to there. The period is the 12 complete months before
// it, 2025-04-01 to 2026-04-01.
function summarize(incidents: readonly Incident[], config: Partial<WorkspaceVendor> = {}) {
  const agg = new IncidentAggregate(vendorConfig(config), undefined, slaMonths(AS_OF_END), AS_OF_END);
  for (const i of incidents) agg.add(i);
  return summarizeIncidents(agg);
}

const i1 = incident("i1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", {
  severity: "minor",
  aiAgentInvolved: "yes",
}); // 60 min
const i2 = incident("i2", "2026-03-01T10:30:00Z", "2026-03-01T12:00:00Z", { severity: "major" }); // 90 min, overlaps i1
const i3 = incident("i3", "2026-03-05T00:00:00Z", "2026-03-05T10:00:00Z", {
  severity: "maintenance",
  aiAgentInvolved: "yes",
}); // 600 min, planned
const i4 = incident("i4", "2026-03-06T01:00:00Z", "2026-03-06T03:00:00Z", {
  severity: "none",
  aiAgentInvolved: "unknown",
}); // 120 min, no impact
const i5 = incident("i5", "2026-03-31T21:00:00Z", null, { severity: "critical" }); // open: 21:00 -> 24:00 = 180 min

describe("summarizeIncidents", () => {
  const s = summarize([i5, i3, i1, i4, i2]);

  it("counts every incident in total but only unplanned ones (minor and worse) as affecting", () => {
    expect(s.total).toBe(5);
    expect(s.affecting).toBe(3); // i1 minor, i2 major, i5 critical
    expect(s.major).toBe(2); // i2, i5
    expect(s.openAtAsOf).toBe(1); // i5
  });

  it("counts AI-agent involvement among affecting incidents only (i3's yes is maintenance, i4's unknown has no impact)", () => {
    expect(s.aiAgentInvolved).toBe(1); // i1
    expect(s.aiAgentUnknown).toBe(0);
  });

  it("merges overlaps, excludes maintenance and severity none, counts open ones to the end of the as-of day", () => {
    // i1 ∪ i2 = 10:00-12:00 = 120 min; i5 = 180 min; i3 (600) and i4 (120) excluded -> 300
    expect(s.downtimeMinutes).toBe(300);
  });

  it("takes the longest unplanned and the longest major incident, not a maintenance window", () => {
    // unplanned: 60, 90, 180 -> 180 (i3's 600 minutes are maintenance); major: 90, 180 -> 180
    expect(s.longestMinutes).toBe(180);
    expect(s.longestMajorMinutes).toBe(180);
  });

  it("bins major incidents without a published RCA (or still open) as none", () => {
    expect(s.rca).toEqual({ within7: 0, within14: 0, within30: 0, later: 0, none: 2 });
  });

  it("lists every incident newest first, with durations and the open flag", () => {
    expect(s.listed).toBe(5);
    expect(s.list.map((x) => x.id)).toEqual(["i5", "i4", "i3", "i2", "i1"]);
    expect(s.list.map((x) => x.durationMinutes)).toEqual([180, 120, 600, 90, 60]);
    expect(s.list[0]).toMatchObject({
      id: "i5",
      open: true,
      resolvedAt: null,
      startedAt: "2026-03-31T21:00:00.000Z",
      severity: "critical",
      affects: true,
      excludedBy: null,
    });
    expect(s.list[4]).toMatchObject({
      open: false,
      resolvedAt: "2026-03-01T11:00:00.000Z",
      aiAgentInvolved: "yes",
      services: ["compute"],
      regions: ["eu-west-1"],
      sourceUrl: null,
      affects: true,
    });
  });

  it("breaks ties on the start time by id", () => {
    const a = incident("b", "2026-03-01T10:00:00Z", "2026-03-01T10:10:00Z");
    const b = incident("a", "2026-03-01T10:00:00Z", "2026-03-01T10:20:00Z");
    expect(summarize([a, b]).list.map((x) => x.id)).toEqual(["a", "b"]);
  });

  it("is all zeros for no incidents", () => {
    expect(summarize([])).toEqual({
      total: 0,
      affecting: 0,
      major: 0,
      aiAgentInvolved: 0,
      aiAgentUnknown: 0,
      openAtAsOf: 0,
      downtimeMinutes: 0,
      longestMinutes: 0,
      longestMajorMinutes: 0,
      rca: { within7: 0, within14: 0, within30: 0, later: 0, none: 0 },
      listed: 0,
      list: [],
    });
  });

  it("does not count an open maintenance as downtime", () => {
    const r = summarize([incident("m", "2026-03-31T20:00:00Z", null, { severity: "maintenance" })]);
    expect(r.total).toBe(1);
    expect(r.downtimeMinutes).toBe(0);
    expect(r.list[0]?.durationMinutes).toBe(240); // 20:00 -> 24:00
  });

  it("counts a partly used minute as down: 10:00:30-10:01:30 touches two minutes (duration rounds to 1)", () => {
    const r = summarize([incident("s", "2026-03-01T10:00:30Z", "2026-03-01T10:01:30Z")]);
    expect(r.downtimeMinutes).toBe(2);
    expect(r.list[0]?.durationMinutes).toBe(1);
  });

  it("clips downtime to the period but not the longest incident: 2025-03-31 23:00 to 2025-04-01 01:00 counts 60 of 120 minutes", () => {
    const r = summarize([incident("edge", "2025-03-31T23:00:00Z", "2025-04-01T01:00:00Z", { severity: "major" })]);
    expect(r.affecting).toBe(1);
    expect(r.downtimeMinutes).toBe(60);
    expect(r.longestMinutes).toBe(120);
  });

  it("keeps an incident before the period in the total and the list, but not in the figures", () => {
    const r = summarize([incident("old", "2025-01-10T10:00:00Z", "2025-01-10T12:00:00Z", { severity: "critical" })]);
    expect(r.total).toBe(1);
    expect(r.affecting).toBe(0);
    expect(r.major).toBe(0);
    expect(r.downtimeMinutes).toBe(0);
    expect(r.list.map((x) => [x.id, x.affects])).toEqual([["old", false]]);
  });

  it("counts only incidents touching the buyer's services and regions; global and unnamed ones always count", () => {
    const config = { services: ["compute"], regions: ["eu-west-1"] };
    const r = summarize(
      [
        incident("svc", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", { services: "storage" }), // other service
        incident("reg", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", { regions: "us-east-1" }), // other region
        incident("glb", "2026-03-04T10:00:00Z", "2026-03-04T10:30:00Z", { regions: "global" }), // 30 min
        incident("any", "2026-03-05T10:00:00Z", "2026-03-05T10:10:00Z", { services: "" }), // 10 min, names no service
        incident("cas", "2026-03-06T10:00:00Z", "2026-03-06T10:05:00Z", {
          services: "Compute;dns",
          regions: "EU-WEST-1",
        }), // 5 min
      ],
      config,
    );
    expect(r.affecting).toBe(3);
    expect(r.downtimeMinutes).toBe(45); // 30 + 10 + 5
    expect(r.list.filter((x) => x.affects).map((x) => x.id)).toEqual(["cas", "any", "glb"]);
  });

  it("bins major incidents by days from resolution to the RCA: 7 / 14 / 30 / later / none", () => {
    const major = (id: string, day: string, rca?: string) =>
      incident(id, `2026-02-${day}T10:00:00Z`, `2026-02-${day}T12:00:00Z`, {
        severity: "major",
        ...(rca === undefined ? {} : { rcaPublishedAt: rca }),
      });
    const r = summarize([
      major("a", "01", "2026-02-08T12:00:00Z"), // exactly 7 days
      major("b", "02", "2026-02-16T12:00:00Z"), // 14 days
      major("c", "03", "2026-03-05T12:00:00Z"), // 30 days
      major("d", "04", "2026-03-08T12:00:00Z"), // 32 days
      major("e", "05"), // none
    ]);
    expect(r.rca).toEqual({ within7: 1, within14: 1, within30: 1, later: 1, none: 1 });
  });

  it("counts AI involvement unknown among affecting incidents", () => {
    const r = summarize([
      incident("u1", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", { aiAgentInvolved: "unknown" }),
      incident("u2", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", {
        aiAgentInvolved: "unknown",
        severity: "maintenance",
      }),
    ]);
    expect(r.aiAgentUnknown).toBe(1);
    expect(r.aiAgentInvolved).toBe(0); // unknown is not yes
  });

  it("keeps the longest incident and the longest major one apart: minor 300 min, major 60 min", () => {
    const r = summarize([
      incident("minor", "2026-03-02T10:00:00Z", "2026-03-02T15:00:00Z", { severity: "minor" }),
      incident("major", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", { severity: "major" }),
    ]);
    expect(r.longestMinutes).toBe(300);
    expect(r.longestMajorMinutes).toBe(60);
    expect(r.major).toBe(1);
  });
});

describe("summarizeIncidents: reported bugs", () => {
  // BUG 4: src/score/incident-aggregate.ts (IncidentAggregate.add, `this.listed.push`) sets a listed incident's
  // `affects` to "touches the buyer's services/regions and in the period" without the unplanned check, so a
  // maintenance window or a severity-none incident is listed as affecting the buyer. result.ts documents `affects` as
  // "Unplanned, in the period, and touching the buyer's services and regions", and `affecting` does not count them.
  it("does not list maintenance or severity none as affecting", () => {
    const s = summarize([i3, i4]);
    expect(s.affecting).toBe(0);
    expect(s.list.map((x) => [x.id, x.affects])).toEqual([
      ["i4", false],
      ["i3", false],
    ]);
  });
});
