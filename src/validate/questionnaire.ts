import type { InputIssue } from "../load/input-issue.js";
import type { YamlSource } from "../load/yaml-file.js";
import {
  questionnaire as questionnaireSchema,
  type AnswerOption,
  type Domain,
  type Gate,
  type Question,
  type Questionnaire,
} from "../schema/questionnaire.js";
import { yamlLocator, zodIssuesToInput } from "./zod-issues.js";

/** Answer values every question accepts besides its own options. */
export const UNKNOWN = "unknown";
export const NOT_APPLICABLE = "na";

/** A question with its answer options resolved and its worst option known (what "unanswered" scores as). */
export interface ResolvedQuestion extends Omit<Question, "answers"> {
  options: AnswerOption[];
  worst: AnswerOption;
}

export interface ValidQuestionnaire {
  id: string;
  version: string;
  title: string;
  published: string;
  domains: Domain[];
  questions: ResolvedQuestion[];
  gates: Gate[];
}

export function validateQuestionnaire(source: YamlSource): {
  questionnaire?: ValidQuestionnaire;
  issues: InputIssue[];
} {
  const locate = yamlLocator(source);
  const parsed = questionnaireSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { issues: zodIssuesToInput(questionnaireSchema, parsed.error, locate) };
  const q: Questionnaire = parsed.data;
  const issues: InputIssue[] = [];
  const at = (path: PropertyKey[], field: string, message: string) => issues.push({ ...locate(path), field, message });

  const domainIds = new Set<string>();
  q.domains.forEach((d, i) => {
    if (domainIds.has(d.id)) at(["domains", i, "id"], `domains[${i}].id`, `domain ${d.id} is defined twice`);
    domainIds.add(d.id);
  });

  const questions: ResolvedQuestion[] = [];
  const byId = new Map<string, ResolvedQuestion>();
  q.questions.forEach((question, i) => {
    const where = (f: string) => ["questions", i, f];
    if (byId.has(question.id)) at(where("id"), `questions[${i}].id`, `question ${question.id} is defined twice`);
    if (!domainIds.has(question.domain))
      at(
        where("domain"),
        `questions[${i}].domain`,
        `unknown domain ${question.domain}; defined: ${[...domainIds].join(", ")}`,
      );
    if (!question.id.startsWith(`${question.domain}-`))
      at(
        where("id"),
        `questions[${i}].id`,
        `question id ${question.id} must start with its domain ${question.domain}-`,
      );
    const options = typeof question.answers === "string" ? q.answerSets[question.answers] : question.answers;
    if (!options) {
      at(
        where("answers"),
        `questions[${i}].answers`,
        `unknown answer set "${question.answers}"; defined: ${Object.keys(q.answerSets).join(", ")}`,
      );
      return;
    }
    const values = options.map((o) => o.value);
    const reserved = values.filter((v) => v === UNKNOWN || v === NOT_APPLICABLE);
    if (reserved.length > 0)
      at(
        where("answers"),
        `questions[${i}].answers`,
        `"${reserved[0]}" is reserved: every question accepts ${UNKNOWN}, and ${NOT_APPLICABLE} where allowNotApplicable is true`,
      );
    if (new Set(values).size !== values.length) at(where("answers"), `questions[${i}].answers`, "answer values repeat");
    const { answers: _answers, ...rest } = question;
    // The worst option is what an unanswered or "unknown" question scores as: never better than any real answer.
    const worst = options.reduce((a, b) => (b.points > a.points ? b : a));
    const resolved: ResolvedQuestion = { ...rest, options, worst };
    byId.set(question.id, resolved);
    questions.push(resolved);
  });

  q.gates.forEach((gate, i) => {
    const question = byId.get(gate.question);
    if (!question) {
      at(["gates", i, "question"], `gates[${i}].question`, `unknown question ${gate.question}`);
      return;
    }
    const values = question.options.map((o) => o.value);
    for (const answer of gate.answers) {
      if (!values.includes(answer))
        at(
          ["gates", i, "answers"],
          `gates[${i}].answers`,
          `"${answer}" is not an answer of ${gate.question}; allowed: ${values.join(", ")}`,
        );
    }
    // A gate must fire on every answer at least as bad as one it lists, or a worse answer could escape it and a
    // better one raise the rating.
    const floor = Math.min(...question.options.filter((o) => gate.answers.includes(o.value)).map((o) => o.points));
    const escaping = question.options
      .filter((o) => o.points >= floor && !gate.answers.includes(o.value))
      .map((o) => o.value);
    if (escaping.length > 0) {
      at(
        ["gates", i, "answers"],
        `gates[${i}].answers`,
        `must also list ${escaping.map((e) => `"${e}"`).join(", ")}: an answer at least as bad as one the gate lists (or an unanswered question) must not escape it`,
      );
    } else if (!gate.answers.includes(question.worst.value)) {
      at(
        ["gates", i, "answers"],
        `gates[${i}].answers`,
        `must include the worst answer "${question.worst.value}" of ${gate.question}, or an unanswered question would escape the gate`,
      );
    }
  });

  if (issues.length > 0) return { issues };
  return {
    questionnaire: {
      id: q.id,
      version: q.version,
      title: q.title,
      published: q.published,
      domains: q.domains,
      questions,
      gates: q.gates,
    },
    issues,
  };
}
