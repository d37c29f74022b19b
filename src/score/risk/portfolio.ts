import type { Portfolio } from "../../schema/result-risk.js";
import type { Workload } from "../../schema/risk-settings.js";
import { roundTo } from "../round.js";
import { cents } from "../sla/credits.js";
import { streamKey, Xoshiro128 } from "./prng.js";
import type { VendorSimulation } from "./simulate.js";
import { distribution, exceedance, quantile } from "./stats.js";
import type { OutageTimeline } from "./timeline.js";

/**
 * The workloads simulated jointly, year by year, on the providers' own simulated years (the same years their
 * vendors[].risk figures come from). A workload is down while its primary is down, except where failover covers
 * it: active-passive after `failoverMinutes` and active-active at once, unless every other provider is down at the
 * same minute, or the outage is a common-cause one (a share of the primary's outages takes the others down too).
 * Its loss is the downtime at its cost per hour, less its primary's SLA credits for that year (shared among the
 * workloads on that primary in proportion to their loss), never below zero. The portfolio is the sum.
 */
export function simulatePortfolio(
  workloads: readonly (Workload & { costPerHour: number })[],
  years: ReadonlyMap<string, VendorSimulation>,
  iterations: number,
  seed: string,
): NonNullable<Portfolio> {
  const perWorkload = workloads.map(() => new Float64Array(iterations));
  const lossW = new Float64Array(workloads.length);
  const total = new Float64Array(iterations);
  const rng = new Xoshiro128("");
  const keys = workloads.map((w) => streamKey(`${seed}\0workload\0${w.id}`));
  const primaries = [...new Set(workloads.map((w) => w.providers[0]!))];
  const lines = workloads.map((w) => w.providers.map((p) => years.get(p)!.timeline!));

  for (let it = 0; it < iterations; it++) {
    for (let w = 0; w < workloads.length; w++) {
      const wl = workloads[w]!;
      rng.reseed(keys[w]!, it, 0);
      lossW[w] = cents((downMinutes(wl, lines[w]!, it, rng) / 60) * wl.costPerHour);
    }
    for (const p of primaries) {
      let sum = 0;
      for (let w = 0; w < workloads.length; w++) if (workloads[w]!.providers[0] === p) sum += lossW[w]!;
      const credits = years.get(p)!.credits[it]!;
      for (let w = 0; w < workloads.length; w++) {
        if (workloads[w]!.providers[0] !== p) continue;
        const share = sum > 0 ? (credits * lossW[w]!) / sum : 0;
        perWorkload[w]![it] = cents(Math.max(0, lossW[w]! - share));
        total[it]! += perWorkload[w]![it]!;
      }
    }
  }

  // Concentration: each primary's share of the loss in the years at or above the portfolio's P95.
  const p95 = quantile(Float64Array.from(total).sort(), 0.95);
  let tail = 0;
  const byPrimary = new Map(primaries.map((p) => [p, 0]));
  for (let it = 0; it < iterations; it++) {
    if (total[it]! < p95) continue;
    tail += total[it]!;
    workloads.forEach((wl, w) =>
      byPrimary.set(wl.providers[0]!, byPrimary.get(wl.providers[0]!)! + perWorkload[w]![it]!),
    );
  }
  const providers = [...new Set(workloads.flatMap((w) => w.providers))].map((id) => ({
    id,
    p95Share: tail > 0 ? roundTo((byPrimary.get(id) ?? 0) / tail, 4) : 0,
  }));
  return {
    iterations,
    seed,
    annualUncovered: distribution(total),
    exceedance: exceedance(total),
    providers,
    workloads: workloads.map((w, i) => ({
      id: w.id,
      name: w.name,
      providers: w.providers,
      failover: w.failover,
      annualUncovered: distribution(perWorkload[i]!),
    })),
  };
}

/** Minutes the workload is down in year `it`. */
function downMinutes(wl: Workload, lines: readonly OutageTimeline[], it: number, rng: Xoshiro128): number {
  const primary = lines[0]!;
  const wait =
    wl.failover === "active-passive" ? (wl.failoverMinutes ?? 0) : wl.failover === "active-active" ? 0 : Infinity;
  let down = 0;
  for (let k = primary.offsets[it]!; k < primary.offsets[it + 1]!; k++) {
    const a = primary.from[k]!;
    const b = primary.to[k]!;
    // One draw per outage, whether or not it is needed, so a workload's draws never depend on its failover.
    const common = rng.uniform() < wl.commonCauseShare;
    if (common || wait === Infinity || lines.length < 2) {
      down += b - a;
      continue;
    }
    const switched = Math.min(b, a + wait);
    down += switched - a + allDown(lines, 1, it, switched, b);
  }
  return down;
}

/** Minutes within [x, y) in which every timeline from index `i` on is down in year `it`. */
function allDown(lines: readonly OutageTimeline[], i: number, it: number, x: number, y: number): number {
  if (y <= x) return 0;
  if (i === lines.length) return y - x;
  const t = lines[i]!;
  let sum = 0;
  for (let k = t.offsets[it]!; k < t.offsets[it + 1]!; k++) {
    const a = Math.max(x, t.from[k]!);
    const b = Math.min(y, t.to[k]!);
    if (b > a) sum += allDown(lines, i + 1, it, a, b);
  }
  return sum;
}
