import { describeFsError } from "../common/fs-errors.js";
import { readFile, stat } from "node:fs/promises";
import type { InputIssue } from "./input-issue.js";

/** YAML input files are small documents; anything larger is a mistake or an attack, not a questionnaire. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

export type TextResult = { ok: true; text: string; bytes: Buffer } | { ok: false; issue: InputIssue };

/**
 * Reads a file as UTF-8 text, refusing what would otherwise parse into nonsense: binary data, UTF-16 (common from
 * Windows tools), empty files and files over the size limit. A UTF-8 byte-order mark is dropped.
 */
export async function readTextFile(path: string, displayPath: string, maxBytes: number): Promise<TextResult> {
  const fail = (message: string): TextResult => ({ ok: false, issue: { file: displayPath, message } });
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail("is a folder, not a file");
    size = info.size;
  } catch (err) {
    return fail(describeFsError(err));
  }
  if (size > maxBytes) return fail(`file is ${size} bytes; the limit is ${maxBytes} bytes`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return fail(describeFsError(err));
  }
  if (bytes.length === 0) return fail("file is empty");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail("file is UTF-16 encoded; save it as UTF-8");
  }
  if (bytes.includes(0)) return fail("file contains NUL bytes: it is binary, not text");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("file is not valid UTF-8; save it as UTF-8");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, bytes };
}
