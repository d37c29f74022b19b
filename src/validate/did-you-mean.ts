import { distance } from "fastest-levenshtein";

/** One allowed value and the other spellings it may be recognised by (its label, for an answer option). */
export interface Candidate {
  value: string;
  aliases?: readonly string[];
}

/**
 * Comparison form: lower case, and every run of anything but letters and digits as one space, so `named approval`,
 * `Named_Approval` and `named-approval` compare equal and a typo costs what it looks like.
 */
export function comparable(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Texts longer than this are not compared (a pasted paragraph is no typo, and the distance is quadratic). */
const MAX_COMPARED = 200;

/**
 * The allowed value nearest to what was typed, when it is near enough to be the likely intent: the same after
 * `comparable`, or within a Levenshtein distance of a third of the longer text (so one- and two-letter values are
 * never guessed at). Ties go to the first candidate, so the suggestion is deterministic.
 */
export function nearest(typed: string, candidates: readonly Candidate[]): string | undefined {
  const t = comparable(typed);
  if (t === "" || t.length > MAX_COMPARED) return undefined;
  let best: { value: string; score: number } | undefined;
  for (const c of candidates) {
    for (const form of [c.value, ...(c.aliases ?? [])]) {
      const f = comparable(form);
      if (f.length > MAX_COMPARED) continue;
      const d = distance(t, f);
      const allowed = Math.floor(Math.max(t.length, f.length) / 3);
      if (d <= allowed && (!best || d < best.score)) best = { value: c.value, score: d };
    }
  }
  return best?.value;
}

/** " (did you mean `named-approval`?)" or nothing: ready to follow the value it corrects in a message. */
export function didYouMean(typed: string, candidates: readonly Candidate[]): string {
  const hit = nearest(typed, candidates);
  return hit === undefined ? "" : ` (did you mean \`${hit}\`?)`;
}
