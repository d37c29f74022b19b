import { utcMillis } from "./instant.js";
import { monthNumber } from "./pacific-time.js";

/**
 * The impact window Azure states in words, in UTC: "Between 23:52 UTC on 11 June 2024 and 02:10 UTC on 12 June
 * 2024", "Between as early as 08:00 UTC and 13:20 UTC on 29 July 2022", "Between 17:45 and 19:42 UTC on 06 Apr
 * 2017", "From 09:39 UTC to 17:05 UTC on 29 May 2026", and, while an incident is open, "Starting at 09:39 UTC on 29
 * May 2026". A date or "UTC" written once applies to both ends; an end before its start on the same date moves the
 * start to the day before ("between 23:00 and 01:00 UTC on 7 May").
 */

export interface UtcWindow {
  startMs: number;
  /** null when the text states only a start. */
  endMs: number | null;
}

interface Point {
  hour: number;
  minute: number;
  utc: boolean;
  date?: { day: number; month: number; year?: number };
}

const QUALIFIER = /(?:(?:as early as|as late as|approximately|approx\.|around|about|roughly|at)\s+)*/y;
const TIME = /(\d{1,2}):(\d{2})(?:\s*\(?(UTC|GMT|Z)\)?)?/iy;
const DAY_MONTH =
  /,?\s+(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?/y;
const MONTH_DAY = /,?\s+(?:on\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?/y;
const CONNECTOR = /\s*(?:and|to|until|through|till|-|–|—)\s*/iy;
const OPENERS = /\b(between|from|starting at|starting from|beginning at|since|as of)\s+/gi;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** One end of a window at `at`: [qualifier] HH:MM [UTC] [[on] date]; the position after it, or undefined. */
function readPoint(text: string, at: number): { point: Point; end: number } | undefined {
  const q = sticky(QUALIFIER, text, at);
  const t = sticky(TIME, text, q ? at + q[0].length : at);
  if (!t) return undefined;
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  if (hour > 23 || minute > 59) return undefined;
  let end = t.index + t[0].length;
  const point: Point = { hour, minute, utc: t[3] !== undefined };
  const dm = sticky(DAY_MONTH, text, end);
  const md = dm ? null : sticky(MONTH_DAY, text, end);
  const month = dm ? monthNumber(dm[2]!) : md ? monthNumber(md[1]!) : undefined;
  if ((dm || md) && month !== undefined) {
    const m = (dm ?? md)!;
    const day = Number(dm ? dm[1] : md![2]);
    const year = (dm ? dm[3] : md![3]) === undefined ? undefined : Number(dm ? dm[3] : md![3]);
    if (day >= 1 && day <= 31) {
      point.date = { day, month, ...(year === undefined ? {} : { year }) };
      end = m.index + m[0].length;
    }
  }
  // "UTC" may follow the date: "08:00 on 29 July 2022 UTC" is rare but means the same.
  const tz = /\s*\(?(?:UTC|GMT)\b\)?/iy;
  tz.lastIndex = end;
  if (!point.utc && tz.exec(text)) {
    point.utc = true;
    end = tz.lastIndex;
  }
  return { point, end };
}

/** Every window stated in the text, in order (at most `limit`), already placed on the calendar. */
export function findUtcWindows(text: string, limit = 10): UtcWindow[] {
  const out: UtcWindow[] = [];
  for (const m of text.matchAll(OPENERS)) {
    if (out.length >= limit) break;
    const opener = m[1]!.toLowerCase();
    const first = readPoint(text, m.index + m[0].length);
    if (!first) continue;
    const c = opener === "between" || opener === "from" ? sticky(CONNECTOR, text, first.end) : null;
    const second = c ? readPoint(text, c.index + c[0].length) : undefined;
    if ((opener === "between" || opener === "from") && !second) continue;
    const placed = place(first.point, second?.point);
    if (placed) out.push(placed);
  }
  return out;
}

function place(start: Point, end: Point | undefined): UtcWindow | undefined {
  // Azure writes every window in UTC; a window that never says so could be anything, and is not guessed.
  if (!start.utc && !end?.utc) return undefined;
  const year = end?.date?.year ?? start.date?.year;
  const endDate = end ? (end.date ?? start.date) : undefined;
  const startDate = start.date ?? end?.date;
  if (year === undefined || startDate === undefined || (end && endDate === undefined)) return undefined;
  const at = (p: Point, d: { day: number; month: number; year?: number }, fallbackYear: number) => {
    const y = d.year ?? fallbackYear;
    const ms = utcMillis(y, d.month, d.day, p.hour, p.minute);
    const check = new Date(ms);
    return check.getUTCDate() === d.day && check.getUTCMonth() + 1 === d.month ? ms : undefined;
  };
  const endYear = endDate?.year ?? year;
  const endMs = end && endDate ? at(end, endDate, endYear) : null;
  if (endMs === undefined) return undefined;
  // A start without its own year shares the end's, unless that puts it after the end (a window across New Year).
  let startMs = at(start, startDate, startDate.year ?? endYear);
  if (startMs === undefined) return undefined;
  if (endMs !== null && startMs > endMs) {
    if (start.date === undefined) startMs -= 86_400_000;
    else if (startDate.year === undefined) startMs = at(start, startDate, endYear - 1) ?? startMs;
  }
  if (endMs !== null && startMs > endMs) return undefined;
  return { startMs, endMs };
}
