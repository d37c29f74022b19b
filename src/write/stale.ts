import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { processAlive, STALE_AFTER_MS } from "../shared/processes.js";

/** caution's temporary files are named `.caution-<pid>-<name>.tmp`, so a later run can tell its own leftovers. */
const TEMPORARY = /^\.caution-(\d+)-.+\.tmp$/;

export function temporaryName(name: string, pid = process.pid): string {
  return `.caution-${pid}-${name}.tmp`;
}

/**
 * Removes the temporary files a killed caution run left in `dir` (kill -9 gives it no chance to): only names of
 * caution's own pattern, and only when their process is gone or they are older than STALE_AFTER_MS. Called with
 * the folder locked, so no live run is writing them.
 */
export async function removeStaleTemporaries(dir: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (processAlive(Number(match[1])) && now - info.mtimeMs < STALE_AFTER_MS) continue;
    await rm(path, { force: true });
    removed.push(name);
  }
  return removed;
}
