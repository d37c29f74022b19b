import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../../load/digest.js";
import { InputError } from "../../load/input-issue.js";
import { describeFsError } from "../../common/fs-errors.js";
import { readYamlSource } from "../../load/yaml-file.js";
import { EnvironmentError, UsageError } from "../../run/errors.js";
import { isoDate } from "../../schema/common.js";
import { writeOutputs } from "../../write/atomic.js";
import { decodeFeed, MAX_FEED_BYTES } from "../feed-text.js";
import { importIncidents } from "../import-incidents.js";
import { formatUtc } from "../instant.js";
import { importReport } from "../run-import.js";
import type { CanonicalIncident } from "../types.js";
import { DEFAULT_FETCH, fetchFeed, type FetchOptions } from "./http.js";
import { mergeIncidents, readExistingCsv } from "./merge.js";
import { resolveSource } from "./sources.js";
import { readPullState, stateKey, writePullState } from "./state.js";

export interface PullRequest {
  /** aws, azure, gcp, or a Statuspage base URL. */
  source: string;
  vendor: string;
  /** The workspace folder (holds caution.yaml). */
  into: string;
  /** YYYY-MM-DD: incidents that ended before this day are left out. */
  since?: string | undefined;
  fetch?: Partial<Omit<FetchOptions, "etag" | "lastModified">>;
  env?: NodeJS.ProcessEnv;
  /** The clock, for tests. */
  now?: () => Date;
  /** Aborts the request and the writes (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

/** What a pull says, each a line after "caution: ": things to know, then the outcome. */
export interface PullOutcome {
  notes: string[];
  done: string;
}

/**
 * `caution incidents pull`, without the printing: fetches the feed (conditionally), imports it, merges it into
 * `incidents/<vendor>.csv` atomically and remembers what it fetched. Returns what to show on stderr. Throws
 * UsageError or InputError (exit 2: a wrong source or workspace, a malformed answer) or EnvironmentError (exit 3:
 * the network); nothing is written then.
 */
export async function pullIncidents(req: PullRequest): Promise<PullOutcome> {
  const env = req.env ?? process.env;
  const now = req.now ?? (() => new Date());
  const source = resolveSource(req.source, env);
  const since = req.since === undefined ? undefined : parseSince(req.since);
  const asOf = await checkWorkspace(req.into, req.vendor);

  const csvName = `${req.vendor}.csv`;
  const csvPath = join(req.into, "incidents", csvName);
  const shownCsv = join(req.into, "incidents", csvName);
  const existingBytes = await readIfThere(csvPath, shownCsv);
  const existing =
    existingBytes === undefined ? undefined : readExistingCsv(decodeFeed(existingBytes, shownCsv).text, shownCsv);

  const { state, note } = await readPullState(req.into);
  const notes: string[] = note ? [`note: ${note}`] : [];
  const key = stateKey(req.vendor, source.url);
  const previous = state.sources[key];
  // Conditional only while the file is the one that pull wrote: after a hand edit or a deletion, fetch it all.
  const sameFile =
    previous !== undefined && existingBytes !== undefined && sha256Hex(existingBytes) === previous.csvSha256;
  const answer = await fetchFeed(source.url, {
    ...DEFAULT_FETCH,
    ...req.fetch,
    env,
    etag: sameFile ? previous.etag : undefined,
    lastModified: sameFile ? previous.lastModified : undefined,
    signal: req.signal,
  });
  if (answer.status === "not-modified") {
    const since = previous?.fetchedAt ?? "the last pull";
    return { notes, done: `${source.url.href} has not changed since ${since}; ${shownCsv} is unchanged` };
  }

  const fetchedAt = formatUtc(now().getTime());
  const text = decodeFeed(answer.bytes, source.url.href, req.fetch?.maxBytes ?? MAX_FEED_BYTES).text;
  const result = importIncidents(text, source.format, { vendor: req.vendor, file: source.url.href });
  const kept = since === undefined ? result.incidents : result.incidents.filter((i) => endedOnOrAfter(i, since));
  const listedOpen = source.openOnly ? result.incidents.filter((i) => i.resolvedAt === null).map((i) => i.id) : [];
  const gone = new Set((previous?.openIds ?? []).filter((id) => !result.incidents.some((i) => i.id === id)));
  const merged = mergeIncidents(existing, kept, {
    vendor: req.vendor,
    close: source.openOnly && gone.size > 0 ? { ids: gone, at: fetchedAt } : undefined,
  });

  await writeOutputs(join(req.into, "incidents"), [{ name: csvName, data: merged.csv }], { signal: req.signal });
  state.sources[key] = {
    vendor: req.vendor,
    url: source.url.href,
    ...(answer.etag !== undefined ? { etag: answer.etag } : {}),
    ...(answer.lastModified !== undefined ? { lastModified: answer.lastModified } : {}),
    fetchedAt,
    csvSha256: sha256Hex(Buffer.from(merged.csv)),
    openIds: listedOpen,
  };
  await writePullState(req.into, state, req.signal);

  notes.push(...importReport(result).slice(0, -1));
  for (const id of merged.closed)
    notes.push(
      `note ${id}: no longer listed as open by ${source.url.host}; resolved_at set to ${fetchedAt}, when this pull saw it gone (it ended no later)`,
    );
  const left = result.incidents.length - kept.length;
  const done =
    `pulled ${result.incidents.length} incident${result.incidents.length === 1 ? "" : "s"} from ${source.url.href}` +
    `${left > 0 ? ` (${left} ended before ${req.since})` : ""}: ${merged.added} added, ${merged.updated} updated, ` +
    `${merged.unchanged} unchanged${merged.closed.length > 0 ? `, ${merged.closed.length} closed` : ""}; wrote ${shownCsv}`;
  const late = kept.filter((i) => asOf !== undefined && Date.parse(i.startedAt) >= asOf.end).length;
  if (late > 0 && asOf !== undefined)
    notes.push(
      `note: ${late} pulled incident${late === 1 ? " starts" : "s start"} after the workspace's as-of date ${asOf.date}; caution validate refuses ${late === 1 ? "it" : "them"} until asOf is moved on`,
    );
  return { notes, done };
}

function parseSince(value: string): number {
  if (!isoDate.safeParse(value).success) throw new UsageError(`--since ${value}: give a date, YYYY-MM-DD`);
  return Date.parse(`${value}T00:00:00Z`);
}

/** Whether an incident was still going on or after the day (open incidents always are). */
function endedOnOrAfter(incident: CanonicalIncident, since: number): boolean {
  return incident.resolvedAt === null || Date.parse(incident.resolvedAt) >= since;
}

/** The workspace must exist and list the vendor, so a pull never writes a file the workspace would refuse. */
async function checkWorkspace(dir: string, vendor: string): Promise<{ date: string; end: number } | undefined> {
  const path = join(dir, "caution.yaml");
  if (!existsSync(path))
    throw new UsageError(
      `${dir} is not a caution workspace (no caution.yaml): give it with --into, or run caution init`,
    );
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const data = read.source.data as { vendors?: unknown; asOf?: unknown };
  const ids = Array.isArray(data.vendors)
    ? data.vendors.map((v) => (v as { id?: unknown }).id).filter((id): id is string => typeof id === "string")
    : [];
  if (!ids.includes(vendor))
    throw new UsageError(`--vendor ${vendor}: not a vendor of ${path}; listed there: ${ids.join(", ") || "none"}`);
  const asOf = typeof data.asOf === "string" && isoDate.safeParse(data.asOf).success ? data.asOf : undefined;
  return asOf === undefined ? undefined : { date: asOf, end: Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 };
}

async function readIfThere(path: string, shown: string): Promise<Buffer | undefined> {
  try {
    const info = await stat(path);
    if (info.size > MAX_FEED_BYTES)
      throw new InputError([
        {
          file: shown,
          message: `is ${info.size} bytes; pull merges into files up to ${MAX_FEED_BYTES} bytes: move it to another name under incidents/`,
        },
      ]);
    const bytes = await readFile(path);
    return bytes.length === 0 ? undefined : bytes;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EnvironmentError(`cannot read ${shown}: ${describeFsError(err)}; nothing was written`);
  }
}
