import { readFile, stat } from "node:fs/promises";
import type { ZodError } from "zod";
import { UsageError } from "../run/errors.js";
import { describeFsError } from "../common/fs-errors.js";
import { LIMITS, MiB } from "./inflate.js";

/** An argument verify cannot work with (a missing PDF, manifest or workspace folder): exit 2, not a failed check. */
export class VerifyArgumentError extends UsageError {}

export type Parsed<T> = { ok: true; value: T; text: string } | { ok: false; error: string };

export function parseJson<T>(
  bytes: Uint8Array,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: ZodError } },
): Parsed<T> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: "not UTF-8 text" };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, error: formatZodError(parsed.error) };
  return { ok: true, value: parsed.data, text };
}

function formatZodError(error: ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return `does not match the schema: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}

export async function readArgumentFile(path: string, what: string): Promise<Uint8Array> {
  try {
    const size = (await stat(path)).size;
    if (size > LIMITS.pdfBytes)
      throw new VerifyArgumentError(
        `the ${what} ${path} has ${MiB(size)}, more than the ${MiB(LIMITS.pdfBytes)} caution reads`,
      );
    return await readFile(path);
  } catch (err) {
    if (err instanceof VerifyArgumentError) throw err;
    throw new VerifyArgumentError(`cannot read the ${what} ${path}: ${describeFsError(err)}`);
  }
}

export async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new VerifyArgumentError(`cannot read the sidecar manifest ${path}: ${describeFsError(err)}`);
  }
}

export async function requireDirectory(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch (err) {
    throw new VerifyArgumentError(`cannot read the workspace folder ${dir}: ${describeFsError(err, "folder")}`);
  }
  throw new VerifyArgumentError(`--inputs ${dir} is not a folder`);
}
