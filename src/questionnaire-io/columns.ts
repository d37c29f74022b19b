import type { Evidence, VendorFile } from "../schema/vendor.js";
import { NOT_APPLICABLE, UNKNOWN, type ResolvedQuestion, type ValidQuestionnaire } from "../validate/questionnaire.js";
import { NOT_APPLICABLE_LABEL, UNKNOWN_LABEL, answerChoices } from "./answer-choices.js";

/** The sheet every spreadsheet export holds the questions in, and the one `caution answers import` reads. */
export const ANSWERS_SHEET = "Answers";
export const INSTRUCTIONS_SHEET = "Instructions";

/** Labels of the Instructions sheet's key cells (column A); import finds the values next to them (column B). */
export const INSTRUCTION_LABELS = {
  questionnaire: "Questionnaire",
  version: "Version",
  published: "Published",
  vendor: "Vendor",
  vendorName: "Vendor name",
  contact: "Contact",
  answeredAt: "Answered on",
} as const;

/**
 * One column of the answer form. `key` is the CSV header (and what CSV errors name); `title` is the spreadsheet
 * header. Import accepts either, case and punctuation aside. Editable columns are the ones a vendor fills in.
 */
export interface Column {
  key: string;
  title: string;
  /** Spreadsheet width in characters. */
  width: number;
  editable: boolean;
  /** Evidence item (1-based) for the evidence columns. */
  evidence?: { item: number; field: EvidenceField };
}

export type EvidenceField = "document" | "section" | "url" | "date";
export const EVIDENCE_FIELDS: readonly EvidenceField[] = ["document", "section", "url", "date"];

/** Evidence items offered per question: at least this many, more when a pre-filled answer cites more. */
export const MIN_EVIDENCE_ITEMS = 2;

/** The CSV column that says which questionnaire version the answers are to (the XLSX says it on Instructions). */
export const VERSION_COLUMN = "questionnaire_version";

const EVIDENCE_TITLES: Record<EvidenceField, string> = {
  document: "document",
  section: "section",
  url: "URL",
  date: "date (YYYY-MM-DD)",
};
const EVIDENCE_WIDTHS: Record<EvidenceField, number> = { document: 32, section: 16, url: 32, date: 14 };

export function evidenceKey(item: number, field: EvidenceField): string {
  return item === 1 ? `evidence_${field}` : `evidence_${item}_${field}`;
}

/**
 * The columns in order: what a person reads first (the question, its answers and their meanings), the answer in
 * column D, the help, then what the vendor fills in, then reference columns. A cell reference like `Answers!D14`
 * names the answer to the question on row 14 (the 13th question: the header is row 1). Printing covers A to E.
 */
export function answerColumns(evidenceItems: number): Column[] {
  const evidence: Column[] = [];
  for (let item = 1; item <= evidenceItems; item++) {
    for (const field of EVIDENCE_FIELDS) {
      const title = `Evidence${item === 1 ? "" : ` ${item}`} ${EVIDENCE_TITLES[field]}`;
      evidence.push({
        key: evidenceKey(item, field),
        title,
        width: EVIDENCE_WIDTHS[field],
        editable: true,
        evidence: { item, field },
      });
    }
  }
  return [
    { key: "id", title: "ID", width: 9, editable: false },
    { key: "question", title: "Question", width: 50, editable: false },
    { key: "allowed", title: "Allowed answers", width: 44, editable: false },
    { key: "answer", title: "Answer", width: 34, editable: true },
    { key: "help", title: "Help", width: 50, editable: false },
    ...evidence,
    { key: "answered_at", title: "Answered on (YYYY-MM-DD)", width: 14, editable: true },
    { key: "reason", title: "Reason (required for na)", width: 36, editable: true },
    { key: "comment", title: "Comment", width: 48, editable: true },
    { key: "domain", title: "Domain", width: 18, editable: false },
    { key: "agent_kind", title: "Agent kind", width: 16, editable: false },
    { key: "frameworks", title: "Frameworks", width: 30, editable: false },
  ];
}

/** Header text as import compares it: lower case, runs of anything but letters and digits as one `_`. */
export function headerName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Maps a header cell (a title or a key) to the column key it stands for. */
export function columnKeyForHeader(header: string): string | undefined {
  const name = headerName(header);
  if (name === "") return undefined;
  if (name === VERSION_COLUMN) return VERSION_COLUMN;
  const evidence = /^evidence(?:_(\d+))?_(document|section|url|date)$/.exec(name);
  if (evidence) return evidenceKey(evidence[1] ? Number(evidence[1]) : 1, evidence[2] as EvidenceField);
  const byTitle: Record<string, string> = { answered_on: "answered_at", allowed_answers: "allowed" };
  const key = byTitle[name] ?? name;
  return answerColumns(1).some((c) => c.key === key) ? key : undefined;
}

/** Every value the question accepts: its options, `unknown`, and `na` where allowed. */
export function allowedValues(question: ResolvedQuestion): string[] {
  return [...question.options.map((o) => o.value), UNKNOWN, ...(question.allowNotApplicable ? [NOT_APPLICABLE] : [])];
}

/**
 * The "Allowed answers" cell: one line per answer, the label first (what the dropdown shows), then the value a
 * vendor may type instead, then what it implies where the label does not say it.
 */
export function allowedText(question: ResolvedQuestion): string {
  return answerChoices(question)
    .map((c) => `${c.label} (${c.value})${c.note ? `: ${c.note}` : ""}`)
    .join("\n");
}

/** One question as a row of the form, with a vendor's current answer when pre-filled. */
export type FormRow = Record<string, string>;

export interface Form {
  questionnaire: ValidQuestionnaire;
  vendor: VendorFile | undefined;
  columns: Column[];
  evidenceItems: number;
  rows: { question: ResolvedQuestion; values: FormRow }[];
}

export function buildForm(questionnaire: ValidQuestionnaire, vendor?: VendorFile): Form {
  const answers = vendor?.answers ?? {};
  const most = Math.max(0, ...Object.values(answers).map((a) => a.evidence.length));
  const evidenceItems = Math.max(MIN_EVIDENCE_ITEMS, most);
  const domains = new Map(questionnaire.domains.map((d) => [d.id, d]));
  const rows = questionnaire.questions.map((question) => {
    const domain = domains.get(question.domain);
    const answer = answers[question.id];
    const values: FormRow = {
      id: question.id,
      domain: domain ? `${domain.id} ${domain.title}` : question.domain,
      question: question.text.trim(),
      answer: answer?.answer ?? "",
      allowed: allowedText(question),
      agent_kind: question.agentKind,
      help: question.help.trim(),
      answered_at: answer ? (answer.answeredAt ?? vendor?.answeredAt ?? "") : "",
      reason: answer?.reason ?? "",
      comment: answer?.comment ?? "",
      frameworks: [...(domain?.frameworks ?? []), ...question.frameworks]
        .filter((f, i, all) => all.indexOf(f) === i)
        .join("; "),
    };
    for (let item = 1; item <= evidenceItems; item++) {
      const e: Evidence | undefined = answer?.evidence[item - 1];
      for (const field of EVIDENCE_FIELDS) values[evidenceKey(item, field)] = e?.[field] ?? "";
    }
    return { question, values };
  });
  return { questionnaire, vendor, columns: answerColumns(evidenceItems), evidenceItems, rows };
}

/** The lines of the instructions, shared by every format. */
export function instructionLines(form: Form): string[] {
  const q = form.questionnaire;
  return [
    `Answer each question on its row of the ${ANSWERS_SHEET} sheet: pick an answer from the list in the Answer column. The Allowed answers column shows every answer with its value in brackets; typing the value (e.g. partial) works too.`,
    `"${UNKNOWN_LABEL}" (${UNKNOWN}) and an unanswered question both score as the question's worst answer: an empty questionnaire never looks safe.`,
    `"${NOT_APPLICABLE_LABEL}" (${NOT_APPLICABLE}) is offered only where the question allows it, and needs a reason in the Reason column.`,
    "Evidence: name the document each answer rests on, with section, https:// URL and the document's date. A document needs its date. Favourable answers without evidence count only partly.",
    "Dates: type them as YYYY-MM-DD, e.g. 2026-05-01; date cells accept dates only, and no date may lie in the future. Answered on (per answer) may stay empty: the Answered on date above then applies.",
    "Comment: anything the buyer should read with the answer; it is printed with the finding.",
    "Fill in Vendor name and Contact above. Do not change the ID column, the header row, or the Vendor and Version cells: caution reads the answers back by question id and questionnaire version.",
    `Questionnaire ${q.id}, version ${q.version}, published ${q.published}.`,
  ];
}
