import type { Incident } from "../../schema/incident.js";
import type { SlaTerms } from "../../schema/sla.js";

export interface ExclusionVerdict {
  /** The SLA removes this incident from the downtime it pays credits for. */
  excluded: boolean;
  /** Which term decided, in words; null when the incident is counted without question. */
  rule: string | null;
  /** The SLA says nothing about this cause: counted here, but a contract ask. */
  silent: boolean;
}

export type ExclusionKind = "counted" | "excluded" | "silent";
type Cause = Pick<Incident, "cause" | "aiAgentInvolved">;

const COUNTED: ExclusionVerdict = { excluded: false, rule: null, silent: false };

/**
 * Whether the SLA pays for an incident, by its cause, without building a verdict (slaMonth calls it per outage). An
 * agent acting with the customer's credentials is what SLAs call "your acts or omissions"; the provider's own agent
 * is excluded only where the terms say so.
 */
export function exclusionStanceOf(incident: Cause, terms: SlaTerms): ExclusionKind {
  const ex = terms.exclusions;
  if (incident.cause === "customer") return "excluded";
  if (incident.cause === "customer-agent") return ex.customerCredentialAgents;
  if (incident.cause === "ai-agent" || incident.aiAgentInvolved === "yes") return ex.providerAgents;
  if (incident.cause === "external" && ex.forceMajeure) return "excluded";
  return "counted";
}

/** The same decision as exclusionStanceOf, with the rule that made it in words, for the report. */
export function slaExclusion(incident: Cause, terms: SlaTerms): ExclusionVerdict {
  const ex = terms.exclusions;
  if (incident.cause === "customer")
    return { excluded: true, rule: "customer's own actions are excluded", silent: false };
  if (incident.cause === "customer-agent")
    return stance(ex.customerCredentialAgents, "AI agents acting with customer credentials");
  if (incident.cause === "ai-agent" || incident.aiAgentInvolved === "yes")
    return stance(ex.providerAgents, "outages caused by the provider's AI agents");
  if (incident.cause === "external" && ex.forceMajeure)
    return {
      excluded: true,
      rule: "events outside the provider's control (force majeure) are excluded",
      silent: false,
    };
  return COUNTED;
}

function stance(s: ExclusionKind, what: string): ExclusionVerdict {
  if (s === "excluded") return { excluded: true, rule: `${what} are excluded`, silent: false };
  if (s === "silent") return { excluded: false, rule: `the SLA is silent on ${what}`, silent: true };
  return { excluded: false, rule: `${what} are expressly counted`, silent: false };
}
