import { z } from "zod";

const money = z.number().describe("In the workspace currency, to the cent.");

/** A simulated annual figure: mean and percentiles over the simulated years, each with its standard error. */
export const riskDistribution = z.object({
  mean: money,
  p50: money,
  p90: money,
  p95: money.describe("Exceeded one year in 20."),
  p99: money.describe("Exceeded one year in 100."),
  standardError: z
    .object({ mean: money, p50: money, p90: money, p95: money, p99: money })
    .describe(
      "Monte Carlo standard error of each figure (the mean's sd/sqrt(n); a percentile's from its order statistics).",
    ),
});

const exceedancePoint = z.object({
  probability: z.number().gt(0).lt(1).describe("Chance in a year that the amount is exceeded."),
  amount: money,
});

export const vendorRisk = z
  .object({
    iterations: z.number().int().min(1).describe("Simulated years."),
    seed: z.string().describe("The run's seed: --seed, risk.seed, or derived from the input digests."),
    model: z
      .object({
        recordOutages: z
          .number()
          .int()
          .describe("Outages in the SLA period not caused by an AI agent (runs of downtime)."),
        outagesPerYear: z.number().describe("Posterior mean rate of those outages."),
        medianOutageMinutes: z.number().describe("Median of the fitted duration law."),
        aiAgentOutages: z.number().int().describe("AI-agent-caused outages in the period."),
        aiAgentPriorPerYear: z.number().describe("The rate the AI-agent mapping assumes from score and gates."),
        aiAgentOutagesPerYear: z.number().describe("Posterior mean rate of AI-agent-caused outages."),
      })
      .describe("What the simulation drew from (docs/risk-model.md)."),
    annualLoss: riskDistribution,
    annualCredits: riskDistribution,
    annualUncovered: riskDistribution,
    exceedance: z
      .array(z.object({ probability: z.number(), loss: money, uncovered: money }))
      .describe("Loss exceedance curve: the annual loss and uncovered loss exceeded with each probability."),
    asks: z
      .array(
        z.object({
          ask: z.string(),
          p95Before: money.describe("P95 annual uncovered loss under the current terms."),
          p95After: money.describe("P95 annual uncovered loss with the ask granted, on the same simulated years."),
          meanAfter: money,
        }),
      )
      .describe("SLA-related asks, largest drop in P95 uncovered loss first."),
  })
  .describe("Monte Carlo annual loss, SLA credits and uncovered loss (docs/risk-model.md).");

export const portfolio = z
  .object({
    iterations: z.number().int(),
    seed: z.string(),
    annualUncovered: riskDistribution,
    exceedance: z.array(exceedancePoint),
    providers: z
      .array(z.object({ id: z.string(), p95Share: z.number().min(0).max(1) }))
      .describe("Each primary provider's share of the uncovered loss in the years at or above the portfolio P95."),
    workloads: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        providers: z.array(z.string()),
        failover: z.string(),
        annualUncovered: riskDistribution,
      }),
    ),
  })
  .nullable()
  .describe("Workloads simulated jointly across their providers; null when caution.yaml lists no workloads.");

/** The simulation's assumptions as used: caution.yaml's `risk:` block over the defaults (docs/risk-model.md). */
export const riskAssumptions = z
  .object({
    iterations: z.number().int(),
    outagesPerYear: z.number(),
    priorYears: z.number(),
    medianOutageMinutes: z.number(),
    durationSpread: z.number(),
    priorOutages: z.number(),
    aiAgentOutagesPerYear: z.number(),
    aiAgentScoreDoubling: z.number(),
    aiAgentGateFactor: z.number(),
    aiAgentMedianMinutes: z.number(),
    aiAgentDurationSpread: z.number(),
    askCreditCapPercent: z.number(),
    askLiabilityCapMonths: z.number(),
    askLiquidatedDamagesPerHour: z.number(),
    source: z.enum(["default", "workspace"]).describe("Whether caution.yaml set any of them."),
  })
  .describe("The risk simulation's priors, AI-agent mapping and ask terms, as used.");

export type RiskDistribution = z.infer<typeof riskDistribution>;
export type VendorRisk = z.infer<typeof vendorRisk>;
export type Portfolio = z.infer<typeof portfolio>;
