import { cleanText } from "../load/clean-text.js";
import type { InputIssue } from "../load/input-issue.js";
import { httpsUrl, isoDate } from "../schema/common.js";
import { questionId } from "../schema/questionnaire.js";
import type { Evidence } from "../schema/vendor.js";
import { NOT_APPLICABLE, type ValidQuestionnaire } from "../validate/questionnaire.js";
import { EVIDENCE_FIELDS, allowedValues, evidenceKey } from "./columns.js";
import { asRecord } from "./load.js";
import type { SheetCell, SheetData, SheetRow } from "./sheet-data.js";
import { mapAnswer, newOrChanged, type VersionPlan } from "./version-map.js";
import { choiceCandidates, choiceValue } from "./answer-choices.js";
import { didYouMean } from "../validate/did-you-mean.js";

/** The latest date an answer may carry: today, or the workspace's as-of date when there is a workspace. */
export interface DateLimit {
  date: string;
  /** How messages name it: "today's date 2026-11-25" or "the workspace as-of date 2026-11-01". */
  describe: string;
}

/** One answer read from a valid row, keyed by its id in the current questionnaire. */
export interface ImportedAnswer {
  id: string;
  /** The sheet row it came from. */
  row: number;
  /** Where its answer stands, e.g. `Answers!D14`. */
  ref: string;
  answer: string;
  /** Undefined when the row gives no evidence: the vendor file keeps what it has. */
  evidence?: Evidence[];
  answeredAt?: string;
  reason?: string;
  comment?: string;
}

export interface RejectedRow {
  row: number;
  /** The question id as the sheet gives it (may be empty or unknown). */
  id: string;
}

export interface CheckedSheet {
  answers: ImportedAnswer[];
  /** Every problem, sheet-level ones first, then by row. */
  issues: InputIssue[];
  /** Problems that no `--partial` can work around (Instructions cells, the version). */
  fatal: InputIssue[];
  rejected: RejectedRow[];
  /** What the version mapping did: answers dropped, questions that show as unanswered. */
  notes: string[];
  /** Current questions the mapping marks as new or changed (their older answers do not carry over). */
  newOrChanged: string[];
  /** The file-level answer date from the sheet (Instructions "Answered on"), when valid. */
  answeredAt?: string;
}

export interface CheckContext {
  questionnaire: ValidQuestionnaire;
  plan: VersionPlan;
  /** The vendor file's current answers (raw YAML data), to know whether an na already has a reason. */
  existing: Record<string, unknown>;
  limit: DateLimit;
  vendorId: string;
}

const MAX = { document: 300, section: 200, reason: 1000, comment: 2000, name: 200, contact: 300 } as const;
const EDITABLE_PREFIXES = ["answer", "evidence_", "answered_at", "reason", "comment"];

/** Shows untrusted text inside a message: invisible characters removed, long values cut. */
export function show(value: string): string {
  const clean = cleanText(value).replace(/\s+/g, " ");
  return JSON.stringify(clean.length > 80 ? `${clean.slice(0, 79)}…` : clean);
}

export function checkDate(text: string, limit: DateLimit): string | undefined {
  if (!isoDate.safeParse(text).success) return `${show(text)} must be a date YYYY-MM-DD, e.g. ${limit.date}`;
  if (text > limit.date) return `${text} is after ${limit.describe}; a date must not lie in the future`;
  return undefined;
}

/**
 * Checks every row of a filled form against the questionnaire and reports every problem with the cell it stands in,
 * so one run lists them all. A row with any problem is rejected as a whole; the others become answers.
 */
export function checkSheet(sheet: SheetData, ctx: CheckContext): CheckedSheet {
  const { questionnaire, plan, limit } = ctx;
  const fatal: InputIssue[] = [...sheet.issues];
  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const mapped = plan.steps.length > 0;
  const notes: string[] = [];

  if (sheet.vendor && sheet.vendor.text !== ctx.vendorId) {
    fatal.push({
      file: sheet.vendor.ref,
      message: `this form was exported for vendor ${show(sheet.vendor.text)}, not ${ctx.vendorId}; import it with --vendor ${cleanText(sheet.vendor.text)} or export a form for ${ctx.vendorId}`,
    });
  }
  let answeredAt: string | undefined;
  if (sheet.answeredAt) {
    const problem = checkDate(sheet.answeredAt.text, limit);
    if (problem) fatal.push({ file: sheet.answeredAt.ref, message: problem });
    else answeredAt = sheet.answeredAt.text;
  }
  for (const [cell, max] of [
    [sheet.vendorName, MAX.name],
    [sheet.contact, MAX.contact],
  ] as const) {
    if (cell && cell.text.length > max)
      fatal.push({ file: cell.ref, message: `is ${cell.text.length} characters long; at most ${max}` });
  }

  interface Candidate {
    row: SheetRow;
    id: string;
    issues: InputIssue[];
    answers: ImportedAnswer[];
  }
  const candidates: Candidate[] = [];
  for (const row of sheet.rows) {
    const issues: InputIssue[] = [...row.issues];
    const at = (key: string, message: string, cell?: SheetCell) =>
      issues.push({ file: cell?.ref ?? sheet.ref(row.row, key), message });
    const cell = (key: string) => row.cells.get(key);
    // A cell that holds something unreadable (a formula) is not empty: it is reported once, as what it is.
    const filled = [...row.cells.keys(), ...row.unreadable];
    const editable = filled.filter((k) => EDITABLE_PREFIXES.some((p) => k.startsWith(p)));
    const idCell = cell("id");
    const candidate: Candidate = { row, id: idCell?.text ?? "", issues, answers: [] };
    candidates.push(candidate);
    if (!idCell) {
      if (editable.length > 0 || issues.length > 0)
        at("id", `no question id, but the row has ${describeKeys(editable)}; keep the ID column as exported`);
      continue;
    }
    const id = idCell.text.toUpperCase();
    candidate.id = id;
    const answerCell = cell("answer");
    // The dropdowns show labels: a label (or a value typed by hand) of the question with this id stands for its value.
    const sameId = questions.get(id);
    const value = answerCell ? ((sameId && choiceValue(sameId, answerCell.text)) ?? answerCell.text.toLowerCase()) : "";
    // A row with nothing filled in is an unanswered question: nothing to map or check (but its id must exist).
    const blank = editable.length === 0 && issues.length === 0;

    const result = questionId.safeParse(id).success ? mapAnswer(plan, id, value) : { carried: [], dropped: [] };
    if (!blank) for (const d of result.dropped) notes.push(`${idCell.ref}: ${d.reason}; the answer was not imported`);
    if (result.dropped.length > 0 && result.carried.length === 0) continue;
    const unknown =
      result.carried.length === 0 ? [id] : result.carried.filter((c) => !questions.has(c.id)).map((c) => c.id);
    if (unknown.length > 0) {
      const first = questionnaire.questions[0]?.id;
      const last = questionnaire.questions.at(-1)?.id;
      const via = mapped ? ` (the form answers ${plan.from}; mapped onto ${plan.to} it is ${unknown.join(", ")})` : "";
      at(
        "id",
        `unknown question id ${show(idCell.text)}${via}; questionnaire ${questionnaire.version} has ${first} to ${last}`,
        idCell,
      );
      continue;
    }
    if (!answerCell) {
      if (row.unreadable.has("answer")) continue;
      const others = editable.filter((k) => k !== "answer");
      if (others.length > 0) {
        const allowed = allowedValues(questions.get(result.carried[0]!.id)!);
        at(
          "answer",
          `${id} has ${describeKeys(others)} but no answer; choose one of: ${allowed.join(", ")} (or clear the row)`,
        );
      }
      continue;
    }

    // Evidence, dates and texts are the same for every question the row maps onto.
    const evidence: Evidence[] = [];
    let evidenceGiven = false;
    for (let item = 1; item <= sheet.evidenceItems; item++) {
      const get = (field: (typeof EVIDENCE_FIELDS)[number]) => cell(evidenceKey(item, field));
      const [doc, section, url, date] = EVIDENCE_FIELDS.map(get);
      if (!doc && !section && !url && !date) continue;
      // An unreadable evidence cell was reported as such; the rest of the item is not judged without it.
      if (EVIDENCE_FIELDS.some((f) => row.unreadable.has(evidenceKey(item, f)))) continue;
      evidenceGiven = true;
      const label = item === 1 ? "evidence" : `evidence ${item}`;
      if (!doc) {
        at(
          evidenceKey(item, "document"),
          `${label} has ${describeKeys([section && "section", url && "url", date && "date"].filter((x): x is string => Boolean(x)))} but no document; name the document the answer rests on`,
        );
        continue;
      }
      const e: Evidence = { document: doc.text };
      if (doc.text.length > MAX.document)
        at("", `${label} document is ${doc.text.length} characters; at most ${MAX.document}`, doc);
      if (section) {
        if (section.text.length > MAX.section)
          at("", `${label} section is ${section.text.length} characters; at most ${MAX.section}`, section);
        e.section = section.text;
      }
      if (url) {
        if (!httpsUrl.safeParse(url.text).success)
          at("", `${show(url.text)} must be an https:// URL (at most 2048 characters)`, url);
        e.url = url.text;
      }
      if (!date) {
        at(
          evidenceKey(item, "date"),
          `${label} ${show(doc.text)} needs the document's date (YYYY-MM-DD, not after ${limit.date})`,
        );
      } else {
        const problem = checkDate(date.text, limit);
        if (problem) at("", `${label} date ${problem}`, date);
        e.date = date.text;
      }
      evidence.push(e);
    }
    const dateCell = cell("answered_at");
    if (dateCell) {
      const problem = checkDate(dateCell.text, limit);
      if (problem) at("", `answered on ${problem}`, dateCell);
    }
    const reasonCell = cell("reason");
    const commentCell = cell("comment");
    if (reasonCell && reasonCell.text.length > MAX.reason)
      at("", `reason is ${reasonCell.text.length} characters; at most ${MAX.reason}`, reasonCell);
    if (commentCell && commentCell.text.length > MAX.comment)
      at("", `comment is ${commentCell.text.length} characters; at most ${MAX.comment}`, commentCell);

    for (const c of result.carried) {
      const question = questions.get(c.id)!;
      const allowed = allowedValues(question);
      const from = mapped ? ` (${id} of ${plan.from}, now ${c.id})` : "";
      if (!allowed.includes(c.value)) {
        const hint = c.value === NOT_APPLICABLE ? ` (${c.id} cannot be answered not applicable)` : "";
        const suggestion = c.value === NOT_APPLICABLE ? "" : didYouMean(answerCell.text, choiceCandidates(question));
        const labels = sheet.kind === "xlsx" ? ", or the label the dropdown shows" : "";
        at(
          "answer",
          `${show(answerCell.text)} is not an answer to ${c.id}${from}${hint}${suggestion}; allowed: ${allowed.join(", ")}${labels}`,
          answerCell,
        );
        continue;
      }
      if (c.value === NOT_APPLICABLE && !reasonCell && typeof asRecord(ctx.existing[c.id]).reason !== "string") {
        at("reason", `an answer of na needs a reason saying why ${c.id} does not apply`);
      }
      const answer: ImportedAnswer = { id: c.id, row: row.row, ref: answerCell.ref, answer: c.value };
      if (evidenceGiven) answer.evidence = evidence;
      if (dateCell) answer.answeredAt = dateCell.text;
      if (reasonCell) answer.reason = reasonCell.text;
      if (commentCell) answer.comment = commentCell.text;
      candidate.answers.push(answer);
    }
  }

  // One question, one row: a question answered twice is ambiguous, so every row that answers it is rejected.
  const firstRow = new Map<string, Candidate>();
  const duplicated = new Set<Candidate>();
  for (const c of candidates) {
    for (const a of c.answers) {
      const first = firstRow.get(a.id);
      if (first && first !== c) {
        const firstRef = sheet.cellName(first.row.row, "id");
        c.issues.push({
          file: sheet.ref(c.row.row, "id"),
          message: `${a.id} is answered twice: also on row ${first.row.row} (${firstRef}); keep one row per question`,
        });
        duplicated.add(first);
      } else firstRow.set(a.id, c);
    }
  }

  const answers: ImportedAnswer[] = [];
  const rowIssues: InputIssue[] = [];
  const rejected: RejectedRow[] = [];
  for (const c of candidates) {
    if (c.issues.length > 0 || duplicated.has(c)) {
      rowIssues.push(...c.issues);
      rejected.push({ row: c.row.row, id: c.id });
    } else answers.push(...c.answers);
  }

  const answered = new Set(answers.map((a) => a.id));
  const fresh = [...newOrChanged(plan)].filter((id) => questions.has(id));
  for (const id of fresh) {
    if (!answered.has(id))
      notes.push(
        `${id} is new or changed in ${plan.to}; it shows as unanswered until the vendor answers the current questionnaire`,
      );
  }
  const issues = capped([...fatal, ...rowIssues], sheet.file);
  const out: CheckedSheet = { answers, issues, fatal, rejected, notes, newOrChanged: fresh };
  if (answeredAt !== undefined) out.answeredAt = answeredAt;
  return out;
}

/** Problems listed at most: past this, a form is not worth reading line by line (and stderr stays bounded). */
export const MAX_LISTED_ISSUES = 200;

function capped(issues: InputIssue[], file: string): InputIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  const rest = issues.length - MAX_LISTED_ISSUES;
  return [
    ...issues.slice(0, MAX_LISTED_ISSUES),
    {
      file,
      message: `${rest} more problem${rest === 1 ? " is" : "s are"} not listed; fix the ones above and import again`,
    },
  ];
}

function describeKeys(keys: readonly string[]): string {
  const names = [
    ...new Set(
      keys.map((k) =>
        k.startsWith("evidence")
          ? "evidence"
          : k === "answered_at"
            ? "a date"
            : k === "answer"
              ? "an answer"
              : `a ${k}`,
      ),
    ),
  ];
  if (names.length === 0) return "nothing";
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
