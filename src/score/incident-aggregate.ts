import type { Incident } from "../schema/incident.js";
import type { SlaTerms } from "../schema/sla.js";
import type { WorkspaceVendor } from "../schema/workspace.js";
import { slaExclusion } from "./sla/exclusions.js";
import { BoundedTop } from "./recent-heap.js";
import { MinuteSet } from "./sla/minute-set.js";
import type { OutageSpan } from "./sla/month.js";
import type { Month } from "./sla/period.js";

/** At most this many incidents are listed per vendor (the most recent); counts and downtime cover all of them. */
export const INCIDENT_LIST_LIMIT = 200;
export const EXCLUDED_LIST_LIMIT = 100;

const UNPLANNED = new Set(["minor", "major", "critical"]);
const MAJOR = new Set(["major", "critical"]);

export interface ListedIncident {
  incident: Incident;
  affects: boolean;
  excludedBy: string | null;
}

/** Days from resolution to the public RCA, in bins: what the incident-record signal needs, in fixed memory. */
/**
 * The causes SLA exclusions tell apart; every other cause is settled like `unknown`. Keying downtime by these (with
 * the impact and whether an AI agent was involved) keeps at most 30 minute sets per vendor, however varied the rows.
 */
const EXCLUSION_CAUSES = new Set<string>(["customer", "customer-agent", "ai-agent", "external"]);

interface OutageClass {
  set: MinuteSet;
  impact: OutageSpan["impact"];
  cause: OutageSpan["cause"];
  aiAgentInvolved: OutageSpan["aiAgentInvolved"];
}

export interface RcaBins {
  within7: number;
  within14: number;
  within30: number;
  later: number;
  none: number;
}

/**
 * Everything scoring needs from one vendor's incidents, folded in as they stream past: counts, a minute set of
 * downtime (overlaps merged by construction), the SLA-counted downtime, the most recent incidents for the report.
 * Memory is bounded by the period and the list limits, not by the number of rows.
 */
export class IncidentAggregate {
  readonly loss: MinuteSet;
  /** Downtime by what the SLA decision reads of an outage: impact, exclusion cause, AI agent involved. */
  private readonly outages = new Map<string, OutageClass>();
  total = 0;
  affecting = 0;
  unplanned = 0;
  major = 0;
  aiAgentInvolved = 0;
  aiAgentUnknown = 0;
  openAtAsOf = 0;
  longestMinutes = 0;
  longestMajorMinutes = 0;
  silentExclusionMinutes = 0;
  /** The affecting incident with the most minutes in the period: the one that can make most of the loss. */
  largest: { incident: Incident; minutes: number } | null = null;
  readonly rca: RcaBins = { within7: 0, within14: 0, within30: 0, later: 0, none: 0 };
  excludedCount = 0;
  private readonly listed = new BoundedTop<ListedIncident>(INCIDENT_LIST_LIMIT, newerFirst);
  private readonly excludedList = new BoundedTop<{ incident: Incident; rule: string }>(EXCLUDED_LIST_LIMIT, newerFirst);
  private readonly services: Set<string>;
  private readonly regions: Set<string>;

  constructor(
    readonly vendor: Pick<WorkspaceVendor, "id" | "services" | "regions">,
    readonly terms: SlaTerms | undefined,
    readonly months: readonly Month[],
    readonly asOfEnd: number,
  ) {
    const start = months[0]?.start ?? asOfEnd;
    const end = months.at(-1)?.end ?? asOfEnd;
    this.loss = new MinuteSet(start, end);
    this.services = new Set(vendor.services.map((s) => s.toLowerCase()));
    this.regions = new Set(vendor.regions.map((s) => s.toLowerCase()));
  }

  /**
   * An incident affects the buyer when it touches a service and a region the buyer uses. An incident that names no
   * service or no region is assumed to affect the buyer: a feed that omits components must not hide an outage.
   */
  affects(i: Incident): boolean {
    const svc =
      this.services.size === 0 || i.services.length === 0 || i.services.some((s) => this.services.has(s.toLowerCase()));
    const reg =
      this.regions.size === 0 ||
      i.regions.length === 0 ||
      i.regions.some((r) => r.toLowerCase() === "global" || this.regions.has(r.toLowerCase()));
    return svc && reg;
  }

  add(i: Incident): void {
    this.total += 1;
    const end = i.resolvedAt ?? this.asOfEnd;
    const inPeriod = end > this.loss.start && i.startedAt < this.loss.end;
    const affects = this.affects(i);
    let excludedBy: string | null = null;
    if (affects && inPeriod && UNPLANNED.has(i.severity)) {
      const minutes = (end - i.startedAt) / 60_000;
      this.affecting += 1;
      this.unplanned += 1;
      this.longestMinutes = Math.max(this.longestMinutes, minutes);
      if (MAJOR.has(i.severity)) {
        this.major += 1;
        this.longestMajorMinutes = Math.max(this.longestMajorMinutes, minutes);
        this.binRca(i);
      }
      if (i.aiAgentInvolved === "yes") this.aiAgentInvolved += 1;
      if (i.aiAgentInvolved === "unknown") this.aiAgentUnknown += 1;
      if (i.resolvedAt === null) this.openAtAsOf += 1;
      this.loss.add(i.startedAt, end);
      // Minutes as the loss counts them: a touched minute counts whole, clipped to the period.
      const inside =
        Math.min(this.loss.minutes, Math.ceil((end - this.loss.start) / 60_000)) -
        Math.max(0, Math.floor((i.startedAt - this.loss.start) / 60_000));
      if (this.largest === null || inside > this.largest.minutes) this.largest = { incident: i, minutes: inside };
      this.outageClass(i).set.add(i.startedAt, end);
      if (this.terms && this.terms.measurement.countsImpact.includes(i.severity)) {
        const verdict = slaExclusion(i, this.terms);
        if (verdict.excluded) {
          excludedBy = verdict.rule;
          this.excludedCount += 1;
          this.excludedList.add({ incident: i, rule: verdict.rule ?? "" });
        } else if (verdict.silent) {
          this.silentExclusionMinutes += minutes;
        }
      }
    }
    this.listed.add({ incident: i, affects: affects && inPeriod && UNPLANNED.has(i.severity), excludedBy });
  }

  private outageClass(i: Incident): OutageClass {
    const cause = EXCLUSION_CAUSES.has(i.cause) ? i.cause : "unknown";
    const ai = i.aiAgentInvolved === "yes" ? "yes" : "no";
    const key = `${i.severity}|${cause}|${ai}`;
    let c = this.outages.get(key);
    if (!c) {
      c = { set: new MinuteSet(this.loss.start, this.loss.end), impact: i.severity, cause, aiAgentInvolved: ai };
      this.outages.set(key, c);
    }
    return c;
  }

  /**
   * The month's outages as slaMonth reads them: one span per run of minutes of each outage class, in time order.
   * `errorRate` gives the share of requests failing for an impact.
   */
  monthSpans(month: Pick<Month, "start" | "end">, errorRate: (impact: OutageSpan["impact"]) => number): OutageSpan[] {
    const spans: OutageSpan[] = [];
    for (const c of this.outages.values()) {
      const rate = errorRate(c.impact);
      c.set.runs(month.start, month.end, (start, end) =>
        spans.push({
          start,
          end,
          impact: c.impact,
          cause: c.cause,
          aiAgentInvolved: c.aiAgentInvolved,
          errorRate: rate,
        }),
      );
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  private binRca(i: Incident): void {
    if (i.rcaPublishedAt === null || i.resolvedAt === null) {
      this.rca.none += 1;
      return;
    }
    const days = (i.rcaPublishedAt - i.resolvedAt) / 86_400_000;
    if (days <= 7) this.rca.within7 += 1;
    else if (days <= 14) this.rca.within14 += 1;
    else if (days <= 30) this.rca.within30 += 1;
    else this.rca.later += 1;
  }

  /** The most recent incidents, newest first, in a fixed order whatever order the files came in. */
  list(): ListedIncident[] {
    return this.listed.sorted();
  }

  excluded(): { incident: Incident; rule: string }[] {
    return this.excludedList.sorted();
  }
}

/** Newer first; equal starts by id, so the order never depends on the order of the files. */
function newerFirst(a: { incident: Incident }, b: { incident: Incident }): boolean {
  return (
    a.incident.startedAt > b.incident.startedAt ||
    (a.incident.startedAt === b.incident.startedAt && a.incident.id < b.incident.id)
  );
}
