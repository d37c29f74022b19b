import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

/** Temporary files of an unfinished run, so an interrupt can remove them. */
const pending = new Set<string>();

export function pendingTemporaryFiles(): string[] {
  return [...pending];
}

/**
 * Writes every output or none: each file goes to a temporary name in the target folder first (same filesystem, so
 * the rename is atomic), and only when all are written are they renamed into place. A failure removes the
 * temporaries and leaves earlier reports untouched.
 */
export async function writeOutputs(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new WriteError(`cannot create output folder ${dir}: ${describe(err)}`, { cause: err });
  }
  const temps: { temp: string; final: string }[] = [];
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      const temp = join(dir, `.${f.name}.${process.pid}.tmp`);
      pending.add(temp);
      temps.push({ temp, final });
      await writeFile(temp, f.data);
    }
    for (const t of temps) {
      await rename(t.temp, t.final);
      pending.delete(t.temp);
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t.temp, { force: true }).then(() => pending.delete(t.temp))));
    throw new WriteError(`cannot write to ${dir}: ${describe(err)}; nothing was written`, { cause: err });
  }
  return temps.map((t) => t.final);
}

export async function removePendingFiles(): Promise<void> {
  await Promise.all([...pending].map((p) => rm(p, { force: true })));
  pending.clear();
}

export class WriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WriteError";
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOTDIR") return "a file stands where a folder is needed";
  return err instanceof Error ? err.message : String(err);
}
