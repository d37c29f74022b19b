import { roundTo } from "../round.js";
import type { CreditTier, SlaTerms } from "../../schema/sla.js";

/**
 * Monthly uptime as the SLA states it, to 1e-9 so that a month exactly on a band edge (e.g. 432 of 43,200 minutes =
 * 99.0%) lands on the edge instead of a floating-point hair below it.
 */
export function uptimePercent(downMinutes: number, monthMinutes: number): number {
  return roundTo((1 - downMinutes / monthMinutes) * 100, 9);
}

/** The tier a month's uptime falls in: below the tier's upper edge and at or above its lower edge. */
export function creditTier(uptime: number, tiers: readonly CreditTier[]): CreditTier | null {
  return tiers.find((t) => uptime < t.below && uptime >= t.atLeast) ?? null;
}

/** Percent of the month's fee credited: the tier's, never above the cap. */
export function creditPercent(uptime: number, terms: SlaTerms): number {
  const tier = creditTier(uptime, terms.creditTiers);
  return tier ? Math.min(tier.creditPercent, terms.creditCapPercent) : 0;
}

export const cents = (x: number) => roundTo(x, 2);

/** Credits are a share of the fee for the covered service, paid as future-bill credit. */
export function creditAmount(percent: number, monthlySpend: number, terms: SlaTerms): number {
  return cents((percent / 100) * monthlySpend * terms.eligibleSpendShare);
}
