import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { describeFsError } from "../common/fs-errors.js";
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

/** A vendor answer file of the workspace, found but not yet read. */
export interface VendorFileRef {
  /** The vendor id its name promises (`vendors/<id>.yaml`). */
  expectedId: string;
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
  /** The vendor answer files, listed but not read: validation reads them one at a time (readVendorFile). */
  vendors: VendorFileRef[];
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
  // A folder that is not there is one mistake, not a list of missing files.
  const folder = await stat(dir).catch((err: unknown) => err as NodeJS.ErrnoException);
  if (folder instanceof Error || !folder.isDirectory()) {
    const message =
      folder instanceof Error
        ? `${describeFsError(folder, "folder")}; caution init ${dir} writes a starter workspace there`
        : "is a file, not a workspace folder; give the folder that holds caution.yaml";
    issues.push({ file: dir, message });
    return {
      root: dir,
      workspace: undefined,
      vendors: [],
      incidentFiles: [],
      questionnaire: undefined,
      inputs,
      issues,
    };
  }

  const readYaml = async (path: string, file: string, manifestPath: string) => {
    const read = await readYamlInput(path, file, manifestPath);
    issues.push(...read.issues);
    if (read.input) inputs.push(read.input);
    return read.source;
  };

  const workspace = await readYaml(join(dir, WORKSPACE_FILE), shown(WORKSPACE_FILE), WORKSPACE_FILE);
  const questionnaire = await readYaml(
    questionnairePath,
    questionnairePath,
    `questionnaire:${questionnairePath.split(/[\\/]/).pop()}`,
  );

  const vendors = (await listFiles(join(dir, VENDORS_DIR), shown(VENDORS_DIR), /\.ya?ml$/i, issues)).map((name) => {
    const rel = `${VENDORS_DIR}/${name}`;
    return { expectedId: name.replace(/\.ya?ml$/i, ""), path: join(dir, rel), file: shown(rel), relative: rel };
  });

  const incidentFiles = (await listFiles(join(dir, INCIDENTS_DIR), shown(INCIDENTS_DIR), /\.csv$/i, issues)).map(
    (name) => ({
      path: join(dir, INCIDENTS_DIR, name),
      file: shown(`${INCIDENTS_DIR}/${name}`),
      relative: relative(dir, join(dir, INCIDENTS_DIR, name))
        .split("\\")
        .join("/"),
    }),
  );

  return { root: dir, workspace, vendors, incidentFiles, questionnaire, inputs, issues };
}

/** Reads and parses one YAML input file, with its digest for the manifest; every problem becomes an issue. */
async function readYamlInput(
  path: string,
  file: string,
  manifestPath: string,
): Promise<{ source?: YamlSource; input?: InputFile; issues: InputIssue[] }> {
  const text = await readTextFile(path, file, MAX_YAML_BYTES);
  if (!text.ok) return { issues: [text.issue] };
  const digest = sha256Hex(text.bytes);
  const parsed = parseYamlFile(path, file, text.text, text.bytes, digest);
  return { ...parsed, input: { path: manifestPath, sha256: digest, bytes: text.bytes.length } };
}

/** Reads one vendor answer file: its parsed YAML (when readable), its digest, and every read or syntax problem. */
export function readVendorFile(
  ref: VendorFileRef,
): Promise<{ source?: YamlSource; input?: InputFile; issues: InputIssue[] }> {
  return readYamlInput(ref.path, ref.file, ref.relative);
}

/**
 * The files in a workspace folder whose names match, in name order. A symbolic link to a file counts as the file (a
 * workspace may link shared answers); a link that leads nowhere is kept, so reading it reports it. A folder that
 * cannot be read is an issue, not a crash.
 */
async function listFiles(dir: string, shown: string, pattern: RegExp, issues: InputIssue[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      issues.push({ file: shown, message: `cannot read the folder: ${describeFsError(err, "folder")}` });
    return [];
  }
  const names: string[] = [];
  for (const e of entries) {
    if (!pattern.test(e.name)) continue;
    if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const target = await stat(join(dir, e.name)).catch(() => undefined);
      if (!target || target.isFile()) names.push(e.name);
    }
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
