import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { sha256Hex } from "./digest.js";
import { PACKAGE_ROOT, QUESTIONNAIRE_DIR } from "./package-files.js";

/**
 * caution's own YAML files (the questionnaires, mappings, framework catalogue) parsed once at build time. Parsing
 * the 70 KB questionnaire with line positions takes about 0.2 s of a cold run, and every command that loads it paid
 * that again. The build (yaml-cache-build.ts) writes each file's data as JSON with the SHA-256 of the YAML it came
 * from; a file is only taken from the cache when its bytes have exactly that digest, so an edited questionnaire is
 * parsed afresh. Line positions, needed only to report an error, come from parsing the YAML when first asked for.
 */
export const YAML_CACHE_DIR = join(PACKAGE_ROOT, "dist", "yaml-cache");

export interface CacheEntry {
  sha256: string;
  data: unknown;
}

/** The cache file for a YAML file shipped in questionnaires/, or undefined for any other file. */
export function cacheFileFor(path: string): string | undefined {
  const full = resolve(path);
  if (dirname(full) !== resolve(QUESTIONNAIRE_DIR) || !/\.ya?ml$/i.test(full)) return undefined;
  return join(YAML_CACHE_DIR, `${full.slice(dirname(full).length + 1)}.json`);
}

/**
 * The cached data for these exact bytes, or undefined (not a shipped file, no cache, or the file changed).
 * `digest` is the bytes' SHA-256 when the caller has it already (the workspace records it for the manifest).
 */
export function cachedData(path: string, bytes: Uint8Array, digest?: string): { data: unknown } | undefined {
  const file = cacheFileFor(path);
  if (!file) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(file, "utf8")) as CacheEntry;
  } catch {
    return undefined;
  }
  return entry.sha256 === (digest ?? sha256Hex(bytes)) ? { data: entry.data } : undefined;
}
