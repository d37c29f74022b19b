import { join } from "node:path";
import { sha256Hex } from "./digest.js";
import { InputError } from "./input-issue.js";
import { QUESTIONNAIRE_DIR } from "./package-files.js";
import { MAX_YAML_BYTES, readTextFile } from "./text-file.js";
import type { InputFile } from "./workspace.js";
import { parseYamlFile, type YamlSource } from "./yaml-file.js";

/** caution's catalogue of published SLA terms, shipped with the questionnaire. */
export const SLA_CATALOGUE_FILE = join(QUESTIONNAIRE_DIR, "sla-catalogue.yaml");

export interface ReadSlaCatalogue {
  source: YamlSource;
  /** The file as a manifest input: a result computed with catalogue terms names the catalogue it used. */
  input: InputFile;
}

/**
 * Reads and parses the catalogue (from the build-time cache when its bytes are unchanged); validate/ checks it.
 * A missing or unparsable file is an InputError naming the file and line.
 */
export async function readSlaCatalogue(path = SLA_CATALOGUE_FILE): Promise<ReadSlaCatalogue> {
  const text = await readTextFile(path, path, MAX_YAML_BYTES);
  if (!text.ok) throw new InputError([text.issue]);
  const sha256 = sha256Hex(text.bytes);
  const read = parseYamlFile(path, path, text.text, text.bytes, sha256);
  if (!read.source) throw new InputError(read.issues);
  return {
    source: read.source,
    input: { path: `sla-catalogue:${path.split(/[\\/]/).pop()}`, sha256, bytes: text.bytes.length },
  };
}
