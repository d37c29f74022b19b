import { ratingLabel } from "../common/text.js";
import type { Finding, Result } from "../schema/result.js";
import { nearest } from "../validate/did-you-mean.js";
import type { FindingsSection, FindingStatus } from "../schema/workspace-findings.js";

/** What `caution findings --format` accepts. */
export const REGISTER_FORMATS = ["csv", "xlsx", "md"] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

/** The register's columns, in order: what a risk register in a spreadsheet needs, and nothing else. */
export const REGISTER_COLUMNS = [
  "id",
  "vendor",
  "question",
  "severity",
  "finding",
  "ask",
  "owner",
  "status",
  "due",
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
export type RegisterRow = Record<RegisterColumn, string>;

/** A `findings:` entry of caution.yaml whose finding this assessment does not have. */
export interface StaleEntry {
  id: string;
  status: FindingStatus;
  /** The id of a finding of this assessment it was probably meant to name, if one is close. */
  near: string | null;
}

export interface Register {
  rows: RegisterRow[];
  /** Entries for findings not in this assessment and not marked closed: resolved since, or a mistyped id. */
  stale: StaleEntry[];
  /** Ids marked closed in caution.yaml that this assessment still finds: closed too early, or come back. */
  stillFound: string[];
}

/**
 * One row per finding of the result, vendors in the workspace's order and each vendor's findings in the result's
 * order (most severe first), merged with the buyer's follow-up from caution.yaml by finding id. A finding the buyer
 * has not tracked yet is `open` with no owner and no due date.
 */
export function buildRegister(result: Pick<Result, "vendors">, tracking: FindingsSection = {}): Register {
  const rows: RegisterRow[] = [];
  for (const v of result.vendors)
    for (const f of v.findings) {
      const t = tracking[f.id];
      rows.push({
        id: f.id,
        vendor: v.name,
        question: f.questionId,
        severity: ratingLabel(f.severity),
        finding: findingText(f),
        ask: f.ask,
        owner: t?.owner ?? "",
        status: t?.status ?? "open",
        due: t?.due ?? "",
      });
    }
  const ids = new Set(rows.map((r) => r.id));
  const candidates = rows.map((r) => ({ value: r.id }));
  const stale = Object.entries(tracking)
    .filter(([id, t]) => !ids.has(id) && t.status !== "closed")
    .map(([id, t]) => ({ id, status: t.status, near: nearest(id, candidates) ?? null }));
  const stillFound = rows.filter((r) => tracking[r.id]?.status === "closed").map((r) => r.id);
  return { rows, stale, stillFound };
}

const BASIS_TEXT: Record<Finding["basis"], string> = {
  gate: "",
  unanswered: "not answered, scored as the worst answer",
  unknown: 'answered "don\'t know", scored as the worst answer',
  "weak-answer": "",
  unevidenced: "no current evidence",
  "sla-silent": "",
};

/**
 * What was found, in one cell: the question and the answer given (for an SLA finding, its own statement), with
 * what made it a finding where the answer alone does not say it.
 */
export function findingText(f: Finding): string {
  if (f.source === "sla-terms") return `${f.answerLabel}. ${f.comment ?? ""}`.trim();
  const basis = BASIS_TEXT[f.basis];
  const gate = f.gate === null ? "" : `; fires gate ${f.gate}`;
  return `${f.question} Answer: ${f.answerLabel}${basis === "" ? "" : ` (${basis})`}${gate}.`;
}
