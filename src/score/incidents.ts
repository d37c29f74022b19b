import type { Incident } from "../schema/incident.js";
import type { IncidentSummary } from "../schema/result.js";
import { mergeIntervals, totalMinutes } from "./intervals.js";

const UNPLANNED = new Set(["minor", "major", "critical"]);
const MAJOR = new Set(["major", "critical"]);

/**
 * A vendor's incident record in the period before the as-of date. Open incidents count up to the end of the as-of
 * day, never to "now", so the figure repeats.
 */
export function summarizeIncidents(incidents: readonly Incident[], asOfEnd: number): IncidentSummary {
  const sorted = [...incidents].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const endOf = (i: Incident) => i.resolvedAt ?? asOfEnd;
  const unplanned = sorted.filter((i) => UNPLANNED.has(i.severity));
  const downtime = mergeIntervals(unplanned.map((i) => ({ start: i.startedAt, end: endOf(i) })));
  const minutes = (i: Incident) => (endOf(i) - i.startedAt) / 60_000;
  return {
    total: sorted.length,
    unplanned: unplanned.length,
    major: sorted.filter((i) => MAJOR.has(i.severity)).length,
    aiAgentInvolved: sorted.filter((i) => i.aiAgentInvolved === "yes").length,
    openAtAsOf: sorted.filter((i) => i.resolvedAt === null).length,
    downtimeMinutes: Math.round(totalMinutes(downtime)),
    longestMinutes: Math.round(unplanned.reduce((m, i) => Math.max(m, minutes(i)), 0)),
    list: sorted.map((i) => ({
      id: i.id,
      title: i.title,
      startedAt: new Date(i.startedAt).toISOString(),
      resolvedAt: i.resolvedAt === null ? null : new Date(i.resolvedAt).toISOString(),
      durationMinutes: Math.round(minutes(i)),
      open: i.resolvedAt === null,
      severity: i.severity,
      cause: i.cause,
      aiAgentInvolved: i.aiAgentInvolved,
      services: i.services,
      regions: i.regions,
      sourceUrl: i.sourceUrl,
    })),
  };
}
