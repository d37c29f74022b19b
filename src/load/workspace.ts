import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { sha256Hex } from "./digest.js";
import { INCIDENTS_DIR, VENDORS_DIR, WORKSPACE_FILE } from "./layout.js";
import { CURRENT_QUESTIONNAIRE } from "./package-files.js";
import { MAX_YAML_BYTES, readTextFile } from "./text-file.js";
import { parseYamlFile, type YamlSource } from "./yaml-file.js";
import type { InputIssue } from "./input-issue.js";

/** A file the result was computed from, named relative to the workspace so manifests repeat across machines. */
export interface InputFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface IncidentFileRef {
  /** Absolute path on disk. */
  path: string;
  /** Path as shown to the user. */
  file: string;
  /** Path relative to the workspace, for the manifest. */
  relative: string;
}

/** Everything read from a workspace folder: parsed but not yet validated. */
export interface LoadedWorkspace {
  root: string;
  workspace: YamlSource | undefined;
  vendors: { expectedId: string; source: YamlSource | undefined; file: string }[];
  incidentFiles: IncidentFileRef[];
  questionnaire: YamlSource | undefined;
  inputs: InputFile[];
  issues: InputIssue[];
}

export { WORKSPACE_FILE };

/**
 * Reads a workspace folder: `caution.yaml`, `vendors/*.yaml` and the list of `incidents/*.csv` (streamed later by
 * validation). Files are taken in name order so that results repeat byte for byte.
 */
export async function loadWorkspace(dir: string, questionnairePath = CURRENT_QUESTIONNAIRE): Promise<LoadedWorkspace> {
  const issues: InputIssue[] = [];
  const inputs: InputFile[] = [];
  const shown = (rel: string) => join(dir, rel);

  const readYaml = async (path: string, file: string, manifestPath: string) => {
    const text = await readTextFile(path, file, MAX_YAML_BYTES);
    if (!text.ok) {
      issues.push(text.issue);
      return undefined;
    }
    const digest = sha256Hex(text.bytes);
    inputs.push({ path: manifestPath, sha256: digest, bytes: text.bytes.length });
    const parsed = parseYamlFile(path, file, text.text, text.bytes, digest);
    issues.push(...parsed.issues);
    return parsed.source;
  };

  const workspace = await readYaml(join(dir, WORKSPACE_FILE), shown(WORKSPACE_FILE), WORKSPACE_FILE);
  const questionnaire = await readYaml(
    questionnairePath,
    questionnairePath,
    `questionnaire:${questionnairePath.split(/[\\/]/).pop()}`,
  );

  const vendors: LoadedWorkspace["vendors"] = [];
  for (const name of await listFiles(join(dir, VENDORS_DIR), /\.ya?ml$/i)) {
    const rel = `${VENDORS_DIR}/${name}`;
    const source = await readYaml(join(dir, rel), shown(rel), rel);
    vendors.push({ expectedId: name.replace(/\.ya?ml$/i, ""), source, file: shown(rel) });
  }

  const incidentFiles = (await listFiles(join(dir, INCIDENTS_DIR), /\.csv$/i)).map((name) => ({
    path: join(dir, INCIDENTS_DIR, name),
    file: shown(`${INCIDENTS_DIR}/${name}`),
    relative: relative(dir, join(dir, INCIDENTS_DIR, name))
      .split("\\")
      .join("/"),
  }));

  return { root: dir, workspace, vendors, incidentFiles, questionnaire, inputs, issues };
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && pattern.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}
