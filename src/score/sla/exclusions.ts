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

const COUNTED: ExclusionVerdict = { excluded: false, rule: null, silent: false };

/**
 * Whether the SLA pays for an incident, by its cause. An agent acting with the customer's credentials is what SLAs
 * call "your acts or omissions"; the provider's own agent is excluded only where the terms say so.
 */
export function slaExclusion(incident: Pick<Incident, "cause" | "aiAgentInvolved">, terms: SlaTerms): ExclusionVerdict {
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

function stance(s: SlaTerms["exclusions"]["providerAgents"], what: string): ExclusionVerdict {
  if (s === "excluded") return { excluded: true, rule: `${what} are excluded`, silent: false };
  if (s === "silent") return { excluded: false, rule: `the SLA is silent on ${what}`, silent: true };
  return { excluded: false, rule: `${what} are expressly counted`, silent: false };
}
