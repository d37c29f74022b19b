import { roundTo } from "../round.js";
import type { SlaSummary } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { IncidentAggregate } from "../incident-aggregate.js";
import { slaAsks } from "./asks.js";
import { cents, creditAmount, creditPercent, uptimePercent } from "./credits.js";

export interface LossBasis {
  monthlySpend: number;
  downtimeCostPerHour: number;
  /** Share of the hourly downtime cost an outage of this vendor causes (by workload criticality). */
  outageShare: number;
}

const ymOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Month by month: what the buyer lost to downtime, what the SLA counts, the uptime and credit it yields, and what
 * stays uncovered. Credits assume every claim is filed in time; a month without SLA terms earns nothing.
 */
export function vendorSla(agg: IncidentAggregate, terms: SlaTerms | undefined, basis: LossBasis): SlaSummary {
  const months = agg.months.map((m) => {
    const downtimeMinutes = agg.loss.count(m.start, m.end);
    const slaDowntimeMinutes = agg.slaDown.count(m.start, m.end);
    const uptime = uptimePercent(slaDowntimeMinutes, m.minutes);
    const percent = terms ? creditPercent(uptime, terms) : 0;
    const credit = terms ? creditAmount(percent, basis.monthlySpend, terms) : 0;
    const loss = cents((downtimeMinutes / 60) * basis.downtimeCostPerHour * basis.outageShare);
    return {
      month: m.id,
      downtimeMinutes,
      slaDowntimeMinutes,
      excludedMinutes: agg.excludedDown.count(m.start, m.end),
      uptimePercent: uptime,
      meetsCommitment: terms ? uptime >= terms.uptimeCommitment : false,
      creditPercent: percent,
      creditAmount: credit,
      loss,
      uncovered: cents(Math.max(0, loss - credit)),
    };
  });
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
    terms: terms
      ? {
          service: terms.service,
          uptimeCommitment: terms.uptimeCommitment,
          countsImpact: terms.measurement.countsImpact,
          measurement: terms.measurement.description ?? null,
          creditTiers: terms.creditTiers.map((t) => ({
            below: t.below,
            atLeast: t.atLeast,
            creditPercent: t.creditPercent,
          })),
          creditCapPercent: terms.creditCapPercent,
          eligibleSpendShare: terms.eligibleSpendShare,
          claimDeadlineDays: terms.claimDeadlineDays ?? null,
          exclusions: { ...terms.exclusions },
          liabilityCapMonths: terms.liabilityCapMonths ?? null,
          liabilityCapAmount:
            terms.liabilityCapMonths === undefined ? null : cents(terms.liabilityCapMonths * basis.monthlySpend),
          notification: terms.notification
            ? {
                customerNoticeHours: terms.notification.customerNoticeHours ?? null,
                rcaDays: terms.notification.rcaDays ?? null,
                contractual: terms.notification.contractual,
              }
            : null,
          source: {
            document: terms.source.document,
            url: terms.source.url ?? null,
            date: terms.source.date,
            confidence: terms.source.confidence,
          },
        }
      : null,
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
