import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATINGS, type Rating } from "../../src/schema/common.js";
import type { AnswerOption, Gate } from "../../src/schema/questionnaire.js";
import type { Answer } from "../../src/schema/vendor.js";
import type { ScoringOverrides, Thresholds } from "../../src/schema/workspace.js";
import { ratingIndex } from "../../src/score/rating.js";
import type { VendorControls } from "../../src/score/vendor.js";
import type { ResolvedQuestion, ValidQuestionnaire } from "../../src/validate/questionnaire.js";
import { domain, gate, question, questionnaire, score } from "./fixtures.js";

const RUNS = { numRuns: 200 };
const DOMAIN_IDS = ["AAA", "BBB", "CCC"] as const;
/** Around the default freshness limit for 2026-03-31 (fresh since 2025-03-31 for 12 months). */
const DATES = ["2026-03-31", "2025-09-30", "2025-03-31", "2025-03-30", "2023-01-01"] as const;
const DOC = { document: "Policy document" };

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: questionnaires of 1-7 questions over 3 domains, 2-4 options each with 0-100 points, optional gates.
// Gates list every option at or above a cut (so they include the worst option, as validation demands, and are
// monotone: an option with fewer points than a listed one is listed only if it is above the cut too).
// ---------------------------------------------------------------------------------------------------------------

const questionSpec = fc.record({
  domain: fc.integer({ min: 0, max: DOMAIN_IDS.length - 1 }),
  weight: fc.integer({ min: 1, max: 5 }),
  points: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 4 }),
  allowNa: fc.boolean(),
  gate: fc.option(fc.record({ cut: fc.integer({ min: 0, max: 100 }), minRating: fc.constantFrom(...RATINGS) }), {
    nil: null,
  }),
});

const questionnaireArb: fc.Arbitrary<ValidQuestionnaire> = fc
  .record({
    domainWeights: fc.tuple(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
    ),
    specs: fc.array(questionSpec, { minLength: 1, maxLength: 7 }),
  })
  .map(({ domainWeights, specs }) => {
    const counters = [0, 0, 0];
    const questions: ResolvedQuestion[] = [];
    const gates: Gate[] = [];
    for (const s of specs) {
      const d = DOMAIN_IDS[s.domain]!;
      counters[s.domain] = (counters[s.domain] ?? 0) + 1;
      const id = `${d}-${String(counters[s.domain]).padStart(2, "0")}`;
      const options: AnswerOption[] = s.points.map((points, i) => ({ value: `o${i}`, label: `Option ${i}`, points }));
      const q = question(id, options, { weight: s.weight, allowNotApplicable: s.allowNa });
      questions.push(q);
      if (s.gate) {
        const cut = Math.min(s.gate.cut, q.worst.points);
        gates.push(
          gate(
            `G-${id}`,
            id,
            options.filter((o) => o.points >= cut).map((o) => o.value),
            s.gate.minRating,
          ),
        );
      }
    }
    return questionnaire({ domains: DOMAIN_IDS.map((id, i) => domain(id, domainWeights[i]!)), questions, gates });
  });

const answerOf = (value: string, hasEvidence: boolean, at: string | undefined): Answer => ({
  answer: value,
  evidence: hasEvidence ? [DOC] : [],
  ...(at === undefined ? {} : { answeredAt: at }),
  ...(value === "na" ? { reason: "Does not apply" } : {}),
});

const dateArb = fc.option(fc.constantFrom(...DATES), { nil: undefined });

/** An answer to q, or undefined (unanswered). `withNa` allows "na" where the question does. */
function answerArb(q: ResolvedQuestion, withNa: boolean): fc.Arbitrary<Answer | undefined> {
  const values = [...q.options.map((o) => o.value), "unknown", ...(withNa && q.allowNotApplicable ? ["na"] : [])];
  return fc.option(
    fc.tuple(fc.constantFrom(...values), fc.boolean(), dateArb).map(([v, e, at]) => answerOf(v, e, at)),
    { nil: undefined },
  );
}

function answersArb(q: ValidQuestionnaire, withNa: boolean): fc.Arbitrary<Record<string, Answer>> {
  return fc.tuple(...q.questions.map((x) => answerArb(x, withNa))).map((list) => {
    const out: Record<string, Answer> = {};
    list.forEach((a, i) => {
      if (a) out[q.questions[i]!.id] = a;
    });
    return out;
  });
}

const thresholdsArb: fc.Arbitrary<Thresholds> = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 })
  .map((t) => [...t].sort((a, b) => a - b))
  .map(([moderate, high, critical]) => ({ moderate: moderate!, high: high!, critical: critical! }));

const scoringArb: fc.Arbitrary<ScoringOverrides> = fc.record({
  thresholds: thresholdsArb,
  unevidencedCredit: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
  freshnessMonths: fc.integer({ min: 1, max: 36 }),
  // Sometimes a domain is weighted 0 by the buyer.
  domainWeights: fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }))
    .map((w) => Object.fromEntries(DOMAIN_IDS.map((id, i) => [id, w[i]!]))),
});

interface Scenario {
  q: ValidQuestionnaire;
  answers: Record<string, Answer>;
  scoring: ScoringOverrides;
  fileDate: string | undefined;
}

const scenarioArb = (withNa: boolean): fc.Arbitrary<Scenario> =>
  questionnaireArb.chain((q) =>
    fc.record({ q: fc.constant(q), answers: answersArb(q, withNa), scoring: scoringArb, fileDate: dateArb }),
  );

const run = (
  s: Scenario,
  answers: Record<string, Answer> = s.answers,
  scoring: ScoringOverrides = s.scoring,
): VendorControls => score(s.q, answers, { scoring, ...(s.fileDate === undefined ? {} : { answeredAt: s.fileDate }) });

const worse = (a: Rating, b: Rating) => ratingIndex(a) > ratingIndex(b);

/** A scenario plus one question of it (by index) and some choices for a changed answer to it. */
const withPick = (withNa: boolean) =>
  scenarioArb(withNa).chain((s) =>
    fc.record({
      s: fc.constant(s),
      qi: fc.nat({ max: s.q.questions.length - 1 }),
      a: fc.nat({ max: 3 }),
      b: fc.nat({ max: 3 }),
      evidence: fc.boolean(),
      at: dateArb,
      unknown: fc.boolean(),
    }),
  );

describe("scoring properties", () => {
  it("(1) a better option never raises the score or the rating", () => {
    fc.assert(
      fc.property(withPick(true), ({ s, qi, a, b, evidence, at }) => {
        const q = s.q.questions[qi]!;
        const [x, y] = [q.options[a % q.options.length]!, q.options[b % q.options.length]!];
        const [better, poorer] = x.points < y.points ? [x, y] : [y, x];
        fc.pre(better.points < poorer.points);
        const rb = run(s, { ...s.answers, [q.id]: answerOf(better.value, evidence, at) });
        const rp = run(s, { ...s.answers, [q.id]: answerOf(poorer.value, evidence, at) });
        expect(rb.score).toBeLessThanOrEqual(rp.score);
        expect(worse(rb.scoreRating, rp.scoreRating)).toBe(false);
        expect(worse(rb.rating, rp.rating)).toBe(false);
        expect(rb.trail[qi]!.effectivePoints).toBeLessThanOrEqual(rp.trail[qi]!.effectivePoints);
      }),
      RUNS,
    );
  });

  it("(2a) no set of answers (na aside) scores above the all-unanswered questionnaire", () => {
    fc.assert(
      fc.property(scenarioArb(false), (s) => {
        const answered = run(s);
        const empty = run(s, {});
        expect(answered.score).toBeLessThanOrEqual(empty.score);
        expect(worse(answered.rating, empty.rating)).toBe(false);
        answered.trail.forEach((t, i) =>
          expect(t.effectivePoints).toBeLessThanOrEqual(empty.trail[i]!.effectivePoints),
        );
      }),
      RUNS,
    );
  });

  it("(2b) answering a previously unanswered question never raises the score or its effective points", () => {
    fc.assert(
      fc.property(withPick(true), ({ s, qi, a, evidence, at, unknown }) => {
        const q = s.q.questions[qi]!;
        const before = Object.fromEntries(Object.entries(s.answers).filter(([id]) => id !== q.id));
        const value = unknown ? "unknown" : q.options[a % q.options.length]!.value;
        const r0 = run(s, before);
        const r1 = run(s, { ...before, [q.id]: answerOf(value, evidence, at) });
        expect(r1.score).toBeLessThanOrEqual(r0.score);
        expect(worse(r1.rating, r0.rating)).toBe(false);
        expect(r1.trail[qi]!.effectivePoints).toBeLessThanOrEqual(r0.trail[qi]!.effectivePoints);
        expect(r0.trail[qi]!.effectivePoints).toBe(q.worst.points);
      }),
      RUNS,
    );
  });

  it("(3) adding evidence to an answer never raises the score or the rating", () => {
    fc.assert(
      fc.property(withPick(true), ({ s, qi, a, at }) => {
        const q = s.q.questions[qi]!;
        const value = q.options[a % q.options.length]!.value;
        const without = run(s, { ...s.answers, [q.id]: answerOf(value, false, at) });
        const withEv = run(s, { ...s.answers, [q.id]: answerOf(value, true, at) });
        expect(withEv.score).toBeLessThanOrEqual(without.score);
        expect(worse(withEv.rating, without.rating)).toBe(false);
        expect(withEv.trail[qi]!.effectivePoints).toBeLessThanOrEqual(without.trail[qi]!.effectivePoints);
      }),
      RUNS,
    );
  });

  it("(4) contributions add up to the score and every figure stays within 0-100", () => {
    fc.assert(
      fc.property(scenarioArb(true), (s) => {
        const r = run(s);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        for (const t of r.trail) {
          expect(t.contribution).toBeGreaterThanOrEqual(0);
          expect(t.effectivePoints).toBeGreaterThanOrEqual(0);
          expect(t.effectivePoints).toBeLessThanOrEqual(t.worstPoints);
        }
        for (const d of r.domains) {
          if (d.score !== null) {
            expect(d.score).toBeGreaterThanOrEqual(0);
            expect(d.score).toBeLessThanOrEqual(100);
          }
        }
        const applies = r.trail.some((t) => t.weight > 0 && t.domainWeight > 0);
        if (applies) {
          // The score is rounded to 0.1 (off by at most 0.05), each contribution to 0.0001 (at most 0.00005 each).
          const sum = r.trail.reduce((x, t) => x + t.contribution, 0);
          expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(0.05 + 0.00005 * r.trail.length + 1e-9);
        } else {
          // Nothing applicable with any weight: scored as if nothing were answered.
          expect(r.score).toBe(100);
        }
      }),
      RUNS,
    );
  });

  it("(5) raising thresholds never raises the rating", () => {
    const arb = scenarioArb(true).chain((s) => {
      const t = s.scoring.thresholds!;
      const room = 100 - t.critical;
      // Non-decreasing raises keep the thresholds strictly rising: moderate + d1 < high + d2 < critical + d3 <= 100.
      return fc
        .tuple(fc.integer({ min: 0, max: room }), fc.integer({ min: 0, max: room }), fc.integer({ min: 0, max: room }))
        .map((d) => [...d].sort((x, y) => x - y))
        .map(([d1, d2, d3]) => ({
          s,
          raised: { moderate: t.moderate + d1!, high: t.high + d2!, critical: t.critical + d3! },
        }));
    });
    fc.assert(
      fc.property(arb, ({ s, raised }) => {
        const low = run(s);
        const high = run(s, s.answers, { ...s.scoring, thresholds: raised });
        expect(high.score).toBe(low.score);
        expect(worse(high.scoreRating, low.scoreRating)).toBe(false);
        expect(worse(high.rating, low.rating)).toBe(false);
      }),
      RUNS,
    );
  });

  it("gates never change the score, and a fired gate puts the rating at or above its minimum", () => {
    fc.assert(
      fc.property(scenarioArb(true), (s) => {
        const gated = run(s);
        const ungated = score({ ...s.q, gates: [] }, s.answers, {
          scoring: s.scoring,
          ...(s.fileDate === undefined ? {} : { answeredAt: s.fileDate }),
        });
        expect(gated.score).toBe(ungated.score);
        expect(gated.scoreRating).toBe(ungated.scoreRating);
        for (const g of gated.gates) expect(worse(g.minRating, gated.rating)).toBe(false);
        const expected = gated.gates.reduce<Rating>(
          (acc, g) => (worse(g.minRating, acc) ? g.minRating : acc),
          gated.scoreRating,
        );
        expect(gated.rating).toBe(expected);
      }),
      RUNS,
    );
  });
});
