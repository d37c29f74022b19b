import { describe, expect, it } from "vitest";
import { incidentAnswers } from "../../src/score/incident-signals.js";
import { aggregate, incident, terms } from "./sla/fixtures.js";

const answers = (r: ReturnType<typeof incidentAnswers>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.answer]));

describe("incident-record signals (domain INC)", () => {
  it("leaves the questions unanswered when no record was supplied", () => {
    expect(incidentAnswers(aggregate(terms(), []), "2026-11-01", false)).toEqual({});
  });

  it("reads a supplied record without incidents as clean", () => {
    expect(answers(incidentAnswers(aggregate(terms(), []), "2026-11-01", true))).toEqual({
      "INC-01": "none",
      "INC-02": "none",
      "INC-03": "none",
      "INC-04": "na",
    });
  });

  it("bands the count and length of major incidents, AI involvement and RCA time", () => {
    const resolved = (d: string, days: number) => new Date(Date.parse(d) + days * 86_400_000).toISOString();
    const agg = aggregate(terms(), [
      // three majors; the longest 13 h 5 min; two involve AI agents
      incident("2025-12-16T01:05:00Z", "2025-12-16T14:10:00Z", {
        aiAgentInvolved: "yes",
        cause: "ai-agent",
        rcaPublishedAt: Date.parse(resolved("2025-12-16T14:10:00Z", 40)),
      }),
      incident("2026-02-18T05:40:00Z", "2026-02-18T07:15:00Z", {
        aiAgentInvolved: "yes",
        rcaPublishedAt: Date.parse(resolved("2026-02-18T07:15:00Z", 5)),
      }),
      incident("2026-04-22T17:15:00Z", "2026-04-22T20:40:00Z", {
        rcaPublishedAt: Date.parse(resolved("2026-04-22T20:40:00Z", 12)),
      }),
      incident("2026-05-19T07:55:00Z", "2026-05-19T09:25:00Z", { severity: "minor" }),
    ]);
    // RCA bins, fastest first: 5 d (within 7), 12 d (within 14), 40 d (later); the middle of three is "within 14".
    expect(answers(incidentAnswers(agg, "2026-11-01", true))).toEqual({
      "INC-01": "3-5",
      "INC-02": "12h-plus",
      "INC-03": "several",
      "INC-04": "within-14d",
    });
  });

  it("calls a record opaque when most incidents cannot say whether an agent was involved", () => {
    const agg = aggregate(terms(), [
      incident("2026-01-01T00:00:00Z", "2026-01-01T00:30:00Z", { aiAgentInvolved: "unknown", severity: "minor" }),
      incident("2026-02-01T00:00:00Z", "2026-02-01T00:30:00Z", { aiAgentInvolved: "unknown", severity: "minor" }),
      incident("2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z", { aiAgentInvolved: "no", severity: "minor" }),
    ]);
    expect(answers(incidentAnswers(agg, "2026-11-01", true))["INC-03"]).toBe("opaque");
  });
});
