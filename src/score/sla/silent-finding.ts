import { findingIdOf } from "../../schema/finding-id.js";
import type { Finding, SlaSummary } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import { MONTHS } from "../../common/text.js";
import { ratingIndex } from "../rating.js";

/** The pseudo question id of the SLA finding: in the form of a question id, so the finding id keeps one shape. */
export const SLA_SILENT_ID = "SLA-SILENT";
export const SLA_DOMAIN_ID = "SLA";

/**
 * Contestable minutes are a contract weakness with money on it, but not a control failure: Moderate whatever their
 * number, like a weak answer worth 40-75 points. They add nothing to the score (they are not an answer).
 */
export const SLA_SILENT_SEVERITY = "moderate" as const;

const CAUSES: Record<"providerAgents" | "customerCredentialAgents", string> = {
  providerAgents: "the provider's own AI agents",
  customerCredentialAgents: "the provider's AI agents acting with your credentials",
};

/** "2025-11" -> "November 2025". */
function monthName(ym: string): string {
  const [y, m] = ym.split("-");
  return `${MONTHS[Number(m) - 1] ?? ym} ${y ?? ""}`.trim();
}

/** "10 h 45 min", "45 min", "3 h": how long, as a reader says it. */
export function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : "", m > 0 || h === 0 ? `${m} min` : ""].filter(Boolean).join(" ");
}

/**
 * Downtime from causes the SLA neither counts nor excludes (`silentExclusionMinutes`) becomes a finding: the SLA does
 * not exclude it, so it counts toward the commitment and the buyer can claim credits for it (caution's figures do),
 * but the provider can contest the claim. Null when there are no such minutes or no SLA terms.
 */
export function silentMinutesFinding(vendorId: string, terms: SlaTerms | undefined, sla: SlaSummary): Finding | null {
  const minutes = sla.silentExclusionMinutes;
  if (!terms || minutes <= 0) return null;
  const silent = (Object.keys(CAUSES) as (keyof typeof CAUSES)[]).filter((k) => terms.exclusions[k] === "silent");
  const causes = silent.length > 0 ? silent.map((k) => CAUSES[k]).join(" and ") : "causes it does not name";
  const period =
    sla.period.from === sla.period.to
      ? monthName(sla.period.from)
      : `${monthName(sla.period.from)} to ${monthName(sla.period.to)}`;
  return {
    id: findingIdOf(vendorId, SLA_SILENT_ID),
    questionId: SLA_SILENT_ID,
    source: "sla-terms",
    domain: SLA_DOMAIN_ID,
    agentKind: "contract",
    severity: SLA_SILENT_SEVERITY,
    basis: "sla-silent",
    question: `Does the SLA say whether downtime caused by ${causes} counts?`,
    status: "answered",
    answer: "silent",
    answerLabel: `${hoursAndMinutes(minutes)} of downtime the SLA is silent on (${causes}): claimable, but contestable`,
    effectivePoints: 0,
    contribution: 0,
    evidenced: true,
    fresh: true,
    comment: `${hoursAndMinutes(minutes)} (${minutes} min) of downtime affecting you in ${period} came from ${causes}. The SLA does not exclude them, so they count against the uptime commitment and you can claim credits for them; this report's credits assume you do. The provider can contest the claim, since the SLA does not say they count either.`,
    gate: null,
    why: "Silence in an SLA is read by the provider's claims team in its favour. Minutes the SLA neither counts nor excludes are the ones disputed after an outage, when the credit is worth most.",
    ask: `Claim credits for the ${hoursAndMinutes(minutes)} the SLA does not exclude, within the claim window, and have the contract state expressly that outages caused or worsened by ${causes} count as downtime.`,
  };
}

/** The findings with the SLA finding placed among them by severity (after every finding at least as severe). */
export function withSilentFinding(findings: readonly Finding[], sla: Finding | null): Finding[] {
  if (!sla) return [...findings];
  const at = findings.findIndex((f) => ratingIndex(f.severity) < ratingIndex(sla.severity));
  return at < 0 ? [...findings, sla] : [...findings.slice(0, at), sla, ...findings.slice(at)];
}
