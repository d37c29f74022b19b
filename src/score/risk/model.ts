import type { IncidentAggregate } from "../incident-aggregate.js";
import type { OutageSpan } from "../sla/month.js";
import type { Month } from "../sla/period.js";
import { AI_PRIOR_SHAPE, aiAgentRate, type ResolvedRiskSettings } from "./settings.js";

/** What an outage is to the SLA decision: the fields of OutageSpan other than its times. */
export type OutageKind = Pick<OutageSpan, "impact" | "cause" | "aiAgentInvolved" | "errorRate">;

/** A lognormal duration law, in minutes. */
export interface DurationLaw {
  mu: number;
  sigma: number;
}

/** One outage process: a Gamma posterior on its yearly rate, and a duration law. */
export interface OutageProcess {
  /** Posterior shape and rate (per year) of the Gamma on the outage rate. */
  shape: number;
  rate: number;
  duration: DurationLaw;
}

/** One provider's year, as the simulation draws it. */
export interface VendorModel {
  /** Outages of the record's kinds (all but AI-agent-caused): their rate and durations learnt from the record. */
  record: OutageProcess;
  /** The kinds of record outages and their cumulative weights: a drawn outage takes a kind by these odds. */
  kinds: OutageKind[];
  kindCumulative: Float64Array;
  /** AI-agent-caused outages: the mapped rate, updated by the record's own AI-agent outages. */
  aiAgent: OutageProcess;
  /** The rate the mapping assumes before the record is read (reported). */
  aiAgentPriorRate: number;
  /** The SLA months the year is settled in (the twelve months of the SLA period). */
  months: readonly Month[];
  /** Record outages and AI-agent outages seen in the period (reported). */
  recordOutages: number;
  aiAgentOutages: number;
}

const AI_KIND: OutageKind = { impact: "critical", cause: "ai-agent", aiAgentInvolved: "yes", errorRate: 1 };
const PRIOR_KIND: OutageKind = { impact: "major", cause: "unknown", aiAgentInvolved: "no", errorRate: 1 };
/** At most this many record outages are read for the duration fit and kinds: the law needs no more. */
const MAX_RECORD_OUTAGES = 5000;

/**
 * The simulation's model of one provider, from its incident record and control score. The record's outages are the
 * runs of downtime of each outage kind in the SLA period (overlapping incidents of one kind are one outage).
 */
export function vendorModel(
  agg: IncidentAggregate,
  errorRate: (impact: OutageSpan["impact"]) => number,
  score: number,
  gatesFired: number,
  s: ResolvedRiskSettings,
): VendorModel {
  const months = agg.months;
  const from = months[0]?.start ?? agg.asOfEnd;
  const to = months.at(-1)?.end ?? agg.asOfEnd;
  const years = Math.max(1 / 12, (to - from) / (365.25 * 86_400_000));
  const spans = agg.monthSpans({ start: from, end: to }, errorRate).slice(0, MAX_RECORD_OUTAGES);
  const isAi = (k: OutageKind) => k.cause === "ai-agent" || k.aiAgentInvolved === "yes";
  const logs: number[] = [];
  const aiLogs: number[] = [];
  const weights = new Map<string, { kind: OutageKind; n: number }>();
  weights.set(key(PRIOR_KIND), { kind: PRIOR_KIND, n: 1 });
  for (const sp of spans) {
    const minutes = Math.max(1, (sp.end - sp.start) / 60_000);
    if (isAi(sp)) {
      aiLogs.push(Math.log(minutes));
      continue;
    }
    logs.push(Math.log(minutes));
    const kind = { impact: sp.impact, cause: sp.cause, aiAgentInvolved: sp.aiAgentInvolved, errorRate: sp.errorRate };
    const w = weights.get(key(kind));
    if (w) w.n += 1;
    else weights.set(key(kind), { kind, n: 1 });
  }
  // Kinds in a fixed order (by key), so the draw never depends on the order incidents came in.
  const ordered = [...weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  const total = ordered.reduce((a, w) => a + w.n, 0);
  const kindCumulative = new Float64Array(ordered.length);
  let acc = 0;
  ordered.forEach((w, i) => {
    acc += w.n;
    kindCumulative[i] = acc / total;
  });
  kindCumulative[ordered.length - 1] = 1;

  const prior = s.aiAgentOutagesPerYear > 0 ? aiAgentRate(score, gatesFired, s) : 0;
  return {
    record: {
      shape: s.outagesPerYear * s.priorYears + logs.length,
      rate: s.priorYears + years,
      duration: fitLognormal(logs, Math.log(s.medianOutageMinutes), s.durationSpread, s.priorOutages),
    },
    kinds: ordered.map((w) => w.kind),
    kindCumulative,
    aiAgent: {
      shape: prior > 0 ? AI_PRIOR_SHAPE + aiLogs.length : 0,
      rate: prior > 0 ? AI_PRIOR_SHAPE / prior + years : 1,
      duration: fitLognormal(aiLogs, Math.log(s.aiAgentMedianMinutes), s.aiAgentDurationSpread, s.priorOutages),
    },
    aiAgentPriorRate: prior,
    months,
    recordOutages: logs.length,
    aiAgentOutages: aiLogs.length,
  };
}

export const AI_AGENT_KIND = AI_KIND;

/**
 * The lognormal law of durations: the conjugate normal update of log-durations with the prior weighed as `weight`
 * outages (mean of the logs shrunk towards the prior's; spread pooled with it). With no record it is the prior.
 */
export function fitLognormal(logs: readonly number[], mu0: number, sigma0: number, weight: number): DurationLaw {
  const n = logs.length;
  if (n === 0) return { mu: mu0, sigma: sigma0 };
  const mean = logs.reduce((a, x) => a + x, 0) / n;
  const ss = logs.reduce((a, x) => a + (x - mean) * (x - mean), 0);
  const mu = (weight * mu0 + n * mean) / (weight + n);
  const variance =
    (weight * sigma0 * sigma0 + ss + ((weight * n) / (weight + n)) * (mean - mu0) * (mean - mu0)) / (weight + n);
  return { mu, sigma: Math.sqrt(variance) };
}

const key = (k: OutageKind) => `${k.impact}|${k.cause}|${k.aiAgentInvolved}|${k.errorRate}`;
