import type { IncidentSummary } from "../schema/result.js";
import type { IncidentAggregate } from "./incident-aggregate.js";

/** The incident record as the report shows it: period figures from the aggregate, and the most recent incidents. */
export function summarizeIncidents(agg: IncidentAggregate): IncidentSummary {
  const list = agg.list();
  const period =
    agg.months.length > 0 ? { start: agg.months[0]!.start, end: agg.months.at(-1)!.end } : { start: 0, end: 0 };
  return {
    total: agg.total,
    affecting: agg.affecting,
    major: agg.major,
    aiAgentInvolved: agg.aiAgentInvolved,
    aiAgentUnknown: agg.aiAgentUnknown,
    openAtAsOf: agg.openAtAsOf,
    downtimeMinutes: agg.loss.count(period.start, period.end),
    longestMinutes: Math.round(agg.longestMinutes),
    longestMajorMinutes: Math.round(agg.longestMajorMinutes),
    rca: { ...agg.rca },
    listed: list.length,
    list: list.map(({ incident: i, affects, excludedBy }) => {
      const end = i.resolvedAt ?? agg.asOfEnd;
      return {
        id: i.id,
        title: i.title,
        startedAt: new Date(i.startedAt).toISOString(),
        resolvedAt: i.resolvedAt === null ? null : new Date(i.resolvedAt).toISOString(),
        durationMinutes: Math.round((end - i.startedAt) / 60_000),
        open: i.resolvedAt === null,
        severity: i.severity,
        cause: i.cause,
        aiAgentInvolved: i.aiAgentInvolved,
        services: i.services,
        regions: i.regions,
        sourceUrl: i.sourceUrl,
        affects,
        excludedBy,
      };
    }),
  };
}
