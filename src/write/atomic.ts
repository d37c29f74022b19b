import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { EnvironmentError } from "../run/errors.js";

export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

/** Temporary files of an unfinished run, so an interrupt can remove them. */
const pending = new Set<string>();
/** Set by an interrupt: no further temporary file is started. */
let aborted = false;
/** The file operation in progress, so an interrupt removes its file only after it settled. */
let inFlight: Promise<unknown> | undefined;
/** The renames in progress: once they started, the run completes rather than leave old and new reports mixed. */
let committing: Promise<void> | undefined;

export function pendingTemporaryFiles(): string[] {
  return [...pending];
}

/**
 * Writes every output or none: each file goes to a temporary name in the target folder first (same filesystem, so
 * the rename is atomic), and only when all are written are they renamed into place. A failure removes the
 * temporaries and leaves earlier reports untouched.
 */
export async function writeOutputs(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  if (aborted) throw new WriteError("interrupted; nothing was written");
  try {
    await makeFolder(dir);
  } catch (err) {
    throw new WriteError(
      `cannot create output folder ${dir}: ${describeWriteError(err)}; nothing was written. Choose another --out folder or fix its permissions.`,
      { cause: err },
    );
  }
  // A folder standing where a report goes would make its rename fail after others were already replaced.
  for (const f of files) {
    const info = await lstat(join(dir, f.name)).catch(() => undefined);
    if (info?.isDirectory())
      throw new WriteError(
        `cannot write ${join(dir, f.name)}: a folder of that name is in the way; nothing was written`,
      );
  }
  const temps: { temp: string; final: string }[] = [];
  let renamed = 0;
  try {
    for (const f of files) {
      if (aborted) throw new WriteError("interrupted");
      const final = join(dir, f.name);
      const temp = join(dir, `.${f.name}.${process.pid}.tmp`);
      pending.add(temp);
      temps.push({ temp, final });
      inFlight = writeFile(temp, f.data);
      await inFlight;
    }
    if (aborted) throw new WriteError("interrupted");
    committing = (async () => {
      for (const t of temps) {
        await rename(t.temp, t.final);
        pending.delete(t.temp);
        renamed += 1;
      }
    })();
    await committing;
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t.temp, { force: true }).then(() => pending.delete(t.temp))));
    // Renames within one folder do not fail in practice; if one did, say exactly what changed.
    const outcome = renamed === 0 ? "nothing was written" : `${renamed} of ${temps.length} files were already replaced`;
    if (aborted) throw new WriteError(`interrupted; ${outcome}`, { cause: err });
    throw new WriteError(
      `cannot write to ${dir}: ${describeWriteError(err)}; ${outcome}. Free space or choose another --out folder.`,
      { cause: err },
    );
  } finally {
    inFlight = undefined;
    committing = undefined;
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

/**
 * For an interrupt: stops further writes and removes this run's temporary files. When the renames into place have
 * already begun they are let finish, so the folder holds either the earlier reports or this run's, never a mix.
 */
export async function abortWrites(): Promise<void> {
  aborted = true;
  if (committing) {
    await committing.catch(() => undefined);
    return;
  }
  await inFlight?.catch(() => undefined);
  await removePendingFiles();
}

export async function removePendingFiles(): Promise<void> {
  await Promise.all([...pending].map((p) => rm(p, { force: true })));
  pending.clear();
}

/** The output could not be written (permissions, space, a folder in the way). Exit 3. */
export class WriteError extends EnvironmentError {
  override readonly name = "WriteError";
}

/** A file-system error in words a user can act on. */
export function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EDQUOT") return "the disk quota is exhausted";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOTDIR") return "a file stands where a folder is needed";
  if (code === "EEXIST") return "a file stands where the folder should be";
  return err instanceof Error ? err.message : String(err);
}
