import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { cleanText } from "../load/clean-text.js";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { parseYaml } from "../load/yaml-file.js";
import type { MappingFile } from "../schema/mapping.js";
import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import { validateVendor } from "../validate/vendor.js";
import { writeOutputs } from "../write/atomic.js";
import { checkSheet, show, type DateLimit, type ImportedAnswer, type RejectedRow } from "./check-rows.js";
import { VERSION_COLUMN } from "./columns.js";
import { asRecord, loadCurrentQuestionnaire, loadMappings, readWorkspaceInfo, readYamlSource } from "./load.js";
import { mergeVendorYaml } from "./merge-yaml.js";
import { readSheet } from "./read-sheet.js";
import { planVersions, type VersionPlan } from "./version-map.js";

export interface ImportAnswersOptions {
  /** The filled form: .xlsx (sheet Answers) or .csv. */
  file: string;
  vendor: string;
  /** Workspace folder; the answers go to `<into>/vendors/<vendor>.yaml`. */
  into: string;
  /** Write the valid answers even when some rows are rejected. */
  partial: boolean;
  /** Name for a new vendor file (default: the id). */
  name?: string;
  /** Today's date (YYYY-MM-DD, UTC): the latest date an answer may carry when there is no workspace. */
  today: string;
  questionnaire?: ValidQuestionnaire;
  mappings?: MappingFile;
}

export interface ImportAnswersResult {
  /** The vendor file, as shown to the user. */
  path: string;
  created: boolean;
  written: boolean;
  imported: ImportedAnswer[];
  rejected: RejectedRow[];
  /** Row problems: empty unless `partial` (otherwise they are thrown as an InputError). */
  issues: InputIssue[];
  notes: string[];
  /** The questionnaire version the form answered, and the current version it was mapped onto. */
  formVersion: string;
  version: string;
  /** False when the workspace exists but does not list the vendor in caution.yaml. */
  listed: boolean;
}

/**
 * `caution answers import`: reads a filled form, checks every row, maps an older questionnaire version onto the
 * current one, and merges the answers into the vendor file. Nothing is written while any problem remains, unless
 * `partial` is set: then the valid rows are written and the rejected ones returned. Problems that concern the
 * whole form (its version, its vendor, its date, the existing vendor file) are never partial.
 */
export async function importAnswers(opts: ImportAnswersOptions): Promise<ImportAnswersResult> {
  const questionnaire = opts.questionnaire ?? (await loadCurrentQuestionnaire());
  const mappings = opts.mappings ?? (await loadMappings(questionnaire));
  const ws = await readWorkspaceInfo(opts.into);
  const limit: DateLimit = ws.asOf
    ? { date: ws.asOf, describe: `the workspace as-of date ${ws.asOf}` }
    : { date: opts.today, describe: `today's date ${opts.today}` };
  const sheet = await readSheet(opts.file);
  const notes: string[] = [];

  const formVersion = sheet.version?.text ?? questionnaire.version;
  if (!sheet.version) {
    const where = sheet.kind === "xlsx" ? "a Version cell on its Instructions sheet" : `a ${VERSION_COLUMN} column`;
    notes.push(
      `${sheet.file} has no ${where}; taking it as an answer to the current questionnaire ${questionnaire.version}`,
    );
  }
  if (!/^\d+\.\d+\.\d+$/.test(formVersion)) {
    throw new InputError([
      {
        file: sheet.version?.ref ?? sheet.file,
        message: `${show(formVersion)} is not a questionnaire version such as ${questionnaire.version}`,
      },
    ]);
  }
  const planned = planVersions(mappings, formVersion, questionnaire.version);
  if (!planned.ok) throw new InputError([{ file: sheet.version?.ref ?? sheet.file, message: planned.message }]);
  const plan: VersionPlan = planned.plan;

  const path = join(opts.into, "vendors", `${opts.vendor}.yaml`);
  let existingText: string | undefined;
  let existing: Record<string, unknown> = {};
  let existingVersion: string | undefined;
  if (existsSync(path)) {
    const read = await readYamlSource(path);
    if (!read.source || read.text === undefined) throw new InputError(read.issues);
    const valid = validateVendor(read.source, opts.vendor, questionnaire, limit.date);
    if (valid.issues.length > 0) throw new InputError(valid.issues);
    existingText = read.text;
    const data = asRecord(read.source.data);
    existing = asRecord(data.answers);
    existingVersion = typeof data.questionnaireVersion === "string" ? data.questionnaireVersion : undefined;
  }

  const checked = checkSheet(sheet, { questionnaire, plan, existing, limit, vendorId: opts.vendor });
  notes.push(...checked.notes);
  if (checked.fatal.length > 0 || (checked.issues.length > 0 && !opts.partial)) throw new InputError(checked.issues);

  // Answers in the file to questions whose meaning changed were given to the older wording: they go.
  const remove =
    existingVersion !== undefined && existingVersion !== questionnaire.version
      ? checked.newOrChanged.filter((id) => id in existing)
      : [];
  const latest = checked.answers
    .map((a) => a.answeredAt)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  const result: ImportAnswersResult = {
    path,
    created: existingText === undefined,
    written: false,
    imported: checked.answers,
    rejected: checked.rejected,
    issues: checked.issues,
    notes,
    formVersion,
    version: questionnaire.version,
    listed: !ws.exists || ws.vendorIds.includes(opts.vendor),
  };
  if (existingText === undefined && checked.answers.length === 0) return result;

  const merged = mergeVendorYaml({
    existingText,
    vendorId: opts.vendor,
    name: opts.name ?? (sheet.vendorName ? cleanText(sheet.vendorName.text) : opts.vendor),
    contact: sheet.contact ? cleanText(sheet.contact.text) : undefined,
    version: questionnaire.version,
    answeredAt: checked.answeredAt,
    defaultAnsweredAt: latest ?? limit.date,
    answers: checked.answers,
    order: questionnaire.questions.map((q) => q.id),
    remove,
  });
  // The merged file must pass the same checks as `caution validate`; a failure here is a bug in the import.
  const parsed = parseYaml(merged.text, path);
  if (!parsed.source) throw new InputError(parsed.issues);
  const after = validateVendor(parsed.source, opts.vendor, questionnaire, limit.date);
  if (after.issues.length > 0)
    throw new InputError(after.issues.map((i) => ({ ...i, message: `after the import: ${i.message}` })));

  if (merged.changed) {
    await writeOutputs(dirname(path), [{ name: basename(path), data: merged.text }]);
    result.written = true;
  }
  return result;
}
