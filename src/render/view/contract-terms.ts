import { LIABILITY_SCOPE_QUESTION, type ContractTerm } from "../../schema/result-terms.js";
import type { Result, VendorResult } from "../../schema/result.js";
import { formatDate, plural } from "../format.js";
import { clean } from "./common.js";
import { claimWindowWords, creditCapWords, liabilityMonthsWords, stanceWords } from "./sla-words.js";

/**
 * The contract terms procurement negotiates, one row per term and one column per provider: each value with how sure
 * it is (primary, secondary, unverified) and the weakest marked as scoring decided it (result.contractTerms).
 */
export interface TermsMatrixView {
  vendors: string[];
  columns: number;
  rows: { label: string; rule: string; cells: { value: string; confidence: string; weaker: boolean }[] }[];
  sources: string[];
  /** Said when the weakest is judged among more providers than one table shows. */
  note: string | null;
}

const LABEL: Record<ContractTerm, string> = {
  uptimeCommitment: "Uptime commitment",
  measurement: "How uptime is measured",
  creditTiers: "Credit tiers",
  creditCap: "Credit cap",
  claimWindow: "Claim window",
  providerAgents: "AI-agent exclusion: provider's own agents",
  customerCredentialAgents: "AI-agent exclusion: agents with your credentials",
  liabilityCap: "Liability cap",
  notice: "Incident notice",
  rca: "Root-cause report (RCA)",
  regulatoryGaps: "Regulatory reporting gaps",
};

/** Which per-term confidence each row rests on (result sla.terms.termConfidence keys). */
const CONFIDENCE_KEY: Record<ContractTerm, string | null> = {
  uptimeCommitment: "uptimeCommitment",
  measurement: "measurement",
  creditTiers: "creditTiers",
  creditCap: "creditCapPercent",
  claimWindow: "claimDeadlineDays",
  providerAgents: "exclusions",
  customerCredentialAgents: "exclusions",
  liabilityCap: "liabilityCapMonths",
  notice: "notification",
  rca: "notification",
  regulatoryGaps: null,
};

const METHOD: Record<string, string> = {
  minutes: "minutes without service",
  intervals: "intervals whose error rate passes a threshold",
  "error-rate": "100 minus the average error rate",
  "affected-ratio": "minutes weighted by the share of customers affected",
};

function value(term: ContractTerm, v: VendorResult, cur: string): string {
  const t = v.sla.terms;
  if (term === "regulatoryGaps") {
    const gaps = v.regulatory.filter((g) => g.status === "gap");
    if (v.regulatory.length === 0) return "no regulation selected";
    return gaps.length === 0
      ? `none (${plural(v.regulatory.length, "clock")} met)`
      : `${gaps.length} of ${v.regulatory.length}: ${gaps.map((g) => g.clock).join("; ")}`;
  }
  if (t === null) return "no terms recorded";
  const n = t.notification;
  const contractual = n && !n.contractual ? " (practice, not contractual)" : "";
  switch (term) {
    case "uptimeCommitment":
      return `${t.uptimeCommitment}% a month`;
    case "measurement":
      return `${t.countsImpact.join(", ")} impact; ${METHOD[t.measurementRule.method] ?? t.measurementRule.method}`;
    case "creditTiers":
      return t.creditTiers
        .map((x) => `${x.atLeast > 0 ? `${x.atLeast}-` : "<"}${x.below}%: ${x.creditPercent}%`)
        .join("; ");
    case "creditCap":
      return creditCapWords(t);
    case "claimWindow":
      return claimWindowWords(t);
    case "providerAgents":
      return stanceWords(t.exclusions.providerAgents);
    case "customerCredentialAgents":
      return stanceWords(t.exclusions.customerCredentialAgents);
    case "liabilityCap": {
      const months = liabilityMonthsWords(t, cur);
      if (months === null) return "not stated";
      // Which fees the months are of is the vendor's answer, not the SLA terms: say so beside the figure.
      const scope = v.trail.find((e) => e.questionId === LIABILITY_SCOPE_QUESTION && e.status === "answered");
      return scope ? `${months}; answered: ${clean(scope.answerLabel)}` : `${months}; of which fees: not answered`;
    }
    case "notice":
      return n === null || n.customerNoticeHours === null
        ? "no commitment"
        : `within ${n.customerNoticeHours} h${contractual}`;
    case "rca":
      return n === null || n.rcaDays === null ? "no commitment" : `within ${n.rcaDays} days${contractual}`;
  }
}

function confidence(term: ContractTerm, v: VendorResult): string {
  const key = CONFIDENCE_KEY[term];
  if (key === null) return "regulation: secondary source";
  const t = v.sla.terms;
  if (!t) return "";
  return (t.termConfidence as Record<string, string>)[key] ?? t.source.confidence;
}

export function termsMatrix(result: Result, vs: readonly VendorResult[]): TermsMatrixView {
  const cur = result.workspace.currency;
  const rows = result.contractTerms.map((row) => ({
    label: LABEL[row.term],
    rule: `Weaker: ${row.rule}.`,
    cells: vs.map((v) => ({
      value: clean(value(row.term, v, cur)),
      confidence: confidence(row.term, v),
      weaker: row.weaker.includes(v.id),
    })),
  }));
  return {
    vendors: vs.map((v) => clean(v.name)),
    columns: vs.length + 1,
    rows,
    sources: vs.map((v) =>
      v.sla.terms
        ? `${clean(v.name)}: ${clean(v.sla.terms.source.document)}, version of ${formatDate(v.sla.terms.source.date)} (${v.sla.terms.source.confidence} source).`
        : `${clean(v.name)}: no SLA terms recorded.`,
    ),
    note:
      vs.length < result.vendors.length
        ? `The weakest term is marked among all ${result.vendors.length} providers assessed.`
        : null,
  };
}
