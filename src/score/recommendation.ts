import { ratingIndex } from "../schema/common.js";
import type { Recommendation, VendorResult } from "../schema/result.js";

/** What the recommendation needs of a vendor's result: kept for every vendor while the others are scored. */
export interface RecommendationInput {
  id: string;
  rating: VendorResult["rating"];
  priority: VendorResult["priority"];
  score: number;
  /** The first distinct asks of its findings, in their order. */
  asks: string[];
}

export function recommendationInput(v: VendorResult): RecommendationInput {
  return {
    id: v.id,
    rating: v.rating,
    priority: v.priority,
    score: v.score,
    asks: uniqueAsks(v).slice(0, MAX_CONDITIONS),
  };
}

/** How many conditions an action lists: the first asks are the ones that move the rating. */
const MAX_CONDITIONS = 3;

/**
 * Procurement's question: which provider for critical workloads, and on what conditions. The best is the lowest
 * rating, then the lowest priority, then the lowest score (the workspace's order breaks exact ties). It is preferred
 * only when rated Moderate or better. Each provider's action follows from its rating: Low is used as is, Moderate
 * with conditions, High and Critical keep critical workloads off until the conditions are met. The conditions are
 * the asks of its findings, most severe first.
 */
export function recommend(vendors: readonly RecommendationInput[]): Recommendation {
  const ranked = vendors
    .map((v, order) => ({ v, order }))
    .sort(
      (a, b) =>
        ratingIndex(a.v.rating) - ratingIndex(b.v.rating) ||
        ratingIndex(a.v.priority) - ratingIndex(b.v.priority) ||
        a.v.score - b.v.score ||
        a.order - b.order,
    )
    .map(({ v }) => v);
  const best = ranked[0];
  return {
    ranking: ranked.map((v) => v.id),
    preferred: best && ratingIndex(best.rating) <= ratingIndex("moderate") ? best.id : null,
    actions: vendors.map((v) => ({
      vendor: v.id,
      action: v.rating === "low" ? "use" : v.rating === "moderate" ? "use-with-conditions" : "keep-critical-off",
      conditions: v.asks,
    })),
  };
}

function uniqueAsks(v: VendorResult): string[] {
  return [...new Set(v.findings.map((f) => f.ask))];
}
