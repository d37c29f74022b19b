import type { Answer } from "../schema/vendor.js";
import type { DomainScore, FiredGate, TrailEntry, VendorResult } from "../schema/result.js";
import type { Workspace } from "../schema/workspace.js";
import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import type { ValidVendor } from "../validate/workspace.js";
import { freshSince, scoreAnswer } from "./answer.js";
import type { ScoringConfig } from "./config.js";
import { assessExposure } from "./exposure.js";
import { buildFindings, INCIDENT_DOMAIN_ID } from "./findings.js";
import { ratingFor, ratingIndex, worstRating } from "./rating.js";
import { roundTo } from "./round.js";

/** A vendor's controls scored; the workspace adds its incident record, SLA figures and scenarios. */
export type VendorControls = Omit<VendorResult, "incidents" | "sla" | "scenarios" | "regulatory" | "lossConcentration">;

const round = roundTo;

/**
 * Scores one vendor. The score is a weighted average of domain scores, each a weighted average of its questions'
 * effective points; every question's `contribution` is its exact share, so the trail adds up to the score.
 */
export function scoreVendor(
  vendor: ValidVendor,
  q: ValidQuestionnaire,
  cfg: ScoringConfig,
  ws: Workspace,
  /** Answers computed by caution (the incident-record domain), scored alongside the vendor's own. */
  computed: Readonly<Record<string, Answer>> = {},
): VendorControls {
  const rules = { unevidencedCredit: cfg.unevidencedCredit, freshSince: freshSince(ws.asOf, cfg.freshnessMonths) };
  const scored = q.questions.map((question) => {
    const given = computed[question.id] ?? vendor.file.answers[question.id];
    const a = scoreAnswer(question, given, vendor.file.answeredAt, rules);
    const weight = a.status === "not-applicable" ? 0 : (cfg.questionWeights.get(question.id) ?? question.weight);
    return { question, given, a, weight };
  });

  // Domain totals first, so each question's share of the final score can be stated exactly.
  const domainTotals = new Map<string, { weight: number; points: number }>();
  for (const s of scored) {
    const t = domainTotals.get(s.question.domain) ?? { weight: 0, points: 0 };
    t.weight += s.weight;
    t.points += s.weight * s.a.effectivePoints;
    domainTotals.set(s.question.domain, t);
  }
  const activeDomainWeight = q.domains.reduce(
    (sum, d) => ((domainTotals.get(d.id)?.weight ?? 0) > 0 ? sum + (cfg.domainWeights.get(d.id) ?? 0) : sum),
    0,
  );

  const gateByQuestion = new Map<string, FiredGate>();
  const gates: FiredGate[] = [];
  for (const gate of q.gates) {
    const s = scored.find((x) => x.question.id === gate.question);
    if (!s || s.a.status === "not-applicable" || !gate.answers.includes(s.a.answer)) continue;
    const fired: FiredGate = {
      id: gate.id,
      title: gate.title,
      minRating: gate.minRating,
      questionId: gate.question,
      answer: s.a.answer,
      answerLabel: s.a.answerLabel,
      status: s.a.status,
    };
    gates.push(fired);
    // Where several gates fire on one answer, the answer is known by the most severe.
    const known = gateByQuestion.get(gate.question);
    if (!known || ratingIndex(fired.minRating) > ratingIndex(known.minRating)) gateByQuestion.set(gate.question, fired);
  }

  // Exact (unrounded) shares: question weight within its domain, domain weight among domains that apply.
  const exact = scored.map(({ question, a, weight }) => {
    const dTotal = domainTotals.get(question.domain)?.weight ?? 0;
    if (weight === 0 || dTotal === 0 || activeDomainWeight === 0) return 0;
    return ((cfg.domainWeights.get(question.domain) ?? 0) / activeDomainWeight) * (weight / dTotal) * a.effectivePoints;
  });
  const trail: TrailEntry[] = scored.map(({ question, a, weight }, i) => ({
    questionId: question.id,
    source: question.domain === INCIDENT_DOMAIN_ID ? "incident-record" : "questionnaire",
    domain: question.domain,
    agentKind: question.agentKind,
    ...a,
    effectivePoints: round(a.effectivePoints, 2),
    weight,
    domainWeight: cfg.domainWeights.get(question.domain) ?? 0,
    contribution: round(exact[i]!, 4),
    gate: gateByQuestion.get(question.id)?.id ?? null,
  }));
  // With nothing applicable there is nothing to credit: the vendor scores as if nothing were answered.
  // The sum of shares carries binary noise (48.75 can arrive as 48.7499...): settle it at 9 decimals first, then
  // round half up as a reader redoing the figure would.
  const score =
    activeDomainWeight > 0
      ? round(
          round(
            Math.min(
              100,
              exact.reduce((x, y) => x + y, 0),
            ),
            9,
          ),
          1,
        )
      : 100;
  const scoreRating = ratingFor(score, cfg.thresholds);
  const rating = worstRating(scoreRating, ...gates.map((g) => g.minRating));

  const domains: DomainScore[] = q.domains.map((d) => {
    const t = domainTotals.get(d.id);
    const inDomain = scored.filter((s) => s.question.domain === d.id);
    const ds = t && t.weight > 0 ? round(round(t.points / t.weight, 9), 1) : null;
    return {
      id: d.id,
      title: d.title,
      weight: cfg.domainWeights.get(d.id) ?? d.weight,
      score: ds,
      rating: ds === null ? null : ratingFor(ds, cfg.thresholds),
      questions: inDomain.length,
      answered: inDomain.filter((s) => s.a.status === "answered").length,
      unanswered: inDomain.filter((s) => s.a.status === "unanswered" || s.a.status === "unknown").length,
      notApplicable: inDomain.filter((s) => s.a.status === "not-applicable").length,
    };
  });

  const findings = buildFindings(vendor.config.id, scored, trail, gateByQuestion);

  // Coverage counts the vendor's answers: the incident record's figures (domain INC) are computed, not answered.
  const answers = scored.filter((s) => s.question.domain !== INCIDENT_DOMAIN_ID);
  const count = (p: (s: (typeof scored)[number]) => boolean) => answers.filter(p).length;
  return {
    id: vendor.file.id,
    name: vendor.file.name,
    score,
    scoreRating,
    rating,
    gates,
    ...assessExposure(vendor.config, rating, ws.downtimeCostPerHour, cfg),
    coverage: {
      questions: answers.length,
      answered: count((s) => s.a.status === "answered"),
      unanswered: count((s) => s.a.status === "unanswered"),
      unknown: count((s) => s.a.status === "unknown"),
      notApplicable: count((s) => s.a.status === "not-applicable"),
      evidenced: count((s) => s.a.status === "answered" && s.a.evidenced),
      unevidencedFavourable: count(
        (s) => s.a.status === "answered" && !s.a.evidenced && s.a.optionPoints < s.a.worstPoints,
      ),
      stale: count((s) => s.a.status === "answered" && !s.a.fresh),
    },
    answeredAt: vendor.file.answeredAt ?? null,
    contact: vendor.file.contact ?? null,
    domains,
    findings,
    trail,
  };
}
