import { z } from "zod";

/** Identifiers users type in YAML and CSV: lower-case slugs keep file names, CLI flags and ids aligned. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const slug = z.string().regex(SLUG_PATTERN, "must be a lower-case slug (a-z, 0-9, -), at most 63 characters");

/** A calendar date, YYYY-MM-DD. YAML 1.2 keeps it a string, so no timezone guessing happens. */
export const isoDate = z.iso.date({ message: "must be a date in the form YYYY-MM-DD" });

/**
 * An instant with an explicit offset. Timestamps without one are rejected rather than guessed: a status page in
 * US/Pacific read as UTC would move an outage across a month boundary and change the SLA credit.
 */
export const isoInstant = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 timestamp with a Z or ±hh:mm offset, e.g. 2026-03-04T09:15:00Z",
});

/** Only https links ever become clickable in a report; anything else is rejected at the door. */
export const httpsUrl = z
  .url({ protocol: /^https$/, message: "must be an https:// URL" })
  .max(2048, "must be at most 2048 characters");

export const RATINGS = ["low", "moderate", "high", "critical"] as const;
export const rating = z.enum(RATINGS);
export type Rating = z.infer<typeof rating>;

/** Ratings are ordered, low first: comparing two is comparing their places. */
export function ratingIndex(r: Rating): number {
  return RATINGS.indexOf(r);
}

export const CRITICALITIES = ["low", "medium", "high", "critical"] as const;
export const criticality = z.enum(CRITICALITIES);
export type Criticality = z.infer<typeof criticality>;

export const AGENT_KINDS = ["operator", "customer-facing", "contract"] as const;
export const agentKind = z.enum(AGENT_KINDS);
export type AgentKind = z.infer<typeof agentKind>;

/** Free text from users and vendors: bounded so one pasted document cannot balloon a report. */
export const text = (max = 4000) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
