import { RATINGS, type Rating } from "../schema/common.js";
import type { Finding, Result, VendorResult } from "../schema/result.js";
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
  plural,
  ratingLabel,
} from "./format.js";
import { domainChart, providerGroups } from "./charts/domain-chart.js";
import { lossCreditChart, uptimeChart } from "./charts/sla-charts.js";
import type { ChartView } from "./charts/svg.js";
import { cleanText, safeHref } from "./sanitize.js";
import { ratingIndex } from "../score/rating.js";

/**
 * Everything a template prints, already worded and formatted: templates only place it. Untrusted strings are
 * cleaned here (invisible characters out) and escaped by Handlebars; links carry an href only when safe.
 */
export interface Badge {
  value: Rating;
  label: string;
}

export interface Link {
  text: string;
  href: string | null;
}

export interface ReportView {
  title: string;
  subtitle: string;
  organisation: string;
  asOf: string;
  generatedAt: string;
  toolVersion: string;
  questionnaire: string;
  currency: string;
  downtimeCost: string;
  verdicts: VerdictView[];
  comparison: { groups: ComparisonGroup[]; recommendation: RecommendationView };
  executiveSla: { name: string; loss: string; credits: string; covered: string; scenario: string }[];
  executiveScenarioHeading: string;
  vendors: VendorView[];
  methodology: MethodologyView;
}

export interface RecommendationView {
  headline: string;
  reasons: string[];
  cautions: string[];
}

export interface VerdictView {
  name: string;
  anchor: string;
  rating: Badge;
  priority: Badge;
  score: string;
  headline: string;
  reasons: string[];
  nextSteps: string[];
}

/**
 * The side-by-side comparison for at most four providers: a table that fits the page width and a chart in which
 * each provider has a look of its own. More providers give more groups, each a complete table and chart.
 */
export interface ComparisonGroup {
  /** "Providers 5-8 of 18" when there is more than one group, else null. */
  caption: string | null;
  vendors: { name: string; anchor: string }[];
  /** Columns of the table (measure + one per provider), for full-width group rows. */
  columns: number;
  rows: ComparisonRow[];
  chart: ChartView;
}

export interface ComparisonRow {
  label: string;
  group: boolean;
  /** Long text (lists of gates) wraps anywhere; otherwise a cell breaks only between its parts. */
  wrap: boolean;
  cells: ComparisonCell[];
}

export interface ComparisonCell {
  /** Figures printed "a / b", each kept on one line. */
  parts: string[];
  badge: Badge | null;
}

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
  hasFindings: boolean;
  incidents: {
    summary: { label: string; value: string }[];
    note: string | null;
    list: {
      started: string;
      duration: string;
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
}

export interface SlaView {
  period: string;
  hasTerms: boolean;
  source: string;
  sourceLink: Link | null;
  terms: { label: string; value: string }[];
  months: {
    month: string;
    downtime: string;
    slaDowntime: string;
    excluded: string;
    uptime: string;
    meets: string;
    credit: string;
    loss: string;
    uncovered: string;
    missed: boolean;
  }[];
  annual: { label: string; value: string }[];
  excluded: { id: string; title: string; started: string; duration: string; rule: string }[];
  hasExcluded: boolean;
  excludedNote: string | null;
  asks: string[];
  hasAsks: boolean;
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
}

const badge = (r: Rating): Badge => ({ value: r, label: ratingLabel(r) });
const clean = (s: string) => cleanText(s);
const anchorOf = (id: string) => `vendor-${id}`;
const AGENT_KIND_LABEL: Record<string, string> = {
  operator: "Provider's operator agents",
  "customer-facing": "Agents in your tenancy",
  contract: "Contract",
};

export function buildViewModel(result: Result): ReportView {
  const cur = result.workspace.currency;
  const vendors = result.vendors;
  return {
    title: "AI-agent outage risk",
    subtitle: `${clean(result.workspace.organisation)}: ${plural(vendors.length, "cloud provider")} assessed`,
    organisation: clean(result.workspace.organisation),
    asOf: formatDate(result.workspace.asOf),
    generatedAt: formatInstant(result.generatedAt),
    toolVersion: result.tool.version,
    questionnaire: `${result.methodology.questionnaire.title} v${result.methodology.questionnaire.version}`,
    currency: cur,
    downtimeCost: formatMoney(result.workspace.downtimeCostPerHour, cur),
    verdicts: vendors.map((v) => verdict(v)),
    comparison: { groups: comparisonGroups(result), recommendation: recommendation(result) },
    executiveSla: vendors.map((v) => {
      const sc = v.scenarios[0];
      return {
        name: clean(v.name),
        loss: formatMoney(v.sla.annual.loss, cur),
        credits: formatMoney(v.sla.annual.credits, cur),
        covered: v.sla.annual.coverageRatio === null ? "no loss" : percent(v.sla.annual.coverageRatio),
        scenario: sc
          ? `${sc.claimable ? formatMoney(sc.creditAmount, cur) : "nothing"} of ${formatMoney(sc.loss, cur)}`
          : "n/a",
      };
    }),
    executiveScenarioHeading: (() => {
      const sc = vendors[0]?.scenarios[0];
      return sc
        ? `${formatDuration(sc.downtimeMinutes)} ${sc.cause === "ai-agent" ? "AI-agent " : ""}outage: credit of loss`
        : "Scenario";
    })(),
    vendors: vendors.map((v) => vendorView(v, result)),
    methodology: methodology(result),
  };
}

function verdict(v: VendorResult): VerdictView {
  const reasons: string[] = [];
  // At most three reasons on the cover: the gates first, then the answers that weigh most. The vendor section
  // lists them all.
  for (const g of v.gates.slice(0, 3))
    reasons.push(
      `${clean(g.title)} (${g.questionId}: ${clean(g.answerLabel)}) sets the rating to at least ${ratingLabel(g.minRating)}.`,
    );
  if (v.gates.length > 3)
    reasons.push(
      `${plural(v.gates.length - 3, "more gate")} fired: ${v.gates
        .slice(3)
        .map((g) => g.id)
        .join(", ")}.`,
    );
  for (const f of v.findings.filter((x) => x.gate === null).slice(0, Math.max(0, 3 - reasons.length))) {
    reasons.push(`${f.questionId} ${clean(f.question)} Answer: ${clean(f.answerLabel)}${flagText(f)}.`);
  }
  if (reasons.length === 0) reasons.push("No gate fired and no answer carries risk points.");
  const weakest = [...v.domains]
    .filter((d) => d.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
    .slice(0, 2);
  const headline =
    v.gates.length > 0
      ? `${ratingLabel(v.rating)}: ${plural(v.gates.length, "gate")} fired; score ${formatScore(v.score)} alone would rate ${ratingLabel(v.scoreRating)}.`
      : `${ratingLabel(v.rating)}: score ${formatScore(v.score)}; weakest ${weakest.map((d) => `${d.title} (${formatScore(d.score ?? 0)})`).join(" and ")}.`;
  return {
    name: clean(v.name),
    anchor: anchorOf(v.id),
    rating: badge(v.rating),
    priority: badge(v.priority),
    score: formatScore(v.score),
    headline,
    reasons,
    nextSteps: uniqueAsks(v.findings).slice(0, 3),
  };
}

function uniqueAsks(findings: Finding[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of findings) {
    const ask = clean(f.ask);
    if (!seen.has(ask)) {
      seen.add(ask);
      out.push(ask);
    }
  }
  return out;
}

/** Why a favourable answer earned only part of its credit: "no evidence", "stale or undated". */
function flags(f: { status: string; evidenced: boolean; fresh: boolean }): string {
  if (f.status !== "answered") return "";
  const out = [];
  if (!f.evidenced) out.push("no evidence");
  if (!f.fresh) out.push("stale or undated");
  return out.join(", ");
}

function flagText(f: { status: string; evidenced: boolean; fresh: boolean }): string {
  const text = flags(f);
  return text === "" ? "" : ` (${text})`;
}

function comparisonGroups(result: Result): ComparisonGroup[] {
  const groups = providerGroups(result.vendors);
  let first = 1;
  return groups.map((vs, i) => {
    const range = vs.length === 1 ? `Provider ${first}` : `Providers ${first}-${first + vs.length - 1}`;
    const caption = groups.length > 1 ? `${range} of ${result.vendors.length}` : null;
    first += vs.length;
    return {
      caption,
      vendors: vs.map((v) => ({ name: clean(v.name), anchor: anchorOf(v.id) })),
      columns: vs.length + 1,
      rows: comparisonRows(result, vs),
      chart: domainChart(
        result,
        vs,
        groups.length > 1 ? `chart-domains-${i + 1}` : "chart-domains",
        caption === null ? null : caption.toLowerCase(),
      ),
    };
  });
}

function comparisonRows(result: Result, vs: readonly VendorResult[]): ComparisonRow[] {
  const cur = result.workspace.currency;
  const row = (label: string, cell: (v: VendorResult) => ComparisonCell, wrap = false): ComparisonRow => ({
    label,
    group: false,
    wrap,
    cells: vs.map(cell),
  });
  const text = (t: string): ComparisonCell => ({ parts: [t], badge: null });
  const rows: ComparisonRow[] = [
    row("Rating", (v) => ({ parts: [], badge: badge(v.rating) })),
    row("Risk score (0-100)", (v) => text(formatScore(v.score))),
    row("Inherent exposure", (v) => ({ parts: [], badge: badge(v.inherent.level) })),
    row("Priority", (v) => ({ parts: [], badge: badge(v.priority) })),
    row("Gates fired", (v) => text(v.gates.length === 0 ? "none" : v.gates.map((g) => g.id).join(", ")), true),
    row("Answered / evidenced", (v) =>
      text(`${v.coverage.answered} / ${v.coverage.evidenced} of ${v.coverage.questions}`),
    ),
    row("Monthly spend", (v) => text(formatMoney(v.inherent.monthlySpend, cur))),
    row(`Loss in a ${result.methodology.referenceOutageHours} h outage`, (v) =>
      text(formatMoney(v.inherent.referenceOutageCost, cur)),
    ),
    row("Incidents affecting you (all / major / AI agent)", (v) =>
      text(`${v.incidents.affecting} / ${v.incidents.major} / ${v.incidents.aiAgentInvolved}`),
    ),
    row("Downtime affecting you, 12 months", (v) => text(formatHours(v.incidents.downtimeMinutes))),
    row("SLA uptime commitment", (v) => text(v.sla.terms ? `${v.sla.terms.uptimeCommitment}%` : "no terms recorded")),
    row("Loss / SLA credits, 12 months", (v) => ({
      parts: [formatMoney(v.sla.annual.loss, cur), formatMoney(v.sla.annual.credits, cur)],
      badge: null,
    })),
    row("Share of loss the SLA covered", (v) =>
      text(v.sla.annual.coverageRatio === null ? "no loss" : percent(v.sla.annual.coverageRatio)),
    ),
    ...scenarioRows(result, vs, cur),
    { label: "Domain scores (0-100, higher is riskier)", group: true, wrap: false, cells: [] },
  ];
  for (const d of result.methodology.domainWeights) {
    rows.push(
      row(`${d.id} ${d.title}`, (v) => {
        const ds = v.domains.find((x) => x.id === d.id);
        if (!ds || ds.score === null || ds.rating === null) return text("n/a");
        return { parts: [formatScore(ds.score)], badge: badge(ds.rating) };
      }),
    );
  }
  return rows;
}

/** One row per scenario any provider has, so every group of the comparison lists the same rows. */
function scenarioRows(result: Result, vs: readonly VendorResult[], cur: string): ComparisonRow[] {
  const ids = [...new Set(result.vendors.flatMap((v) => v.scenarios.map((s) => s.id)))];
  return ids.map((id) => {
    const sc = result.vendors.flatMap((v) => v.scenarios).find((s) => s.id === id);
    return {
      label: sc ? `What if: ${formatDuration(sc.downtimeMinutes)} outage, cause ${sc.cause} (credit / loss)` : id,
      group: false,
      wrap: false,
      cells: vs.map((v) => {
        const sc = v.scenarios.find((s) => s.id === id);
        if (!sc) return { parts: ["n/a"], badge: null };
        return {
          parts: [sc.claimable ? formatMoney(sc.creditAmount, cur) : "not claimable", formatMoney(sc.loss, cur)],
          badge: null,
        };
      }),
    };
  });
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/**
 * Procurement's question: which provider, and on what conditions. The best is the lowest rating, then priority,
 * then score; every provider rated High or Critical gets the conditions it must meet first.
 */
function recommendation(result: Result): RecommendationView {
  const cur = result.workspace.currency;
  const ranked = [...result.vendors].sort(
    (a, b) =>
      ratingIndex(a.rating) - ratingIndex(b.rating) ||
      ratingIndex(a.priority) - ratingIndex(b.priority) ||
      a.score - b.score,
  );
  const best = ranked[0];
  if (!best) return { headline: "No providers were assessed.", reasons: [], cautions: [] };
  const fit = ratingIndex(best.rating) <= ratingIndex("moderate");
  const headline = fit
    ? `Prefer ${clean(best.name)} for critical workloads: rated ${ratingLabel(best.rating)}, score ${formatScore(best.score)}.`
    : `No provider is fit for critical workloads as answered: the best, ${clean(best.name)}, is rated ${ratingLabel(best.rating)}.`;
  const reasons = [
    best.gates.length === 0
      ? "No gate fired: no answer alone makes its agents unsafe."
      : `${plural(best.gates.length, "gate")} fired: ${best.gates.map((g) => g.id).join(", ")}.`,
    `${best.coverage.evidenced} of ${best.coverage.questions} answers are backed by evidence; ${best.coverage.unanswered + best.coverage.unknown} are unanswered or unknown.`,
    `${best.incidents.affecting} incidents affected you in the last 12 months (${best.incidents.aiAgentInvolved} involving AI agents), ${formatHours(best.incidents.downtimeMinutes)} of downtime.`,
    best.sla.annual.coverageRatio === null
      ? "Its SLA had no loss to cover in the period."
      : `Even so, its SLA credits covered ${percent(best.sla.annual.coverageRatio)} of the loss (${formatMoney(best.sla.annual.credits, cur)} of ${formatMoney(best.sla.annual.loss, cur)}).`,
  ];
  const cautions = ranked
    .filter((v) => ratingIndex(v.rating) >= ratingIndex("high"))
    .map((v) => {
      const first = v.findings[0];
      const gates = v.gates.length > 0 ? plural(v.gates.length, "gate") : `score ${formatScore(v.score)}`;
      return `${clean(v.name)} (${ratingLabel(v.rating)}, ${gates}): keep critical workloads off it until it is fixed${first ? `; first ask: ${clean(first.ask)}` : "."}`;
    });
  return { headline, reasons, cautions };
}

function vendorView(v: VendorResult, result: Result): VendorView {
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
      commentLabel: f.source === "incident-record" ? "From the incident record" : "Vendor's comment",
      gate: f.gate,
      why: clean(f.why),
      ask: clean(f.ask),
      points: `${f.contribution.toFixed(2)} of ${formatScore(v.score)} points`,
    })),
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
          duration: i.open ? `${formatDuration(i.durationMinutes)} (open)` : formatDuration(i.durationMinutes),
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
  };
}

const CONFIDENCE_NOTE: Record<string, string> = {
  primary: "read from the primary text",
  secondary: "from a secondary source: check the provider's current terms before relying on it",
  unverified: "unverified: check the provider's current terms before relying on it",
};

/** Each SLA term is printed with how sure it is, so a secondary or unverified figure never reads as fact. */
const withConfidence =
  (confidence: Record<string, string>) =>
  ({ label, value, term }: { label: string; value: string; term?: string }) => ({
    label,
    value: term && confidence[term] ? `${value} (${confidence[term]})` : value,
  });

function slaView(v: VendorResult, result: Result, period: string): SlaView {
  const cur = result.workspace.currency;
  const sla = v.sla;
  const t = sla.terms;
  const stance = (s: string) =>
    ({ counted: "counted as downtime", excluded: "excluded", silent: "not addressed (silent)" })[s] ?? s;
  return {
    period,
    hasTerms: t !== null,
    source: t
      ? `${clean(t.source.document)}, version of ${formatDate(t.source.date)}: ${CONFIDENCE_NOTE[t.source.confidence] ?? t.source.confidence}.`
      : "No SLA terms are recorded for this vendor: no credit is assumed.",
    sourceLink: t && t.source.url ? { text: clean(t.source.url), href: safeHref(t.source.url) } : null,
    terms: t
      ? [
          { label: "Covers", value: clean(t.service) },
          { label: "Uptime commitment", value: `${t.uptimeCommitment}% a month`, term: "uptimeCommitment" },
          {
            label: "Counts as downtime",
            value: `${t.countsImpact.join(", ")} impact${t.measurement ? `; ${clean(t.measurement)}` : ""}`,
            term: "measurement",
          },
          {
            label: "Credit tiers",
            value: t.creditTiers
              .map((x) => `${x.atLeast > 0 ? `${x.atLeast}% to ` : ""}below ${x.below}%: ${x.creditPercent}%`)
              .join("; "),
            term: "creditTiers",
          },
          {
            label: "Credit cap",
            value: `${t.creditCapPercent}% of the month's fee${t.eligibleSpendShare < 1 ? `, on ${Math.round(t.eligibleSpendShare * 100)}% of the spend` : ""}`,
            term: "creditCapPercent",
          },
          {
            label: "Claim window",
            value: t.claimDeadlineDays === null ? "not stated" : `${t.claimDeadlineDays} days`,
            term: "claimDeadlineDays",
          },
          { label: "Provider's AI agents", value: stance(t.exclusions.providerAgents), term: "exclusions" },
          {
            label: "Agents with your credentials",
            value: stance(t.exclusions.customerCredentialAgents),
            term: "exclusions",
          },
          {
            label: "Liability cap",
            value:
              t.liabilityCapMonths === null
                ? "not stated"
                : `${t.liabilityCapMonths} months of fees (${formatMoney(t.liabilityCapAmount ?? 0, cur)})`,
            term: "liabilityCapMonths",
          },
          {
            label: "Notification / RCA",
            value: t.notification
              ? `${t.notification.customerNoticeHours === null ? "no notice time" : `notice within ${t.notification.customerNoticeHours} h`}; ${t.notification.rcaDays === null ? "no RCA time" : `RCA within ${t.notification.rcaDays} days`}${t.notification.contractual ? " (contractual)" : " (not contractual)"}`
              : "no commitment",
            term: "notification",
          },
        ].map(withConfidence(t.termConfidence))
      : [],
    months: sla.months.map((m) => ({
      month: formatMonth(m.month),
      downtime: formatDuration(m.downtimeMinutes),
      slaDowntime: formatDuration(m.slaDowntimeMinutes),
      excluded: m.excludedMinutes > 0 ? formatDuration(m.excludedMinutes) : "",
      uptime: formatPercent(m.uptimePercent),
      meets: t === null ? "n/a" : m.meetsCommitment ? "yes" : "NO",
      credit: m.creditPercent > 0 ? `${m.creditPercent}% · ${formatMoney(m.creditAmount, cur)}` : "",
      loss: m.loss > 0 ? formatMoney(m.loss, cur) : "",
      uncovered: m.uncovered > 0 ? formatMoney(m.uncovered, cur) : "",
      missed: t !== null && !m.meetsCommitment,
    })),
    annual: [
      { label: "Downtime affecting you", value: formatDuration(sla.annual.downtimeMinutes) },
      { label: "Downtime the SLA counts", value: formatDuration(sla.annual.slaDowntimeMinutes) },
      { label: "Business loss", value: formatMoney(sla.annual.loss, cur) },
      { label: "SLA credits (if claimed in time)", value: formatMoney(sla.annual.credits, cur) },
      { label: "Uncovered", value: formatMoney(sla.annual.uncovered, cur) },
      {
        label: "Share covered",
        value: sla.annual.coverageRatio === null ? "no loss" : percent(sla.annual.coverageRatio),
      },
    ],
    excluded: sla.excluded.map((e) => ({
      id: clean(e.id),
      title: clean(e.title),
      started: formatInstant(e.startedAt),
      duration: formatDuration(e.minutes),
      rule: e.rule,
    })),
    hasExcluded: sla.excluded.length > 0,
    excludedNote:
      sla.excludedCount > sla.excluded.length
        ? `The ${sla.excluded.length} most recent of ${sla.excludedCount} excluded incidents are listed.`
        : null,
    asks: sla.asks,
    hasAsks: sla.asks.length > 0,
  };
}

function methodology(result: Result): MethodologyView {
  const m = result.methodology;
  const t = m.thresholds;
  return {
    questionnaire: {
      ...m.questionnaire,
      published: formatDate(m.questionnaire.published),
      questions: String(m.questionnaire.questions),
      domains: String(m.domainWeights.length),
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
  };
}
