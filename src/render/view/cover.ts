import type { Result, VendorResult } from "../../schema/result.js";
import { formatDuration, formatMoney, formatScore, plural, ratingLabel } from "../format.js";
import { anchorOf, badge, clean, flagText, percent, type Badge } from "./common.js";

/** The cover: one verdict per provider, and for the executive summary what the SLAs would pay. */
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

export function verdict(v: VendorResult, conditions: readonly string[]): VerdictView {
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
    nextSteps: conditions.map(clean),
  };
}

export interface ExecutiveSlaRow {
  name: string;
  loss: string;
  credits: string;
  covered: string;
  scenario: string;
  /** The simulated 1-in-20-year (P95) uncovered loss (docs/risk-model.md). */
  badYear: string;
}

/** Per provider: the year's loss, the credits, the share covered, and what the first scenario would pay. */
export function executiveSla(result: Result): ExecutiveSlaRow[] {
  const cur = result.workspace.currency;
  return result.vendors.map((v) => {
    const sc = v.scenarios[0];
    return {
      name: clean(v.name),
      loss: formatMoney(v.sla.annual.loss, cur),
      credits: formatMoney(v.sla.annual.credits, cur),
      covered: v.sla.annual.coverageRatio === null ? "no loss" : percent(v.sla.annual.coverageRatio),
      scenario: sc
        ? `${sc.claimable ? formatMoney(sc.creditAmount, cur) : "nothing"} of ${formatMoney(sc.loss, cur)}`
        : "n/a",
      badYear: v.risk ? formatMoney(v.risk.annualUncovered.p95, cur) : "n/a",
    };
  });
}

/** The heading of the executive table's scenario column, from the first provider's first scenario. */
export function executiveScenarioHeading(result: Result): string {
  const sc = result.vendors[0]?.scenarios[0];
  return sc
    ? `${formatDuration(sc.downtimeMinutes)} ${sc.cause === "ai-agent" ? "AI-agent " : ""}outage: credit of loss`
    : "Scenario";
}
