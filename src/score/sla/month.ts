import type { CAUSES, SEVERITIES } from "../../schema/incident.js";
import type { SlaTerms } from "../../schema/sla.js";
import { roundTo } from "../round.js";
import { cents, creditAmount, creditPercent, uptimePercent } from "./credits.js";
import { exclusionStanceOf } from "./exclusions.js";

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

export const MAX_MONTH_MINUTES = 31 * 24 * 60;
const MINUTE = 60_000;
const ANY = 1;
const COUNTED = 2;
const EXCLUDED = 4;
/** Interval error rates are sums of per-minute rates: compare thresholds with room for binary noise. */
const EPS = 1e-9;

// Scratch space for one month, allocated once and cleared after every call (only where spans wrote), so a
// simulation calling slaMonth millions of times allocates nothing but its results.
const flags = new Uint8Array(MAX_MONTH_MINUTES);
const rates = new Float64Array(MAX_MONTH_MINUTES);

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
 *   Cost: linear in the minutes the spans cover, plus the intervals they touch.
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

  // 1. Mark every minute the spans touch: any outage, counted, excluded; and the highest counted error rate.
  for (const s of list) {
    const a = firstMinute(s, month);
    const b = endMinute(s, month);
    if (b <= a) continue;
    const kind = classify(s, terms);
    const bits = ANY | kind;
    const r = kind === COUNTED ? clampRate(s.errorRate) : 0;
    for (let i = a; i < b; i++) {
      flags[i]! |= bits;
      if (r > rates[i]!) rates[i] = r;
    }
  }

  // 2. Unavailable intervals, in runs, visited once each in time order; and the hourly rule's clock hours.
  const n = method === "intervals" ? m!.intervalMinutes! : 1;
  const minRun = m?.minConsecutiveIntervals ?? 1;
  const when = m?.unavailableWhen;
  const above = when && "errorRateAbovePercent" in when ? when.errorRateAbovePercent / 100 : undefined;
  const atLeast = when && "errorRateAtLeastPercent" in when ? when.errorRateAtLeastPercent / 100 : undefined;
  const hourly = m?.hourlyNoCharge?.unavailableMinutesAbove;
  let unavailable = 0;
  let run = 0;
  let last = -2;
  let nextInterval = 0;
  let noChargeHours = 0;
  let nextHour = 0;
  for (const s of list) {
    if (classify(s, terms) !== COUNTED) continue;
    const a = firstMinute(s, month);
    const b = endMinute(s, month);
    if (b <= a) continue;
    for (let k = Math.max(nextInterval, Math.floor(a / n)); k < Math.ceil(b / n); k++) {
      let sum = 0;
      const stop = Math.min(total, k * n + n);
      for (let i = k * n; i < stop; i++) sum += rates[i]!;
      const rate = sum / n;
      const down =
        method !== "intervals"
          ? rate > 0
          : above !== undefined
            ? rate > above + EPS
            : atLeast !== undefined && rate >= atLeast - EPS;
      if (down) {
        if (k === last + 1) run += 1;
        else {
          if (run >= minRun) unavailable += run;
          run = 1;
        }
        last = k;
      }
      nextInterval = k + 1;
    }
    if (hourly !== undefined) {
      for (let h = Math.max(nextHour, Math.floor(a / 60)); h < Math.ceil(b / 60); h++) {
        let down = 0;
        const end = Math.min(total, h * 60 + 60);
        for (let i = h * 60; i < end; i++) if (rates[i]! > 0) down += 1;
        if (down > hourly) noChargeHours += 1;
        nextHour = h + 1;
      }
    }
  }
  if (run >= minRun) unavailable += run;

  // 3. Count and clear what the spans marked: each minute once, however many spans cover it.
  let downtime = 0;
  let excludedOnly = 0;
  let errorMinutes = 0;
  let rateSum = 0;
  for (const s of list) {
    const a = firstMinute(s, month);
    const b = endMinute(s, month);
    for (let i = a; i < b; i++) {
      const f = flags[i]!;
      if (f === 0) continue;
      downtime += 1;
      if ((f & COUNTED) === 0 && (f & EXCLUDED) !== 0) excludedOnly += 1;
      const r = rates[i]!;
      if (r > 0) {
        errorMinutes += 1;
        rateSum += r;
      }
      flags[i] = 0;
      rates[i] = 0;
    }
  }

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

function classify(s: OutageSpan, terms: SlaTerms | undefined): number {
  if (!terms || !terms.measurement.countsImpact.includes(s.impact)) return 0;
  return exclusionStanceOf(s, terms) === "excluded" ? EXCLUDED : COUNTED;
}

const firstMinute = (s: OutageSpan, month: MonthWindow) => Math.max(0, Math.floor((s.start - month.start) / MINUTE));
const endMinute = (s: OutageSpan, month: MonthWindow) =>
  Math.min(month.minutes, Math.ceil((s.end - month.start) / MINUTE));
const clampRate = (r: number) => (r >= 1 ? 1 : r > 0 ? r : 0);

function isSortedByStart(spans: readonly OutageSpan[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.start) return false;
  return true;
}
