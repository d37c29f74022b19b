import { RATINGS, type Rating } from "../schema/common.js";
import type { Result } from "../schema/result.js";
import { FORMATS, type Format } from "../render/documents.js";
import { ratingIndex } from "../score/rating.js";
import { UsageError } from "./run.js";

export function parseFormats(value: string): Format[] {
  const parts = value
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");
  const bad = parts.filter((p) => !(FORMATS as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0)
    throw new UsageError(`--format ${value}: allowed formats are ${FORMATS.join(", ")} (comma-separated)`);
  return FORMATS.filter((f) => parts.includes(f));
}

export function parseRating(value: string, flag: string): Rating {
  const v = value.trim().toLowerCase();
  if (!(RATINGS as readonly string[]).includes(v))
    throw new UsageError(`${flag} ${value}: allowed ratings are ${RATINGS.join(", ")}`);
  return v as Rating;
}

/** Vendors whose rating is at or above the --fail-on threshold. */
export function failing(result: Result, failOn: Rating | undefined): string[] {
  if (!failOn) return [];
  return result.vendors
    .filter((v) => ratingIndex(v.rating) >= ratingIndex(failOn))
    .map((v) => `${v.name} (${v.rating})`);
}
