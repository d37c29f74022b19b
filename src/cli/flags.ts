import { RATINGS, ratingIndex, SLUG_PATTERN, type Rating } from "../schema/common.js";
import type { Result } from "../schema/result.js";
import { FORMATS, KINDS, PAPERS, type Format, type Kind, type Paper } from "../schema/documents.js";
import { EXIT } from "../run/exit-codes.js";
import { UsageError } from "../run/errors.js";
import type { Run } from "../run/run.js";

/** Flag values shared by several commands, parsed once each: a wrong value is a UsageError (exit 2). */

/** "a, b" -> the allowed values listed, in their canonical order, or a UsageError naming the flag. */
function list<T extends string>(flag: string, value: string, allowed: readonly T[], extra?: string): T[] {
  const parts = value
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");
  const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0)
    throw new UsageError(`${flag} ${value}: allowed ${extra ?? "values"} are ${allowed.join(", ")} (comma-separated)`);
  return allowed.filter((a) => parts.includes(a));
}

export function parseFormats(value: string): Format[] {
  return list("--format", value, FORMATS, "formats");
}

export function parseKinds(value: string): Kind[] {
  const parts = value.split(",").map((p) => p.trim().toLowerCase());
  if (parts.includes("all")) return [...KINDS];
  const bad = parts.filter((p) => p !== "" && !(KINDS as readonly string[]).includes(p));
  if (bad.length > 0 || parts.every((p) => p === ""))
    throw new UsageError(`--kind ${value}: allowed kinds are ${KINDS.join(", ")} or all (comma-separated)`);
  return KINDS.filter((k) => parts.includes(k));
}

export function parsePaper(value: string): Paper {
  const v = value.trim().toLowerCase();
  if (!(PAPERS as readonly string[]).includes(v))
    throw new UsageError(`--paper ${value}: allowed sizes are ${PAPERS.join(", ")}`);
  return v as Paper;
}

export function parseRating(value: string, flag: string): Rating {
  const v = value.trim().toLowerCase();
  if (!(RATINGS as readonly string[]).includes(v))
    throw new UsageError(`${flag} ${value}: allowed ratings are ${RATINGS.join(", ")}`);
  return v as Rating;
}

/** A vendor id as caution.yaml lists it: the same slug rule as the schema. */
export function parseVendorId(value: string | undefined, flag = "--vendor"): string {
  const v = value ?? "";
  if (!SLUG_PATTERN.test(v))
    throw new UsageError(
      `${flag} ${v}: must be a lower-case slug (a-z, 0-9, -), at most 63 characters, as in caution.yaml`,
    );
  return v;
}

type Rated = Pick<Result["vendors"][number], "name" | "rating">;

/** Vendors whose rating is at or above the --fail-on threshold. */
export function failing(vendors: readonly Rated[], failOn: Rating | undefined): string[] {
  if (!failOn) return [];
  return vendors.filter((v) => ratingIndex(v.rating) >= ratingIndex(failOn)).map((v) => `${v.name} (${v.rating})`);
}

/**
 * The exit code --fail-on (or the workspace's `failOn`) asks for: 1, with the vendors named on stderr, when any
 * vendor is rated at the threshold or worse; else 0.
 */
export function failOnExit(
  run: Pick<Run, "stderr">,
  result: { workspace: Pick<Result["workspace"], "failOn">; vendors: readonly Rated[] },
  flag: Rating | undefined,
): number {
  const threshold = flag ?? result.workspace.failOn ?? undefined;
  const failed = failing(result.vendors, threshold);
  if (failed.length === 0) return EXIT.ok;
  run.stderr(`caution: --fail-on ${threshold} reached by ${failed.join(", ")}\n`);
  return EXIT.failOn;
}

/**
 * `--shard <i>/<n>`: the share of the documents this run prints, i from 0 to n-1 (a Kubernetes Indexed Job's
 * JOB_COMPLETION_INDEX, a GitHub Actions matrix value).
 */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new UsageError(
      `--shard ${value}: give <i>/<n> with n shares and i counted from 0, e.g. 0/4 to 3/4${m && count >= 1 ? ` (${index} is not below ${count})` : ""}`,
    );
  return { index, count };
}

/** The most simulated years a run may ask for: a million years of one provider is already minutes of work. */
export const MAX_ITERATIONS = 1_000_000;

/** `--iterations N`: simulated years per provider, a whole number from 1,000 to 1,000,000. */
export function parseIterations(value: string): number {
  const n = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1000 && n <= MAX_ITERATIONS))
    throw new UsageError(
      `--iterations ${value}: give a whole number of simulated years from 1000 to ${MAX_ITERATIONS} (default 20000)`,
    );
  return n;
}

/** `--seed <text>`: any short text; the same seed with the same inputs gives the same figures. */
export function parseSeed(value: string): string {
  const v = value.trim();
  if (v === "" || v.length > 100 || [...v].some((c) => c.charCodeAt(0) < 32))
    throw new UsageError(`--seed: give 1 to 100 printable characters, e.g. --seed 42`);
  return v;
}

/** The risk simulation's flags, parsed: what scoring takes as ScoreOptions.risk. */
export function riskFlags(opts: { seed?: string; iterations?: string }): { seed?: string; iterations?: number } {
  return {
    ...(opts.seed === undefined ? {} : { seed: parseSeed(opts.seed) }),
    ...(opts.iterations === undefined ? {} : { iterations: parseIterations(opts.iterations) }),
  };
}

/** `--format <one>` of a command that prints one format: trimmed, lower-case, one of `allowed`. */
export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  const v = (value ?? "").trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--format ${value ?? ""}: allowed formats are ${allowed.join(", ")}`);
  return v as T;
}
