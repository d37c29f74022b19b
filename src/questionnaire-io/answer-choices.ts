import { comparable, type Candidate } from "../validate/did-you-mean.js";
import { NOT_APPLICABLE, UNKNOWN, type ResolvedQuestion } from "../validate/questionnaire.js";

/** How the form's dropdowns show the two answers every question shares. */
export const UNKNOWN_LABEL = "Don't know";
export const NOT_APPLICABLE_LABEL = "Not applicable";

/** One answer a question accepts: the value vendor files store, the label a person picks, what it implies. */
export interface Choice {
  value: string;
  label: string;
  /** Said next to the label where the label alone does not tell the consequence. */
  note?: string;
}

export function answerChoices(question: ResolvedQuestion): Choice[] {
  return [
    ...question.options.map((o) => ({ value: o.value, label: o.label })),
    { value: UNKNOWN, label: UNKNOWN_LABEL, note: "scores as the worst answer" },
    ...(question.allowNotApplicable
      ? [{ value: NOT_APPLICABLE, label: NOT_APPLICABLE_LABEL, note: "give the reason in the Reason column" }]
      : []),
  ];
}

/**
 * The value a filled-in answer stands for: a value typed by hand (any case), or a label picked from the dropdown or
 * typed (case, punctuation and curly quotes aside, since spreadsheet autocorrect changes them). Anything else is
 * undefined and reported with the allowed values.
 */
export function choiceValue(question: ResolvedQuestion, typed: string): string | undefined {
  const choices = answerChoices(question);
  const lower = typed.trim().toLowerCase();
  const byValue = choices.find((c) => c.value === lower);
  if (byValue) return byValue.value;
  const key = comparable(typed);
  return choices.find((c) => comparable(c.label) === key)?.value;
}

/** The choices as did-you-mean candidates: each value, also recognised by its label. */
export function choiceCandidates(question: ResolvedQuestion): Candidate[] {
  return answerChoices(question).map((c) => ({ value: c.value, aliases: [c.label] }));
}
