import { z } from "zod";

/**
 * `.caution/pull-state.json` in a workspace: what `caution incidents pull` remembers between runs, per vendor and
 * feed URL. caution writes it; a user never needs to. It is read defensively: a file that does not fit this schema
 * is set aside (the next pull is unconditional), never trusted.
 */
export const PULL_STATE_VERSION = 1;

export const pullSource = z.strictObject({
  vendor: z.string().max(63),
  url: z.string().max(2048),
  /** The feed's ETag, sent back as If-None-Match. */
  etag: z.string().max(1024).optional(),
  /** The feed's Last-Modified, sent back as If-Modified-Since. */
  lastModified: z.string().max(100).optional(),
  /** When caution last read an answer from it (UTC, ISO 8601). */
  fetchedAt: z.iso.datetime({ offset: true }),
  /** SHA-256 of incidents/<vendor>.csv as that pull wrote it: a conditional request is sent only while it matches. */
  csvSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Ids the feed listed as open (feeds of open events only), to notice when one ends by leaving the feed. */
  openIds: z.array(z.string().max(200)).max(100_000).default([]),
});

export const pullState = z.strictObject({
  version: z.literal(PULL_STATE_VERSION),
  /** Keyed by `<vendor> <url>`. */
  sources: z.record(z.string().max(2200), pullSource),
});

export type PullState = z.output<typeof pullState>;
export type PullSourceState = z.output<typeof pullSource>;
