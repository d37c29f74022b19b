import {
  CAUSES,
  LIST_CELL_MAX,
  LIST_NAME_MAX,
  SEVERITIES,
  splitList,
  toIncident,
  type Incident,
} from "../schema/incident.js";
import { isoInstant, SLUG_PATTERN } from "../schema/common.js";

/**
 * The common case of a valid incident row, checked without building a zod parse per row. zod's `incidentRow` stays
 * the specification: this path accepts only rows it would accept and yields the same incident (a property test
 * holds it to that); anything unusual returns null and goes through zod, which also words the errors. It exists
 * because a million rows through zod cost several times a bare CSV parse.
 */
const INSTANT = isoInstant._zod.pattern as RegExp;
const SEVERITY = new Set<string>(SEVERITIES);
const CAUSE = new Set<string>(CAUSES);
const INVOLVED = new Set(["yes", "no", "unknown"]);

/** Fields of one row, by canonical column name. */
export type RowFields = Record<string, string>;

/** Where each column the fast path reads sits in a record (from the file's header). */
export interface FieldIndex {
  vendor: number;
  id: number;
  title: number;
  started_at: number;
  resolved_at: number;
  severity: number;
  services: number;
  regions: number;
  cause: number;
  ai_agent_involved: number;
  source_url: number;
  /** -1 when the optional column is absent. */
  rca_published_at: number;
}

const trimmed = (s: string, max: number) => s.length > 0 && s.length <= max && s === s.trim();

/**
 * A plain https URL: host name labels ending in one with a letter (so it can never be read as an IP address the URL
 * parser would reject), an optional port, then printable ASCII. Every such string passes `httpsUrl`; anything
 * else is left to it.
 */
const PLAIN_HTTPS =
  /^https:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*(?::[0-9]{1,4})?(?:[/?#][!-~]*)?$/;

function validUrl(s: string): boolean {
  return s.length <= 2048 && PLAIN_HTTPS.test(s);
}

const at = (fields: readonly string[], i: number) => (i < 0 ? "" : (fields[i] ?? ""));

/** A list cell within the limits, split; null sends the row to zod, which words the error. */
function fastList(cell: string): string[] | null {
  if (cell.length > LIST_CELL_MAX) return null;
  const names = splitList(cell);
  return cell.length <= LIST_NAME_MAX || names.every((n) => n.length <= LIST_NAME_MAX) ? names : null;
}

export function fastIncident(fields: readonly string[], x: FieldIndex): Incident | null {
  const vendor = at(fields, x.vendor);
  const id = at(fields, x.id);
  const title = at(fields, x.title);
  const started = at(fields, x.started_at);
  const resolved = at(fields, x.resolved_at);
  const severity = at(fields, x.severity);
  const cause = at(fields, x.cause);
  const involved = at(fields, x.ai_agent_involved);
  const url = at(fields, x.source_url);
  const rca = at(fields, x.rca_published_at);
  if (!SLUG_PATTERN.test(vendor)) return null;
  if (!trimmed(id, 200) || !trimmed(title, 500)) return null;
  if (!INSTANT.test(started)) return null;
  if (resolved !== "" && !INSTANT.test(resolved)) return null;
  if (rca !== "" && !INSTANT.test(rca)) return null;
  if (!SEVERITY.has(severity) || !INVOLVED.has(involved)) return null;
  if (cause !== "" && !CAUSE.has(cause)) return null;
  if (url !== "" && !validUrl(url)) return null;
  const services = fastList(at(fields, x.services));
  const regions = fastList(at(fields, x.regions));
  if (services === null || regions === null) return null;
  return toIncident({
    vendor,
    id,
    title,
    started_at: started,
    resolved_at: resolved === "" ? undefined : resolved,
    severity: severity as Incident["severity"],
    services,
    regions,
    cause: (cause === "" ? "unknown" : cause) as Incident["cause"],
    ai_agent_involved: involved as Incident["aiAgentInvolved"],
    source_url: url === "" ? undefined : url,
    rca_published_at: rca === "" ? undefined : rca,
  });
}
