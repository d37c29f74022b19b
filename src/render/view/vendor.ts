import type { Result, VendorResult } from "../../schema/result.js";
import { lossCreditChart, uptimeChart } from "../charts/sla-charts.js";
import { vendorRiskView, type VendorRiskView } from "./risk.js";
import type { ChartView } from "../charts/svg.js";
import {
  formatDate,
  formatDuration,
  formatHours,
  formatInstant,
  formatMoney,
  formatMonth,
  formatPercent,
  formatScore,
  groupThousands,
  ratingLabel,
} from "../format.js";
import { safeHref } from "../sanitize.js";
import { anchorOf, badge, clean, flags, percent, type Badge, type Link } from "./common.js";
import { findingsTable, type FindingsTableView } from "./findings-table.js";
import { slaView, type SlaView } from "./vendor-sla.js";

/** One provider's section: facts, gates, domains, evidence, findings, incidents, SLA, scenarios, regulation. */
export interface VendorView {
  id: string;
  name: string;
  anchor: string;
  rating: Badge;
  scoreRating: Badge;
  priority: Badge;
  inherent: Badge;
  score: string;
  facts: { label: string; value: string }[];
  gates: { id: string; title: string; minRating: Badge; answer: string; questionId: string }[];
  hasGates: boolean;
  domains: {
    id: string;
    title: string;
    weight: string;
    score: string;
    bar: string;
    rating: Badge | null;
    answered: string;
  }[];
  evidence: { label: string; value: string }[];
  findings: FindingView[];
  findingsTable: FindingsTableView;
  hasFindings: boolean;
  incidents: {
    summary: { label: string; value: string }[];
    note: string | null;
    list: {
      started: string;
      duration: string;
      open: boolean;
      severity: string;
      ai: string;
      title: string;
      cause: string;
      scope: string;
      source: Link | null;
      affects: string;
      sla: string;
    }[];
    hasList: boolean;
  };
  sla: SlaView;
  charts: { uptime: ChartView | null; lossCredit: ChartView | null };
  scenarios: {
    title: string;
    hours: string;
    region: string;
    cause: string;
    loss: string;
    credit: string;
    uncovered: string;
    coverage: string;
    claimable: string;
    reason: string;
    uptime: string;
  }[];
  hasScenarios: boolean;
  regulatory: {
    clock: string;
    requirement: string;
    commitment: string;
    status: string;
    gap: boolean;
    ask: string | null;
    source: string;
  }[];
  hasRegulatory: boolean;
  risk: VendorRiskView | null;
}

export interface FindingView {
  questionId: string;
  domain: string;
  agentKind: string;
  severity: Badge;
  question: string;
  answer: string;
  flags: string;
  comment: string | null;
  commentLabel: string;
  gate: string | null;
  why: string;
  ask: string;
  points: string;
}

const AGENT_KIND_LABEL: Record<string, string> = {
  operator: "Provider's operator agents",
  "customer-facing": "Agents in your tenancy",
  contract: "Contract",
};

export function vendorView(v: VendorResult, result: Result): VendorView {
  const cur = result.workspace.currency;
  const cov = v.coverage;
  const inc = v.incidents;
  const period = `${formatMonth(v.sla.period.from)} to ${formatMonth(v.sla.period.to)}`;
  return {
    id: v.id,
    name: clean(v.name),
    anchor: anchorOf(v.id),
    rating: badge(v.rating),
    scoreRating: badge(v.scoreRating),
    priority: badge(v.priority),
    inherent: badge(v.inherent.level),
    score: formatScore(v.score),
    facts: [
      {
        label: "Workload criticality",
        value: `${ratingLabel(v.inherent.criticality)}${v.inherent.singleRegion ? ", single region" : ", multi-region"}`,
      },
      { label: "Monthly spend", value: formatMoney(v.inherent.monthlySpend, cur) },
      {
        label: `Loss in a ${result.methodology.referenceOutageHours} h outage`,
        value: `${formatMoney(v.inherent.referenceOutageCost, cur)} (${Math.round(v.inherent.outageShare * 100)}% of ${formatMoney(result.workspace.downtimeCostPerHour, cur)} per hour)`,
      },
      { label: "Answers dated", value: v.answeredAt ? formatDate(v.answeredAt) : "not dated" },
      ...(v.contact ? [{ label: "Vendor contact", value: clean(v.contact) }] : []),
    ],
    gates: v.gates.map((g) => ({
      id: g.id,
      title: clean(g.title),
      minRating: badge(g.minRating),
      answer: clean(g.answerLabel),
      questionId: g.questionId,
    })),
    hasGates: v.gates.length > 0,
    domains: v.domains.map((d) => ({
      id: d.id,
      title: d.title,
      weight: String(d.weight),
      score: d.score === null ? "n/a" : formatScore(d.score),
      bar: `${d.score === null ? 0 : Math.round(d.score)}%`,
      rating: d.rating === null ? null : badge(d.rating),
      answered: `${d.answered} of ${d.questions}${d.notApplicable > 0 ? `, ${d.notApplicable} n/a` : ""}`,
    })),
    evidence: [
      { label: "Questions", value: String(cov.questions) },
      { label: "Answered", value: String(cov.answered) },
      { label: "Answered with evidence", value: String(cov.evidenced) },
      { label: "Favourable but unevidenced (partly credited)", value: String(cov.unevidencedFavourable) },
      { label: `Stale or undated (older than ${result.methodology.freshnessMonths} months)`, value: String(cov.stale) },
      { label: "Unanswered (scored as worst)", value: String(cov.unanswered) },
      { label: "Don't know (scored as worst)", value: String(cov.unknown) },
      { label: "Not applicable (weight removed)", value: String(cov.notApplicable) },
    ],
    findings: v.findings.map((f) => ({
      questionId: f.questionId,
      domain: f.domain,
      agentKind: AGENT_KIND_LABEL[f.agentKind] ?? f.agentKind,
      severity: badge(f.severity),
      question: clean(f.question),
      answer: clean(f.answerLabel),
      flags: flags(f),
      comment: f.comment === null ? null : clean(f.comment),
      commentLabel: f.source === "questionnaire" ? "Vendor's comment" : "From the incident record",
      gate: f.gate,
      why: clean(f.why),
      ask: clean(f.ask),
      points: `${f.contribution.toFixed(2)} of ${formatScore(v.score)} points`,
    })),
    findingsTable: findingsTable(v),
    hasFindings: v.findings.length > 0,
    incidents: {
      summary: [
        { label: "Incidents on record", value: String(inc.total) },
        { label: `Affecting you, ${period}`, value: String(inc.affecting) },
        { label: "Major or critical", value: String(inc.major) },
        { label: "AI agent involved (unknown)", value: `${inc.aiAgentInvolved} (${inc.aiAgentUnknown})` },
        { label: "Open at the as-of date", value: String(inc.openAtAsOf) },
        {
          label: "Downtime affecting you (overlaps merged)",
          value: `${formatHours(inc.downtimeMinutes)} (${groupThousands(inc.downtimeMinutes)} min)`,
        },
        { label: "Longest incident affecting you", value: formatDuration(inc.longestMinutes) },
        {
          label: "Major incidents with a public RCA within 14 days",
          value: `${inc.rca.within7 + inc.rca.within14} of ${inc.major}`,
        },
      ],
      note: inc.listed < inc.total ? `The ${inc.listed} most recent of ${inc.total} incidents are listed.` : null,
      list: inc.list.map((i) => {
        const href = safeHref(i.sourceUrl);
        return {
          started: formatInstant(i.startedAt),
          duration: formatDuration(i.durationMinutes),
          // An open incident runs to the end of the as-of date; the SLA figures stop at the last whole month.
          open: i.open,
          severity: i.severity,
          ai: i.aiAgentInvolved,
          title: clean(i.title),
          cause: i.cause,
          scope: clean([i.services.join(", "), i.regions.join(", ")].filter((s) => s !== "").join(" · ")),
          source: i.sourceUrl ? { text: href ? new URL(href).hostname : clean(i.sourceUrl), href } : null,
          affects: i.affects ? "yes" : "no",
          sla: i.excludedBy ? `excluded: ${i.excludedBy}` : "",
        };
      }),
      hasList: inc.list.length > 0,
    },
    sla: slaView(v, result, period),
    charts: {
      uptime: uptimeChart(v.sla, `chart-uptime-${v.id}`),
      lossCredit: lossCreditChart(v.sla, cur, `chart-loss-${v.id}`),
    },
    scenarios: v.scenarios.map((sc) => ({
      title: clean(sc.title),
      hours: formatDuration(sc.downtimeMinutes),
      region: sc.region === null ? "main region" : clean(sc.region),
      cause: sc.cause,
      loss: formatMoney(sc.loss, cur),
      credit: sc.claimable ? `${formatMoney(sc.creditAmount, cur)} (${sc.creditPercent}%)` : formatMoney(0, cur),
      uncovered: formatMoney(sc.uncovered, cur),
      coverage: sc.coverageRatio === null ? "n/a" : percent(sc.coverageRatio),
      claimable: sc.claimable ? "Yes" : "No",
      reason: sc.reason,
      uptime: `${formatPercent(sc.uptimePercent)}`,
    })),
    hasScenarios: v.scenarios.length > 0,
    regulatory: v.regulatory.map((g) => ({
      clock: g.clock,
      requirement: g.requirement,
      commitment: g.vendorCommitment,
      status: g.status === "met" ? "Met" : "Gap",
      gap: g.status === "gap",
      ask: g.ask,
      source: `${g.source} (${g.confidence} source)`,
    })),
    hasRegulatory: v.regulatory.length > 0,
    risk: vendorRiskView(v, cur),
  };
}
