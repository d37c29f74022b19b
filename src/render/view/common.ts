import type { Rating } from "../../schema/common.js";
import { ratingLabel } from "../format.js";
import { cleanText } from "../sanitize.js";
import { sharePercent } from "../../common/text.js";

/**
 * Pieces every section of the view model uses. The view model is everything a template prints, already worded and
 * formatted: templates only place it. Untrusted strings are cleaned here (invisible characters out) and escaped by
 * Handlebars; links carry an href only when safe.
 */
/**
 * Everything a template prints, already worded and formatted: templates only place it. Untrusted strings are
 * cleaned here (invisible characters out) and escaped by Handlebars; links carry an href only when safe.
 */
export interface Badge {
  value: Rating;
  label: string;
}

export interface Link {
  text: string;
  href: string | null;
}

export const badge = (r: Rating): Badge => ({ value: r, label: ratingLabel(r) });
/** Untrusted text with invisible characters removed; Handlebars escapes it when it is placed. */
export const clean = (s: string) => cleanText(s);
export const anchorOf = (id: string) => `vendor-${id}`;
export const percent = sharePercent;

/** Why a favourable answer earned only part of its credit: "no evidence", "stale or undated". */
export function flags(f: { status: string; evidenced: boolean; fresh: boolean }): string {
  if (f.status !== "answered") return "";
  const out = [];
  if (!f.evidenced) out.push("no evidence");
  if (!f.fresh) out.push("stale or undated");
  return out.join(", ");
}

export function flagText(f: { status: string; evidenced: boolean; fresh: boolean }): string {
  const text = flags(f);
  return text === "" ? "" : ` (${text})`;
}
