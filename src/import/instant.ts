/**
 * Vendor timestamps. Every one must carry its offset (`Z` or `±hh:mm`): a time without one is refused, never
 * guessed, because reading a US/Pacific status page as UTC moves outages across month boundaries.
 *
 * Instants keep their fraction of a second to the millisecond: an SLA counts "a minute with any downtime", so an
 * outage ending at 10:04:00.400 costs a fifth minute that one ending at 10:04:00 does not. A finer fraction (some
 * feeds write microseconds) is rounded so that an outage is never shortened: a start rounds down, an end up.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const LOOKS_LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** How a fraction finer than a millisecond is rounded: `floor` for a start, `ceil` for an end. */
export type Rounding = "floor" | "ceil";

export type InstantResult = { ok: true; ms: number; utc: string } | { ok: false; problem: string };

/** Milliseconds of a decimal fraction ("4", "400", "4000001"), rounded as asked past the third digit. */
export function fractionMillis(digits: string, rounding: Rounding): number {
  const millis = Number(digits.slice(0, 3).padEnd(3, "0"));
  return rounding === "ceil" && /[1-9]/.test(digits.slice(3)) ? millis + 1 : millis;
}

/**
 * Parses an RFC 3339 instant with an explicit offset into epoch milliseconds and its UTC form (see formatUtc).
 */
export function parseInstant(value: string, rounding: Rounding = "floor"): InstantResult {
  const m = INSTANT.exec(value);
  if (!m) {
    if (LOOKS_LOCAL.test(value)) return { ok: false, problem: "has no UTC offset (Z or ±hh:mm)" };
    return { ok: false, problem: "is not an ISO 8601 timestamp with a Z or ±hh:mm offset" };
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetSign = m[9] === "-" ? -1 : 1;
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, problem: "is not a valid date and time" };
  }
  if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, problem: "has an invalid UTC offset" };
  const local = utcMillis(year, month, day, hour, minute, second) + fractionMillis(m[7] ?? "", rounding);
  return checkedInstant(local - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** Epoch milliseconds of a calendar date and wall-clock time read as UTC (years 0-99 included, unlike Date.UTC). */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** An instant as caution writes it, or the reason it cannot be written (outside years 0000-9999 in UTC). */
export function checkedInstant(ms: number): InstantResult {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS)
    return { ok: false, problem: "is outside the years 0000 to 9999 in UTC" };
  return { ok: true, ms, utc: formatUtc(ms) };
}

const MIN_MS = utcMillis(0, 1, 1);
const MAX_MS = utcMillis(9999, 12, 31, 23, 59, 59) + 999;

const EPOCH = /^(\d{1,15})(?:\.(\d{1,20}))?$/;

/**
 * An epoch timestamp (AWS writes seconds, as a number or a string of digits, some with a fraction) as an instant.
 * The decimal text is read exactly, not through floating point, so `1587462325.096` is .096 and not .0959999.
 */
export function parseEpoch(value: unknown, unit: "s" | "ms", rounding: Rounding = "floor"): InstantResult {
  // String(n) is plain decimal for any number an epoch can be (below 1e21); anything else fails the pattern.
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return { ok: false, problem: "is not an epoch timestamp" };
  const m = EPOCH.exec(text.trim());
  if (!m) return { ok: false, problem: "is not an epoch timestamp (digits, optionally with a fraction)" };
  const whole = Number(m[1]);
  const fraction = m[2] ?? "";
  const ms =
    unit === "s"
      ? whole * 1000 + fractionMillis(fraction, rounding)
      : whole + (rounding === "ceil" && /[1-9]/.test(fraction) ? 1 : 0);
  return checkedInstant(ms);
}

/**
 * UTC as `YYYY-MM-DDTHH:MM:SSZ`, or `YYYY-MM-DDTHH:MM:SS.mmmZ` when the instant has milliseconds. The two forms sort
 * the same way as the instants they name only within one form, so callers compare epoch milliseconds, not strings.
 */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
