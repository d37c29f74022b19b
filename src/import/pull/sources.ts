import { UsageError } from "../../run/errors.js";
import type { ImportFormat } from "../types.js";
import { isLoopback } from "./http.js";

/**
 * Where `caution incidents pull <source>` reads. The three clouds have one public feed each; any other source is
 * the base URL of a Statuspage (or incident.io) page, whose `/api/v2/incidents.json` lists the last 50 incidents.
 */
export const FEEDS = {
  aws: { url: "https://health.aws.amazon.com/public/currentevents", format: "aws" },
  azure: { url: "https://azure.status.microsoft/en-us/status/feed/", format: "azure" },
  gcp: { url: "https://status.cloud.google.com/incidents.json", format: "gcp" },
} as const satisfies Record<string, { url: string; format: ImportFormat }>;

/**
 * Feeds that list open events only (AWS `currentevents`, the Azure live feed): an event pulled while open and gone
 * from a later answer has ended, at some time before that answer.
 */
const OPEN_ONLY = new Set<ImportFormat>(["aws", "azure"]);

/** For tests only: serve the three clouds' feeds from this origin, which must be on this machine. */
export const TEST_ORIGIN_VARIABLE = "CAUTION_TEST_FEED_ORIGIN";

export interface PullSource {
  url: URL;
  format: ImportFormat;
  openOnly: boolean;
}

export function resolveSource(source: string, env: NodeJS.ProcessEnv = process.env): PullSource {
  const key = source.trim().toLowerCase();
  if (Object.hasOwn(FEEDS, key)) {
    const feed = FEEDS[key as keyof typeof FEEDS];
    const url = new URL(feed.url);
    const origin = env[TEST_ORIGIN_VARIABLE];
    if (origin !== undefined && origin !== "") {
      const test = new URL(origin);
      if (!isLoopback(test.hostname))
        throw new UsageError(`${TEST_ORIGIN_VARIABLE}=${origin}: must be an address on this machine (127.0.0.1)`);
      url.protocol = test.protocol;
      url.host = test.host;
    }
    return { url, format: feed.format, openOnly: OPEN_ONLY.has(feed.format) };
  }
  let url: URL;
  try {
    url = new URL(source.trim());
  } catch {
    throw new UsageError(
      `${source}: name aws, azure or gcp, or give a Statuspage's base URL (e.g. https://www.githubstatus.com)`,
    );
  }
  if (!(url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname))))
    throw new UsageError(`${source}: give an https:// URL; caution reads feeds over https only`);
  if (url.username !== "" || url.password !== "")
    throw new UsageError(`${url.protocol}//${url.host}: a feed URL carries no user name or password`);
  url.hash = "";
  url.search = "";
  // A page's base URL, or one of its API files given in full.
  if (!/\/api\/v2\/[a-z-]+\.json$/.test(url.pathname))
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v2/incidents.json`;
  return { url, format: "statuspage", openOnly: false };
}
