import { describe, expect, it } from "vitest";
import { freshSince, scoreAnswer, type AnswerRules } from "../../src/score/answer.js";
import { claim, evidenced, LOG_OPTIONS, na, question, YNP } from "./fixtures.js";

// freshSince for asOf 2026-03-31 and 12 months: 2025-03-31.
const RULES: AnswerRules = { unevidencedCredit: 0.5, freshSince: "2025-03-31" };
const DEL = question("DEL-01", YNP); // worst "no" = 100
const LOG = question("LOG-01", LOG_OPTIONS); // worst "none" = 80

describe("scoreAnswer: unanswered, unknown, not applicable", () => {
  it("scores an unanswered question as its worst option, undated and unevidenced even when the file is dated", () => {
    const a = scoreAnswer(DEL, undefined, "2026-01-01", RULES);
    expect(a).toEqual({
      status: "unanswered",
      answer: "no",
      answerLabel: 'Unanswered (scored as "No")',
      optionPoints: 100,
      worstPoints: 100,
      evidenced: false,
      answeredAt: null,
      fresh: false,
      credit: 0,
      effectivePoints: 100,
    });
  });

  it("scores the worst option of a question whose worst is below 100 (LOG: none = 80)", () => {
    const a = scoreAnswer(LOG, undefined, undefined, RULES);
    expect(a.effectivePoints).toBe(80);
    expect(a.answer).toBe("none");
  });

  it('scores "unknown" as the worst option even with evidence and a fresh date', () => {
    const a = scoreAnswer(DEL, evidenced("unknown", "2026-01-01"), undefined, RULES);
    expect(a.status).toBe("unknown");
    expect(a.answer).toBe("no");
    expect(a.answerLabel).toBe('Don\'t know (scored as "No")');
    expect(a.optionPoints).toBe(100);
    expect(a.credit).toBe(0);
    expect(a.effectivePoints).toBe(100);
    expect(a.answeredAt).toBe("2026-01-01");
  });

  it('scores "na" as not applicable with 0 points', () => {
    const a = scoreAnswer(DEL, na(), undefined, RULES);
    expect(a.status).toBe("not-applicable");
    expect(a.answer).toBe("na");
    expect(a.effectivePoints).toBe(0);
  });

  it("throws on an answer that is not one of the options", () => {
    expect(() => scoreAnswer(DEL, claim("maybe", "2026-01-01"), undefined, RULES)).toThrow(/maybe/);
  });
});

describe("scoreAnswer: evidence and freshness", () => {
  it("credits an unevidenced favourable answer with only unevidencedCredit of its improvement", () => {
    // worst 100, yes 0, credit 0.5: 100 - (100 - 0) * 0.5 = 50
    const a = scoreAnswer(DEL, claim("yes", "2026-01-01"), undefined, RULES);
    expect(a.status).toBe("answered");
    expect(a.evidenced).toBe(false);
    expect(a.fresh).toBe(true);
    expect(a.credit).toBe(0.5);
    expect(a.optionPoints).toBe(0);
    expect(a.effectivePoints).toBe(50);
  });

  it("credits an unevidenced middle answer partly: partial 50 -> 100 - 50 * 0.5 = 75", () => {
    expect(scoreAnswer(DEL, claim("partial", "2026-01-01"), undefined, RULES).effectivePoints).toBe(75);
  });

  it("credits an unevidenced answer against a worst below 100: some 40 of worst 80 -> 80 - 40 * 0.5 = 60", () => {
    expect(scoreAnswer(LOG, claim("some", "2026-01-01"), undefined, RULES).effectivePoints).toBe(60);
  });

  it("gives full credit to an evidenced, fresh answer", () => {
    const a = scoreAnswer(DEL, evidenced("yes", "2026-01-01"), undefined, RULES);
    expect(a.evidenced).toBe(true);
    expect(a.fresh).toBe(true);
    expect(a.credit).toBe(1);
    expect(a.effectivePoints).toBe(0);
  });

  it("gives an evidenced but stale answer only partial credit: 100 - 100 * 0.5 = 50", () => {
    const a = scoreAnswer(DEL, evidenced("yes", "2025-03-30"), undefined, RULES);
    expect(a.fresh).toBe(false);
    expect(a.credit).toBe(0.5);
    expect(a.effectivePoints).toBe(50);
  });

  it("counts an answer dated exactly on freshSince as fresh", () => {
    const a = scoreAnswer(DEL, evidenced("yes", "2025-03-31"), undefined, RULES);
    expect(a.fresh).toBe(true);
    expect(a.effectivePoints).toBe(0);
  });

  it("treats an undated answer in an undated file as not fresh", () => {
    const a = scoreAnswer(DEL, evidenced("yes"), undefined, RULES);
    expect(a.answeredAt).toBeNull();
    expect(a.fresh).toBe(false);
    expect(a.effectivePoints).toBe(50);
  });

  it("takes the file's date when the answer has none", () => {
    const fresh = scoreAnswer(DEL, evidenced("yes"), "2026-02-01", RULES);
    expect(fresh.answeredAt).toBe("2026-02-01");
    expect(fresh.effectivePoints).toBe(0);
    const stale = scoreAnswer(DEL, evidenced("yes"), "2024-02-01", RULES);
    expect(stale.answeredAt).toBe("2024-02-01");
    expect(stale.effectivePoints).toBe(50);
  });

  it("prefers the answer's own date over the file's", () => {
    expect(scoreAnswer(DEL, evidenced("yes", "2026-02-01"), "2020-01-01", RULES).fresh).toBe(true);
    expect(scoreAnswer(DEL, evidenced("yes", "2020-01-01"), "2026-02-01", RULES).fresh).toBe(false);
  });

  it("applies a different unevidencedCredit: 0 keeps the worst, 0.2 on partial -> 100 - 50 * 0.2 = 90", () => {
    expect(
      scoreAnswer(DEL, claim("yes", "2026-01-01"), undefined, { ...RULES, unevidencedCredit: 0 }).effectivePoints,
    ).toBe(100);
    expect(
      scoreAnswer(DEL, claim("partial", "2026-01-01"), undefined, { ...RULES, unevidencedCredit: 0.2 }).effectivePoints,
    ).toBe(90);
  });

  it("never scores the worst option better than worst, evidenced or not", () => {
    expect(scoreAnswer(DEL, evidenced("no", "2026-01-01"), undefined, RULES).effectivePoints).toBe(100);
    expect(scoreAnswer(DEL, claim("no", "2026-01-01"), undefined, RULES).effectivePoints).toBe(100);
  });
});

describe("freshSince", () => {
  it.each([
    ["2026-03-31", 12, "2025-03-31"],
    ["2026-03-31", 1, "2026-02-28"], // day clamped to February's last day
    ["2024-03-31", 1, "2024-02-29"], // leap year
    ["2024-02-29", 12, "2023-02-28"], // leap day, a year back
    ["2026-05-31", 3, "2026-02-28"],
    ["2026-07-31", 1, "2026-06-30"], // 30-day month
    ["2026-01-15", 1, "2025-12-15"], // year wrap
    ["2026-02-10", 26, "2023-12-10"], // two years and two months, across a year boundary
    ["2026-12-31", 11, "2026-01-31"],
    ["2026-03-15", 0, "2026-03-15"],
  ])("%s minus %i months is %s", (asOf, months, expected) => {
    expect(freshSince(asOf, months)).toBe(expected);
  });
});
