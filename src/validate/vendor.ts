import type { InputIssue } from "../load/input-issue.js";
import type { YamlSource } from "../load/yaml-file.js";
import { vendorFile as vendorSchema, type VendorFile } from "../schema/vendor.js";
import { NOT_APPLICABLE, UNKNOWN, type ValidQuestionnaire } from "./questionnaire.js";
import { didYouMean } from "./did-you-mean.js";
import { show, yamlLocator, zodIssuesToInput } from "./zod-issues.js";

/** Validates one vendor file against the schema and against the questionnaire it answers. */
export function validateVendor(
  source: YamlSource,
  expectedId: string,
  questionnaire: ValidQuestionnaire,
  asOf: string,
): { vendor?: VendorFile; issues: InputIssue[] } {
  const locate = yamlLocator(source);
  const parsed = vendorSchema.safeParse(source.data, { reportInput: true });
  const raw = asRecord(source.data);
  // An answer value that is a string is judged against its question below, which can list the allowed answers and
  // name the likely one; the schema's generic "must be a lower-case slug" would say neither.
  const judgedBelow = (field: string | undefined) => {
    const m = /^answers\.([A-Z]{3}-\d{2})\.answer$/.exec(field ?? "");
    return (
      m !== null &&
      questionnaire.questions.some((q) => q.id === m[1]) &&
      typeof asRecord(asRecord(raw.answers)[m[1]!]).answer === "string"
    );
  };
  const issues: InputIssue[] = parsed.success
    ? []
    : zodIssuesToInput(vendorSchema, parsed.error, locate).filter((i) => !judgedBelow(i.field));
  // The checks against the questionnaire run on the raw data too, so a file with a schema error still gets every
  // other error reported in the same run. A field the schema already complained about is not reported twice.
  const reported = new Set(issues.map((i) => i.field));
  const at = (path: PropertyKey[], field: string, message: string) => {
    if (!reported.has(field)) issues.push({ ...locate(path), field, message });
  };

  if (typeof raw.id === "string" && raw.id !== expectedId)
    at(
      ["id"],
      "id",
      `"${raw.id}" does not match the file name; rename the file to vendors/${raw.id}.yaml or set id: ${expectedId}`,
    );

  const major = (v: string) => v.split(".")[0];
  if (
    typeof raw.questionnaireVersion === "string" &&
    major(raw.questionnaireVersion) !== major(questionnaire.version)
  ) {
    at(
      ["questionnaireVersion"],
      "questionnaireVersion",
      `answers were given to questionnaire ${raw.questionnaireVersion}; caution uses ${questionnaire.version}, whose major version differs`,
    );
  }
  if (typeof raw.answeredAt === "string" && raw.answeredAt > asOf)
    at(["answeredAt"], "answeredAt", `${raw.answeredAt} is after the workspace as-of date ${asOf}`);

  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(asRecord(raw.answers))) {
    const answer = asRecord(value);
    const path = (...rest: PropertyKey[]) => ["answers", id, ...rest];
    const field = (...rest: string[]) => ["answers", id, ...rest].join(".");
    const question = questions.get(id);
    if (!question) {
      at(
        path(),
        field(),
        `unknown question id; questionnaire ${questionnaire.version} has ${questionnaire.questions[0]?.id} to ${questionnaire.questions.at(-1)?.id}`,
      );
      continue;
    }
    const allowed = [
      ...question.options.map((o) => o.value),
      UNKNOWN,
      ...(question.allowNotApplicable ? [NOT_APPLICABLE] : []),
    ];
    if (typeof answer.answer === "string" && !allowed.includes(answer.answer)) {
      const candidates = [
        ...question.options.map((o) => ({ value: o.value, aliases: [o.label] })),
        { value: UNKNOWN, aliases: ["don't know"] },
        ...(question.allowNotApplicable ? [{ value: NOT_APPLICABLE, aliases: ["not applicable"] }] : []),
      ];
      const hint =
        answer.answer === NOT_APPLICABLE
          ? ` (${id} cannot be answered not applicable)`
          : didYouMean(answer.answer, candidates);
      at(
        path("answer"),
        field("answer"),
        `${show(answer.answer)} is not an answer to ${id}${hint}; allowed: ${allowed.join(", ")}`,
      );
    }
    if (answer.answer === NOT_APPLICABLE && answer.reason === undefined)
      at(path("answer"), field("reason"), "an answer of na needs a reason saying why the question does not apply");
    if (typeof answer.answeredAt === "string" && answer.answeredAt > asOf)
      at(path("answeredAt"), field("answeredAt"), `${answer.answeredAt} is after the workspace as-of date ${asOf}`);
    if (Array.isArray(answer.evidence)) {
      answer.evidence.forEach((e: unknown, i) => {
        const date = asRecord(e).date;
        if (typeof date === "string" && date > asOf)
          at(
            path("evidence", i, "date"),
            `${field("evidence")}[${i}].date`,
            `${date} is after the workspace as-of date ${asOf}`,
          );
      });
    }
  }
  return issues.length > 0 || !parsed.success ? { issues } : { vendor: parsed.data, issues };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
