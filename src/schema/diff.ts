import { z } from "zod";
import { rating } from "./common.js";

/**
 * What changed between two assessments (`caution diff --format json`, and what `report --since` prints). Its own
 * contract, versioned apart from the result: bump the major on any change that removes or renames a field.
 */
export const DIFF_SCHEMA_VERSION = "1.0.0";

/** What `caution diff --format` accepts. */
export const DIFF_FORMATS = ["md", "html", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const money = z.number().describe("In the workspace currency, to the cent.");
const answerState = z.object({
  status: z.enum(["answered", "unanswered", "unknown", "not-applicable"]),
  answer: z.string(),
  answerLabel: z.string(),
});
const side = z.object({
  file: z.string().describe("The result file as it was named on the command line."),
  organisation: z.string(),
  asOf: z.string(),
  generatedAt: z.string(),
  currency: z.string(),
  questionnaire: z.string().describe("Questionnaire id and version."),
});

export const vendorDiff = z.object({
  id: z.string(),
  name: z.string(),
  presence: z
    .enum(["both", "added", "removed"])
    .describe("In both assessments, only in the new one, or only in the old one."),
  rating: z.object({ old: rating.nullable(), new: rating.nullable() }),
  score: z.object({
    old: z.number().nullable(),
    new: z.number().nullable(),
    delta: z.number().nullable().describe("new - old, one decimal; positive means more risk."),
  }),
  priority: z.object({ old: rating.nullable(), new: rating.nullable() }),
  answers: z
    .array(
      z.object({
        questionId: z.string(),
        question: z.string().nullable().describe("The question's text where either result names it (a finding)."),
        old: answerState.nullable(),
        new: answerState.nullable(),
      }),
    )
    .describe("Questions whose answer or status changed, in questionnaire order."),
  gatesFired: z.array(z.object({ id: z.string(), title: z.string(), questionId: z.string() })),
  gatesCleared: z.array(z.object({ id: z.string(), title: z.string(), questionId: z.string() })),
  findingsOpened: z.array(z.string()).describe("Finding ids only in the new assessment."),
  findingsClosed: z.array(z.string()).describe("Finding ids only in the old assessment."),
  slaTerms: z
    .array(z.object({ term: z.string(), old: z.string(), new: z.string() }))
    .describe("SLA terms whose value changed, in words (`none` where a side has no SLA terms)."),
  newIncidents: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        startedAt: z.string(),
        durationMinutes: z.number().min(0),
        severity: z.string(),
        open: z.boolean(),
        affects: z.boolean(),
      }),
    )
    .describe("Incidents the new result lists and the old one did not (the 200 most recent of each are listed)."),
  uncovered: z
    .object({
      old: money.nullable(),
      new: money.nullable(),
      delta: money.nullable().describe("new - old; null when a side is missing or the currencies differ."),
    })
    .describe("Loss the SLA left uncovered over each result's SLA period."),
  loss: z.object({ old: money.nullable(), new: money.nullable() }),
  credits: z.object({ old: money.nullable(), new: money.nullable() }),
  changed: z.boolean().describe("Anything above differs."),
});

export const assessmentDiff = z.object({
  schemaVersion: z.literal(DIFF_SCHEMA_VERSION),
  old: side,
  new: side,
  currencyChanged: z.boolean(),
  vendors: z.array(vendorDiff).describe("The new result's vendors in its order, then those it no longer has."),
});

export type AssessmentDiff = z.infer<typeof assessmentDiff>;
export type VendorDiff = z.infer<typeof vendorDiff>;
