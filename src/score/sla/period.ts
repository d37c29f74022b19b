/** A calendar month in UTC. */
export interface Month {
  /** YYYY-MM */
  id: string;
  start: number;
  end: number;
  minutes: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The SLA period: the twelve calendar months (UTC) that are complete at the end of the as-of day. SLAs settle
 * whole months, so a month still running is left out rather than measured against a part.
 */
export function slaMonths(asOfEnd: number, count = 12): Month[] {
  // The months before the one in which the as-of day ends. When asOf is a month's last day, asOfEnd is the first
  // instant of the next month, so that month is still the first one left out: the rule needs no special case.
  const end = new Date(asOfEnd);
  let y = end.getUTCFullYear();
  let m = end.getUTCMonth();
  const months: Month[] = [];
  for (let i = 0; i < count; i++) {
    m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
    const start = Date.UTC(y, m, 1);
    const stop = Date.UTC(y, m + 1, 1);
    months.unshift({ id: `${y}-${pad(m + 1)}`, start, end: stop, minutes: (stop - start) / 60_000 });
  }
  return months;
}
