import { z } from "zod";
import { confidence, MEASUREMENT_METHODS, TERM_KEYS } from "./sla.js";

/** The SLA part of a vendor's result: month by month, the year, the scenarios and the regulatory clocks. */
export const money = z.number().describe("In the workspace currency, to the cent.");

export const slaMonth = z.object({
  month: z.string().describe("YYYY-MM (UTC)."),
  downtimeMinutes: z
    .number()
    .int()
    .min(0)
    .describe(
      "Unplanned downtime affecting the buyer's services and regions, overlaps merged: what the business lost.",
    ),
  slaDowntimeMinutes: z
    .number()
    .int()
    .min(0)
    .describe(
      "The part the SLA counts (impacts it measures, exclusions removed), as its measurement counts it: the minutes of unavailable intervals, or for an error-rate SLA the minutes with counted errors.",
    ),
  excludedMinutes: z
    .number()
    .int()
    .min(0)
    .describe("Downtime removed by an SLA exclusion and not also counted through another incident."),
  uptimePercent: z
    .number()
    .describe(
      "As the SLA measures it: 100 x (1 - unavailable intervals / intervals in the month), or 100 - the average error rate.",
    ),
  meetsCommitment: z.boolean(),
  creditPercent: z.number().min(0).max(100),
  noChargeHours: z
    .number()
    .int()
    .min(0)
    .describe("Clock hours not charged under an hourly rule (EC2 instance-level); included in creditAmount."),
  creditAmount: money,
  loss: money.describe("downtimeMinutes / 60 x downtime cost per hour x outage share."),
  uncovered: money,
});

export const slaSummary = z.object({
  terms: z
    .object({
      service: z.string(),
      uptimeCommitment: z.number(),
      countsImpact: z.array(z.string()),
      measurement: z.string().nullable(),
      measurementRule: z
        .object({
          method: z.enum(MEASUREMENT_METHODS),
          intervalMinutes: z.number().int().nullable(),
          unavailableAbovePercent: z.number().nullable(),
          unavailableAtLeastPercent: z.number().nullable(),
          minConsecutiveIntervals: z.number().int(),
          hourlyNoChargeAboveMinutes: z.number().int().nullable(),
          creditMultiplier: z.number().nullable(),
          affectedCustomerRatio: z.number().nullable(),
        })
        .describe("How outages become the month's uptime (docs/sla-method.md)."),
      creditTiers: z.array(z.object({ below: z.number(), atLeast: z.number(), creditPercent: z.number() })),
      creditCapPercent: z.number(),
      eligibleSpendShare: z.number(),
      claimDeadlineDays: z.number().nullable(),
      exclusions: z.object({
        providerAgents: z.string(),
        customerCredentialAgents: z.string(),
        forceMajeure: z.boolean(),
      }),
      liabilityCapMonths: z.number().nullable(),
      liabilityCapAmount: money.nullable(),
      notification: z
        .object({
          customerNoticeHours: z.number().nullable(),
          rcaDays: z.number().nullable(),
          contractual: z.boolean(),
        })
        .nullable(),
      source: z.object({ document: z.string(), url: z.string().nullable(), date: z.string(), confidence: z.string() }),
      termConfidence: z
        .object(
          Object.fromEntries(TERM_KEYS.map((k) => [k, confidence])) as Record<
            (typeof TERM_KEYS)[number],
            typeof confidence
          >,
        )
        .describe("How sure each term is: primary, secondary or unverified. Reports print it next to the term."),
      catalogue: z
        .object({
          id: z.string(),
          provider: z.string(),
          service: z.string(),
          lastUpdated: z.string().nullable(),
          sourceUrl: z.string(),
        })
        .nullable()
        .describe("The built-in catalogue entry the terms come from (`sla: { from: <id> }`), or null."),
    })
    .nullable()
    .describe("null when the vendor file records no SLA terms: then no credit is assumed."),
  period: z.object({ from: z.string(), to: z.string() }),
  months: z.array(slaMonth),
  annual: z.object({
    downtimeMinutes: z.number().int(),
    slaDowntimeMinutes: z.number().int(),
    loss: money,
    credits: money,
    uncovered: money,
    coverageRatio: z.number().min(0).max(1).nullable().describe("credits / loss; null when there was no loss."),
  }),
  excluded: z.array(
    z.object({ id: z.string(), title: z.string(), startedAt: z.string(), minutes: z.number().int(), rule: z.string() }),
  ),
  excludedCount: z.number().int(),
  silentExclusionMinutes: z
    .number()
    .int()
    .describe("Downtime from causes the SLA does not address (counted, but contestable)."),
  asks: z.array(z.string()).describe("Contract asks that follow from the SLA terms and the figures."),
});

export const scenarioResult = z.object({
  id: z.string(),
  title: z.string(),
  hours: z.number(),
  cause: z.string(),
  impact: z.string(),
  region: z.string().nullable(),
  month: z.string().nullable().describe("The month the scenario is placed in (YYYY-MM); null: a 30-day month."),
  downtimeMinutes: z.number().int(),
  uptimePercent: z.number().describe("In the scenario's month (30 days when none is named) with no other downtime."),
  creditPercent: z.number(),
  noChargeHours: z.number().int().min(0).describe("Clock hours not charged under an hourly rule."),
  creditAmount: money,
  loss: money,
  uncovered: money,
  coverageRatio: z.number().min(0).max(1).nullable(),
  claimable: z.boolean(),
  reason: z.string(),
});

export const regulatoryGap = z.object({
  regulation: z.string(),
  clock: z.string(),
  requirement: z.string(),
  deadlineHours: z.number(),
  vendorCommitment: z.string(),
  status: z.enum(["met", "gap"]),
  ask: z.string().nullable(),
  confidence: z.string(),
  source: z.string(),
});
