import { DateTime } from "luxon";
import { checkedInstant, fractionMillis, parseInstant, type InstantResult, type Rounding } from "./instant.js";

/**
 * Timestamps of incident logs, which often carry no offset ("2026-03-05 14:22"). They are read in the time zone the
 * mapping file names (Luxon and the IANA database do the arithmetic), and two wall-clock times are refused rather
 * than guessed: one that does not exist (skipped when the clocks went forward) and one that exists twice (when
 * they went back), since either reading can move an outage by an hour.
 */

export interface TimeReading {
  /** IANA zone for timestamps without an offset; undefined: such timestamps are refused. */
  timezone: string | undefined;
  /** Luxon format; undefined: ISO 8601. */
  format: string | undefined;
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;

export function readLogTime(value: string, how: TimeReading, rounding: Rounding): InstantResult {
  const text = value.trim();
  if (how.format !== undefined) return fromFormat(text, how);
  if (HAS_OFFSET.test(text)) return parseInstant(text.replace(" ", "T"), rounding);
  const m = ISO_LOCAL.exec(text);
  if (!m)
    return { ok: false, problem: "is not an ISO 8601 timestamp (e.g. 2026-03-05T14:22:00, with or without offset)" };
  if (how.timezone === undefined)
    return { ok: false, problem: "has no UTC offset and the mapping file names no timezone" };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? 0);
  return zoned({ year, month, day, hour, minute, second }, fractionMillis(m[7] ?? "", rounding), how.timezone);
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zoned(wall: Wall, millis: number, zone: string): InstantResult {
  const dt = DateTime.fromObject(wall, { zone });
  if (!dt.isValid) return { ok: false, problem: "is not a valid date and time" };
  if (
    dt.year !== wall.year ||
    dt.month !== wall.month ||
    dt.day !== wall.day ||
    dt.hour !== wall.hour ||
    dt.minute !== wall.minute
  )
    return { ok: false, problem: `does not exist in ${zone} (the clocks went forward over it)` };
  if (dt.getPossibleOffsets().length > 1)
    return {
      ok: false,
      problem: `happened twice in ${zone} (the clocks went back over it): write it with its offset`,
    };
  return checkedInstant(dt.toMillis() + millis);
}

/** Luxon reads whole milliseconds ("SSS"): there is nothing finer to round. */
function fromFormat(text: string, how: TimeReading): InstantResult {
  const format = how.format!;
  const withOffset = /(^|[^'])Z/.test(format);
  const parsed = DateTime.fromFormat(text, format, { zone: "UTC", setZone: withOffset });
  if (!parsed.isValid) return { ok: false, problem: `does not match the timeFormat "${format}"` };
  if (withOffset) return checkedInstant(parsed.toMillis());
  if (how.timezone === undefined)
    return { ok: false, problem: "has no UTC offset and the mapping file names no timezone" };
  const { year, month, day, hour, minute, second, millisecond } = parsed;
  return zoned({ year, month, day, hour, minute, second }, millisecond, how.timezone);
}
