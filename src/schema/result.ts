import { z } from "zod";
import { agentKind, criticality, rating } from "./common.js";
import { FINDING_BASES, FINDING_SOURCES, findingId } from "./finding-id.js";
import type { slaMonth } from "./result-sla.js";
import { regulatoryGap, scenarioResult, slaSummary } from "./result-sla.js";
import { contractTerms, lossConcentration } from "./result-terms.js";
import { portfolio, riskAssumptions, vendorRisk } from "./result-risk.js";

/**
 * The JSON result: the contract between scoring and rendering, and what `score --json` prints. Bump
 * RESULT_SCHEMA_VERSION's major on any change that removes or renames a field; adding one is a minor bump.
 */
export const RESULT_SCHEMA_VERSION = "1.3.0";

const score = z.number().min(0).max(100);

export const trailEntry = z.object({
  questionId: z.string(),
  source: z.enum(["questionnaire", "incident-record"]),
  domain: z.string(),
  agentKind,
  status: z.enum(["answered", "unanswered", "unknown", "not-applicable"]),
  answer: z.string().describe("The answer value scored: the vendor's, or the worst option when unanswered/unknown."),
  answerLabel: z.string(),
  optionPoints: score,
  worstPoints: score,
  evidenced: z.boolean(),
  answeredAt: z.string().nullable(),
  fresh: z.boolean().describe("Answered within the freshness limit."),
  credit: z.number().min(0).max(1).describe("Share of the improvement over the worst option that counts."),
  effectivePoints: score,
  weight: z.number().min(0),
  domainWeight: z.number().min(0),
  contribution: z
    .number()
    .min(0)
    .describe("Points this question adds to the vendor score; contributions sum to the score."),
  gate: z.string().nullable().describe("Id of the gate this answer fired, if any."),
});

export const firedGate = z.object({
  id: z.string(),
  title: z.string(),
  minRating: rating,
  questionId: z.string(),
  answer: z.string(),
  answerLabel: z.string(),
  status: trailEntry.shape.status,
});

export const domainScore = z.object({
  id: z.string(),
  title: z.string(),
  weight: z.number().min(0),
  score: score.nullable().describe("null when every question of the domain is not applicable."),
  rating: rating.nullable(),
  questions: z.number().int(),
  answered: z.number().int(),
  unanswered: z.number().int().describe("Unanswered or answered unknown."),
  notApplicable: z.number().int(),
});

export const finding = z.object({
  id: findingId,
  questionId: z.string().describe("The question the finding is about; SLA-SILENT for the SLA's silent causes."),
  source: z
    .enum(FINDING_SOURCES)
    .describe(
      "A vendor answer, a figure computed from the incident files (domain INC), or the SLA terms against the incident record (domain SLA).",
    ),
  domain: z.string(),
  agentKind,
  severity: rating,
  basis: z.enum(FINDING_BASES).describe("What makes this a finding."),
  question: z.string(),
  status: trailEntry.shape.status,
  answer: z.string(),
  answerLabel: z.string(),
  effectivePoints: score,
  contribution: z.number().min(0),
  evidenced: z.boolean(),
  fresh: z.boolean(),
  comment: z.string().nullable(),
  gate: z.string().nullable(),
  why: z.string(),
  ask: z.string(),
});

export const incidentSummary = z.object({
  total: z.number().int().describe("Incidents on record for the vendor, any date."),
  affecting: z
    .number()
    .int()
    .describe("Unplanned incidents in the SLA period that affect the buyer's services and regions."),
  major: z.number().int().describe("Of those, impact major or critical."),
  aiAgentInvolved: z.number().int(),
  aiAgentUnknown: z.number().int(),
  openAtAsOf: z.number().int(),
  downtimeMinutes: z
    .number()
    .int()
    .min(0)
    .describe("Union of those incidents' intervals within the period, in minutes."),
  longestMinutes: z.number().min(0),
  longestMajorMinutes: z.number().min(0),
  rca: z
    .object({
      within7: z.number().int(),
      within14: z.number().int(),
      within30: z.number().int(),
      later: z.number().int(),
      none: z.number().int(),
    })
    .describe("Major incidents by days from resolution to a public RCA."),
  listed: z.number().int().describe("How many incidents `list` holds (the most recent, at most 200)."),
  list: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startedAt: z.string(),
      resolvedAt: z.string().nullable(),
      durationMinutes: z.number().min(0),
      open: z.boolean(),
      severity: z.string(),
      cause: z.string(),
      aiAgentInvolved: z.enum(["yes", "no", "unknown"]),
      services: z.array(z.string()),
      regions: z.array(z.string()),
      sourceUrl: z.string().nullable(),
      affects: z.boolean().describe("Unplanned, in the period, and touching the buyer's services and regions."),
      excludedBy: z.string().nullable().describe("The SLA exclusion that removes it from credited downtime."),
    }),
  ),
});

export const vendorResult = z.object({
  id: z.string(),
  name: z.string(),
  score: score.describe("Residual risk after the vendor's controls: 0 best, 100 worst."),
  scoreRating: rating.describe("The band the score falls in, before gates."),
  rating: rating.describe("The final rating: the score's band, raised by any gate that fired."),
  gates: z.array(firedGate),
  inherent: z.object({
    criticality,
    singleRegion: z.boolean(),
    monthlySpend: z.number(),
    level: rating.describe("Exposure from dependence alone, before any control."),
    outageShare: z
      .number()
      .min(0)
      .max(1)
      .describe("Share of the buyer's hourly downtime cost that an outage of this vendor causes."),
    referenceOutageCost: z
      .number()
      .min(0)
      .describe("Business loss of the reference outage (downtime cost x share x hours)."),
  }),
  priority: rating.describe("Inherent exposure combined with residual rating (matrix in methodology)."),
  coverage: z.object({
    questions: z.number().int(),
    answered: z.number().int(),
    unanswered: z.number().int(),
    unknown: z.number().int(),
    notApplicable: z.number().int(),
    evidenced: z.number().int(),
    unevidencedFavourable: z.number().int(),
    stale: z.number().int(),
  }),
  answeredAt: z.string().nullable(),
  contact: z.string().nullable(),
  domains: z.array(domainScore),
  findings: z.array(finding),
  incidents: incidentSummary,
  sla: slaSummary,
  scenarios: z.array(scenarioResult),
  regulatory: z.array(regulatoryGap),
  lossConcentration,
  trail: z.array(trailEntry),
  risk: vendorRisk.optional(),
});

export const methodology = z.object({
  questionnaire: z.object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    published: z.string(),
    questions: z.number().int(),
  }),
  thresholds: z.object({ moderate: z.number(), high: z.number(), critical: z.number() }),
  thresholdsSource: z.enum(["default", "workspace"]),
  domainWeights: z.array(z.object({ id: z.string(), title: z.string(), weight: z.number(), default: z.number() })),
  questionWeightOverrides: z.array(z.object({ questionId: z.string(), weight: z.number(), default: z.number() })),
  unevidencedCredit: z.number(),
  findingSeverity: z
    .object({ moderate: z.number(), high: z.number() })
    .describe("Effective points at which a finding is moderate / high; only gates make one critical."),
  freshnessMonths: z.number().int(),
  gates: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      questionId: z.string(),
      answers: z.array(z.string()),
      minRating: rating,
    }),
  ),
  outageShares: z.record(criticality, z.number()),
  referenceOutageHours: z.number(),
  priorityMatrix: z.record(rating, z.record(rating, rating)).describe("priorityMatrix[inherent][residual]"),
  slaAssumptions: z
    .object({
      degradedErrorRate: z.number().min(0).max(1),
      source: z.enum(["default", "workspace"]),
    })
    .describe("What SLA arithmetic assumes where the record says nothing: the error rate of a degraded incident."),
  risk: riskAssumptions.optional(),
});

/** What a provider's assessment means for the buyer's critical workloads, decided by scoring. */
export const ACTIONS = ["use", "use-with-conditions", "keep-critical-off"] as const;

export const recommendation = z
  .object({
    ranking: z
      .array(z.string())
      .describe(
        "Vendor ids, best first: lowest rating, then lowest priority, then lowest score, then the order of caution.yaml.",
      ),
    preferred: z
      .string()
      .nullable()
      .describe("The best-ranked vendor when it is rated Moderate or better; null when no provider is fit."),
    actions: z
      .array(
        z.object({
          vendor: z.string(),
          action: z
            .enum(ACTIONS)
            .describe(
              "Low: use. Moderate: use with the conditions. High or Critical: keep critical workloads off it until the conditions are met.",
            ),
          conditions: z
            .array(z.string())
            .describe("The asks of its most severe findings, in order, without repeats (at most three)."),
        }),
      )
      .describe("One per vendor, in the order of `vendors`."),
  })
  .describe("Which provider to prefer for critical workloads, and on what conditions each may be used.");

export const result = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal("caution"), version: z.string() }),
  generatedAt: z.string().describe("From SOURCE_DATE_EPOCH or the workspace as-of date; never the clock."),
  workspace: z.object({
    organisation: z.string(),
    currency: z.string(),
    downtimeCostPerHour: z.number(),
    asOf: z.string(),
    failOn: rating.nullable().describe("The workspace's default for --fail-on."),
  }),
  inputs: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int() })),
  methodology,
  vendors: z.array(vendorResult),
  recommendation,
  contractTerms,
  portfolio: portfolio.optional(),
});

export { regulatoryGap, scenarioResult, slaMonth, slaSummary } from "./result-sla.js";

export type TrailEntry = z.infer<typeof trailEntry>;
export type FiredGate = z.infer<typeof firedGate>;
export type DomainScore = z.infer<typeof domainScore>;
export type Finding = z.infer<typeof finding>;
export type IncidentSummary = z.infer<typeof incidentSummary>;
export type VendorResult = z.infer<typeof vendorResult>;
export type Methodology = z.infer<typeof methodology>;
export type Result = z.infer<typeof result>;

/** The parts of a result decided before any vendor is scored, in contract order. */
export const resultHead = result.pick({
  schemaVersion: true,
  tool: true,
  generatedAt: true,
  workspace: true,
  inputs: true,
  methodology: true,
});
export type ResultHead = z.infer<typeof resultHead>;
export type Recommendation = z.infer<typeof recommendation>;
export type SlaMonth = z.infer<typeof slaMonth>;
export type SlaSummary = z.infer<typeof slaSummary>;
export type ScenarioResult = z.infer<typeof scenarioResult>;
export type RegulatoryGap = z.infer<typeof regulatoryGap>;
