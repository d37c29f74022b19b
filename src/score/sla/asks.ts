import { sharePercent } from "../../common/text.js";
import type { SlaSummary } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";

/** Claim windows shorter than this are easy to miss during the outage that needs them. */
export const MIN_CLAIM_DAYS = 60;

/** The contract asks that follow from a vendor's SLA terms and from how little of the loss they covered. */
export function slaAsks(terms: SlaTerms | undefined, annual: SlaSummary["annual"]): string[] {
  if (!terms)
    return [
      "Obtain the SLA that applies to the services you use and record its terms (uptime, credit tiers, cap, exclusions) in the vendor file.",
    ];
  const asks: string[] = [];
  const ex = terms.exclusions;
  if (ex.providerAgents !== "counted") {
    asks.push(
      `State expressly that outages caused or worsened by the provider's own AI agents count as downtime (the SLA ${ex.providerAgents === "excluded" ? "excludes them" : "is silent on them"}).`,
    );
  }
  if (ex.customerCredentialAgents !== "counted") {
    asks.push(
      `Agree that outages caused by the provider's AI agent acting in your tenancy count as downtime when the agent stayed within the permissions the provider's product gave it (the SLA ${ex.customerCredentialAgents === "excluded" ? "treats them as your own actions" : "is silent"}).`,
    );
  }
  if (!terms.measurement.countsImpact.includes("minor")) {
    asks.push(
      "Count severe degradation (error rates or latency above an agreed threshold) as downtime, not only total loss of connectivity.",
    );
  }
  if (terms.claimDeadlineDays !== undefined && terms.claimDeadlineDays < MIN_CLAIM_DAYS) {
    asks.push(
      `Extend the credit claim window from ${terms.claimDeadlineDays} to at least ${MIN_CLAIM_DAYS} days, or make credits automatic.`,
    );
  }
  if (annual.coverageRatio !== null && annual.coverageRatio < 0.5) {
    asks.push(
      `Negotiate a separate remedy for major outages (a higher credit cap or liquidated damages): service credits covered ${sharePercent(annual.coverageRatio)} of the loss in the last 12 months.`,
    );
  }
  if (!terms.notification?.contractual)
    asks.push("Make incident notification and root-cause report times contractual commitments, not only a practice.");
  return asks;
}
