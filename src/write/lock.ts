import { hostname } from "node:os";
import { readFileSync, rmSync } from "node:fs";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { EnvironmentError, InterruptedError, UsageError } from "../run/errors.js";
import { describeFsError } from "../common/fs-errors.js";
import { processAlive } from "../common/processes.js";
import { temporaryName } from "./stale.js";

export const LOCK_FILE = ".caution.lock";
/** How long a run waits for another run to finish writing the same folder before it gives up (exit 2). */
export const LOCK_WAIT_MS = 120_000;
const POLL_MS = 100;
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/**
 * Locks an output folder for one run's writes: two runs writing to the same folder at once could each replace part
 * of the other's set. The lock is a file created atomically (link) holding the owner's process id; a lock whose
 * owner died (kill -9) is taken over. A second run waits for the first, up to LOCK_WAIT_MS, then exits 2.
 */
export async function lockFolder(
  dir: string,
  signal?: AbortSignal,
  waitMs = LOCK_WAIT_MS,
  name = LOCK_FILE,
): Promise<AsyncDisposable & { readonly path: string }> {
  const path = join(dir, name);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (signal?.aborted) throw new InterruptedError();
    try {
      // Written in full under a temporary name, then linked into place: link() fails if the lock exists, and a
      // reader never sees a half-written lock.
      const temp = join(dir, temporaryName("lock"));
      await writeFile(temp, `${JSON.stringify(me)}\n`);
      try {
        await link(temp, path);
      } catch (err) {
        // File systems without hard links (FAT, some network shares): an exclusive create is the next best.
        if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? "")) throw err;
        await writeFile(path, `${JSON.stringify(me)}\n`, { flag: "wx" });
      } finally {
        await rm(temp, { force: true });
      }
      const release = () => {
        // Only our own lock: a run that took over a lock we lost must keep it.
        if (owner(readFileSafe(path))?.pid === me.pid) rmSync(path, { force: true });
      };
      process.on("exit", release);
      return {
        path,
        [Symbol.asyncDispose]: async () => {
          process.off("exit", release);
          release();
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST")
        throw new EnvironmentError(
          `cannot write to ${dir}: ${describeFsError(err)}; nothing was written. Choose another --out folder or fix its permissions.`,
          { cause: err },
        );
    }
    const holder = owner(await readFile(path, "utf8").catch(() => ""));
    if (!holder || (holder.host === me.host && !processAlive(holder.pid))) {
      // Left by a run that was killed: take it over.
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline)
      throw new UsageError(
        `${dir} is being written by another caution run (process ${holder.pid} on ${holder.host}, since ${holder.since}); wait for it to finish or choose another --out folder`,
      );
    await sleep(POLL_MS);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function owner(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" && typeof h.since === "string"
      ? (h as Holder)
      : undefined;
  } catch {
    return undefined;
  }
}
