/**
 * Vendor timestamps. Every one must carry its offset (`Z` or `±hh:mm`): a time without one is refused, never
 * guessed, because reading a US/Pacific status page as UTC moves outages across month boundaries.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const LOOKS_LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

export type InstantResult = { ok: true; ms: number; utc: string } | { ok: false; problem: string };

/**
 * Parses an RFC 3339 instant with an explicit offset into epoch milliseconds and its UTC form
 * `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second are dropped, which keeps the order of instants).
 */
export function parseInstant(value: string): InstantResult {
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
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const offsetSign = m[9] === "-" ? -1 : 1;
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, problem: "is not a valid date and time" };
  }
  if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, problem: "has an invalid UTC offset" };
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  const ms = local.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = formatUtc(ms);
  // An offset can push 9999-12-31 into a five-digit year (or 0000-01-01 below zero), which ISO 8601 CSV cannot hold.
  if (!/^\d{4}-/.test(utc)) return { ok: false, problem: "is outside the years 0000 to 9999 in UTC" };
  return { ok: true, ms, utc };
}

export function formatUtc(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
