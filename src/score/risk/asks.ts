import type { SlaTerms } from "../../schema/sla.js";
import type { LossBasis, OutageSpan, SlaMonthFigures } from "../sla/month.js";
import type { ResolvedRiskSettings } from "./settings.js";

/**
 * One contract ask the simulation prices: amended SLA terms settled by slaMonth on the same simulated outages, or
 * a remedy outside the credits (a liability cap, liquidated damages) paid from the same simulated months.
 */
export type RiskAsk =
  | {
      ask: string;
      kind: "terms";
      terms: SlaTerms;
      /**
       * Whether the amended terms can settle this month differently from the base terms, read from the month's
       * outages and its base settlement. When not, the base figures are the amended ones: slaMonth is pure, and
       * its inputs differ only where this says they may. It saves most of the calls (most months hold no AI-agent
       * outage, no degradation, no capped credit).
       */
      mayChange: (spans: readonly OutageSpan[], base: SlaMonthFigures) => boolean;
    }
  | { ask: string; kind: "liability"; cap: number }
  | { ask: string; kind: "damages"; perHour: number; cap: number };

/**
 * The SLA-related asks that can change what this vendor's contract pays, each with its amended terms or remedy.
 * Wording follows the deterministic asks (src/score/sla/asks.ts) where the ask is the same. Without SLA terms
 * there is nothing to amend: the first ask is to obtain them (the deterministic asks say so).
 */
export function riskAsks(terms: SlaTerms | undefined, basis: LossBasis, s: ResolvedRiskSettings): RiskAsk[] {
  if (!terms) return [];
  const asks: RiskAsk[] = [];
  const ex = terms.exclusions;
  if (ex.providerAgents === "excluded" || ex.customerCredentialAgents === "excluded")
    asks.push({
      ask: "State expressly that outages caused or worsened by AI agents (the provider's own, or acting in your tenancy within the permissions the product gave them) count as downtime.",
      kind: "terms",
      terms: { ...terms, exclusions: { ...ex, providerAgents: "counted", customerCredentialAgents: "counted" } },
      // The exclusion decides only for agent outages (exclusionStanceOf): a month without one settles alike.
      mayChange: (spans) =>
        spans.some((x) => x.cause === "ai-agent" || x.cause === "customer-agent" || x.aiAgentInvolved === "yes"),
    });
  if (!terms.measurement.countsImpact.includes("minor"))
    asks.push({
      ask: "Count severe degradation (error rates or latency above an agreed threshold) as downtime, not only total loss of connectivity.",
      kind: "terms",
      terms: {
        ...terms,
        measurement: { ...terms.measurement, countsImpact: [...terms.measurement.countsImpact, "minor"] },
      },
      mayChange: (spans) => spans.some((x) => x.impact === "minor"),
    });
  if (terms.creditCapPercent < s.askCreditCapPercent)
    asks.push({
      ask: `Raise the credit cap from ${terms.creditCapPercent}% to ${s.askCreditCapPercent}% of the monthly fee.`,
      kind: "terms",
      terms: { ...terms, creditCapPercent: s.askCreditCapPercent },
      // Uptime and the tier do not depend on the cap: only a month whose credit the cap cut can gain.
      mayChange: (_, base) => base.creditPercent >= terms.creditCapPercent,
    });
  const shifted = shiftTiers(terms);
  if (shifted) {
    const top = Math.max(...terms.creditTiers.map((t) => t.below));
    asks.push({
      ask: "Lower the tier thresholds: each credit tier's percent to apply from the band above it (a smaller breach earns the next tier's credit).",
      kind: "terms",
      terms: { ...terms, creditTiers: shifted },
      // The bands keep their edges: a month at or above the highest band earns nothing under either.
      mayChange: (_, base) => base.uptimePercent < top,
    });
  }
  if (s.askLiabilityCapMonths > 0)
    asks.push({
      ask: `Agree a liability cap for outages caused by the provider's AI agents of ${s.askLiabilityCapMonths} months' fees, paid on top of service credits.`,
      kind: "liability",
      cap: s.askLiabilityCapMonths * basis.monthlySpend,
    });
  if (s.askLiquidatedDamagesPerHour > 0)
    asks.push({
      ask: `Negotiate liquidated damages of ${round(s.askLiquidatedDamagesPerHour * 100)}% of the monthly fee per hour of SLA downtime in a month below the ${terms.uptimeCommitment}% commitment (a higher remedy for major outages).`,
      kind: "damages",
      perHour: s.askLiquidatedDamagesPerHour * basis.monthlySpend,
      cap: Math.max(1, s.askLiabilityCapMonths) * basis.monthlySpend,
    });
  return asks;
}

/**
 * Each band takes the credit of the next worse band (the worst keeps its own): a breach earns a tier's credit one
 * band sooner. Only for tiered methods, and only when it changes some percent.
 */
function shiftTiers(terms: SlaTerms): SlaTerms["creditTiers"] | null {
  if (terms.measurement.method === "affected-ratio" || terms.creditTiers.length < 2) return null;
  const bands = [...terms.creditTiers].sort((a, b) => b.atLeast - a.atLeast);
  const shifted = bands.map((t, i) => ({
    ...t,
    creditPercent: Math.max(t.creditPercent, bands[i + 1]?.creditPercent ?? t.creditPercent),
  }));
  return shifted.some((t, i) => t.creditPercent !== bands[i]!.creditPercent) ? shifted : null;
}

const round = (x: number) => Math.round(x * 100) / 100;
