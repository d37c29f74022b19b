import type { SlaTerms } from "../../schema/sla.js";
import { MAX_MONTH_MINUTES, newSlaMonthFigures, slaMonth, type LossBasis, type OutageSpan } from "../sla/month.js";
import type { RiskAsk } from "./asks.js";
import { AI_AGENT_KIND, type OutageKind, type VendorModel } from "./model.js";
import { poissonInverse, Xoshiro128 } from "./prng.js";
import { OutageTimeline } from "./timeline.js";

/** At most this many outages of each process in one simulated year: bounds the work any record can cause. */
export const MAX_OUTAGES_PER_YEAR = 2000;

/** Each simulated year's figures, one entry per year (index = iteration). */
export interface VendorSimulation {
  loss: Float64Array;
  credits: Float64Array;
  uncovered: Float64Array;
  /** Uncovered loss under each ask, in the order of the asks given. */
  askUncovered: Float64Array[];
  /** Each year's outages, merged, for the portfolio: kept only when asked (the vendor is in a workload). */
  timeline: OutageTimeline | undefined;
}

/**
 * Simulates `iterations` years of one provider and settles each month of each year with slaMonth: the base terms,
 * then every ask on the same outages. Year i draws from its own streams (reseeded from `key` and i), so a year is
 * the same whatever the iteration count, and any change to the model changes only what it must.
 *
 * Per year: rate ~ Gamma posterior, count ~ Poisson by inversion (stream 0 record, 1 AI agent), starts uniform over
 * the year's minutes, durations lognormal (streams 2 and 3), kinds by the record's odds. An outage running past the
 * year's end wraps to its start (the year stands for any year). Outages live in typed arrays and a fixed pool of
 * span objects: the loop allocates nothing per outage.
 */
export function simulateVendor(
  model: VendorModel,
  terms: SlaTerms | undefined,
  basis: LossBasis,
  asks: readonly RiskAsk[],
  iterations: number,
  key: Uint32Array,
  keepTimeline: boolean,
): VendorSimulation {
  const months = model.months;
  const yearStart = months[0]!.start;
  const yearMinutes = (months.at(-1)!.end - yearStart) / 60_000;
  const amended = asks.flatMap((a) => (a.kind === "terms" ? [a] : []));
  const liability = asks.some((a) => a.kind === "liability");
  const capacity = 2 * (2 * MAX_OUTAGES_PER_YEAR) + 2;
  const start = new Float64Array(capacity);
  const end = new Float64Array(capacity);
  const kind = new Int32Array(capacity);
  const order = new Int32Array(capacity);
  const kinds: OutageKind[] = [...model.kinds, AI_AGENT_KIND];
  const aiIndex = model.kinds.length;
  const pool: OutageSpan[] = Array.from({ length: capacity }, () => ({
    start: 0,
    end: 0,
    impact: "major",
    cause: "unknown",
    aiAgentInvolved: "no",
    errorRate: 1,
  }));
  const monthSpans: OutageSpan[] = [];
  const agentSpans: OutageSpan[] = [];
  const fig = newSlaMonthFigures();
  const varCredits = new Float64Array(amended.length + 1);
  const varUncovered = new Float64Array(amended.length + 1);
  const base = newSlaMonthFigures();

  const out: VendorSimulation = {
    loss: new Float64Array(iterations),
    credits: new Float64Array(iterations),
    uncovered: new Float64Array(iterations),
    askUncovered: asks.map(() => new Float64Array(iterations)),
    timeline: keepTimeline ? new OutageTimeline(iterations) : undefined,
  };
  const rng = new Xoshiro128("");
  const rec = model.record;
  const ai = model.aiAgent;

  let count = 0;
  const add = (s: number, minutes: number, k: number) => {
    const e = s + minutes;
    if (e <= yearMinutes) {
      start[count] = s;
      end[count] = e;
      kind[count++] = k;
    } else {
      start[count] = s;
      end[count] = yearMinutes;
      kind[count++] = k;
      start[count] = 0;
      end[count] = e - yearMinutes;
      kind[count++] = k;
    }
  };

  for (let it = 0; it < iterations; it++) {
    rng.reseed(key, it, 0);
    const lambda = rec.shape > 0 ? rng.gamma(rec.shape) / rec.rate : 0;
    const nRec = Math.min(MAX_OUTAGES_PER_YEAR, poissonInverse(lambda, rng.uniform()));
    rng.reseed(key, it, 1);
    const lambdaAi = ai.shape > 0 ? rng.gamma(ai.shape) / ai.rate : 0;
    const nAi = Math.min(MAX_OUTAGES_PER_YEAR, poissonInverse(lambdaAi, rng.uniform()));

    count = 0;
    rng.reseed(key, it, 2);
    for (let j = 0; j < nRec; j++) {
      const s = Math.floor(rng.uniform() * yearMinutes);
      const d = duration(rec.duration.mu + rec.duration.sigma * rng.normal());
      const u = rng.uniform();
      let k = 0;
      while (model.kindCumulative[k]! <= u && k < aiIndex - 1) k++;
      add(s, d, k);
    }
    rng.reseed(key, it, 3);
    for (let j = 0; j < nAi; j++) {
      const s = Math.floor(rng.uniform() * yearMinutes);
      add(s, duration(ai.duration.mu + ai.duration.sigma * rng.normal()), aiIndex);
    }

    // Insertion sort of indices by start: a year holds a handful of outages.
    for (let j = 0; j < count; j++) {
      let p = j;
      while (p > 0 && start[order[p - 1]!]! > start[j]!) {
        order[p] = order[p - 1]!;
        p--;
      }
      order[p] = j;
    }
    for (let j = 0; j < count; j++) {
      const o = order[j]!;
      const span = pool[j]!;
      const k = kinds[kind[o]!]!;
      span.start = yearStart + start[o]! * 60_000;
      span.end = yearStart + end[o]! * 60_000;
      span.impact = k.impact;
      span.cause = k.cause;
      span.aiAgentInvolved = k.aiAgentInvolved;
      span.errorRate = k.errorRate;
    }

    let loss = 0;
    let agentLoss = 0;
    let damages = 0;
    varCredits.fill(0);
    varUncovered.fill(0);
    for (const month of months) {
      monthSpans.length = 0;
      agentSpans.length = 0;
      for (let j = 0; j < count; j++) {
        const span = pool[j]!;
        if (span.start >= month.end || span.end <= month.start) continue;
        monthSpans.push(span);
        if (liability && span.cause === "ai-agent") agentSpans.push(span);
      }
      // A month without outages loses nothing and earns nothing under any terms: no call needed.
      if (monthSpans.length === 0) continue;
      slaMonth(monthSpans, month, terms, basis, base);
      loss += base.loss;
      if (terms && !base.meetsCommitment) damages += base.slaDowntimeMinutes / 60;
      varCredits[0]! += base.creditAmount;
      varUncovered[0]! += base.uncovered;
      for (let v = 1; v <= amended.length; v++) {
        const a = amended[v - 1]!;
        const f = a.mayChange(monthSpans, base) ? slaMonth(monthSpans, month, a.terms, basis, fig) : base;
        varCredits[v]! += f.creditAmount;
        varUncovered[v]! += f.uncovered;
      }
      if (agentSpans.length > 0) agentLoss += slaMonth(agentSpans, month, undefined, basis, fig).loss;
    }
    out.loss[it] = loss;
    out.credits[it] = varCredits[0]!;
    out.uncovered[it] = varUncovered[0]!;
    let v = 1;
    for (let a = 0; a < asks.length; a++) {
      const ask = asks[a]!;
      const base = varUncovered[0]!;
      out.askUncovered[a]![it] =
        ask.kind === "terms"
          ? varUncovered[v++]!
          : ask.kind === "liability"
            ? Math.max(0, base - Math.min(ask.cap, agentLoss))
            : Math.max(0, base - Math.min(ask.cap, damages * ask.perHour));
    }
    out.timeline?.addYear(start, end, order, count);
  }
  return out;
}

/** A drawn duration in whole minutes, at least one and at most a month (a longer outage is a different risk). */
function duration(logMinutes: number): number {
  const d = Math.round(Math.exp(logMinutes));
  return d < 1 ? 1 : d > MAX_MONTH_MINUTES ? MAX_MONTH_MINUTES : d;
}
