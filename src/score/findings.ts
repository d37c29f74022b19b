import type { Rating } from "../schema/common.js";
import { findingIdOf } from "../schema/finding-id.js";
import type { Answer } from "../schema/vendor.js";
import type { Finding, FiredGate, TrailEntry } from "../schema/result.js";
import type { ResolvedQuestion } from "../validate/questionnaire.js";
import type { AnswerScore } from "./answer.js";
import { ratingIndex, worstRating } from "./rating.js";

/**
 * How serious one answer is on its own. A weak answer is at most High; only a gate makes a finding Critical, because
 * gates are where the rubric says one answer outweighs everything else.
 */
export const FINDING_SEVERITY = { moderate: 40, high: 75 } as const;

import { INCIDENT_DOMAIN_ID } from "../schema/questionnaire.js";

export { INCIDENT_DOMAIN_ID };

export const EVIDENCE_ASK =
  "Ask for current, dated evidence that this answer holds (document, section, date an auditor can check), and make it a contractual commitment.";

export function severityOfPoints(points: number): Rating {
  if (points >= FINDING_SEVERITY.high) return "high";
  if (points >= FINDING_SEVERITY.moderate) return "moderate";
  return "low";
}

interface Scored {
  question: ResolvedQuestion;
  given: Answer | undefined;
  a: AnswerScore;
}

/**
 * Every applicable answer that adds risk points becomes a finding: why it matters and what to ask for. A
 * favourable answer that lost credit only for want of evidence asks for the evidence, not for a different answer.
 * Ordered most severe first, then by how much of the score it explains.
 */
export function buildFindings(
  vendorId: string,
  scored: readonly Scored[],
  trail: readonly TrailEntry[],
  gates: ReadonlyMap<string, FiredGate>,
): Finding[] {
  return (
    scored
      .map((s, i) => ({ s, t: trail[i]! }))
      // A gated answer is always a finding, even where the buyer set its weight to 0: the gate still raised the rating.
      .filter(({ s, t }) => t.gate !== null || (t.weight > 0 && s.a.effectivePoints > 0))
      .map(({ s, t }): Finding => {
        const gate = gates.get(s.question.id);
        const fromPoints = severityOfPoints(s.a.effectivePoints);
        const best = Math.min(...s.question.options.map((o) => o.points));
        const onlyEvidence = s.a.status === "answered" && s.a.optionPoints === best && s.a.credit < 1;
        return {
          id: findingIdOf(vendorId, s.question.id),
          questionId: s.question.id,
          source: s.question.domain === INCIDENT_DOMAIN_ID ? "incident-record" : "questionnaire",
          domain: s.question.domain,
          agentKind: s.question.agentKind,
          severity: gate ? worstRating(gate.minRating, fromPoints) : fromPoints,
          basis: gate
            ? "gate"
            : s.a.status === "unanswered"
              ? "unanswered"
              : s.a.status === "unknown"
                ? "unknown"
                : onlyEvidence
                  ? "unevidenced"
                  : "weak-answer",
          question: s.question.text,
          status: s.a.status,
          answer: s.a.answer,
          answerLabel: s.a.answerLabel,
          effectivePoints: t.effectivePoints,
          contribution: t.contribution,
          evidenced: s.a.evidenced,
          fresh: s.a.fresh,
          comment: s.given?.comment ?? null,
          gate: t.gate,
          why: s.question.why,
          ask: onlyEvidence ? EVIDENCE_ASK : s.question.ask,
        };
      })
      .sort(
        (a, b) =>
          ratingIndex(b.severity) - ratingIndex(a.severity) ||
          b.contribution - a.contribution ||
          (a.questionId < b.questionId ? -1 : 1),
      )
  );
}
