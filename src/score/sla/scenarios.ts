import { roundTo } from "../round.js";
import type { ScenarioResult } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { Scenario, WorkspaceVendor } from "../../schema/workspace.js";
import { cents, uptimePercent } from "./credits.js";
import { slaExclusion } from "./exclusions.js";
import { slaMonth, type LossBasis, type MonthWindow } from "./month.js";

/** The reported December 2025 outage: an operator agent deleted and recreated part of a live environment; ~13 h. */
export const DEFAULT_SCENARIO: Scenario = {
  id: "ai-agent-13h",
  title: "13-hour outage caused by the provider's own AI agent (as reported for December 2025)",
  hours: 13,
  cause: "ai-agent",
  impact: "critical",
};

/** Scenario uptime is stated for a 30-day month with no other downtime unless the scenario names its month. */
export const SCENARIO_MONTH_MINUTES = 30 * 24 * 60;

/** The month a scenario is settled in: the named UTC month, or 30 days from a whole hour. */
export function scenarioMonth(month: string | undefined): MonthWindow {
  if (month === undefined) return { start: 0, end: SCENARIO_MONTH_MINUTES * 60_000, minutes: SCENARIO_MONTH_MINUTES };
  const [y, m] = month.split("-").map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1);
  const end = Date.UTC(y, m, 1);
  return { start, end, minutes: (end - start) / 60_000 };
}

/**
 * One what-if outage against one vendor's SLA: the business loss, whether the SLA would pay at all given its
 * exclusions and what it measures, and the credit if it does. The outage starts at the first minute of its month
 * and is settled by slaMonth, as a month of the incident record is.
 */
export function runScenario(
  s: Scenario,
  vendor: WorkspaceVendor,
  terms: SlaTerms | undefined,
  basis: LossBasis,
): ScenarioResult {
  const minutes = Math.round(s.hours * 60);
  const loss = cents(s.hours * basis.downtimeCostPerHour * basis.outageShare);
  const window = scenarioMonth(s.month);
  const aiAgentInvolved = s.cause === "ai-agent" || s.cause === "customer-agent" ? "yes" : "no";
  const span = {
    start: window.start,
    end: window.start + minutes * 60_000,
    impact: s.impact,
    cause: s.cause,
    aiAgentInvolved,
    errorRate: 1,
  } as const;
  // Uptime and credit are stated as if the SLA counted the outage; whether it does decides `claimable` below.
  const counted = { ...span, cause: "unknown", aiAgentInvolved: "no", impact: countedImpact(s, terms) } as const;
  const settled = slaMonth([counted], window, terms, basis);
  let claimable = false;
  let reason: string;
  if (!terms) {
    reason = "no SLA terms are recorded for this vendor: no credit can be assumed";
  } else if (!terms.measurement.countsImpact.includes(s.impact)) {
    reason = `the SLA counts only ${terms.measurement.countsImpact.join(", ")} impact as downtime`;
  } else {
    const verdict = slaExclusion(span, terms);
    if (verdict.excluded) {
      reason = `not claimable: ${verdict.rule}`;
    } else {
      claimable = true;
      reason = verdict.silent
        ? `claimable only if the provider accepts it: ${verdict.rule}`
        : `claimable: ${verdict.rule ?? "no exclusion applies"}`;
    }
  }
  const credit = claimable ? settled.creditAmount : 0;
  return {
    id: s.id,
    title: s.title,
    hours: s.hours,
    cause: s.cause,
    impact: s.impact,
    region: vendor.regions[0] ?? null,
    month: s.month ?? null,
    downtimeMinutes: minutes,
    uptimePercent: terms ? settled.uptimePercent : uptimePercent(minutes, window.minutes),
    creditPercent: claimable ? settled.creditPercent : 0,
    noChargeHours: claimable ? settled.noChargeHours : 0,
    creditAmount: credit,
    loss,
    uncovered: cents(Math.max(0, loss - credit)),
    coverageRatio: loss > 0 ? Math.min(1, roundTo(credit / loss, 4)) : null,
    claimable,
    reason,
  };
}

function countedImpact(s: Scenario, terms: SlaTerms | undefined): Scenario["impact"] | "minor" {
  const counts = terms?.measurement.countsImpact ?? [];
  if (counts.includes(s.impact)) return s.impact;
  return counts.includes("critical") ? "critical" : counts.includes("major") ? "major" : "minor";
}
