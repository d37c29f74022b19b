import { z } from "zod";
import { httpsUrl, isoInstant, slug, text } from "./common.js";

/** The canonical CSV columns, in order. Importers write them; `caution init` writes the header. */
export const INCIDENT_COLUMNS = [
  "vendor",
  "id",
  "title",
  "started_at",
  "resolved_at",
  "severity",
  "services",
  "regions",
  "cause",
  "ai_agent_involved",
  "source_url",
] as const;

export const SEVERITIES = ["none", "minor", "major", "critical", "maintenance"] as const;
/**
 * `ai-agent`: the provider's own AI agent; `customer-agent`: an AI agent acting with the customer's credentials
 * (SLAs tend to treat it as the customer's own action); `customer`: the customer's action; `external`: outside the
 * provider's control (force majeure).
 */
export const CAUSES = [
  "ai-agent",
  "customer-agent",
  "customer",
  "change",
  "capacity",
  "hardware",
  "network",
  "software",
  "security",
  "external",
  "unknown",
] as const;

/** Optional columns caution reads when present: when the provider published its root-cause report. */
export const OPTIONAL_INCIDENT_COLUMNS = ["rca_published_at"] as const;

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
/** Splits a `;`-separated list cell: trimmed parts, empty parts dropped. */
export function splitList(s: string): string[] {
  if (s === "") return [];
  // The common cell ("compute;block-storage") needs no trimming or filtering.
  if (!/\s|;;|^;|;$/.test(s)) return s.split(";");
  return s
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * `services` and `regions` cells: bounded so that one incident cannot fill a report (a feed listing 12,000
 * components gave a 1.17 MB row). 10,000 characters hold every real list seen (AWS's region-wide events name about
 * 140 services, Cloudflare's widest about 300 data centres); importers write a longer list empty, which caution reads
 * as "affects every service" (or region), the cautious reading.
 */
export const LIST_CELL_MAX = 10_000;
/** One name in a `services` or `regions` list. */
export const LIST_NAME_MAX = 200;

const list = z
  .string()
  .max(LIST_CELL_MAX, `must be at most ${LIST_CELL_MAX} characters; leave it empty for "all"`)
  .transform(splitList)
  .pipe(z.array(z.string().max(LIST_NAME_MAX, `each name must be at most ${LIST_NAME_MAX} characters`)));

/** One CSV row's fields after validation, before they become an Incident. */
interface CheckedRow {
  vendor: string;
  id: string;
  title: string;
  started_at: string;
  resolved_at?: string | undefined;
  severity: (typeof SEVERITIES)[number];
  services: string[];
  regions: string[];
  cause: (typeof CAUSES)[number];
  ai_agent_involved: "yes" | "no" | "unknown";
  source_url?: string | undefined;
  rca_published_at?: string | undefined;
}

/** The incident a valid row becomes: instants as epoch milliseconds, ready for arithmetic in scoring. */
export function toIncident(r: CheckedRow) {
  return {
    vendor: r.vendor,
    id: r.id,
    title: r.title,
    startedAt: Date.parse(r.started_at),
    resolvedAt: r.resolved_at === undefined ? null : Date.parse(r.resolved_at),
    severity: r.severity,
    services: r.services,
    regions: r.regions,
    cause: r.cause,
    aiAgentInvolved: r.ai_agent_involved,
    sourceUrl: r.source_url ?? null,
    rcaPublishedAt: r.rca_published_at === undefined ? null : Date.parse(r.rca_published_at),
  };
}

/**
 * One CSV row, the specification of what a valid row is. Cross-field checks (resolved after started, nothing
 * after the as-of date) happen in validate/.
 */
export const incidentRow = z
  .strictObject({
    vendor: slug,
    id: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    title: text(500),
    started_at: isoInstant,
    resolved_at: z.preprocess(emptyToUndefined, isoInstant.optional()),
    severity: z.enum(SEVERITIES),
    services: list,
    regions: list,
    cause: z.preprocess(emptyToUndefined, z.enum(CAUSES).default("unknown")),
    ai_agent_involved: z.enum(["yes", "no", "unknown"]),
    source_url: z.preprocess(emptyToUndefined, httpsUrl.optional()),
    rca_published_at: z.preprocess(emptyToUndefined, isoInstant.optional()),
  })
  .transform(toIncident);

export type Incident = z.output<typeof incidentRow>;
