import { rmSync } from "node:fs";
import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { describeFsError } from "../common/fs-errors.js";
import { EnvironmentError } from "../run/errors.js";
import type { Resources } from "../run/resources.js";
import { lockFolder } from "./lock.js";
import { removeStaleTemporaries, temporaryName } from "./stale.js";

export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

/** What the write stage needs of the run: when to stop, and where to register what must be cleaned up. */
export interface WriteContext {
  signal?: AbortSignal;
  resources?: Resources;
  /**
   * The lock's name in the folder. Runs with different names may write the same folder at once: the shares of one
   * sharded report (`.caution-shard-1-of-4.lock`) write different files by design.
   */
  lockName?: string;
}

/**
 * Writes every output or none: each file goes to a temporary name in the target folder first (same filesystem, so
 * the rename is atomic), and only when all are written are they renamed into place. A failure removes the
 * temporaries and leaves earlier reports untouched. The folder is locked meanwhile, so two runs writing to it one
 * after the other leave one run's set, never a mix. If the run is interrupted, its cleanup (registered with
 * `resources`) removes the temporaries, or, once the renames have begun, lets them finish.
 */
export async function writeOutputs(
  dir: string,
  files: readonly OutputFile[],
  context: WriteContext = {},
): Promise<string[]> {
  const { signal } = context;
  const interrupted = () => signal?.aborted ?? false;
  if (interrupted()) throw new WriteError("interrupted; nothing was written");
  try {
    await makeFolder(dir);
  } catch (err) {
    throw new WriteError(
      `cannot create output folder ${dir}: ${describeFsError(err)}; nothing was written. Choose another --out folder or fix its permissions.`,
      { cause: err },
    );
  }
  await using _lock = await lockFolder(dir, signal, undefined, context.lockName);
  await removeStaleTemporaries(dir);
  // A folder standing where a report goes would make its rename fail after others were already replaced.
  for (const f of files) {
    const info = await lstat(join(dir, f.name)).catch(() => undefined);
    if (info?.isDirectory())
      throw new WriteError(
        `cannot write ${join(dir, f.name)}: a folder of that name is in the way; nothing was written`,
      );
  }
  const temps: { temp: string; final: string }[] = [];
  let inFlight: Promise<unknown> | undefined;
  let committing: Promise<void> | undefined;
  let renamed = 0;
  const removeTemps = () => Promise.all(temps.map((t) => rm(t.temp, { force: true })));
  // Registered before the first byte is written: an interrupt, or an exit, from here on removes what was begun.
  context.resources?.defer(
    async () => {
      if (committing) return void (await committing.catch(() => undefined));
      await inFlight?.catch(() => undefined);
      await removeTemps();
    },
    () => {
      if (committing) return;
      for (const t of temps) rmSync(t.temp, { force: true });
    },
  );
  try {
    for (const f of files) {
      if (interrupted()) throw new WriteError("interrupted");
      const final = join(dir, f.name);
      const temp = join(dir, temporaryName(f.name));
      temps.push({ temp, final });
      inFlight = writeFile(temp, f.data);
      await inFlight;
    }
    if (interrupted()) throw new WriteError("interrupted");
    committing = (async () => {
      for (const t of temps) {
        await rename(t.temp, t.final);
        renamed += 1;
      }
    })();
    await committing;
  } catch (err) {
    // Once the renames began they finish (an interrupt waits for them): the folder holds one run's set.
    await removeTemps();
    // Renames within one folder do not fail in practice; if one did, say exactly what changed.
    const outcome = renamed === 0 ? "nothing was written" : `${renamed} of ${temps.length} files were already replaced`;
    if (interrupted()) throw new WriteError(`interrupted; ${outcome}`, { cause: err });
    throw new WriteError(
      `cannot write to ${dir}: ${describeFsError(err)}; ${outcome}. Free space or choose another --out folder.`,
      { cause: err },
    );
  }
  return temps.map((t) => t.final);
}

/**
 * `mkdir -p`, with the true reason when it fails: Node's recursive mkdir reports ENOENT for a read-only file system
 * (and others), so the first missing level is created alone to learn what stops it.
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    let child = resolve(dir);
    let parent = dirname(child);
    while (
      parent !== child &&
      !(await lstat(parent).then(
        () => true,
        () => false,
      ))
    ) {
      child = parent;
      parent = dirname(parent);
    }
    await mkdir(child);
    await mkdir(dir, { recursive: true });
  }
}

/** The output could not be written (permissions, space, a folder in the way). Exit 3. */
export class WriteError extends EnvironmentError {
  override readonly name = "WriteError";
}
