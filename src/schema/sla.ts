import { z } from "zod";
import { httpsUrl, isoDate, text } from "./common.js";
import { SEVERITIES } from "./incident.js";

/**
 * How sure we are of a term: V = primary text read, S = secondary source only, U = unverified. Reports print it next
 * to every figure that rests on the term, so a secondary figure is never presented as fact.
 */
export const confidence = z.enum(["primary", "secondary", "unverified"]);

export const slaSource = z.strictObject({
  document: text(300).describe("The SLA or agreement the terms come from."),
  url: httpsUrl.optional(),
  date: isoDate.describe("Date of the version read."),
  confidence: confidence,
});

/** One credit band: a month whose uptime is below `below` and at least `atLeast` earns `creditPercent` of the fee. */
export const creditTier = z.strictObject({
  below: z.number().gt(0).max(100),
  atLeast: z.number().min(0).max(100).default(0),
  creditPercent: z.number().gt(0).max(100),
});

/**
 * How the SLA treats an outage by cause. `counted`: downtime earns credits; `excluded`: the SLA names it as an
 * exclusion; `silent`: the SLA does not say (counted, but flagged as a risk in the report).
 */
export const exclusionStance = z.enum(["counted", "excluded", "silent"]);

export const slaTerms = z
  .strictObject({
    source: slaSource,
    service: text(200).describe("The service and scope the terms cover, e.g. 'Compute, region-level'."),
    uptimeCommitment: z
      .number()
      .gt(0)
      .lt(100)
      .describe("Monthly uptime percentage the provider commits to, e.g. 99.99."),
    measurement: z
      .strictObject({
        countsImpact: z
          .array(z.enum(SEVERITIES))
          .min(1)
          .default(["major", "critical"])
          .describe("Incident impacts the SLA counts as unavailable. Most count only outages, not degradation."),
        description: text(600).optional().describe("How the provider defines 'unavailable', in its words."),
      })
      .default({ countsImpact: ["major", "critical"] }),
    creditTiers: z.array(creditTier).min(1),
    creditCapPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(100)
      .describe("Most a month's credits can reach, as % of that month's fee."),
    eligibleSpendShare: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe("Share of the monthly spend the SLA covers (credits are % of the affected service's fee)."),
    claimDeadlineDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe("Days after the month ends within which a claim must be filed."),
    exclusions: z
      .strictObject({
        providerAgents: exclusionStance.describe("Outages caused by the provider's own AI agents."),
        customerCredentialAgents: exclusionStance.describe(
          "Outages caused by AI agents acting with the customer's credentials.",
        ),
        forceMajeure: z
          .boolean()
          .default(true)
          .describe("Causes outside the provider's reasonable control are excluded."),
      })
      .describe("Excluded incidents still cost the buyer; they earn no credit."),
    liabilityCapMonths: z
      .number()
      .min(0)
      .max(120)
      .optional()
      .describe("Liability cap as months of fees (e.g. 12: fees paid in the prior 12 months)."),
    notification: z
      .strictObject({
        customerNoticeHours: z
          .number()
          .min(0)
          .max(720)
          .optional()
          .describe("Hours from detection to notifying affected customers."),
        rcaDays: z.number().min(0).max(365).optional().describe("Days from resolution to a root-cause report."),
        contractual: z.boolean().describe("Whether these commitments are in the contract, not only a practice."),
      })
      .optional(),
  })
  .superRefine((t, ctx) => {
    t.creditTiers.forEach((tier, i) => {
      if (tier.atLeast >= tier.below)
        ctx.addIssue({ code: "custom", path: ["creditTiers", i, "atLeast"], message: `must be below ${tier.below}` });
      if (tier.below > t.uptimeCommitment)
        ctx.addIssue({
          code: "custom",
          path: ["creditTiers", i, "below"],
          message: `must not exceed the uptime commitment ${t.uptimeCommitment}`,
        });
    });
    const sorted = [...t.creditTiers].sort((a, b) => b.below - a.below);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.below > sorted[i - 1]!.atLeast)
        ctx.addIssue({ code: "custom", path: ["creditTiers"], message: "credit tiers overlap" });
      if (sorted[i]!.creditPercent < sorted[i - 1]!.creditPercent)
        ctx.addIssue({
          code: "custom",
          path: ["creditTiers"],
          message: "a lower uptime band must not earn a smaller credit",
        });
    }
  });

export type SlaTerms = z.infer<typeof slaTerms>;
export type CreditTier = z.infer<typeof creditTier>;
