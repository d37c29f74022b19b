import { z } from "zod";
import { findingsSection } from "./workspace-findings.js";
import { criticality, isoDate, rating, slug, text } from "./common.js";
import { CAUSES } from "./incident.js";
import { domainId, questionId } from "./questionnaire.js";
import { riskSettings, workload } from "./risk-settings.js";

/**
 * The most a money field may hold: 10^12 in any currency is beyond any cloud contract, keeps a year of figures
 * far from overflow, and lets validate reject a mistyped exponent (1e20) instead of printing absurd reports.
 */
export const MAX_MONEY = 1e12;
const money = z.number().min(0).max(MAX_MONEY);

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
    .describe(
      "Share of a favourable answer's improvement credited when it cites no evidence or is stale (default 0.5).",
    ),
  freshnessMonths: z
    .number()
    .int()
    .min(1)
    .max(120)
    .optional()
    .describe("Answers older than this are stale (default 12)."),
});

export const workspaceVendor = z.strictObject({
  id: slug.describe("Must match vendors/<id>.yaml and the `vendor` column of incident CSVs."),
  monthlySpend: money.describe(
    `What the buyer pays this vendor per month, in the workspace currency (0 to ${MAX_MONEY.toExponential()}).`,
  ),
  criticality: criticality.describe("How critical the workloads on this vendor are to the buyer."),
  singleRegion: z
    .boolean()
    .default(false)
    .describe("True when the workloads run in one region only, with no failover."),
  services: z
    .array(z.string().trim().min(1).max(100))
    .default([])
    .describe("The vendor's services the buyer uses; incidents touching none of them do not count. Empty: all."),
  regions: z
    .array(z.string().trim().min(1).max(100))
    .default([])
    .describe(
      "Regions the buyer runs in, main region first; incidents elsewhere do not count ('global' always does). Empty: all.",
    ),
});

/** A what-if outage: how long, caused by what, and what it costs against what the SLA pays. */
export const scenario = z
  .strictObject({
    id: slug,
    title: text(200),
    hours: z
      .number()
      .gt(0)
      .max(24 * 31),
    cause: z
      .enum(CAUSES)
      .describe(
        "Decides which SLA exclusion applies, e.g. ai-agent (the provider's agent) or customer-agent (an agent using your credentials).",
      ),
    impact: z.enum(["major", "critical"]).default("critical"),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM, e.g. 2026-03")
      .optional()
      .describe("The month the outage falls in (it starts at its first minute); default: a 30-day month."),
    vendors: z.array(slug).optional().describe("Vendors the scenario applies to; default all."),
  })
  .superRefine((s, ctx) => {
    if (s.month === undefined) return;
    const [y, m] = s.month.split("-").map(Number) as [number, number];
    const hours = (Date.UTC(y, m, 1) - Date.UTC(y, m - 1, 1)) / 3_600_000;
    if (s.hours > hours)
      ctx.addIssue({
        code: "custom",
        path: ["hours"],
        message: `${s.hours} hours do not fit in ${s.month} (${hours} hours)`,
      });
  });

export const REGULATIONS = ["dora", "nis2", "eu-ai-act"] as const;

export const workspace = z.strictObject({
  $schema: z.string().optional(),
  organisation: text(200),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as EUR or USD"),
  downtimeCostPerHour: money.describe(
    `What one hour of full outage costs the buyer's business, in the workspace currency (0 to ${MAX_MONEY.toExponential()}).`,
  ),
  asOf: isoDate.describe("The date the assessment speaks for; also fixes the report date so runs repeat."),
  scoring: scoringOverrides.optional(),
  failOn: rating.optional().describe("Default for --fail-on."),
  findings: findingsSection.optional(),
  regulations: z
    .array(z.enum(REGULATIONS))
    .default([])
    .describe("Regimes whose incident-reporting clocks the buyer must meet."),
  slaAssumptions: z
    .strictObject({
      degradedErrorRate: z
        .number()
        .min(0)
        .max(1)
        .describe(
          "Share of requests that fail during a degraded (minor) incident, 0 to 1; caution assumes 0.1 when not set.",
        ),
    })
    .optional()
    .describe("What SLA arithmetic assumes where the incident record says nothing (docs/sla-method.md)."),
  scenarios: z
    .array(scenario)
    .optional()
    .describe("What-if outages; default: the 13-hour AI-agent outage of December 2025 in each vendor's main region."),
  vendors: z.array(workspaceVendor).min(1, "list at least one vendor"),
  risk: riskSettings.optional().describe("The risk simulation's assumptions (docs/risk-model.md); defaults apply."),
  workloads: z
    .array(workload)
    .max(200)
    .optional()
    .describe("Business services and the providers they run on, for the portfolio simulation (docs/risk-model.md)."),
});

export type Thresholds = z.infer<typeof thresholds>;
export type ScoringOverrides = z.infer<typeof scoringOverrides>;
export type WorkspaceVendor = z.infer<typeof workspaceVendor>;
export type Workspace = z.infer<typeof workspace>;
export type Scenario = z.infer<typeof scenario>;
export type Regulation = (typeof REGULATIONS)[number];
