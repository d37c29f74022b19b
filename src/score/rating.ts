import { ratingIndex, type Rating } from "../schema/common.js";
import type { Thresholds } from "../schema/workspace.js";

export const DEFAULT_THRESHOLDS: Thresholds = { moderate: 25, high: 50, critical: 75 };

export { ratingIndex };

/** The band a 0-100 score falls in; a score equal to a threshold belongs to the higher band. */
export function ratingFor(score: number, t: Thresholds): Rating {
  if (score >= t.critical) return "critical";
  if (score >= t.high) return "high";
  if (score >= t.moderate) return "moderate";
  return "low";
}

export function worstRating(...ratings: Rating[]): Rating {
  return ratings.reduce<Rating>((a, b) => (ratingIndex(b) > ratingIndex(a) ? b : a), "low");
}
