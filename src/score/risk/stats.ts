import { cents } from "../sla/credits.js";

/** Mean and percentiles of a simulated figure, each with its Monte Carlo standard error. */
export interface Distribution {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  standardError: { mean: number; p50: number; p90: number; p95: number; p99: number };
}

const LEVELS = [0.5, 0.9, 0.95, 0.99] as const;

/** Exceedance probabilities the curve is drawn at: 1 in 2 years down to 1 in 1,000 (as far as the years allow). */
export const EXCEEDANCE_PROBABILITIES = [0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001] as const;

/**
 * Percentiles by linear interpolation between order statistics (NumPy's default, "type 7"). The standard error of
 * a percentile is distribution-free: half the distance between the order statistics one binomial standard
 * deviation either side of its rank (the 68% interval of the quantile). The mean's is sd / sqrt(n).
 */
export function distribution(values: Float64Array): Distribution {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) * (sorted[i]! - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const [p50, p90, p95, p99] = LEVELS.map((p) => quantile(sorted, p)) as [number, number, number, number];
  const [e50, e90, e95, e99] = LEVELS.map((p) => quantileError(sorted, p)) as [number, number, number, number];
  return {
    mean: cents(mean),
    p50: cents(p50),
    p90: cents(p90),
    p95: cents(p95),
    p99: cents(p99),
    standardError: {
      mean: cents(sd / Math.sqrt(n)),
      p50: cents(e50),
      p90: cents(e90),
      p95: cents(e95),
      p99: cents(e99),
    },
  };
}

/** The value exceeded with probability p, for each p the years can resolve (at least 10 years beyond it). */
export function exceedance(sortedOrValues: Float64Array, sorted = false): { probability: number; amount: number }[] {
  const s = sorted ? sortedOrValues : Float64Array.from(sortedOrValues).sort();
  return EXCEEDANCE_PROBABILITIES.filter((p) => p * s.length >= 10).map((p) => ({
    probability: p,
    amount: cents(quantile(s, 1 - p)),
  }));
}

export function quantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function quantileError(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const spread = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - spread));
  const hi = Math.min(n - 1, Math.ceil(n * p + spread));
  return (sorted[hi]! - sorted[lo]!) / 2;
}
