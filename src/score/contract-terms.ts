import type { ContractTerm, ContractTermRow } from "../schema/result-terms.js";
import { CONTRACT_TERMS, LIABILITY_SCOPE_QUESTION } from "../schema/result-terms.js";
import type { VendorResult } from "../schema/result.js";
import { REFERENCE_OUTAGE_HOURS } from "./config.js";
import { creditTier, uptimePercent } from "./sla/credits.js";
import { SCENARIO_MONTH_MINUTES } from "./sla/scenarios.js";

/**
 * Procurement's side-by-side: for each contract term, which provider's is the weakest. Each term becomes one number
 * per provider, higher meaning better for the buyer; a term the provider does not state counts as the weakest (a
 * claim or a cap that is not written down cannot be relied on). Kept per vendor while the others are scored, as the
 * recommendation's input is, so nothing holds every vendor's result at once.
 */
export type ContractTermsInput = { id: string; values: Record<ContractTerm, number> };

const NOT_STATED = Number.NEGATIVE_INFINITY;
const STANCE: Record<string, number> = { counted: 2, silent: 1, excluded: 0 };
/** A commitment that is only a practice ranks below every contractual one. */
const NOT_CONTRACTUAL = 1e6;
/** LIABILITY_SCOPE_QUESTION's answers ranked for the buyer, best last; any other answer ranks with the weakest. */
const LIABILITY_SCOPE: Record<string, number> = {
  "credits-only": 0,
  "fees-12-months-service": 1,
  "fees-12-months-all": 2,
  "super-cap": 3,
};

export const TERM_RULES: Record<ContractTerm, string> = {
  uptimeCommitment: "a lower monthly uptime commitment is weaker",
  measurement: "counting fewer impacts as downtime (e.g. not degradation) is weaker",
  creditTiers: `a smaller credit for a ${REFERENCE_OUTAGE_HOURS} h outage in a 30-day month is weaker`,
  creditCap: "a lower cap on a month's credit (share of the spend it applies to) is weaker",
  claimWindow: "a shorter claim window, or none stated, is weaker",
  providerAgents: "excluding the provider's own AI agents is weaker than silence, silence weaker than counting them",
  customerCredentialAgents:
    "excluding AI agents acting with your credentials is weaker than silence, silence weaker than counting them",
  liabilityCap:
    "a lower liability cap, or none stated, is weaker; at equal months, fees of the affected service only are weaker " +
    "than fees of all services (the vendor's answer to the liability-cap question)",
  notice: "a later incident notice, a non-contractual one, or none, is weaker",
  rca: "a later root-cause report, a non-contractual one, or none, is weaker",
  regulatoryGaps: "more regulatory reporting clocks the provider's commitments miss is weaker",
};

export function contractTermsInput(v: VendorResult): ContractTermsInput {
  const t = v.sla.terms;
  const gaps = -v.regulatory.filter((g) => g.status === "gap").length;
  if (t === null) {
    const values = Object.fromEntries(CONTRACT_TERMS.map((k) => [k, NOT_STATED])) as Record<ContractTerm, number>;
    return { id: v.id, values: { ...values, regulatoryGaps: gaps } };
  }
  const tier = creditTier(uptimePercent(REFERENCE_OUTAGE_HOURS * 60, SCENARIO_MONTH_MINUTES), t.creditTiers);
  const n = t.notification;
  const timed = (x: number | null | undefined) =>
    n === null || x === null || x === undefined ? NOT_STATED : -x - (n.contractual ? 0 : NOT_CONTRACTUAL);
  return {
    id: v.id,
    values: {
      uptimeCommitment: t.uptimeCommitment,
      measurement: t.countsImpact.length,
      creditTiers: tier?.creditPercent ?? 0,
      creditCap: t.creditCapPercent * t.eligibleSpendShare,
      claimWindow: t.claimDeadlineDays ?? NOT_STATED,
      providerAgents: STANCE[t.exclusions.providerAgents] ?? 0,
      customerCredentialAgents: STANCE[t.exclusions.customerCredentialAgents] ?? 0,
      // Months first; the scope of the fees decides between equal months.
      liabilityCap: t.liabilityCapMonths === null ? NOT_STATED : t.liabilityCapMonths * 10 + liabilityScope(v),
      notice: timed(n?.customerNoticeHours),
      rca: timed(n?.rcaDays),
      regulatoryGaps: gaps,
    },
  };
}

/** One row per term: the providers holding the weakest value, when the values differ at all. */
export function contractTerms(inputs: readonly ContractTermsInput[]): ContractTermRow[] {
  return CONTRACT_TERMS.map((term) => {
    const values = inputs.map((i) => i.values[term]);
    const low = Math.min(...values);
    const high = Math.max(...values);
    return {
      term,
      weaker: inputs.length < 2 || low === high ? [] : inputs.filter((i) => i.values[term] === low).map((i) => i.id),
      rule: TERM_RULES[term],
    };
  });
}

function liabilityScope(v: VendorResult): number {
  const answer = v.trail.find((e) => e.questionId === LIABILITY_SCOPE_QUESTION)?.answer;
  return answer === undefined || answer === null ? 0 : (LIABILITY_SCOPE[answer] ?? 0);
}
