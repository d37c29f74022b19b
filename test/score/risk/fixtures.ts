import type { VendorModel } from "../../../src/score/risk/model.js";
import { streamKey } from "../../../src/score/risk/prng.js";
import { slaMonths } from "../../../src/score/sla/period.js";
import { AS_OF_END } from "../sla/fixtures.js";

export const MONTHS = slaMonths(AS_OF_END);
export const KEY = streamKey("test-seed");

/** A Gamma shape so large the rate is fixed to 1 part in 10^4: the closed forms need a known rate. */
const FIXED = 1e8;

/**
 * A model with a (near-)fixed yearly rate of counted major outages of a fixed duration (sigma 0), and optionally
 * AI-agent outages at their own fixed rate and duration.
 */
export function fixedModel(rate: number, minutes: number, ai = { rate: 0, minutes: 60 }, sigma = 0): VendorModel {
  return {
    record: {
      shape: rate > 0 ? FIXED : 0,
      rate: rate > 0 ? FIXED / rate : 1,
      duration: { mu: Math.log(minutes), sigma },
    },
    kinds: [{ impact: "major", cause: "unknown", aiAgentInvolved: "no", errorRate: 1 }],
    kindCumulative: Float64Array.of(1),
    aiAgent: {
      shape: ai.rate > 0 ? FIXED : 0,
      rate: ai.rate > 0 ? FIXED / ai.rate : 1,
      duration: { mu: Math.log(ai.minutes), sigma },
    },
    aiAgentPriorRate: ai.rate,
    months: MONTHS,
    recordOutages: 0,
    aiAgentOutages: 0,
  };
}

export const BASIS = { monthlySpend: 100_000, downtimeCostPerHour: 60_000, outageShare: 1 };

export function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function sd(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
