import { MONTHS } from "../common/text.js";

export { plural, ratingLabel } from "../common/text.js";

/** "2026-11-01" -> "1 November 2026". Written out by hand so no locale data can change a report. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant in UTC, to the minute: "2025-12-14 03:10 UTC". */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Whole currency units with thousands separators: "EUR 2,340,000". ISO code, not symbol, so it is unambiguous. */
export function formatMoney(amount: number, currency: string): string {
  const rounded = Math.round(amount);
  const sign = rounded < 0 ? "-" : "";
  return `${currency} ${sign}${groupThousands(Math.abs(rounded))}`;
}

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 0-100 score with one decimal, as in the JSON result. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h < 48) return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
  const d = Math.floor(h / 24);
  return `${d} d ${h % 24} h`;
}

export function formatHours(minutes: number): string {
  return `${(minutes / 60).toFixed(1)} h`;
}

/** "2026-03" -> "Mar 2026". */
export function formatMonth(ym: string): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return `${MONTHS[m - 1]?.slice(0, 3)} ${y}`;
}

/** Uptime as SLAs print it: up to four decimals, trailing zeros dropped ("99.9954%", "100%"). */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(4))}%`;
}
