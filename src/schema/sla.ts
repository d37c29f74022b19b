import { z } from "zod";
import { httpsUrl, isoDate, text } from "./common.js";
import { SEVERITIES } from "./incident.js";

/**
 * How sure we are of a term: `primary` = the provider's own published text was read (an official translation
 * counts); `secondary` = a verbatim copy or a paraphrase by a third party only; `unverified` = a recollection or a
 * single weak source. Reports print it next to every term, so a secondary figure is never presented as fact.
 */
export const CONFIDENCES = ["primary", "secondary", "unverified"] as const;
export const confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof confidence>;

export const slaSource = z.strictObject({
  document: text(300).describe("The SLA or agreement the terms come from."),
  url: httpsUrl.optional(),
  date: isoDate.describe("Date of the version read."),
  confidence: confidence,
});

/**
 * One credit band. Written the AWS way ("less than 99.99% but equal to or greater than 99.0%") it has both edges:
 * `below: 99.99, atLeast: 99.0`. Written the Microsoft way ("< 99.99% 10%, < 99% 25%") only the upper edge is given:
 * the band then reaches down to the next lower band's `below` (or 0). Both read as the half-open interval
 * [atLeast, below): a month exactly on a lower edge earns the smaller credit of the band above it.
 */
export const creditTier = z.strictObject({
  below: z.number().gt(0).max(100).describe("Upper edge (exclusive): the month's uptime is below this."),
  atLeast: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe("Lower edge (inclusive). Omitted: the next lower band's `below`, or 0 for the lowest band."),
  creditPercent: z.number().gt(0).max(100),
});

/**
 * How the SLA treats an outage by cause. `counted`: downtime earns credits; `excluded`: the SLA names it as an
 * exclusion; `silent`: the SLA does not say (counted, but flagged as a risk in the report).
 */
export const exclusionStance = z.enum(["counted", "excluded", "silent"]);

/**
 * How the provider turns outages into a monthly uptime percentage (docs/sla-method.md works each one through):
 * - `minutes`: the share of the month's minutes without downtime (EC2, Azure VMs, Compute Engine).
 * - `intervals`: the month cut into whole intervals of `intervalMinutes`; an interval is unavailable when its error
 *   rate passes `unavailableWhen`; uptime is the share of available intervals (RDS: 1-minute intervals in which all
 *   connection requests fail; Gemini: minutes above 5% errors, in runs of at least 5).
 * - `error-rate`: 100% minus the average of the intervals' error rates (S3, Bedrock, Cloud Storage: 5 minutes;
 *   Azure Storage: one hour).
 * - `affected-ratio`: Cloudflare's formula, credit = multiplier x downtime minutes x affected customer ratio /
 *   scheduled minutes; no tiers.
 */
export const MEASUREMENT_METHODS = ["minutes", "intervals", "error-rate", "affected-ratio"] as const;
export type MeasurementMethod = (typeof MEASUREMENT_METHODS)[number];

const percent = z.number().min(0).max(100);

export const measurement = z.strictObject({
  countsImpact: z
    .array(z.enum(SEVERITIES))
    .min(1)
    .default(["major", "critical"])
    .describe("Incident impacts the SLA counts as unavailable. Most count only outages, not degradation."),
  description: text(600).optional().describe("How the provider defines 'unavailable', in its words."),
  method: z.enum(MEASUREMENT_METHODS).default("minutes").describe("How outages become the month's uptime."),
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .refine((n) => 1440 % n === 0, "must divide a day (1440 minutes), so whole intervals tile every month")
    .optional()
    .describe("Length of the provider's measurement interval, e.g. 5 for S3, 60 for Azure Storage, 1 for RDS."),
  unavailableWhen: z
    .union([
      z.strictObject({ errorRateAbovePercent: percent.lt(100) }),
      z.strictObject({ errorRateAtLeastPercent: percent.gt(0) }),
    ])
    .optional()
    .describe(
      "For `intervals`: when an interval counts as unavailable, e.g. { errorRateAtLeastPercent: 100 } for RDS (all requests fail).",
    ),
  minConsecutiveIntervals: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(1)
    .describe("Unavailable intervals count only in runs at least this long (Gemini: 5 consecutive minutes)."),
  hourlyNoCharge: z
    .strictObject({
      unavailableMinutesAbove: z.number().int().min(0).max(59),
    })
    .optional()
    .describe(
      "EC2 instance-level: no charge for any clock hour (UTC) with more than this many unavailable minutes, besides the tiers.",
    ),
  creditMultiplier: z
    .number()
    .gt(0)
    .max(100)
    .optional()
    .describe("For `affected-ratio`: the multiplier of the formula (Cloudflare: 10 or 25 by success tier)."),
  affectedCustomerRatio: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe("For `affected-ratio`: the share of your traffic an outage affects (your assumption; default 1)."),
});

const exclusions = z
  .strictObject({
    providerAgents: exclusionStance.describe("Outages caused by the provider's own AI agents."),
    customerCredentialAgents: exclusionStance.describe(
      "Outages caused by AI agents acting with the customer's credentials.",
    ),
    forceMajeure: z.boolean().default(true).describe("Causes outside the provider's reasonable control are excluded."),
  })
  .describe("Excluded incidents still cost the buyer; they earn no credit.");

const notification = z.strictObject({
  customerNoticeHours: z
    .number()
    .min(0)
    .max(720)
    .optional()
    .describe("Hours from detection to notifying affected customers."),
  rcaDays: z.number().min(0).max(365).optional().describe("Days from resolution to a root-cause report."),
  contractual: z.boolean().describe("Whether these commitments are in the contract, not only a practice."),
});

/** Every field of the SLA terms, as an object schema: the catalogue and the `from:` overrides reuse its parts. */
export const slaTermsFields = {
  source: slaSource,
  service: text(200).describe("The service and scope the terms cover, e.g. 'Compute, region-level'."),
  uptimeCommitment: z
    .number()
    .gt(0)
    .max(100)
    .describe("Monthly uptime percentage the provider commits to, e.g. 99.99 (Cloudflare: 100)."),
  measurement: measurement.default({
    countsImpact: ["major", "critical"],
    method: "minutes",
    minConsecutiveIntervals: 1,
    affectedCustomerRatio: 1,
  }),
  creditTiers: z
    .array(creditTier)
    .max(20)
    .default([])
    .describe("Credit bands; required unless the measurement is `affected-ratio`."),
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
  exclusions,
  liabilityCapMonths: z
    .number()
    .min(0)
    .max(120)
    .optional()
    .describe("Liability cap as months of fees (e.g. 12: fees paid in the prior 12 months)."),
  notification: notification.optional(),
};

export const slaTermsObject = z.strictObject(slaTermsFields);
type RawTerms = z.output<typeof slaTermsObject>;

/** The tiers with every lower edge filled in, highest band first. */
export function normalizeTiers(tiers: RawTerms["creditTiers"]): CreditTier[] {
  const sorted = [...tiers].sort((a, b) => b.below - a.below);
  return sorted.map((t, i) => ({
    below: t.below,
    atLeast: t.atLeast ?? sorted[i + 1]?.below ?? 0,
    creditPercent: t.creditPercent,
  }));
}

/** Checks that need several fields at once; `ctx.addIssue` paths are relative to the terms. */
export function checkTerms(t: RawTerms, ctx: z.RefinementCtx): void {
  const m = t.measurement;
  if (m.method === "intervals" && m.intervalMinutes === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["measurement", "intervalMinutes"],
      message: "is required for method intervals, e.g. 1 for RDS's 1-minute intervals",
    });
  if (m.method === "minutes" && m.intervalMinutes !== undefined && m.intervalMinutes !== 1)
    ctx.addIssue({
      code: "custom",
      path: ["measurement", "intervalMinutes"],
      message: "method minutes measures 1-minute intervals; use method intervals for longer ones",
    });
  if (m.method === "intervals" && m.unavailableWhen === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["measurement", "unavailableWhen"],
      message: "is required for method intervals, e.g. { errorRateAtLeastPercent: 100 } when all requests must fail",
    });
  if (m.method === "affected-ratio") {
    if (m.creditMultiplier === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["measurement", "creditMultiplier"],
        message: "is required for method affected-ratio (Cloudflare: 10 or 25 by your success tier)",
      });
    if (t.creditTiers.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["creditTiers"],
        message: "method affected-ratio computes the credit by its formula; remove the tiers",
      });
  } else if (t.creditTiers.length === 0) {
    ctx.addIssue({ code: "custom", path: ["creditTiers"], message: "needs at least 1 item" });
  }
  t.creditTiers.forEach((tier, i) => {
    if (tier.atLeast !== undefined && tier.atLeast >= tier.below)
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
    const above = sorted[i - 1]!;
    if (sorted[i]!.below === above.below)
      ctx.addIssue({ code: "custom", path: ["creditTiers"], message: `two tiers end below ${above.below}` });
    else if (above.atLeast !== undefined && sorted[i]!.below > above.atLeast)
      ctx.addIssue({ code: "custom", path: ["creditTiers"], message: "credit tiers overlap" });
    if (sorted[i]!.creditPercent < above.creditPercent)
      ctx.addIssue({
        code: "custom",
        path: ["creditTiers"],
        message: "a lower uptime band must not earn a smaller credit",
      });
  }
}

export const slaTerms = slaTermsObject
  .superRefine(checkTerms)
  .transform((t) => ({ ...t, creditTiers: normalizeTiers(t.creditTiers) }));

export type SlaTerms = z.output<typeof slaTerms>;
export type Measurement = SlaTerms["measurement"];
/** A band with both edges: what scoring works with after `normalizeTiers`. */
export interface CreditTier {
  below: number;
  atLeast: number;
  creditPercent: number;
}

/** The terms a report prints a confidence for, one by one. */
export const TERM_KEYS = [
  "uptimeCommitment",
  "measurement",
  "creditTiers",
  "creditCapPercent",
  "claimDeadlineDays",
  "exclusions",
  "liabilityCapMonths",
  "notification",
] as const;
export type TermKey = (typeof TERM_KEYS)[number];
export type TermConfidence = Record<TermKey, Confidence>;

/** Where resolved terms came from: a catalogue entry (with overrides) or the vendor file alone. */
export interface SlaProvenance {
  catalogue: { id: string; provider: string; service: string; lastUpdated: string | null; sourceUrl: string } | null;
  /** The confidence of each term: the catalogue's, an override's source's, or `unverified` for a default. */
  termConfidence: TermConfidence;
}

/** Terms as validation hands them to scoring: with their provenance when it is known term by term. */
export type ResolvedSlaTerms = SlaTerms & { provenance?: SlaProvenance };

/** Every term at one confidence: a vendor file that records its terms from one document. */
export function uniformConfidence(c: Confidence): TermConfidence {
  return Object.fromEntries(TERM_KEYS.map((k) => [k, c])) as TermConfidence;
}

/**
 * `sla: { from: <catalogue id>, ...overrides }` in a vendor file: the catalogue entry's terms, with any term
 * replaced (measurement, exclusions and notification key by key). Validation resolves it into full SlaTerms.
 */
export const slaFromCatalogue = z.strictObject({
  from: z.string().describe("A catalogue entry id; `caution catalogue` lists them."),
  source: slaSource
    .optional()
    .describe("The document your overrides come from; overridden terms take its confidence (else unverified)."),
  service: slaTermsFields.service.optional(),
  uptimeCommitment: slaTermsFields.uptimeCommitment.optional(),
  measurement: measurement.partial().optional(),
  creditTiers: z.array(creditTier).min(1).max(20).optional(),
  creditCapPercent: slaTermsFields.creditCapPercent.unwrap().optional(),
  eligibleSpendShare: slaTermsFields.eligibleSpendShare.unwrap().optional(),
  claimDeadlineDays: slaTermsFields.claimDeadlineDays,
  exclusions: exclusions.partial().optional(),
  liabilityCapMonths: slaTermsFields.liabilityCapMonths,
  notification: notification.partial().optional(),
});
