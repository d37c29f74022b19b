import { roundTo } from "../round.js";
import type { SlaSummary } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { IncidentAggregate } from "../incident-aggregate.js";
import { slaAsks } from "./asks.js";
import { cents } from "./credits.js";
import { DEFAULT_SLA_ASSUMPTIONS, impactErrorRate, type SlaAssumptions } from "./impact.js";
import { slaMonth, type LossBasis } from "./month.js";
import { describeTerms } from "./terms-view.js";

export type { LossBasis };

const ymOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Month by month: what the buyer lost to downtime, what the SLA counts, the uptime and credit it yields, and what
 * stays uncovered. Each month is settled by slaMonth, the same function the annual loss simulation calls. Credits
 * assume every claim is filed in time; a month without SLA terms earns nothing.
 */
export function vendorSla(
  agg: IncidentAggregate,
  terms: SlaTerms | undefined,
  basis: LossBasis,
  assumptions: SlaAssumptions = DEFAULT_SLA_ASSUMPTIONS,
): SlaSummary {
  const rate = (impact: Parameters<typeof impactErrorRate>[0]) => impactErrorRate(impact, assumptions);
  const months = agg.months.map((m) => ({ month: m.id, ...slaMonth(agg.monthSpans(m, rate), m, terms, basis) }));
  const sum = (f: (m: (typeof months)[number]) => number) => months.reduce((a, m) => a + f(m), 0);
  const loss = cents(sum((m) => m.loss));
  const credits = cents(sum((m) => m.creditAmount));
  const annual = {
    downtimeMinutes: sum((m) => m.downtimeMinutes),
    slaDowntimeMinutes: sum((m) => m.slaDowntimeMinutes),
    loss,
    credits,
    uncovered: cents(sum((m) => m.uncovered)),
    coverageRatio: loss > 0 ? Math.min(1, roundTo(credits / loss, 4)) : null,
  };
  return {
    terms: terms ? describeTerms(terms, basis) : null,
    period: {
      from: agg.months[0] ? ymOf(agg.months[0].start) : "",
      to: agg.months.at(-1) ? ymOf(agg.months.at(-1)!.start) : "",
    },
    months,
    annual,
    excluded: agg.excluded().map(({ incident: i, rule }) => ({
      id: i.id,
      title: i.title,
      startedAt: new Date(i.startedAt).toISOString(),
      minutes: Math.round(((i.resolvedAt ?? agg.asOfEnd) - i.startedAt) / 60_000),
      rule,
    })),
    excludedCount: agg.excludedCount,
    silentExclusionMinutes: Math.round(agg.silentExclusionMinutes),
    asks: slaAsks(terms, annual),
  };
}
