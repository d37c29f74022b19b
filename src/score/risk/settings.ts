import type { RiskSettings } from "../../schema/risk-settings.js";

/** Every assumption of the risk simulation, resolved: caution.yaml's `risk:` block over these defaults. */
export type ResolvedRiskSettings = Required<Omit<RiskSettings, "seed" | "iterations">> & { iterations: number };

/**
 * Default simulated years per provider. Measured on the demo workspace (docs/risk-model.md): at 20,000 years the
 * P95 uncovered loss moves by under 1% between seeds (its standard error is ~0.5-0.8%); 10,000 gives ~1.2%.
 */
export const DEFAULT_ITERATIONS = 20_000;

/**
 * The defaults, each a stated assumption (docs/risk-model.md says why each value):
 * - 2 affecting outages a year, weighed as one year of record: a provider with an empty record is simulated at
 *   about one outage a year, not none; one with a busy year at about its own rate.
 * - outages last a median 60 minutes with lognormal sigma 1.2 (P90 ~4.7 h), weighed as 3 outages;
 * - AI-agent-caused outages: 0.1 a year at a provider scoring 50, doubling every 25 score points (0.025 at score 0,
 *   0.4 at 100), x1.5 per gate fired (at most three); a median 6 hours (the December 2025 case lasted ~13 h),
 *   sigma 0.8;
 * - the asks ask for a 100% credit cap, a liability cap of 12 months' fees (what the large providers' general terms
 *   cap direct damages at) and liquidated damages of 5% of the monthly fee per hour of SLA downtime in a month
 *   below the commitment.
 */
export const DEFAULT_RISK_SETTINGS: ResolvedRiskSettings = {
  iterations: DEFAULT_ITERATIONS,
  outagesPerYear: 2,
  priorYears: 1,
  medianOutageMinutes: 60,
  durationSpread: 1.2,
  priorOutages: 3,
  aiAgentOutagesPerYear: 0.1,
  aiAgentScoreDoubling: 25,
  aiAgentGateFactor: 1.5,
  aiAgentMedianMinutes: 360,
  aiAgentDurationSpread: 0.8,
  askCreditCapPercent: 100,
  askLiabilityCapMonths: 12,
  askLiquidatedDamagesPerHour: 0.05,
};

/** Gates past the third add nothing to the AI-agent rate: they mostly restate the same weak controls. */
export const MAX_GATES_COUNTED = 3;

/** The AI-agent rate prior's shape: its coefficient of variation is 1/sqrt(2), ~71%, whatever the mean. */
export const AI_PRIOR_SHAPE = 2;

/**
 * Without --iterations or risk.iterations, a run simulates at most this many provider-years: a workspace of
 * thousands of vendors gets fewer years each (never under MIN_AUTO_ITERATIONS), so `score` stays linear in the
 * vendor count and within minutes. Each vendor's `iterations` and standard errors say what was used.
 */
export const DEFAULT_YEAR_BUDGET = 1_000_000;
export const MIN_AUTO_ITERATIONS = 500;

export function resolveRiskSettings(
  ws: RiskSettings | undefined,
  iterations?: number,
  vendorCount = 1,
): ResolvedRiskSettings {
  const out: ResolvedRiskSettings = { ...DEFAULT_RISK_SETTINGS };
  out.iterations = Math.max(
    MIN_AUTO_ITERATIONS,
    Math.min(DEFAULT_ITERATIONS, Math.floor(DEFAULT_YEAR_BUDGET / Math.max(1, vendorCount))),
  );
  for (const [k, v] of Object.entries(ws ?? {}))
    if (v !== undefined && k !== "seed") (out as Record<string, unknown>)[k] = v;
  if (iterations !== undefined) out.iterations = iterations;
  return out;
}

/**
 * The AI-agent-caused outage rate the mapping assumes for a provider: an assumption, not a measurement (no public
 * data ties questionnaire scores to outage rates). Monotone: a worse score or one more gate never lowers it.
 */
export function aiAgentRate(score: number, gatesFired: number, s: ResolvedRiskSettings): number {
  const gates = Math.min(MAX_GATES_COUNTED, gatesFired);
  return (
    s.aiAgentOutagesPerYear * Math.pow(2, (score - 50) / s.aiAgentScoreDoubling) * Math.pow(s.aiAgentGateFactor, gates)
  );
}
