import { describe, expect, it } from "vitest";
import { slaMonths } from "../../../src/score/sla/period.js";

const end = (asOf: string) => Date.parse(`${asOf}T00:00:00Z`) + 86_400_000;

describe("slaMonths", () => {
  it("takes the twelve calendar months complete at the end of the as-of day", () => {
    const months = slaMonths(end("2026-11-01"));
    expect(months.map((m) => m.id)).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
  });

  it("includes the as-of month when the as-of date is its last day", () => {
    expect(slaMonths(end("2026-10-31")).at(-1)?.id).toBe("2026-10");
    expect(slaMonths(end("2026-10-30")).at(-1)?.id).toBe("2026-09");
  });

  it("wraps the year and knows month lengths, leap February included", () => {
    const months = slaMonths(end("2024-03-15"));
    expect(months[0]?.id).toBe("2023-03");
    const feb = months.find((m) => m.id === "2024-02");
    expect(feb?.minutes).toBe(29 * 1440); // 41,760
    expect(months.find((m) => m.id === "2023-04")?.minutes).toBe(30 * 1440); // 43,200
    expect(months.find((m) => m.id === "2023-12")?.minutes).toBe(31 * 1440); // 44,640
  });
});
