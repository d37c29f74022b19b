import { z } from "zod";
import { criticality, slug, text } from "./common.js";

/**
 * The risk simulation's stated assumptions (docs/risk-model.md). Every value has a default in
 * src/score/risk/settings.ts; a buyer who knows better (their own outage history, a different view of AI agents)
 * sets it here, and the result prints which values were used.
 */
export const riskSettings = z.strictObject({
  iterations: z
    .number()
    .int()
    .min(1000)
    .max(1_000_000)
    .optional()
    .describe("Simulated years per provider (default 20000; --iterations wins)."),
  seed: z.string().trim().min(1).max(100).optional().describe("Fixed seed (default: from the input digests)."),
  outagesPerYear: z
    .number()
    .min(0.01)
    .max(1000)
    .optional()
    .describe("Prior mean of affecting outages per year, not caused by an AI agent (default 2)."),
  priorYears: z
    .number()
    .gt(0)
    .max(100)
    .optional()
    .describe("How many years of record the prior weighs as (default 1): larger trusts the prior more."),
  medianOutageMinutes: z
    .number()
    .min(1)
    .max(44640)
    .optional()
    .describe("Prior median outage duration in minutes (default 60)."),
  durationSpread: z
    .number()
    .min(0.05)
    .max(4)
    .optional()
    .describe("Prior lognormal sigma of outage durations (default 1.2)."),
  priorOutages: z
    .number()
    .gt(0)
    .max(1000)
    .optional()
    .describe("How many outages the duration prior weighs as (default 3)."),
  aiAgentOutagesPerYear: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe("AI-agent-caused outages per year at a provider scoring 50 with no gate fired (default 0.1)."),
  aiAgentScoreDoubling: z
    .number()
    .min(1)
    .max(1000)
    .optional()
    .describe("Score points over which the AI-agent outage rate doubles (default 25)."),
  aiAgentGateFactor: z
    .number()
    .min(1)
    .max(10)
    .optional()
    .describe("Factor on the AI-agent outage rate for each gate fired (default 1.5)."),
  aiAgentMedianMinutes: z
    .number()
    .min(1)
    .max(44640)
    .optional()
    .describe("Median duration of an AI-agent-caused outage in minutes (default 360)."),
  aiAgentDurationSpread: z
    .number()
    .min(0.05)
    .max(4)
    .optional()
    .describe("Lognormal sigma of AI-agent-caused outage durations (default 0.8)."),
  askCreditCapPercent: z
    .number()
    .min(0)
    .max(1000)
    .optional()
    .describe("The credit cap the 'raise the credit cap' ask asks for, percent of the monthly fee (default 100)."),
  askLiabilityCapMonths: z
    .number()
    .min(0)
    .max(120)
    .optional()
    .describe("Liability cap for agent-caused outages the ask asks for, in months of fees (default 12)."),
  askLiquidatedDamagesPerHour: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(
      "Liquidated damages per hour of SLA downtime in a month below the commitment, as a share of the monthly fee (default 0.05).",
    ),
});

export const FAILOVERS = ["none", "active-passive", "active-active"] as const;

/** A business service and the providers it runs on, primary first: what the portfolio simulation joins. */
export const workload = z
  .strictObject({
    id: slug,
    name: text(200),
    costPerHour: z
      .number()
      .min(0)
      .max(1e12)
      .optional()
      .describe(
        "What an hour of this workload's outage costs; default: downtimeCostPerHour x the criticality's share.",
      ),
    criticality: criticality.default("high"),
    providers: z.array(slug).min(1, "list at least one provider (vendor id), primary first").max(8),
    failover: z.enum(FAILOVERS).default("none"),
    failoverMinutes: z
      .number()
      .min(0)
      .max(44640)
      .optional()
      .describe("Minutes an active-passive failover takes (required for active-passive)."),
    commonCauseShare: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("Share of the primary's outages that take the other providers down at the same time."),
  })
  .superRefine((w, ctx) => {
    if (w.failover === "active-passive" && w.failoverMinutes === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["failoverMinutes"],
        message: "an active-passive workload needs failoverMinutes (how long switching to the next provider takes)",
      });
    if (w.failover !== "none" && w.providers.length < 2)
      ctx.addIssue({
        code: "custom",
        path: ["providers"],
        message: `failover ${w.failover} needs at least two providers; list the one it fails over to`,
      });
  });

export type RiskSettings = z.infer<typeof riskSettings>;
export type Workload = z.infer<typeof workload>;
