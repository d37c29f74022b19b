import { slaTerms, type SlaTerms } from "../../../src/schema/sla.js";
import type { Incident } from "../../../src/schema/incident.js";
import { IncidentAggregate } from "../../../src/score/incident-aggregate.js";
import { slaMonths } from "../../../src/score/sla/period.js";

/** As of 2026-11-01: the day ends 2026-11-02T00:00Z; the SLA period is Nov 2025 to Oct 2026. */
export const AS_OF_END = Date.parse("2026-11-02T00:00:00Z");

/** Terms shaped like a hyperscaler's region-level compute SLA: 99.99%, credits 10 / 30 / 100%. */
export function terms(overrides: Partial<Record<keyof SlaTerms, unknown>> = {}): SlaTerms {
  return slaTerms.parse({
    source: { document: "Test SLA", date: "2026-01-01", confidence: "secondary" },
    service: "Compute",
    uptimeCommitment: 99.99,
    creditTiers: [
      { below: 99.99, atLeast: 99.0, creditPercent: 10 },
      { below: 99.0, atLeast: 95.0, creditPercent: 30 },
      { below: 95.0, creditPercent: 100 },
    ],
    exclusions: { providerAgents: "counted", customerCredentialAgents: "excluded" },
    ...overrides,
  });
}

let n = 0;
export function incident(start: string, end: string | null, over: Partial<Incident> = {}): Incident {
  n += 1;
  return {
    vendor: "v",
    id: `I-${n}`,
    title: "t",
    startedAt: Date.parse(start),
    resolvedAt: end === null ? null : Date.parse(end),
    severity: "major",
    services: [],
    regions: [],
    cause: "software",
    aiAgentInvolved: "no",
    sourceUrl: null,
    rcaPublishedAt: null,
    ...over,
  };
}

export function aggregate(
  t: SlaTerms | undefined,
  incidents: Incident[],
  vendor = { id: "v", services: [] as string[], regions: [] as string[] },
): IncidentAggregate {
  const agg = new IncidentAggregate(vendor, t, slaMonths(AS_OF_END), AS_OF_END);
  for (const i of incidents) agg.add(i);
  return agg;
}
