import { readdir, rm, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { processAlive, STALE_AFTER_MS } from "../common/processes.js";

/**
 * caution's temporary files are named `.caution-<host>-<pid>-<name>.tmp` (host: 8 hex digits of the machine's name),
 * so a later run can tell its own leftovers, and a run on another machine writing to a shared folder (shards of one
 * report on a network volume) is never taken for a dead process of this one.
 */
const TEMPORARY = /^\.caution-([0-9a-f]{8})-(\d+)-.+\.tmp$/;
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

export function temporaryName(name: string, pid = process.pid, host = HOST): string {
  return `.caution-${host}-${pid}-${name}.tmp`;
}

/**
 * Removes the temporary files a killed caution run left in `dir` (kill -9 gives it no chance to): only names of
 * caution's own pattern, and only when their process (on this machine) is gone or they are older than
 * STALE_AFTER_MS.
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
    // Another machine's process cannot be asked: its file is stale only by age.
    const alive = match[1] === HOST ? processAlive(Number(match[2])) : true;
    if (alive && now - info.mtimeMs < STALE_AFTER_MS) continue;
    await rm(path, { force: true });
    removed.push(name);
  }
  return removed;
}
