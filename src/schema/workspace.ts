import { z } from "zod";
import { criticality, isoDate, rating, slug, text } from "./common.js";
import { domainId, questionId } from "./questionnaire.js";

/** Risk appetite: a buyer may move thresholds and weights; the report prints which were used. */
export const thresholds = z
  .strictObject({
    moderate: z.number().min(0).max(100),
    high: z.number().min(0).max(100),
    critical: z.number().min(0).max(100),
  })
  .refine((t) => t.moderate < t.high && t.high < t.critical, {
    message: "thresholds must rise: moderate < high < critical",
  });

export const scoringOverrides = z.strictObject({
  thresholds: thresholds.optional(),
  domainWeights: z.record(domainId, z.number().min(0).max(10)).optional(),
  questionWeights: z.record(questionId, z.number().min(0).max(10)).optional(),
  unevidencedCredit: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("Share of a favourable answer's improvement credited when it cites no evidence or is stale (default 0.5)."),
  freshnessMonths: z.number().int().min(1).max(120).optional().describe("Answers older than this are stale (default 12)."),
});

export const workspaceVendor = z.strictObject({
  id: slug.describe("Must match vendors/<id>.yaml and the `vendor` column of incident CSVs."),
  monthlySpend: z.number().min(0).describe("What the buyer pays this vendor per month, in the workspace currency."),
  criticality: criticality.describe("How critical the workloads on this vendor are to the buyer."),
  singleRegion: z.boolean().default(false).describe("True when the workloads run in one region only, with no failover."),
});

export const workspace = z.strictObject({
  $schema: z.string().optional(),
  organisation: text(200),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as EUR or USD"),
  downtimeCostPerHour: z.number().min(0).describe("What one hour of full outage costs the buyer's business."),
  asOf: isoDate.describe("The date the assessment speaks for; also fixes the report date so runs repeat."),
  scoring: scoringOverrides.optional(),
  failOn: rating.optional().describe("Default for --fail-on."),
  vendors: z.array(workspaceVendor).min(1, "list at least one vendor"),
});

export type Thresholds = z.infer<typeof thresholds>;
export type ScoringOverrides = z.infer<typeof scoringOverrides>;
export type WorkspaceVendor = z.infer<typeof workspaceVendor>;
export type Workspace = z.infer<typeof workspace>;
