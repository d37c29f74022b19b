import type { OutageSpan } from "./month.js";

/** What caution assumes of an incident's error rate where the record gives none (docs/sla-method.md). */
export interface SlaAssumptions {
  /** Share of requests failing during a degraded (minor) incident, 0..1. */
  degradedErrorRate: number;
}

/**
 * No provider publishes how many requests fail during a "degraded" incident, and status pages do not say; 10% is
 * caution's stated assumption, which the buyer sets in caution.yaml (slaAssumptions.degradedErrorRate) from their
 * own logs.
 */
export const DEFAULT_SLA_ASSUMPTIONS: SlaAssumptions = { degradedErrorRate: 0.1 };

/**
 * An incident's impact as an error rate: a major or critical incident is an outage (every request fails); a minor
 * one is degradation at the assumed rate; anything else fails nothing.
 */
export function impactErrorRate(impact: OutageSpan["impact"], assumptions: SlaAssumptions): number {
  if (impact === "major" || impact === "critical") return 1;
  if (impact === "minor") return assumptions.degradedErrorRate;
  return 0;
}
