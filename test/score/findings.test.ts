import { describe, expect, it } from "vitest";
import { EVIDENCE_ASK, FINDING_SEVERITY, severityOfPoints } from "../../src/score/findings.js";
import {
  claim,
  domain,
  evidenced,
  FRESH,
  gate,
  LOG_OPTIONS,
  na,
  question,
  questionnaire,
  score,
  smallQuestionnaire,
  STALE,
  YNP,
} from "./fixtures.js";

const q = smallQuestionnaire();
const ungated = smallQuestionnaire({ gates: false });

describe("severityOfPoints", () => {
  it("publishes 40 (moderate) and 75 (high)", () => {
    expect(FINDING_SEVERITY).toEqual({ moderate: 40, high: 75 });
  });

  it.each([
    [0, "low"],
    [39.99, "low"],
    [40, "moderate"],
    [74.99, "moderate"],
    [75, "high"],
    [100, "high"], // points alone never make a finding critical
  ] as const)("%d points is %s", (points, severity) => {
    expect(severityOfPoints(points)).toBe(severity);
  });
});

describe("buildFindings via scoreVendor", () => {
  // DEL-01 no (100, gate), DEL-02 yes unevidenced (50), LOG-01 some evidenced (40).
  // DEL (2*100 + 50)/3 = 83.33, vendor (250 + 40)/4 = 72.5.
  // Contributions: DEL-01 3/4*2/3*100 = 50, DEL-02 3/4*1/3*50 = 12.5, LOG-01 1/4*40 = 10.
  const r = score(q, {
    "DEL-01": claim("no", FRESH),
    "DEL-02": claim("yes", FRESH, { comment: "Rolling out in Q3" }),
    "LOG-01": evidenced("some", FRESH),
  });

  it("lists one finding per answer that adds points, most severe first, then by contribution", () => {
    expect(r.score).toBe(72.5);
    expect(r.findings.map((f) => [f.questionId, f.severity, f.basis, f.effectivePoints, f.contribution])).toEqual([
      ["DEL-01", "critical", "gate", 100, 50],
      ["DEL-02", "moderate", "unevidenced", 50, 12.5],
      ["LOG-01", "moderate", "weak-answer", 40, 10],
    ]);
  });

  it("asks for evidence when only evidence is missing, and the question's ask otherwise", () => {
    const [del1, del2, log1] = r.findings;
    expect(del1?.ask).toBe("Ask about DEL-01.");
    expect(del2?.ask).toBe(EVIDENCE_ASK);
    expect(log1?.ask).toBe("Ask about LOG-01.");
  });

  it("carries the question, why, comment, gate and evidence flags", () => {
    expect(r.findings[0]).toMatchObject({
      question: "Question DEL-01?",
      why: "Why DEL-01 matters.",
      gate: "G-DEL-UNAPPROVED",
      domain: "DEL",
      agentKind: "operator",
      answer: "no",
      answerLabel: "No",
      status: "answered",
      comment: null,
    });
    expect(r.findings[1]).toMatchObject({ comment: "Rolling out in Q3", evidenced: false, fresh: true, gate: null });
    expect(r.findings[2]).toMatchObject({ evidenced: true, fresh: true });
  });

  it("has bases unanswered and unknown for questions without a gate", () => {
    const u = score(ungated, { "DEL-01": evidenced("yes", FRESH), "DEL-02": claim("unknown", FRESH) });
    // DEL-02 unknown 100 -> high; LOG-01 unanswered 80 -> high.
    // Contributions: DEL-02 3/4*1/3*100 = 25, LOG-01 1/4*80 = 20.
    expect(u.findings.map((f) => [f.questionId, f.severity, f.basis, f.status])).toEqual([
      ["DEL-02", "high", "unknown", "unknown"],
      ["LOG-01", "high", "unanswered", "unanswered"],
    ]);
  });

  it("takes the worse of the gate's minimum and the points: G-LOG-NONE (moderate) on 80 points is high", () => {
    const u = score(q, { "DEL-01": evidenced("yes", FRESH), "DEL-02": evidenced("yes", FRESH) });
    expect(u.findings.map((f) => [f.questionId, f.severity, f.basis, f.gate])).toEqual([
      ["LOG-01", "high", "gate", "G-LOG-NONE"],
    ]);
  });

  it("raises a low-points answer to the gate's minimum: a gate on partial with minRating high, 50 evidenced points -> high", () => {
    const g = questionnaire({
      domains: [domain("DEL", 1)],
      questions: [question("DEL-01", YNP)],
      gates: [gate("G-DEL-PARTIAL", "DEL-01", ["no", "partial"], "high")],
    });
    const f = score(g, { "DEL-01": evidenced("partial", FRESH) }).findings;
    expect(f.map((x) => [x.severity, x.basis])).toEqual([["high", "gate"]]);
  });

  it("rates severity from effective points: partial unevidenced 75 is high; full unevidenced 80 - 70*0.5 = 45 is moderate", () => {
    const u = score(q, {
      "DEL-01": evidenced("yes", FRESH),
      "DEL-02": claim("partial", FRESH),
      "LOG-01": claim("full", FRESH),
    });
    expect(u.findings.map((f) => [f.questionId, f.severity, f.effectivePoints, f.basis])).toEqual([
      ["DEL-02", "high", 75, "weak-answer"],
      ["LOG-01", "moderate", 45, "unevidenced"],
    ]);
  });

  it("asks for current evidence when the best answer's evidence is stale", () => {
    const u = score(q, { "DEL-01": evidenced("yes", FRESH), "DEL-02": evidenced("yes", STALE), "LOG-01": na() });
    expect(u.findings).toHaveLength(1);
    expect(u.findings[0]).toMatchObject({
      questionId: "DEL-02",
      basis: "unevidenced",
      ask: EVIDENCE_ASK,
      evidenced: true,
      fresh: false,
      severity: "moderate",
      effectivePoints: 50,
    });
  });

  it("makes no finding of a zero-point answer, an na, or a question weighted 0", () => {
    const u = score(
      q,
      { "DEL-01": evidenced("yes", FRESH), "LOG-01": na() },
      { scoring: { questionWeights: { "DEL-02": 0 } } },
    );
    expect(u.findings).toEqual([]);
  });

  it("orders by severity before contribution: high 25 before moderate 33.33", () => {
    // LOG na, so vendor = DEL. DEL-01 yes unevidenced 50 (moderate), contribution 2/3*50 = 33.33;
    // DEL-02 partial unevidenced 75 (high), contribution 1/3*75 = 25.
    const u = score(q, { "DEL-01": claim("yes", FRESH), "DEL-02": claim("partial", FRESH), "LOG-01": na() });
    expect(u.findings.map((f) => [f.questionId, f.severity, f.contribution])).toEqual([
      ["DEL-02", "high", 25],
      ["DEL-01", "moderate", 33.3333],
    ]);
  });

  it("orders equal severities by contribution: LOG weighted 6 -> LOG-01 6/9*80 = 53.33, DEL-01 3/9*2/3*100 = 22.22, DEL-02 11.11", () => {
    const u = score(ungated, {}, { scoring: { domainWeights: { LOG: 6 } } });
    expect(u.findings.map((f) => [f.questionId, f.contribution])).toEqual([
      ["LOG-01", 53.3333],
      ["DEL-01", 22.2222],
      ["DEL-02", 11.1111],
    ]);
  });

  it("orders equal severity and contribution by question id", () => {
    const twin = questionnaire({
      domains: [domain("DEL", 1)],
      questions: [question("DEL-02", YNP), question("DEL-01", YNP)],
    });
    expect(score(twin, {}).findings.map((f) => [f.questionId, f.contribution])).toEqual([
      ["DEL-01", 50],
      ["DEL-02", 50],
    ]);
  });
});

describe("buildFindings: reported bugs", () => {
  // BUG 1: src/score/findings.ts (buildFindings, `onlyEvidence`) treats any answered best option with points left as
  // "unevidenced", even when it is evidenced and fresh (credit 1). LOG-01 full (10 points) with fresh evidence scores
  // 10 and becomes a finding with basis "unevidenced" and the evidence ask, though the evidence was given.
  it("does not ask for evidence that was given: LOG-01 full, evidenced and fresh", () => {
    const r = score(q, {
      "DEL-01": evidenced("yes", FRESH),
      "DEL-02": evidenced("yes", FRESH),
      "LOG-01": evidenced("full", FRESH),
    });
    const f = r.findings.find((x) => x.questionId === "LOG-01");
    expect(f).toBeDefined();
    expect(f?.basis).not.toBe("unevidenced");
    expect(f?.ask).not.toBe(EVIDENCE_ASK);
  });

  // BUG 2: src/score/vendor.ts (`gateByQuestion`) keeps only the first fired gate per question, and findings.ts takes
  // the finding's severity from that gate alone. With two gates on DEL-01 ("no"/"partial" -> high listed first,
  // "no" -> critical), answering "no" rates the vendor critical but the DEL-01 finding only high.
  it("gives a finding the severity of the worst gate it fired", () => {
    const two = questionnaire({
      domains: [domain("DEL", 1), domain("LOG", 1)],
      questions: [question("DEL-01", YNP), question("LOG-01", LOG_OPTIONS)],
      gates: [
        gate("G-DEL-ANY", "DEL-01", ["no", "partial"], "high"),
        gate("G-DEL-UNAPPROVED", "DEL-01", ["no"], "critical"),
      ],
    });
    const r = score(two, { "DEL-01": claim("no", FRESH), "LOG-01": evidenced("full", FRESH) });
    expect(r.rating).toBe("critical");
    expect(r.findings.find((x) => x.questionId === "DEL-01")?.severity).toBe("critical");
  });
});
