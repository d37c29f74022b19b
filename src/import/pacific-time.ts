import { utcMillis } from "./instant.js";

/**
 * Times the legacy AWS Service Health Dashboard wrote inside its HTML: "8:22 AM PDT", and "Dec 8, 2:29 AM PST" once
 * the day had changed. The zone label carries the offset (PDT is UTC-7, PST UTC-8), so no time-zone database is
 * needed; the date comes from the event's first post (epoch seconds) and from the last "Mon D," prefix seen.
 */

export const PACIFIC_OFFSET_HOURS = { PDT: -7, PST: -8 } as const;
type Zone = keyof typeof PACIFIC_OFFSET_HOURS;

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "Dec", "Dec.", "December", "Sept" -> 1-12; any other word (even "Decimal") -> undefined. */
export function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, "");
  const i = MONTHS.findIndex((m) => m === key || m.slice(0, 3) === key || (m === "september" && key === "sept"));
  return i < 0 ? undefined : i + 1;
}

export interface ClockTime {
  hour: number;
  minute: number;
  zone: Zone | undefined;
  /** Month and day when the text names them ("Dec 8, 2:29 AM PST", "2:29 AM PST on Dec 8"). */
  month?: number;
  day?: number;
}

const TIME_12H = /^(\d{1,2}):(\d{2})\s*([AP])\.?M\.?$/i;

/** "2:29 AM" -> 02:29, "12:05 AM" -> 00:05, "12:30 PM" -> 12:30; undefined when not a 12-hour time. */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const m = TIME_12H.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const minute = Number(m[2]);
  if (h < 1 || h > 12 || minute > 59) return undefined;
  const pm = m[3]!.toUpperCase() === "P";
  return { hour: (h % 12) + (pm ? 12 : 0), minute };
}

/** The dashboard's span text: "[Mon D,] h:mm AM|PM PDT|PST". */
const SPAN_TIME = /^(?:([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+)?(\d{1,2}:\d{2}\s*[AP]\.?M\.?)\s+(PDT|PST)$/i;

export function parseSpanTime(text: string): ClockTime | undefined {
  const m = SPAN_TIME.exec(text.replace(/\s+/g, " ").trim());
  if (!m) return undefined;
  const clock = parseClock(m[3]!);
  if (!clock) return undefined;
  const zone = m[4]!.toUpperCase() as Zone;
  if (m[1] === undefined) return { ...clock, zone };
  const month = monthNumber(m[1]);
  const day = Number(m[2]);
  if (month === undefined || day < 1 || day > 31) return undefined;
  return { ...clock, zone, month, day };
}

/** A local calendar day on the Pacific clock. */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** The Pacific calendar day an instant falls on, read with the given zone's offset. */
export function pacificDay(ms: number, zone: Zone): LocalDay {
  const d = new Date(ms + PACIFIC_OFFSET_HOURS[zone] * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The day a "Mon D" names, in the year of `near` or the one after it when the month wrapped (an event posted on
 * Dec 31 with an update on "Jan 1").
 */
export function dayNear(near: LocalDay, month: number, day: number): LocalDay {
  const year = month < near.month - 6 ? near.year + 1 : month > near.month + 6 ? near.year - 1 : near.year;
  return { year, month, day };
}

/** The instant of a wall-clock time on a Pacific day, with the zone's fixed offset. */
export function pacificInstant(day: LocalDay, hour: number, minute: number, zone: Zone): number {
  return utcMillis(day.year, day.month, day.day, hour, minute) - PACIFIC_OFFSET_HOURS[zone] * 3_600_000;
}

export function addDays(day: LocalDay, n: number): LocalDay {
  const d = new Date(utcMillis(day.year, day.month, day.day) + n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Real calendar days only: "Feb 30" must not roll over into March. */
export function isRealDay(day: LocalDay): boolean {
  const d = new Date(utcMillis(day.year, day.month, day.day));
  return d.getUTCMonth() + 1 === day.month && d.getUTCDate() === day.day;
}

/**
 * "Between 7:55 AM PDT and 8:05 AM PDT", "Between 4:25 AM to 5:25 AM PST", "between 11:49 PM PDT on Dec 7 and
 * 1:20 AM PDT on Dec 8": the impact window AWS states in an update. The zone may be written once, after the end.
 */
const BETWEEN =
  /\bbetween\s+(?:([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+)?(\d{1,2}:\d{2}\s*[AP]\.?M\.?)(?:\s+(PDT|PST))?(?:\s+on\s+([A-Za-z]{3,9}\.?)\s+(\d{1,2}))?,?\s+(?:and|to|until)\s+(?:([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+)?(\d{1,2}:\d{2}\s*[AP]\.?M\.?)\s+(PDT|PST)(?:\s+on\s+([A-Za-z]{3,9}\.?)\s+(\d{1,2}))?/i;

export interface StatedWindow {
  start: ClockTime;
  end: ClockTime;
}

/** The first "Between X and Y" window in a text, with each end's day when the text names it. */
export function findBetween(text: string): StatedWindow | undefined {
  const m = BETWEEN.exec(text);
  if (!m) return undefined;
  const dayOf = (month?: string, day?: string) => {
    if (month === undefined || day === undefined) return {};
    const n = monthNumber(month);
    return n === undefined ? undefined : { month: n, day: Number(day) };
  };
  const startClock = parseClock(m[3]!);
  const endClock = parseClock(m[9]!);
  const startDay = dayOf(m[1] ?? m[5], m[2] ?? m[6]);
  const endDay = dayOf(m[7] ?? m[11], m[8] ?? m[12]);
  if (!startClock || !endClock || startDay === undefined || endDay === undefined) return undefined;
  const endZone = m[10]!.toUpperCase() as Zone;
  const startZone = (m[4]?.toUpperCase() as Zone | undefined) ?? endZone;
  return { start: { ...startClock, zone: startZone, ...startDay }, end: { ...endClock, zone: endZone, ...endDay } };
}
