import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, ratingFor, ratingIndex, worstRating } from "../../src/score/rating.js";

describe("ratingFor", () => {
  it("publishes 25 / 50 / 75 as default thresholds", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ moderate: 25, high: 50, critical: 75 });
  });

  it.each([
    [0, "low"],
    [24.9, "low"],
    [25, "moderate"], // equal to a threshold: the higher band
    [49.9, "moderate"],
    [50, "high"],
    [74.99, "high"],
    [75, "critical"],
    [100, "critical"],
  ] as const)("score %d with default thresholds is %s", (score, expected) => {
    expect(ratingFor(score, DEFAULT_THRESHOLDS)).toBe(expected);
  });

  it.each([
    [9.9, "low"],
    [10, "moderate"],
    [20, "high"],
    [29.9, "high"],
    [30, "critical"],
  ] as const)("score %d with thresholds 10/20/30 is %s", (score, expected) => {
    expect(ratingFor(score, { moderate: 10, high: 20, critical: 30 })).toBe(expected);
  });
});

describe("worstRating and ratingIndex", () => {
  it("orders low < moderate < high < critical", () => {
    expect([ratingIndex("low"), ratingIndex("moderate"), ratingIndex("high"), ratingIndex("critical")]).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it("picks the worst of several ratings, whatever their order", () => {
    expect(worstRating("moderate", "critical", "low")).toBe("critical");
    expect(worstRating("high", "moderate")).toBe("high");
    expect(worstRating("moderate", "low")).toBe("moderate");
  });

  it("is low when given nothing", () => {
    expect(worstRating()).toBe("low");
  });
});
