import type { CAUSES, SEVERITIES } from "../../schema/incident.js";
import type { SlaTerms } from "../../schema/sla.js";
import { roundTo } from "../round.js";
import { cents, creditAmount, creditPercent, uptimePercent } from "./credits.js";
import { countByMinute, countBySegments, MAX_MONTH_MINUTES, newMonthCounts, type MonthCounts } from "./month-count.js";

/** What the buyer loses per hour of a vendor's outage, and what the vendor is paid. */
export interface LossBasis {
  monthlySpend: number;
  downtimeCostPerHour: number;
  /** Share of the hourly downtime cost an outage of this vendor causes (by workload criticality). */
  outageShare: number;
}

/** One outage as the SLA decision reads it. */
export interface OutageSpan {
  /** Epoch ms (inclusive). */
  start: number;
  /** Epoch ms (exclusive); an open incident ends where the caller stops counting (the as-of instant). */
  end: number;
  /** The incident's impact: the SLA counts only the impacts its `measurement.countsImpact` lists. */
  impact: (typeof SEVERITIES)[number];
  /** Decides the SLA exclusion (customer, customer-agent, ai-agent, external, ...). */
  cause: (typeof CAUSES)[number];
  aiAgentInvolved: "yes" | "no" | "unknown";
  /** Share of requests failing while it lasts, 0..1: 1 for a full outage (values outside are clamped; NaN is 0). */
  errorRate: number;
}

/** The month being settled: UTC calendar month, or the scenario's month. */
export interface MonthWindow {
  /** Epoch ms of the month's first instant (a whole minute, and a whole UTC hour for the hourly rule). */
  start: number;
  end: number;
  /** end - start in minutes: at most 44,640 (31 days). */
  minutes: number;
}

/** One month settled: what the buyer lost, what the SLA counts, the uptime and the credit. */
export interface SlaMonthFigures {
  /** Minutes touched by any outage: what the business lost. */
  downtimeMinutes: number;
  /** Minutes the SLA's measurement counts as down (see slaMonth). */
  slaDowntimeMinutes: number;
  /** Minutes of outages the SLA excludes, less those also counted by another outage. */
  excludedMinutes: number;
  uptimePercent: number;
  meetsCommitment: boolean;
  /** The tier's (or formula's) percent of the month's fee, capped. */
  creditPercent: number;
  /** Clock hours charged nothing under an hourly rule (EC2 instance-level). */
  noChargeHours: number;
  creditAmount: number;
  loss: number;
  uncovered: number;
}

export { MAX_MONTH_MINUTES } from "./month-count.js";

export function newSlaMonthFigures(): SlaMonthFigures {
  return {
    downtimeMinutes: 0,
    slaDowntimeMinutes: 0,
    excludedMinutes: 0,
    uptimePercent: 100,
    meetsCommitment: false,
    creditPercent: 0,
    noChargeHours: 0,
    creditAmount: 0,
    loss: 0,
    uncovered: 0,
  };
}

// The counts of the month being settled, reused from call to call (slaMonth is not re-entrant).
const counts: MonthCounts = newMonthCounts();

/**
 * The SLA decision for one month: the one function the deterministic report (vendorSla, runScenario) and the annual
 * loss simulation both call, so both apply every provider rule with the same code.
 *
 * Contract:
 * - `spans` are the month's outages that affect the buyer (their services and regions, unplanned impact). Spans may
 *   reach outside the month (they are clipped), overlap (overlaps are merged, never summed) and come in any order;
 *   sorted by `start` they are read without a copy.
 * - Time resolves to the minute: a minute with any part of an outage in it is a minute of that outage (the start is
 *   taken to its minute, the end rounded up), as in the incident record.
 * - A span counts for the SLA when `terms.measurement.countsImpact` lists its impact and no exclusion removes it
 *   (slaExclusion's rules); an excluded span is a loss but earns nothing. Where outages overlap, a minute's error
 *   rate is the highest counted span's.
 * - The month's uptime follows `terms.measurement.method`: `minutes` and `affected-ratio` count the minutes with a
 *   counted error rate above 0; `intervals` counts whole intervals of `intervalMinutes` whose error rate (the mean
 *   of their minutes' rates) passes `unavailableWhen`; `error-rate` is 100 minus the month's mean error rate. Runs of
 *   unavailable intervals shorter than `minConsecutiveIntervals` do not count. `slaDowntimeMinutes` is the minutes
 *   of the counted unavailable intervals, or for `error-rate` the minutes with counted errors.
 * - Credit: the tier the uptime falls in (half-open bands, capped at `creditCapPercent`), or Cloudflare's formula;
 *   with `hourlyNoCharge`, every clock hour with more unavailable minutes than allowed is not charged, and the tier
 *   credit applies to the rest. Loss = downtime minutes / 60 x cost per hour x outage share. Money is in cents.
 * - Without terms nothing is counted and nothing credited; the loss is still the loss.
 * - Pure and deterministic; `out` is filled and returned (pass one to reuse it). Not re-entrant within a thread.
 *   Cost: under the minute rules without the hourly rule, the number of spans (squared); otherwise linear in the
 *   minutes the spans cover, plus the intervals they touch (month-count.ts).
 */

export function slaMonth(
  spans: readonly OutageSpan[],
  month: MonthWindow,
  terms: SlaTerms | undefined,
  basis: LossBasis,
  out: SlaMonthFigures = newSlaMonthFigures(),
): SlaMonthFigures {
  const total = month.minutes;
  if (!(total > 0 && total <= MAX_MONTH_MINUTES && Number.isInteger(total)))
    throw new RangeError(`slaMonth: a month has 1 to ${MAX_MONTH_MINUTES} whole minutes, not ${total}`);
  const list = isSortedByStart(spans) ? spans : [...spans].sort((a, b) => a.start - b.start);
  const m = terms?.measurement;
  const method = m?.method ?? "minutes";

  const n = method === "intervals" ? m!.intervalMinutes! : 1;
  const c = counts;
  if (!countBySegments(list, month, terms, c)) countByMinute(list, month, terms, c);
  const { downtime, excludedOnly, unavailable, noChargeHours, errorMinutes, rateSum } = c;

  let uptime: number;
  let slaDown: number;
  if (method === "error-rate") {
    slaDown = errorMinutes;
    uptime = roundTo((1 - rateSum / total) * 100, 9);
  } else {
    slaDown = unavailable * n;
    uptime = uptimePercent(unavailable, total / n);
  }

  let pct = 0;
  let credit = 0;
  if (terms) {
    const eligible = basis.monthlySpend * terms.eligibleSpendShare;
    if (method === "affected-ratio") {
      const formula = (m!.creditMultiplier! * slaDown * m!.affectedCustomerRatio * 100) / total;
      pct = roundTo(Math.min(terms.creditCapPercent, formula), 4);
    } else {
      pct = creditPercent(uptime, terms);
    }
    if (noChargeHours > 0) {
      // The hours not charged are not paid, so the tier's percent applies to the charges that remain.
      const waived = Math.min(eligible, (noChargeHours * eligible * 60) / total);
      credit = cents(waived + (pct / 100) * (eligible - waived));
    } else {
      credit = creditAmount(pct, basis.monthlySpend, terms);
    }
  }
  const loss = cents((downtime / 60) * basis.downtimeCostPerHour * basis.outageShare);

  out.downtimeMinutes = downtime;
  out.slaDowntimeMinutes = slaDown;
  out.excludedMinutes = excludedOnly;
  out.uptimePercent = uptime;
  out.meetsCommitment = terms ? uptime >= terms.uptimeCommitment : false;
  out.creditPercent = pct;
  out.noChargeHours = noChargeHours;
  out.creditAmount = credit;
  out.loss = loss;
  out.uncovered = cents(Math.max(0, loss - credit));
  return out;
}

function isSortedByStart(spans: readonly OutageSpan[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.start) return false;
  return true;
}
