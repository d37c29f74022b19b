// Run by `npm run build` after tsc: parses caution's own YAML files once (see yaml-cache.ts).
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { QUESTIONNAIRE_DIR } from "./package-files.js";
import { sha256Hex } from "./digest.js";
import { cacheFileFor, YAML_CACHE_DIR, type CacheEntry } from "./yaml-cache.js";
import { parseYaml } from "./yaml-file.js";

await mkdir(YAML_CACHE_DIR, { recursive: true });
const written: string[] = [];
for (const name of readdirSync(QUESTIONNAIRE_DIR)
  .filter((n) => /\.ya?ml$/i.test(n))
  .sort()) {
  const path = join(QUESTIONNAIRE_DIR, name);
  const bytes = readFileSync(path);
  const parsed = parseYaml(bytes.toString("utf8"), name);
  // A file with problems is left to the normal path, which reports them with their lines.
  if (!parsed.source || parsed.issues.length > 0) continue;
  const data = parsed.source.data;
  // YAML can hold values JSON cannot (.inf, say): such a file is not cached.
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
  const entry: CacheEntry = { sha256: sha256Hex(bytes), data };
  await writeFile(cacheFileFor(path)!, `${JSON.stringify(entry)}\n`);
  written.push(name);
}
process.stderr.write(
  `yaml cache: ${written.length} file${written.length === 1 ? "" : "s"} (${written.join(", ")}) in ${YAML_CACHE_DIR}\n`,
);
