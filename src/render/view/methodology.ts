import { RATINGS, type Rating } from "../../schema/common.js";
import type { Result } from "../../schema/result.js";
import { formatDate, groupThousands, plural, ratingLabel } from "../format.js";
import { INCIDENT_DOMAIN_ID } from "../../schema/questionnaire.js";
import { badge, clean, type Badge } from "./common.js";

/** How the scores were made, as the workspace set it: printed so every figure can be redone by hand. */
export interface MethodologyView {
  questionnaire: { id: string; version: string; title: string; published: string; questions: string; domains: string };
  thresholds: { band: Badge; range: string }[];
  thresholdsSource: string;
  unevidencedCredit: string;
  findingSeverity: string;
  freshnessMonths: string;
  domains: { id: string; title: string; weight: string; note: string }[];
  questionOverrides: { questionId: string; weight: string; default: string }[];
  hasQuestionOverrides: boolean;
  gates: { id: string; title: string; question: string; answers: string; minRating: Badge }[];
  outageShares: { criticality: string; share: string }[];
  referenceOutageHours: string;
  matrix: { inherent: Badge; cells: Badge[] }[];
  matrixColumns: Badge[];
  inputs: { path: string; bytes: string; sha256: string }[];
  /** The inputs in one sentence, for the executive summary (which must fit two pages whatever the workspace). */
  inputsSummary: string;
}

export function methodology(result: Result): MethodologyView {
  const m = result.methodology;
  const t = m.thresholds;
  return {
    questionnaire: {
      ...m.questionnaire,
      published: formatDate(m.questionnaire.published),
      questions: String(m.questionnaire.questions),
      // The questionnaire's domains: the incident domain is scored from the incident files.
      domains: String(m.domainWeights.filter((d) => d.id !== INCIDENT_DOMAIN_ID).length),
    },
    thresholds: [
      { band: badge("low"), range: `below ${t.moderate}` },
      { band: badge("moderate"), range: `${t.moderate} to below ${t.high}` },
      { band: badge("high"), range: `${t.high} to below ${t.critical}` },
      { band: badge("critical"), range: `${t.critical} and above` },
    ],
    thresholdsSource: m.thresholdsSource === "default" ? "caution's defaults" : "set in the workspace (caution.yaml)",
    unevidencedCredit: `${Math.round(m.unevidencedCredit * 100)}%`,
    findingSeverity: `High from ${m.findingSeverity.high} effective points, Moderate from ${m.findingSeverity.moderate}, Low below; a gate makes a finding at least the gate's rating`,
    freshnessMonths: String(m.freshnessMonths),
    domains: m.domainWeights.map((d) => ({
      id: d.id,
      title: d.title,
      weight: String(d.weight),
      note: d.weight === d.default ? "" : `default ${d.default}`,
    })),
    questionOverrides: m.questionWeightOverrides.map((o) => ({
      questionId: o.questionId,
      weight: String(o.weight),
      default: String(o.default),
    })),
    hasQuestionOverrides: m.questionWeightOverrides.length > 0,
    gates: m.gates.map((g) => ({
      id: g.id,
      title: g.title,
      question: g.questionId,
      answers: [...g.answers, "unanswered", "unknown"].join(", "),
      minRating: badge(g.minRating),
    })),
    outageShares: Object.entries(m.outageShares).map(([c, s]) => ({
      criticality: ratingLabel(c as Rating),
      share: `${Math.round(s * 100)}%`,
    })),
    referenceOutageHours: String(m.referenceOutageHours),
    matrixColumns: RATINGS.map(badge),
    matrix: RATINGS.map((inh) => ({
      inherent: badge(inh),
      cells: RATINGS.map((res) => badge(m.priorityMatrix[inh]?.[res] ?? "critical")),
    })),
    inputs: result.inputs.map((i) => ({ path: clean(i.path), bytes: groupThousands(i.bytes), sha256: i.sha256 })),
    inputsSummary: `${plural(result.inputs.length, "file")}, their SHA-256 in the attached manifest and in the full report; weights and the whole method are there too.`,
  };
}
