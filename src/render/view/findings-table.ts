import type { Finding, VendorResult } from "../../schema/result.js";
import { plural, ratingLabel } from "../format.js";
import { badge, clean, type Badge } from "./common.js";

/**
 * The one-page overview of a vendor's findings, before the details: one line each, so a reader sees at once what is
 * wrong and what to ask. The texts are cut to a few words here (the full text follows in the details and in
 * `caution findings`), which keeps 60 findings on one A4 page.
 */
export interface FindingsTableView {
  has: boolean;
  summary: string;
  rows: { id: string; severity: Badge; finding: string; ask: string }[];
}

/** Characters of the finding and the ask that fit one line of the table beside the id and severity columns. */
export const FINDING_WORDS = 46;
export const ASK_WORDS = 62;

export function findingsTable(v: VendorResult): FindingsTableView {
  const counts = (["critical", "high", "moderate", "low"] as const)
    .map((r) => ({ r, n: v.findings.filter((f) => f.severity === r).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${ratingLabel(c.r)}`);
  return {
    has: v.findings.length > 0,
    summary: `${plural(v.findings.length, "finding")}${counts.length > 0 ? ` (${counts.join(", ")})` : ""}, most severe first; each is set out in full below.`,
    rows: v.findings.map((f) => ({
      id: f.id,
      severity: badge(f.severity),
      finding: fewWords(shortFinding(f), FINDING_WORDS),
      ask: fewWords(f.ask.replace(/^Contract clause:\s*/i, "Clause: "), ASK_WORDS),
    })),
  };
}

/** What was found, shortest form: the answer given, or why there is none. */
function shortFinding(f: Finding): string {
  if (f.basis === "unanswered") return "Not answered";
  if (f.basis === "unknown") return 'Answered "don\'t know"';
  if (f.basis === "unevidenced") return `No current evidence: ${f.answerLabel}`;
  return f.answerLabel;
}

/** Whitespace collapsed, the first sentence only, cut at a word before `max` characters with an ellipsis. */
export function fewWords(text: string, max: number): string {
  const flat = clean(text).replace(/\s+/g, " ").trim();
  // A sentence ends at a full stop or semicolon before a capital or the end ("e.g. a multiple" goes on).
  const sentence = /^(.*?[.;])(\s+[A-Z]|$)/.exec(flat)?.[1] ?? flat;
  const chars = [...sentence.replace(/[.;]$/, "")];
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;(-]+$/, "")}…`;
}
