import { describe, expect, it } from "vitest";
import { formatUtc, parseEpoch, parseInstant } from "../../src/import/instant.js";

const utc = (value: string) => {
  const r = parseInstant(value);
  return r.ok ? r.utc : `error: ${r.problem}`;
};

describe("parseInstant", () => {
  it("normalises every offset to UTC, across day, month and year boundaries", () => {
    expect(utc("2026-03-31T22:30:00-07:00")).toBe("2026-04-01T05:30:00Z");
    expect(utc("2026-02-14T09:15:00+05:30")).toBe("2026-02-14T03:45:00Z");
    expect(utc("2026-01-01T03:00:00+05:30")).toBe("2025-12-31T21:30:00Z");
    expect(utc("2026-03-28T01:00:00.000-07:00")).toBe("2026-03-28T08:00:00Z");
    expect(utc("2026-04-01T00:02:35+00:00")).toBe("2026-04-01T00:02:35Z");
    expect(utc("2026-01-07T16:20:00.000Z")).toBe("2026-01-07T16:20:00Z");
    expect(utc("2026-02-28T23:00:00-02:00")).toBe("2026-03-01T01:00:00Z");
    expect(utc("2028-02-28T23:00:00-02:00")).toBe("2028-02-29T01:00:00Z");
  });

  it("keeps milliseconds, rounds finer fractions down (a start) or up (an end), accepts minutes without seconds", () => {
    expect(utc("2026-04-01T01:15:27.902-07:00")).toBe("2026-04-01T08:15:27.902Z");
    expect(utc("2026-04-01T10:04:00.4Z")).toBe("2026-04-01T10:04:00.400Z");
    expect(utc("2026-04-01T01:15:27.999999Z")).toBe("2026-04-01T01:15:27.999Z");
    expect(utc("2026-04-01T01:15:27.000Z")).toBe("2026-04-01T01:15:27Z");
    const ceil = (v: string) => {
      const r = parseInstant(v, "ceil");
      return r.ok ? r.utc : r.problem;
    };
    expect(ceil("2026-04-01T10:04:00.0001Z")).toBe("2026-04-01T10:04:00.001Z");
    expect(ceil("2026-04-01T10:04:00.9990001Z")).toBe("2026-04-01T10:04:01Z");
    expect(ceil("2026-04-01T10:04:00.123000Z")).toBe("2026-04-01T10:04:00.123Z");
    expect(ceil("2026-12-31T23:59:59.9999Z")).toBe("2027-01-01T00:00:00Z");
    expect(utc("2026-04-01T01:15Z")).toBe("2026-04-01T01:15:00Z");
    const r = parseInstant("2026-04-01T01:15:27.902-07:00");
    expect(r.ok && r.ms).toBe(Date.UTC(2026, 3, 1, 8, 15, 27, 902));
  });

  it("refuses a timestamp without an offset, naming that as the problem", () => {
    expect(utc("2026-01-20T14:00:00")).toBe("error: has no UTC offset (Z or ±hh:mm)");
    expect(utc("2026-01-20 14:00:00")).toBe("error: has no UTC offset (Z or ±hh:mm)");
    expect(utc("2026-01-20T14:00")).toBe("error: has no UTC offset (Z or ±hh:mm)");
  });

  it("refuses what is not an RFC 3339 instant", () => {
    for (const bad of [
      "yesterday",
      "2026-01-20",
      "1768917600",
      "2026-01-20T14:00:00+0100",
      "2026-01-20T14:00:00 Z",
      "Tue, 20 Jan 2026 14:00:00 GMT",
    ]) {
      expect(utc(bad)).toBe("error: is not an ISO 8601 timestamp with a Z or ±hh:mm offset");
    }
  });

  it("refuses impossible dates and offsets", () => {
    expect(utc("2026-02-29T10:00:00Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-13-01T10:00:00Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-04-31T10:00:00Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-04-01T24:00:00Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-04-01T10:60:00Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-04-01T10:00:60Z")).toBe("error: is not a valid date and time");
    expect(utc("2026-04-01T10:00:00+24:00")).toBe("error: has an invalid UTC offset");
    expect(utc("9999-12-31T23:00:00-05:00")).toBe("error: is outside the years 0000 to 9999 in UTC");
  });

  it("formats epoch milliseconds as UTC, with .mmm only when there are milliseconds", () => {
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe("2026-01-02T03:04:05.678Z");
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5, 0))).toBe("2026-01-02T03:04:05Z");
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5, 40))).toBe("2026-01-02T03:04:05.040Z");
  });
});

describe("parseEpoch", () => {
  const epoch = (v: unknown, unit: "s" | "ms" = "s", rounding: "floor" | "ceil" = "floor") => {
    const r = parseEpoch(v, unit, rounding);
    return r.ok ? r.utc : `error: ${r.problem}`;
  };

  it("reads seconds as a string or a number, exactly, fractions included", () => {
    expect(epoch("1772369485")).toBe("2026-03-01T12:51:25Z");
    expect(epoch(1772369485)).toBe("2026-03-01T12:51:25Z");
    // Read as decimal text, not through floating point (1587462325.096 * 1000 is not 1587462325096).
    expect(epoch("1587462325.096")).toBe("2020-04-21T09:45:25.096Z");
    expect(epoch(1587462325.096)).toBe("2020-04-21T09:45:25.096Z");
    expect(epoch("1587462325.0961", "s", "ceil")).toBe("2020-04-21T09:45:25.097Z");
    expect(epoch("1772369485123", "ms")).toBe("2026-03-01T12:51:25.123Z");
  });

  it("refuses what is not an epoch", () => {
    expect(epoch("")).toBe("error: is not an epoch timestamp (digits, optionally with a fraction)");
    expect(epoch("-5")).toBe("error: is not an epoch timestamp (digits, optionally with a fraction)");
    expect(epoch("1e9")).toBe("error: is not an epoch timestamp (digits, optionally with a fraction)");
    expect(epoch(1e25)).toBe("error: is not an epoch timestamp (digits, optionally with a fraction)");
    expect(epoch(null)).toBe("error: is not an epoch timestamp");
    expect(epoch("999999999999999")).toBe("error: is outside the years 0000 to 9999 in UTC");
  });
});
