import { z } from "zod";

/**
 * Result parts the reports' decision pages rest on (issue 14): the contract terms side by side with the weaker one
 * decided, and how much of a provider's loss one incident makes. Kept apart from result.ts, which imports them.
 */

/** The contract terms procurement negotiates, in the order the comparison prints them. */
export const CONTRACT_TERMS = [
  "uptimeCommitment",
  "measurement",
  "creditTiers",
  "creditCap",
  "claimWindow",
  "providerAgents",
  "customerCredentialAgents",
  "liabilityCap",
  "notice",
  "rca",
  "regulatoryGaps",
] as const;
export type ContractTerm = (typeof CONTRACT_TERMS)[number];

export const contractTermRow = z.object({
  term: z.enum(CONTRACT_TERMS),
  weaker: z
    .array(z.string())
    .describe(
      "Vendor ids whose term is the weakest of those assessed; empty when all are equal or the term cannot be ranked.",
    ),
  rule: z.string().describe("How the term is ranked: what makes it weaker."),
});

export const contractTerms = z
  .array(contractTermRow)
  .describe("One row per contract term, the weakest provider(s) marked; values and sources are in each sla.terms.");

export const lossConcentration = z
  .object({
    incidentId: z.string(),
    title: z.string(),
    startedAt: z.string(),
    impact: z.string(),
    open: z.boolean().describe("Still open at the as-of date: counted to the end of the period."),
    minutes: z.number().int().min(0).describe("Its minutes within the period (overlaps with others not removed)."),
    share: z.number().min(0).max(1).describe("Its minutes over the period's downtime: the share of the loss it makes."),
    dominant: z.boolean().describe("True when this one incident makes at least half of the loss."),
    pricing: z.string().describe("How the loss prices this incident (impact, open end), in words."),
  })
  .nullable()
  .describe("The incident that makes the largest share of the year's loss; null when there was no downtime.");

export type ContractTermRow = z.infer<typeof contractTermRow>;
export type LossConcentration = z.infer<typeof lossConcentration>;

/**
 * The questionnaire's liability-cap question: the SLA terms give the cap in months of fees, its answer says of which
 * fees (the affected service's or all services'). Scoring ranks equal months by it; the reports show it beside them.
 */
export const LIABILITY_SCOPE_QUESTION = "CON-03";
