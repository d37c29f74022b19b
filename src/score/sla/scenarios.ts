import { roundTo } from "../round.js";
import type { ScenarioResult } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { Scenario, WorkspaceVendor } from "../../schema/workspace.js";
import { cents, creditAmount, creditPercent, uptimePercent } from "./credits.js";
import { slaExclusion } from "./exclusions.js";
import type { LossBasis } from "./vendor-sla.js";

/** The reported December 2025 outage: an operator agent deleted and recreated part of a live environment; ~13 h. */
export const DEFAULT_SCENARIO: Scenario = {
  id: "ai-agent-13h",
  title: "13-hour outage caused by the provider's own AI agent (as reported for December 2025)",
  hours: 13,
  cause: "ai-agent",
  impact: "critical",
};

/** Scenario uptime is stated for a 30-day month with no other downtime: 43,200 minutes. */
export const SCENARIO_MONTH_MINUTES = 30 * 24 * 60;

/**
 * One what-if outage against one vendor's SLA: the business loss, whether the SLA would pay at all given its
 * exclusions and what it measures, and the credit if it does.
 */
export function runScenario(
  s: Scenario,
  vendor: WorkspaceVendor,
  terms: SlaTerms | undefined,
  basis: LossBasis,
): ScenarioResult {
  const minutes = Math.round(s.hours * 60);
  const loss = cents(s.hours * basis.downtimeCostPerHour * basis.outageShare);
  const uptime = uptimePercent(minutes, SCENARIO_MONTH_MINUTES);
  let claimable = false;
  let reason: string;
  let percent = 0;
  if (!terms) {
    reason = "no SLA terms are recorded for this vendor: no credit can be assumed";
  } else if (!terms.measurement.countsImpact.includes(s.impact)) {
    reason = `the SLA counts only ${terms.measurement.countsImpact.join(", ")} impact as downtime`;
  } else {
    const verdict = slaExclusion(
      { cause: s.cause, aiAgentInvolved: s.cause === "ai-agent" || s.cause === "customer-agent" ? "yes" : "no" },
      terms,
    );
    if (verdict.excluded) {
      reason = `not claimable: ${verdict.rule}`;
    } else {
      claimable = true;
      percent = creditPercent(uptime, terms);
      reason = verdict.silent
        ? `claimable only if the provider accepts it: ${verdict.rule}`
        : `claimable: ${verdict.rule ?? "no exclusion applies"}`;
    }
  }
  const credit = terms && claimable ? creditAmount(percent, basis.monthlySpend, terms) : 0;
  return {
    id: s.id,
    title: s.title,
    hours: s.hours,
    cause: s.cause,
    impact: s.impact,
    region: vendor.regions[0] ?? null,
    downtimeMinutes: minutes,
    uptimePercent: uptime,
    creditPercent: claimable ? percent : 0,
    creditAmount: credit,
    loss,
    uncovered: cents(Math.max(0, loss - credit)),
    coverageRatio: loss > 0 ? Math.min(1, roundTo(credit / loss, 4)) : null,
    claimable,
    reason,
  };
}
