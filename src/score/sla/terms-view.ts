import type { SlaSummary } from "../../schema/result.js";
import { uniformConfidence, type ResolvedSlaTerms } from "../../schema/sla.js";
import { cents } from "./credits.js";
import type { LossBasis } from "./month.js";

/** The terms as the result states them: every rule the figures rest on, with the confidence of each term. */
export function describeTerms(terms: ResolvedSlaTerms, basis: LossBasis): NonNullable<SlaSummary["terms"]> {
  const m = terms.measurement;
  const when = m.unavailableWhen;
  return {
    service: terms.service,
    uptimeCommitment: terms.uptimeCommitment,
    countsImpact: m.countsImpact,
    measurement: m.description ?? null,
    measurementRule: {
      method: m.method,
      intervalMinutes: m.method === "minutes" || m.method === "affected-ratio" ? 1 : (m.intervalMinutes ?? null),
      unavailableAbovePercent: when && "errorRateAbovePercent" in when ? when.errorRateAbovePercent : null,
      unavailableAtLeastPercent: when && "errorRateAtLeastPercent" in when ? when.errorRateAtLeastPercent : null,
      minConsecutiveIntervals: m.minConsecutiveIntervals,
      hourlyNoChargeAboveMinutes: m.hourlyNoCharge?.unavailableMinutesAbove ?? null,
      creditMultiplier: m.method === "affected-ratio" ? (m.creditMultiplier ?? null) : null,
      affectedCustomerRatio: m.method === "affected-ratio" ? m.affectedCustomerRatio : null,
    },
    creditTiers: terms.creditTiers.map((t) => ({ below: t.below, atLeast: t.atLeast, creditPercent: t.creditPercent })),
    creditCapPercent: terms.creditCapPercent,
    eligibleSpendShare: terms.eligibleSpendShare,
    claimDeadlineDays: terms.claimDeadlineDays ?? null,
    exclusions: { ...terms.exclusions },
    liabilityCapMonths: terms.liabilityCapMonths ?? null,
    liabilityCapAmount:
      terms.liabilityCapMonths === undefined ? null : cents(terms.liabilityCapMonths * basis.monthlySpend),
    notification: terms.notification
      ? {
          customerNoticeHours: terms.notification.customerNoticeHours ?? null,
          rcaDays: terms.notification.rcaDays ?? null,
          contractual: terms.notification.contractual,
        }
      : null,
    source: {
      document: terms.source.document,
      url: terms.source.url ?? null,
      date: terms.source.date,
      confidence: terms.source.confidence,
    },
    termConfidence: { ...(terms.provenance?.termConfidence ?? uniformConfidence(terms.source.confidence)) },
    catalogue: terms.provenance?.catalogue ? { ...terms.provenance.catalogue } : null,
  };
}
