import type { Criticality, Rating } from "../schema/common.js";
import type { Methodology } from "../schema/result.js";
import type { Thresholds, Workspace } from "../schema/workspace.js";
import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import { FINDING_SEVERITY, INCIDENT_DOMAIN_ID } from "./findings.js";
import { DEFAULT_THRESHOLDS } from "./rating.js";

/**
 * Everything scoring needs besides the answers: published defaults with the buyer's risk appetite applied.
 * The report prints all of it so a reader can redo any figure by hand.
 */
export interface ScoringConfig {
  thresholds: Thresholds;
  thresholdsSource: "default" | "workspace";
  domainWeights: Map<string, number>;
  questionWeights: Map<string, number>;
  unevidencedCredit: number;
  freshnessMonths: number;
  outageShares: Record<Criticality, number>;
  referenceOutageHours: number;
  priorityMatrix: Record<Rating, Record<Rating, Rating>>;
}

/** A favourable answer nobody can show a document for is worth half its improvement: an auditor's first question. */
export const DEFAULT_UNEVIDENCED_CREDIT = 0.5;
export const DEFAULT_FRESHNESS_MONTHS = 12;

/**
 * Share of the buyer's hourly downtime cost that a full outage of a vendor causes, by how critical the workloads it
 * hosts are. A critical vendor's outage stops the business; a low one's is an inconvenience.
 */
export const OUTAGE_SHARES: Record<Criticality, number> = { low: 0.1, medium: 0.25, high: 0.5, critical: 1 };

/** The reference outage is the reported 13-hour AI-agent outage of December 2025 (see the seed article). */
export const REFERENCE_OUTAGE_HOURS = 13;

/**
 * Priority = inherent exposure (rows) x residual rating (columns). Monotone in both: a weaker vendor or a more
 * critical dependency never lowers the priority. A vendor with a critical gate that hosts nothing important is
 * a smaller problem than a high-risk one that hosts everything.
 */
export const PRIORITY_MATRIX: Record<Rating, Record<Rating, Rating>> = {
  low: { low: "low", moderate: "low", high: "moderate", critical: "moderate" },
  moderate: { low: "low", moderate: "moderate", high: "moderate", critical: "high" },
  high: { low: "moderate", moderate: "moderate", high: "high", critical: "critical" },
  critical: { low: "moderate", moderate: "high", high: "critical", critical: "critical" },
};

export function resolveConfig(ws: Workspace, q: ValidQuestionnaire): ScoringConfig {
  const s = ws.scoring ?? {};
  const domainWeights = new Map(q.domains.map((d) => [d.id, s.domainWeights?.[d.id] ?? d.weight]));
  const questionWeights = new Map(q.questions.map((x) => [x.id, s.questionWeights?.[x.id] ?? x.weight]));
  return {
    thresholds: s.thresholds ?? DEFAULT_THRESHOLDS,
    thresholdsSource: s.thresholds ? "workspace" : "default",
    domainWeights,
    questionWeights,
    unevidencedCredit: s.unevidencedCredit ?? DEFAULT_UNEVIDENCED_CREDIT,
    freshnessMonths: s.freshnessMonths ?? DEFAULT_FRESHNESS_MONTHS,
    outageShares: OUTAGE_SHARES,
    referenceOutageHours: REFERENCE_OUTAGE_HOURS,
    priorityMatrix: PRIORITY_MATRIX,
  };
}

export function describeMethodology(cfg: ScoringConfig, q: ValidQuestionnaire): Omit<Methodology, "slaAssumptions"> {
  return {
    questionnaire: {
      id: q.id,
      version: q.version,
      title: q.title,
      published: q.published,
      // The questionnaire's own questions: the incident record's computed figures (domain INC) are not questions
      // the vendor answers, and README, CLI and spreadsheets count 54 in 12 domains.
      questions: q.questions.filter((x) => x.domain !== INCIDENT_DOMAIN_ID).length,
    },
    thresholds: cfg.thresholds,
    thresholdsSource: cfg.thresholdsSource,
    domainWeights: q.domains.map((d) => ({
      id: d.id,
      title: d.title,
      weight: cfg.domainWeights.get(d.id) ?? d.weight,
      default: d.weight,
    })),
    questionWeightOverrides: q.questions
      .filter((x) => cfg.questionWeights.get(x.id) !== x.weight)
      .map((x) => ({ questionId: x.id, weight: cfg.questionWeights.get(x.id) ?? x.weight, default: x.weight })),
    unevidencedCredit: cfg.unevidencedCredit,
    findingSeverity: { ...FINDING_SEVERITY },
    freshnessMonths: cfg.freshnessMonths,
    gates: q.gates.map((g) => ({
      id: g.id,
      title: g.title,
      questionId: g.question,
      answers: g.answers,
      minRating: g.minRating,
    })),
    outageShares: cfg.outageShares,
    referenceOutageHours: cfg.referenceOutageHours,
    priorityMatrix: cfg.priorityMatrix,
  };
}
