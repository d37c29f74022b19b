import { describe, expect, it } from "vitest";
import type { Rating } from "../../src/schema/common.js";
import type { VendorResult } from "../../src/schema/result.js";
import { recommend, recommendationInput, type RecommendationInput } from "../../src/score/recommendation.js";

/** A vendor result reduced to what the recommendation reads, through the same function scoring uses. */
function vendor(id: string, rating: Rating, priority: Rating, score: number, asks: string[] = []): RecommendationInput {
  return recommendationInput({
    id,
    rating,
    priority,
    score,
    findings: asks.map((ask) => ({ ask })),
  } as unknown as VendorResult);
}

describe("recommend", () => {
  it("ranks by rating, then priority, then score, then the workspace's order", () => {
    const r = recommend([
      vendor("d", "high", "low", 1),
      vendor("c", "moderate", "high", 10),
      vendor("b", "moderate", "moderate", 40),
      vendor("a", "moderate", "moderate", 30),
      vendor("e", "moderate", "moderate", 30),
    ]);
    expect(r.ranking).toEqual(["a", "e", "b", "c", "d"]);
    expect(r.preferred).toBe("a");
  });

  it("prefers nobody when the best is rated High or worse", () => {
    expect(recommend([vendor("x", "high", "high", 60), vendor("y", "critical", "critical", 90)]).preferred).toBeNull();
    expect(recommend([]).preferred).toBeNull();
  });

  it("acts by rating: Low use, Moderate use with conditions, High and Critical keep critical workloads off", () => {
    const r = recommend([
      vendor("l", "low", "low", 5),
      vendor("m", "moderate", "moderate", 30),
      vendor("h", "high", "high", 60),
      vendor("c", "critical", "critical", 90),
    ]);
    expect(r.actions.map((a) => [a.vendor, a.action])).toEqual([
      ["l", "use"],
      ["m", "use-with-conditions"],
      ["h", "keep-critical-off"],
      ["c", "keep-critical-off"],
    ]);
  });

  it("lists as conditions the first three distinct asks, in the order of the findings", () => {
    const r = recommend([vendor("h", "high", "high", 60, ["fix A", "fix B", "fix A", "fix C", "fix D"])]);
    expect(r.actions[0]?.conditions).toEqual(["fix A", "fix B", "fix C"]);
  });
});
