import type { Answer } from "../schema/vendor.js";
import { NOT_APPLICABLE, UNKNOWN, type ResolvedQuestion } from "../validate/questionnaire.js";

/** How one answer scores, before weights: the core rule of the rubric, kept small enough to check by hand. */
export interface AnswerScore {
  status: "answered" | "unanswered" | "unknown" | "not-applicable";
  answer: string;
  answerLabel: string;
  optionPoints: number;
  worstPoints: number;
  evidenced: boolean;
  answeredAt: string | null;
  fresh: boolean;
  credit: number;
  effectivePoints: number;
}

export interface AnswerRules {
  unevidencedCredit: number;
  /** Answers dated before this (YYYY-MM-DD) are stale. */
  freshSince: string;
}

/**
 * - Unanswered and "unknown" score as the worst option: an empty questionnaire must never look safe.
 * - "na" removes the question (the caller gives it no weight).
 * - A favourable answer counts fully only with evidence and a date within the freshness limit; otherwise only
 *   `unevidencedCredit` of its improvement over the worst option counts. The rule is monotone: a better option
 *   never scores higher, and no answer scores above the worst option.
 */
export function scoreAnswer(
  q: ResolvedQuestion,
  given: Answer | undefined,
  fileDate: string | undefined,
  rules: AnswerRules,
): AnswerScore {
  const worst = q.worst;
  const answeredAt = given?.answeredAt ?? fileDate ?? null;
  const evidenced = (given?.evidence.length ?? 0) > 0;
  const fresh = answeredAt !== null && answeredAt >= rules.freshSince;
  const base = { worstPoints: worst.points, evidenced, answeredAt, fresh };
  if (!given || given.answer === UNKNOWN) {
    return {
      ...base,
      ...(given ? {} : { answeredAt: null, fresh: false, evidenced: false }),
      status: given ? "unknown" : "unanswered",
      answer: worst.value,
      answerLabel: given ? `Don't know (scored as "${worst.label}")` : `Unanswered (scored as "${worst.label}")`,
      optionPoints: worst.points,
      credit: 0,
      effectivePoints: worst.points,
    };
  }
  if (given.answer === NOT_APPLICABLE) {
    return {
      ...base,
      status: "not-applicable",
      answer: NOT_APPLICABLE,
      answerLabel: "Not applicable",
      optionPoints: 0,
      credit: 1,
      effectivePoints: 0,
    };
  }
  const option = q.options.find((o) => o.value === given.answer);
  if (!option) throw new Error(`answer ${given.answer} to ${q.id} passed validation but is not an option`);
  const credit = evidenced && fresh ? 1 : rules.unevidencedCredit;
  const effectivePoints = worst.points - (worst.points - option.points) * credit;
  return {
    ...base,
    status: "answered",
    answer: option.value,
    answerLabel: option.label,
    optionPoints: option.points,
    credit,
    effectivePoints,
  };
}

/** The first date that still counts as fresh: `months` calendar months before the as-of date (day clamped). */
export function freshSince(asOf: string, months: number): string {
  const [y, m, d] = asOf.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
