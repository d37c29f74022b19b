import type { SlaTerms } from "../../schema/sla.js";
import { exclusionStanceOf } from "./exclusions.js";
import type { MonthWindow, OutageSpan } from "./month.js";

/*
 * How many minutes of a month are down, counted, excluded and unavailable: the part of slaMonth that reads time.
 * Two ways to the same counts: minute by minute (every rule), or by the segments between the spans' boundaries
 * (the minute rules without the hourly rule, where no minute needs its own rate), which costs the number of spans
 * rather than the minutes they cover. A property test holds the two equal.
 */

/** 31 days: the longest month slaMonth settles. */
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

/** What settling a month needs from its minutes; filled by countByMinute or countBySegments. */
export interface MonthCounts {
  /** Minutes touched by any span. */
  downtime: number;
  /** Minutes touched by an excluded span and by no counted one. */
  excludedOnly: number;
  /** Unavailable intervals (minutes under the minute rules), in runs long enough to count. */
  unavailable: number;
  noChargeHours: number;
  /**
   * Minutes with a counted error rate above 0, and the sum of those rates: read only by the error-rate method, which
   * the segment count leaves to the minute count (a sum of n rates is not n x the rate in binary), so the segment
   * count sets rateSum to 0.
   */
  errorMinutes: number;
  rateSum: number;
}

export function newMonthCounts(): MonthCounts {
  return { downtime: 0, excludedOnly: 0, unavailable: 0, noChargeHours: 0, errorMinutes: 0, rateSum: 0 };
}

/**
 * The general count: marks every minute the spans touch in the scratch arrays, reads them back and clears them.
 * Works for every rule; costs time linear in the minutes covered. `list` is sorted by start.
 */
export function countByMinute(
  list: readonly OutageSpan[],
  month: MonthWindow,
  terms: SlaTerms | undefined,
  out: MonthCounts,
): MonthCounts {
  const total = month.minutes;
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

  out.downtime = downtime;
  out.excludedOnly = excludedOnly;
  out.unavailable = unavailable;
  out.noChargeHours = noChargeHours;
  out.errorMinutes = errorMinutes;
  out.rateSum = rateSum;
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

/** Above this many spans in a month the segment count's quadratic sweep stops paying; the minute count takes it. */
const MAX_SEGMENT_SPANS = 32;
const POSITIVE = 8;
const segStart = new Int32Array(MAX_SEGMENT_SPANS);
const segEnd = new Int32Array(MAX_SEGMENT_SPANS);
const segBits = new Uint8Array(MAX_SEGMENT_SPANS);
const bounds = new Int32Array(2 * MAX_SEGMENT_SPANS);

/**
 * The same counts as countByMinute for the rules that read no minute's own rate: `minutes` and `affected-ratio`
 * without the hourly rule (a minute is unavailable when any counted span with an error rate above 0 covers it).
 * The month is cut at every span's first and end minute; each piece lies wholly inside or outside each span, so a
 * piece's flags are its spans' flags and its minutes count at once. Returns false, with `out` untouched, when the
 * rule or the number of spans needs the minute count. `list` is sorted by start.
 */
export function countBySegments(
  list: readonly OutageSpan[],
  month: MonthWindow,
  terms: SlaTerms | undefined,
  out: MonthCounts,
): boolean {
  const m = terms?.measurement;
  const method = m?.method ?? "minutes";
  if (method === "intervals" || method === "error-rate" || m?.hourlyNoCharge !== undefined) return false;
  if (list.length > MAX_SEGMENT_SPANS) return false;
  let k = 0;
  let nb = 0;
  for (const s of list) {
    const a = firstMinute(s, month);
    const b = endMinute(s, month);
    if (b <= a) continue;
    const kind = classify(s, terms);
    segStart[k] = a;
    segEnd[k] = b;
    segBits[k] = ANY | kind | (kind === COUNTED && clampRate(s.errorRate) > 0 ? POSITIVE : 0);
    k++;
    bounds[nb++] = a;
    bounds[nb++] = b;
  }
  // Insertion sort: a month holds a handful of spans.
  for (let i = 1; i < nb; i++) {
    const x = bounds[i]!;
    let j = i;
    while (j > 0 && bounds[j - 1]! > x) {
      bounds[j] = bounds[j - 1]!;
      j--;
    }
    bounds[j] = x;
  }
  const minRun = m?.minConsecutiveIntervals ?? 1;
  let downtime = 0;
  let excludedOnly = 0;
  let positive = 0;
  let unavailable = 0;
  let run = 0;
  let runEnd = -1;
  for (let i = 0; i + 1 < nb; i++) {
    const x = bounds[i]!;
    const y = bounds[i + 1]!;
    if (y <= x) continue;
    let f = 0;
    for (let j = 0; j < k; j++) if (segStart[j]! <= x && segEnd[j]! >= y) f |= segBits[j]!;
    if (f === 0) continue;
    const len = y - x;
    downtime += len;
    if ((f & COUNTED) === 0 && (f & EXCLUDED) !== 0) excludedOnly += len;
    if ((f & POSITIVE) !== 0) {
      positive += len;
      // Runs of unavailable minutes carry across pieces that touch.
      if (x === runEnd) run += len;
      else {
        if (run >= minRun) unavailable += run;
        run = len;
      }
      runEnd = y;
    }
  }
  if (run >= minRun) unavailable += run;
  out.downtime = downtime;
  out.excludedOnly = excludedOnly;
  out.unavailable = unavailable;
  out.noChargeHours = 0;
  out.errorMinutes = positive;
  out.rateSum = 0;
  return true;
}
