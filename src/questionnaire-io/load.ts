import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { CURRENT_QUESTIONNAIRE, QUESTIONNAIRE_DIR } from "../load/package-files.js";
import { readYamlSource } from "../load/yaml-file.js";
import { WORKSPACE_FILE } from "../load/workspace.js";
import { isoDate } from "../schema/common.js";
import { frameworkCatalogue, mappingFile, type FrameworkCatalogue, type MappingFile } from "../schema/mapping.js";
import { validateQuestionnaire, type ValidQuestionnaire } from "../validate/questionnaire.js";
import { yamlLocator, zodIssuesToInput } from "../validate/zod-issues.js";

export const MAPPINGS_FILE = join(QUESTIONNAIRE_DIR, "mappings.yaml");
export const CATALOGUE_FILE = join(QUESTIONNAIRE_DIR, "framework-catalogue.yaml");

export { readYamlSource };

/** The questionnaire caution ships, validated as `caution validate` does (the same file `caution init` uses). */
export async function loadCurrentQuestionnaire(path = CURRENT_QUESTIONNAIRE): Promise<ValidQuestionnaire> {
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const q = validateQuestionnaire(read.source);
  if (!q.questionnaire) throw new InputError(q.issues);
  return q.questionnaire;
}

/**
 * The version mappings, checked against the schema and, for steps that end at the current version, against the
 * current questionnaire: every id they map onto must exist there and every renamed answer value must be allowed.
 */
export async function loadMappings(questionnaire: ValidQuestionnaire, path = MAPPINGS_FILE): Promise<MappingFile> {
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const locate = yamlLocator(read.source);
  const parsed = mappingFile.safeParse(read.source.data, { reportInput: true });
  if (!parsed.success) throw new InputError(zodIssuesToInput(mappingFile, parsed.error, locate));
  const issues: InputIssue[] = [];
  const file = parsed.data;
  if (file.questionnaire !== questionnaire.id) {
    issues.push({
      ...locate(["questionnaire"]),
      field: "questionnaire",
      message: `"${file.questionnaire}" is not the current questionnaire ${questionnaire.id}`,
    });
  }
  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  file.mappings.forEach((m, i) => {
    if (m.to !== questionnaire.version) return;
    const at = (path: PropertyKey[], message: string) =>
      issues.push({ ...locate(["mappings", i, ...path]), field: ["mappings", i, ...path].join("."), message });
    const known = (id: string, path: PropertyKey[]) => {
      if (!questions.has(id)) at(path, `${id} is not a question of ${questionnaire.version}`);
    };
    for (const [from, to] of Object.entries(m.renamed)) known(to, ["renamed", from]);
    for (const [from, to] of Object.entries(m.split)) to.forEach((id, j) => known(id, ["split", from, j]));
    m.changed.forEach((id, j) => known(id, ["changed", j]));
    m.added.forEach((id, j) => known(id, ["added", j]));
    for (const [id, values] of Object.entries(m.values)) {
      const question = questions.get(id);
      if (!question) {
        known(id, ["values", id]);
        continue;
      }
      const allowed = question.options.map((o) => o.value);
      for (const [old, value] of Object.entries(values)) {
        if (!allowed.includes(value))
          at(["values", id, old], `"${value}" is not an answer to ${id}; allowed: ${allowed.join(", ")}`);
      }
    }
  });
  if (issues.length > 0) throw new InputError(issues);
  return file;
}

export async function loadCatalogue(path = CATALOGUE_FILE): Promise<FrameworkCatalogue> {
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const parsed = frameworkCatalogue.safeParse(read.source.data, { reportInput: true });
  if (!parsed.success)
    throw new InputError(zodIssuesToInput(frameworkCatalogue, parsed.error, yamlLocator(read.source)));
  return parsed.data;
}

/** What an import or export needs from a workspace folder: whether it exists, its as-of date and vendor ids. */
export interface WorkspaceInfo {
  dir: string;
  /** True when the folder holds a caution.yaml. */
  exists: boolean;
  asOf?: string;
  vendorIds: string[];
}

/**
 * Reads just enough of `caution.yaml` to date-check answers: its as-of date and vendor ids. A workspace without a
 * readable as-of date is an input error, since nothing could then be checked against it.
 */
export async function readWorkspaceInfo(dir: string): Promise<WorkspaceInfo> {
  const path = join(dir, WORKSPACE_FILE);
  if (!existsSync(path)) return { dir, exists: false, vendorIds: [] };
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const data = asRecord(read.source.data);
  const asOf = isoDate.safeParse(data.asOf);
  if (!asOf.success) {
    throw new InputError([
      {
        file: path,
        line: read.source.lineOf(["asOf"]),
        field: "asOf",
        message:
          "must be a date YYYY-MM-DD: answers are checked against the as-of date; run caution validate for every error",
      },
    ]);
  }
  const vendors = Array.isArray(data.vendors) ? data.vendors : [];
  const vendorIds = vendors.map((v) => asRecord(v).id).filter((id): id is string => typeof id === "string");
  return { dir, exists: true, asOf: asOf.data, vendorIds };
}

/** Today's date, UTC, as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
