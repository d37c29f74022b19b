import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { UsageError } from "../run/errors.js";
import type { Run } from "../run/run.js";
import { writeOutputs } from "../write/atomic.js";

/** `--out <file>`: a file name, not a folder (checked before any work, so a slip costs nothing). */
export function parseOutFile(out: string, example: string): string {
  if (out.trim() === "" || /[/\\]$/.test(out)) throw new UsageError(`--out ${out}: give a file name, e.g. ${example}`);
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (isDir)
    throw new UsageError(`--out ${out}: is a folder; give a file name, e.g. ${out.replace(/[/\\]+$/, "")}/${example}`);
  return out;
}

/** The product to --out, written atomically (all or nothing), or to stdout when there is no --out. */
export async function writeProduct(run: Run, out: string | undefined, data: string | Uint8Array): Promise<void> {
  if (out === undefined) {
    run.stdout(typeof data === "string" ? data : Buffer.from(data).toString("latin1"));
    return;
  }
  await writeOutputs(dirname(out), [{ name: basename(out), data }], run);
}
