import type { LossConcentration } from "../../schema/result-terms.js";
import type { IncidentAggregate } from "../incident-aggregate.js";
import { roundTo } from "../round.js";

/** From this share of the year's loss on, one incident decides the figure and the reports say so. */
export const DOMINANT_SHARE = 0.5;

/**
 * How much of the year's loss one incident makes. The loss prices every minute of an unplanned incident that
 * affects the buyer at the same hourly cost, whatever its impact (a "degraded" incident costs as much per hour as a
 * full outage), and an open incident runs to the end of the period: when one such incident makes most of the loss,
 * the figure rests on those two assumptions and the reader must see it. Minutes are the incident's own (its overlap
 * with others is not removed), so the share is an upper bound, capped at 1.
 */
export function lossConcentration(agg: IncidentAggregate): LossConcentration {
  const total = agg.loss.count(agg.loss.start, agg.loss.end);
  const top = agg.largest;
  if (top === null || total <= 0) return null;
  const i = top.incident;
  const share = Math.min(1, roundTo(top.minutes / total, 4));
  const open = i.resolvedAt === null;
  const full = i.severity === "major" || i.severity === "critical";
  const pricing = [
    full
      ? `${i.severity} impact, priced at the full hourly downtime cost`
      : `${i.severity} impact (a degradation), priced as a full outage at the full hourly downtime cost`,
    ...(open ? ["still open at the as-of date, so counted to the end of the period"] : []),
  ].join("; ");
  return {
    incidentId: i.id,
    title: i.title,
    startedAt: new Date(i.startedAt).toISOString(),
    impact: i.severity,
    open,
    minutes: Math.round(top.minutes),
    share,
    dominant: share >= DOMINANT_SHARE,
    pricing,
  };
}
