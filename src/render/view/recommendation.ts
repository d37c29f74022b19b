import type { Result } from "../../schema/result.js";
import { formatHours, formatMoney, formatScore, plural, ratingLabel } from "../format.js";
import { clean, percent } from "./common.js";
import { lowerFirst } from "./cover.js";

export interface RecommendationView {
  headline: string;
  reasons: string[];
  cautions: string[];
}

/**
 * Words for the recommendation scoring made (`result.recommendation`): which provider to prefer and why, and what
 * each provider to keep critical workloads off must fix first.
 */
export function recommendationView(result: Result): RecommendationView {
  const cur = result.workspace.currency;
  const rec = result.recommendation;
  const byId = new Map(result.vendors.map((v) => [v.id, v]));
  const ranked = rec.ranking.map((id) => byId.get(id)!);
  const best = ranked[0];
  if (!best) return { headline: "No providers were assessed.", reasons: [], cautions: [] };
  const headline =
    rec.preferred === best.id
      ? `Prefer ${clean(best.name)} for critical workloads: rated ${ratingLabel(best.rating)}, score ${formatScore(best.score)}.`
      : `No provider is fit for critical workloads as answered: the best, ${clean(best.name)}, is rated ${ratingLabel(best.rating)}.`;
  const reasons = [
    best.gates.length === 0
      ? "No gate fired: no answer alone makes its agents unsafe."
      : `${plural(best.gates.length, "gate")} fired: ${best.gates.map((g) => lowerFirst(clean(g.title))).join("; ")}.`,
    `${best.coverage.evidenced} of ${best.coverage.questions} answers are backed by evidence; ${best.coverage.unanswered + best.coverage.unknown} are unanswered or unknown.`,
    `${best.incidents.affecting} incidents affected you in the last 12 months (${best.incidents.aiAgentInvolved} involving AI agents), ${formatHours(best.incidents.downtimeMinutes)} of downtime.`,
    best.sla.annual.coverageRatio === null
      ? "Its SLA had no loss to cover in the period."
      : `Even so, its SLA credits covered ${percent(best.sla.annual.coverageRatio)} of the loss (${formatMoney(best.sla.annual.credits, cur)} of ${formatMoney(best.sla.annual.loss, cur)}).`,
  ];
  const actions = new Map(rec.actions.map((a) => [a.vendor, a]));
  const cautions = ranked
    .filter((v) => actions.get(v.id)?.action === "keep-critical-off")
    .map((v) => {
      const first = actions.get(v.id)?.conditions[0];
      const gates = v.gates.length > 0 ? plural(v.gates.length, "gate") : `score ${formatScore(v.score)}`;
      return `${clean(v.name)} (${ratingLabel(v.rating)}, ${gates}): keep critical workloads off it until it is fixed${first ? `; first ask: ${clean(first)}` : "."}`;
    });
  return { headline, reasons, cautions };
}
