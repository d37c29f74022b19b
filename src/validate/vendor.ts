import type { InputIssue } from "../load/input-issue.js";
import type { YamlSource } from "../load/yaml-file.js";
import { vendorFile as vendorSchema, type VendorFile } from "../schema/vendor.js";
import { NOT_APPLICABLE, UNKNOWN, type ValidQuestionnaire } from "./questionnaire.js";
import { yamlLocator, zodIssuesToInput } from "./zod-issues.js";

/** Validates one vendor file against the schema and against the questionnaire it answers. */
export function validateVendor(
  source: YamlSource,
  expectedId: string,
  questionnaire: ValidQuestionnaire,
  asOf: string,
): { vendor?: VendorFile; issues: InputIssue[] } {
  const locate = yamlLocator(source);
  const parsed = vendorSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { issues: zodIssuesToInput(vendorSchema, parsed.error, locate) };
  const vendor = parsed.data;
  const issues: InputIssue[] = [];
  const at = (path: PropertyKey[], field: string, message: string) => issues.push({ ...locate(path), field, message });

  if (vendor.id !== expectedId) at(["id"], "id", `"${vendor.id}" does not match the file name; rename the file to vendors/${vendor.id}.yaml or set id: ${expectedId}`);

  const major = (v: string) => v.split(".")[0];
  if (major(vendor.questionnaireVersion) !== major(questionnaire.version)) {
    at(["questionnaireVersion"], "questionnaireVersion", `answers were given to questionnaire ${vendor.questionnaireVersion}; caution uses ${questionnaire.version}, whose major version differs`);
  }
  if (vendor.answeredAt && vendor.answeredAt > asOf) at(["answeredAt"], "answeredAt", `${vendor.answeredAt} is after the workspace as-of date ${asOf}`);

  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const [id, answer] of Object.entries(vendor.answers)) {
    const path = (...rest: PropertyKey[]) => ["answers", id, ...rest];
    const field = (...rest: string[]) => ["answers", id, ...rest].join(".");
    const question = questions.get(id);
    if (!question) {
      at(path(), field(), `unknown question id; questionnaire ${questionnaire.version} has ${questionnaire.questions[0]?.id} to ${questionnaire.questions.at(-1)?.id}`);
      continue;
    }
    const allowed = [...question.options.map((o) => o.value), UNKNOWN, ...(question.allowNotApplicable ? [NOT_APPLICABLE] : [])];
    if (!allowed.includes(answer.answer)) {
      const hint = answer.answer === NOT_APPLICABLE ? ` (${id} cannot be answered not applicable)` : "";
      at(path("answer"), field("answer"), `"${answer.answer}" is not an answer to ${id}${hint}; allowed: ${allowed.join(", ")}`);
    }
    if (answer.answer === NOT_APPLICABLE && !answer.reason) at(path("answer"), field("reason"), "an answer of na needs a reason saying why the question does not apply");
    if (answer.answeredAt && answer.answeredAt > asOf) at(path("answeredAt"), field("answeredAt"), `${answer.answeredAt} is after the workspace as-of date ${asOf}`);
    answer.evidence.forEach((e, i) => {
      if (e.date && e.date > asOf) at(path("evidence", i, "date"), `${field("evidence")}[${i}].date`, `${e.date} is after the workspace as-of date ${asOf}`);
    });
  }
  return issues.length > 0 ? { issues } : { vendor, issues };
}
