import { answerChoices } from "../../src/questionnaire-io/answer-choices.js";
import {
  buildForm,
  INSTRUCTION_LABELS,
  INSTRUCTIONS_SHEET,
  ANSWERS_SHEET,
} from "../../src/questionnaire-io/columns.js";
import { columnLetter } from "../../src/questionnaire-io/cells.js";
import type { Answer } from "../../src/schema/vendor.js";
import type { ValidQuestionnaire } from "../../src/validate/questionnaire.js";
import type { FixtureSheet, FixtureValue } from "./xlsx-fixture.js";

/**
 * What a vendor fills in, the same in every program: labels picked from the dropdowns, values typed by hand, dates
 * typed into date cells, a section number that must stay text, a line break, a curly apostrophe from autocorrect.
 * `kind` says how a program enters it: `text` (typed into a text cell or picked from a list), `date` (typed into a
 * date cell: stored as a date serial).
 */
export interface Fill {
  sheet: typeof ANSWERS_SHEET | typeof INSTRUCTIONS_SHEET;
  /** A1 reference. */
  cell: string;
  kind: "text" | "date";
  value: string;
}

/** The Instructions rows of the vendor's cells, as the exported form places them (checked by a test). */
export const INSTRUCTION_ROWS = {
  [INSTRUCTION_LABELS.vendorName]: 7,
  [INSTRUCTION_LABELS.contact]: 8,
  [INSTRUCTION_LABELS.answeredAt]: 9,
} as const;

export function fills(q: ValidQuestionnaire): Fill[] {
  const form = buildForm(q);
  const col = (key: string) => columnLetter(form.columns.findIndex((c) => c.key === key) + 1);
  const row = (id: string) => q.questions.findIndex((x) => x.id === id) + 2;
  const label = (id: string, value: string) =>
    answerChoices(q.questions.find((x) => x.id === id)!).find((c) => c.value === value)!.label;
  const a = (id: string, key: string, value: string, kind: Fill["kind"] = "text"): Fill => ({
    sheet: ANSWERS_SHEET,
    cell: `${col(key)}${row(id)}`,
    kind,
    value,
  });
  const info = (label: keyof typeof INSTRUCTION_ROWS, value: string, kind: Fill["kind"] = "text"): Fill => ({
    sheet: INSTRUCTIONS_SHEET,
    cell: `B${INSTRUCTION_ROWS[label]}`,
    kind,
    value,
  });
  return [
    info(INSTRUCTION_LABELS.vendorName, "Nimbus Cloud GmbH"),
    info(INSTRUCTION_LABELS.contact, "Jane Roe, security@nimbus.example"),
    info(INSTRUCTION_LABELS.answeredAt, "2026-10-01", "date"),
    a("INV-01", "answer", label("INV-01", "yes")),
    a("INV-02", "answer", label("INV-02", "act-with-approval")),
    a("INV-03", "answer", "na"),
    a("INV-03", "reason", "No agent runs in customer tenancies."),
    a("INV-04", "answer", "partly"),
    a("DEL-01", "answer", label("DEL-01", "named-approval")),
    a("DEL-01", "evidence_document", "Ops standard"),
    a("DEL-01", "evidence_section", "4.10"),
    a("DEL-01", "evidence_url", "https://nimbus.example/ops"),
    a("DEL-01", "evidence_date", "2026-05-01", "date"),
    a("DEL-01", "evidence_2_document", "SOC 2 Type II report"),
    a("DEL-01", "evidence_2_date", "2026-08-14", "date"),
    a("DEL-01", "comment", "Only with approval.\nReviewed quarterly."),
    a("DEL-02", "answer", "partial"),
    a("DEL-02", "answered_at", "2026-09-30", "date"),
    a("DEL-03", "answer", "Don\u2019t know"),
  ];
}

/** What every program's file must import to. */
export const EXPECTED = {
  name: "Nimbus Cloud GmbH",
  contact: "Jane Roe, security@nimbus.example",
  answeredAt: "2026-10-01",
  answers: {
    "INV-01": { answer: "yes", evidence: [] },
    "INV-02": { answer: "act-with-approval", evidence: [] },
    "INV-03": { answer: "na", evidence: [], reason: "No agent runs in customer tenancies." },
    "INV-04": { answer: "partial", evidence: [] },
    "DEL-01": {
      answer: "named-approval",
      evidence: [
        { document: "Ops standard", section: "4.10", url: "https://nimbus.example/ops", date: "2026-05-01" },
        { document: "SOC 2 Type II report", date: "2026-08-14" },
      ],
      comment: "Only with approval.\nReviewed quarterly.",
    },
    "DEL-02": { answer: "partial", evidence: [], answeredAt: "2026-09-30" },
    "DEL-03": { answer: "unknown", evidence: [] },
  } satisfies Record<string, Answer>,
};

/**
 * The filled form as sheets of values, for the fixtures that stand in for programs not installed here: the blank
 * form's content (as caution exports it) with the fills applied, dates as date values.
 */
export function filledSheets(q: ValidQuestionnaire): FixtureSheet[] {
  const form = buildForm(q);
  const answers: (FixtureValue | undefined)[][] = [
    form.columns.map((c) => c.title),
    ...form.rows.map(({ values }) => form.columns.map((c) => values[c.key] || undefined)),
  ];
  const instructions: (FixtureValue | undefined)[][] = [[q.title]];
  instructions[2] = [INSTRUCTION_LABELS.questionnaire, q.id];
  instructions[3] = [INSTRUCTION_LABELS.version, q.version];
  instructions[4] = [INSTRUCTION_LABELS.published, q.published];
  instructions[5] = [INSTRUCTION_LABELS.vendor];
  for (const [label, r] of Object.entries(INSTRUCTION_ROWS)) instructions[r - 1] = [label];
  for (let i = 0; i < instructions.length; i++) instructions[i] ??= [];
  for (const f of fills(q)) {
    const grid = f.sheet === ANSWERS_SHEET ? answers : instructions;
    const m = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
    const c = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    grid[Number(m[2]) - 1]![c] = f.kind === "date" ? { date: f.value } : f.value;
  }
  const lists = q.questions.map((x) => [x.id, ...answerChoices(x).map((c) => c.label)]);
  const listRows = Array.from({ length: Math.max(...lists.map((l) => l.length)) }, (_, r) => lists.map((l) => l[r]));
  return [
    { name: INSTRUCTIONS_SHEET, rows: instructions },
    { name: ANSWERS_SHEET, rows: answers },
    { name: "Lists", rows: listRows, state: "hidden" },
  ];
}
