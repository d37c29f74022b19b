import type { VendorResult } from "../../schema/result.js";
import { formatMoney } from "../format.js";

/** SLA terms in words, the same in the vendor report's terms table and the comparison's contract-terms matrix. */
type Terms = NonNullable<VendorResult["sla"]["terms"]>;

const STANCE: Record<string, string> = {
  counted: "counted as downtime",
  excluded: "excluded",
  silent: "not addressed (silent)",
};

/** How the terms treat outages of one cause: counted, excluded or silent. */
export const stanceWords = (stance: string): string => STANCE[stance] ?? stance;

export const creditCapWords = (t: Terms): string =>
  `${t.creditCapPercent}% of the month's fee${t.eligibleSpendShare < 1 ? `, on ${Math.round(t.eligibleSpendShare * 100)}% of the spend` : ""}`;

export const claimWindowWords = (t: Terms): string =>
  t.claimDeadlineDays === null ? "not stated" : `${t.claimDeadlineDays} days`;

/** The liability cap in months of fees and money; null when the terms state none. */
export const liabilityMonthsWords = (t: Terms, currency: string): string | null =>
  t.liabilityCapMonths === null
    ? null
    : `${t.liabilityCapMonths} months of fees (${formatMoney(t.liabilityCapAmount ?? 0, currency)})`;
