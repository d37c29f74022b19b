import { ratingIndex } from "../../schema/common.js";
import type { Recommendation, Result, VendorResult } from "../../schema/result.js";
import { formatDuration, formatMoney, formatMonth, formatScore, plural, ratingLabel } from "../format.js";
import { anchorOf, badge, clean, flagText, percent, type Badge } from "./common.js";

type Action = Recommendation["actions"][number];

/** "The SLA excludes ..." -> "the SLA excludes ...": a gate's title inside a sentence. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The cover: one verdict per provider, and for the executive summary what the SLAs would pay. */
export interface VerdictView {
  name: string;
  /** What to do with the provider, from the recommendation scoring made: "Use.", "Keep critical workloads off ...". */
  action: string;
  /** Why the priority is what it is: the rating against how much the buyer depends on the provider. */
  priorityWhy: string;
  anchor: string;
  rating: Badge;
  priority: Badge;
  score: string;
  headline: string;
  reasons: string[];
  nextSteps: string[];
}

const ACTION_TEXT: Record<Action["action"], (n: number) => string> = {
  use: () => "Use: no condition needed for critical workloads.",
  "use-with-conditions": (n) =>
    `Use with conditions: get ${n === 1 ? "the ask" : `the ${n} asks`} under "Ask next" agreed first.`,
  "keep-critical-off": (n) =>
    `Keep critical workloads off it until ${n === 1 ? "the ask" : `the ${n} asks`} under "Ask next" ${n === 1 ? "is" : "are"} met.`,
};

/** One line of action per provider, as the recommendation decided it. */
export function actionText(action: Action | undefined): string {
  if (!action) return "";
  return ACTION_TEXT[action.action](action.conditions.length);
}

/**
 * Priority is the rating weighed by dependence (the methodology's matrix): say which way dependence moved it, so a
 * Low-rated provider shown at Moderate priority does not read as a contradiction.
 */
export function priorityWhy(v: VendorResult): string {
  const p = ratingLabel(v.priority);
  const r = ratingLabel(v.rating);
  const c = v.inherent.criticality;
  const dep = `your ${c === "critical" ? "critical" : `${c}-criticality`} workloads${v.inherent.singleRegion ? " in a single region" : ""} (exposure ${ratingLabel(v.inherent.level)})`;
  const d = ratingIndex(v.priority) - ratingIndex(v.rating);
  if (d > 0) return `Priority ${p}, above its ${r} rating, because it hosts ${dep}.`;
  if (d < 0) return `Priority ${p}, below its ${r} rating, because it hosts only ${dep}.`;
  return `Priority ${p}: rated ${r}, hosting ${dep}.`;
}

/**
 * Gates told in full (title, the answer behind it, the floor it sets); the rest by title in one sentence. Two keep
 * the executive summary on two pages when every provider fires most gates (an unanswered questionnaire does).
 */
const DETAILED_GATES = 2;

export function verdict(v: VendorResult, action: Action | undefined): VerdictView {
  const conditions = action?.conditions ?? [];
  const reasons: string[] = [];
  // At most three reasons on the cover: the gates first, then the answers that weigh most. The vendor section
  // lists them all.
  for (const g of v.gates.slice(0, DETAILED_GATES))
    reasons.push(
      `${clean(g.title)} (${g.questionId}: ${clean(g.answerLabel)}) sets the rating to at least ${ratingLabel(g.minRating)}.`,
    );
  if (v.gates.length > DETAILED_GATES)
    reasons.push(
      `${plural(v.gates.length - DETAILED_GATES, "more gate")} fired: ${v.gates
        .slice(DETAILED_GATES)
        .map((g) => lowerFirst(clean(g.title)))
        .join("; ")}.`,
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
    action: actionText(action),
    priorityWhy: priorityWhy(v),
    anchor: anchorOf(v.id),
    rating: badge(v.rating),
    priority: badge(v.priority),
    score: formatScore(v.score),
    headline,
    reasons,
    nextSteps: conditions.map(clean),
  };
}

export interface ExecutiveSlaRow {
  name: string;
  loss: string;
  credits: string;
  covered: string;
  scenario: string;
  /** Where the terms behind the credits come from, so a secondary or unverified figure never reads as fact. */
  terms: string;
  /** Set when the terms are not read from the primary text: the row is marked. */
  unsure: boolean;
  /** The simulated 1-in-20-year (P95) uncovered loss (docs/risk-model.md). */
  badYear: string;
}

const CONFIDENCE_ORDER = ["primary", "secondary", "unverified"];
const TERMS_MARK: Record<string, string> = {
  primary: "provider's text",
  secondary: "secondary source",
  unverified: "unverified",
};

/** The least sure of a provider's SLA terms: the figures resting on them are only as sure as that. */
export function termsConfidence(v: VendorResult): string | null {
  const t = v.sla.terms;
  if (!t) return null;
  const all = [t.source.confidence, ...Object.values(t.termConfidence)];
  return all.reduce((a, b) => (CONFIDENCE_ORDER.indexOf(b) > CONFIDENCE_ORDER.indexOf(a) ? b : a), "primary");
}

/** Per provider: the year's loss, the credits, the share covered, and what the first scenario would pay. */
export function executiveSla(result: Result): ExecutiveSlaRow[] {
  const cur = result.workspace.currency;
  return result.vendors.map((v) => {
    const sc = v.scenarios[0];
    const conf = termsConfidence(v);
    return {
      name: clean(v.name),
      loss: formatMoney(v.sla.annual.loss, cur),
      // No terms recorded is not a zero credit: it says nothing of what the contract would pay.
      credits: conf === null ? "no SLA terms recorded" : formatMoney(v.sla.annual.credits, cur),
      covered: v.sla.annual.coverageRatio === null ? "no loss" : percent(v.sla.annual.coverageRatio),
      scenario: sc
        ? `${sc.claimable ? formatMoney(sc.creditAmount, cur) : "nothing"} of ${formatMoney(sc.loss, cur)}`
        : "n/a",
      terms: conf === null ? "none recorded" : (TERMS_MARK[conf] ?? conf),
      unsure: conf !== "primary",
      badYear: v.risk ? formatMoney(v.risk.annualUncovered.p95, cur) : "n/a",
    };
  });
}

/** "Nov 2025 to Oct 2026": the twelve months every SLA figure covers (one period when all providers share it). */
export function slaPeriod(result: Result): string {
  const periods = [...new Set(result.vendors.map((v) => `${v.sla.period.from}|${v.sla.period.to}`))];
  if (periods.length !== 1) return "the twelve months before the as-of date";
  const [from, to] = periods[0]!.split("|") as [string, string];
  return from === "" ? "no period" : `${formatMonth(from)} to ${formatMonth(to)}`;
}

/**
 * Providers whose year's loss rests mostly on one incident (scoring decides when: lossConcentration.dominant), in
 * words: the share, the incident and how the loss priced it.
 */
export function lossNotes(result: Result): string[] {
  return result.vendors.flatMap((v) => {
    const c = v.lossConcentration;
    if (!c || !c.dominant) return [];
    return [
      `${clean(v.name)}: ${percent(c.share)} of the loss comes from one incident, "${clean(c.title)}" (${formatDuration(c.minutes)}${c.open ? ", still open" : ""}): ${c.pricing}.`,
    ];
  });
}

/** The heading of the executive table's scenario column, from the first provider's first scenario. */
export function executiveScenarioHeading(result: Result): string {
  const sc = result.vendors[0]?.scenarios[0];
  return sc
    ? `${formatDuration(sc.downtimeMinutes)} ${sc.cause === "ai-agent" ? "AI-agent " : ""}outage: credit of loss`
    : "Scenario";
}
