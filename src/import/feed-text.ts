import { firstInvalidUtf8, lineOfOffset } from "../load/utf8.js";
import { isUtf8 } from "node:buffer";
import { readFile, stat } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { InputError, type InputIssue } from "../load/input-issue.js";
import { describeFsError } from "../common/fs-errors.js";

/**
 * Vendor feeds as text. A feed arrives as bytes (a saved file or an HTTP answer): gzip is unpacked (within a bound),
 * a byte-order mark decides UTF-8 or UTF-16 (AWS serves UTF-16 with a BOM), and the text must then be valid. Every
 * refusal names the source and, for bad bytes, the first one's offset and line, so a user can find it in an editor.
 */

/** What a feed may weigh as it arrives and once unpacked. Google Cloud's full history is about 5 MiB. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;

export interface FeedText {
  text: string;
  /** How the bytes were read, for messages: "UTF-8", "UTF-16LE", "gzip, UTF-16BE", ... */
  encoding: string;
}

/** Reads a feed file from disk: refused when missing, a folder, empty or over the limit, before it is read. */
export async function readFeedFile(path: string, shown: string, maxBytes = MAX_FEED_BYTES): Promise<FeedText> {
  const fail = (message: string): never => {
    throw new InputError([{ file: shown, message }]);
  };
  let size = 0;
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail("is a folder, not a file");
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    fail(describeFsError(err));
  }
  if (size > maxBytes) fail(`file is ${size} bytes; the limit is ${maxBytes} bytes`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return fail(describeFsError(err));
  }
  return decodeFeed(bytes, shown, maxBytes);
}

/** Decodes a feed's bytes to text, or throws an InputError naming `source` (a file or a URL). */
export function decodeFeed(input: Uint8Array, source: string, maxBytes = MAX_FEED_BYTES): FeedText {
  const fail = (message: string, extra: Partial<InputIssue> = {}): never => {
    throw new InputError([{ file: source, ...extra, message }]);
  };
  let bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) fail("is empty");
  let packed = "";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        fail(`is gzip that unpacks to more than ${maxBytes} bytes, the limit for a feed`);
      fail(`is gzip but cannot be unpacked (${(err as Error).message}); save the feed again`);
    }
    if (bytes.length === 0) fail("is empty once unpacked (gzip)");
    packed = "gzip, ";
  }
  const utf16 = utf16Order(bytes);
  if (utf16)
    return { text: decodeUtf16(bytes, utf16.littleEndian, utf16.bom, fail), encoding: `${packed}${utf16.name}` };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    fail(
      `is not valid UTF-8: byte ${at + 1} (0x${hex(bytes[at] ?? 0)}) starts no valid UTF-8 sequence; save the feed as UTF-8`,
      { line: lineOfOffset(bytes, at).line },
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    fail(`contains a NUL byte at byte ${nul + 1}: the file is binary or corrupted, not text`, {
      line: lineOfOffset(bytes, nul).line,
    });
  return { text: bytes.toString("utf8", bom), encoding: `${packed}UTF-8` };
}

/**
 * UTF-16 by its byte-order mark, or (as RFC 4627 detected JSON) by a first character that is ASCII with a zero byte
 * beside it, since a saved AWS answer may have lost its mark.
 */
function utf16Order(b: Buffer): { littleEndian: boolean; bom: boolean; name: string } | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return { littleEndian: true, bom: true, name: "UTF-16LE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { littleEndian: false, bom: true, name: "UTF-16BE" };
  // Two ASCII characters: "[\n" is 5B 00 0A 00 in UTF-16LE and 00 5B 00 0A in UTF-16BE.
  const ascii = (i: number) => b[i] !== undefined && b[i] !== 0 && b[i]! < 0x80;
  if (b.length >= 4 && ascii(0) && b[1] === 0 && ascii(2) && b[3] === 0)
    return { littleEndian: true, bom: false, name: "UTF-16LE" };
  if (b.length >= 4 && b[0] === 0 && ascii(1) && b[2] === 0 && ascii(3))
    return { littleEndian: false, bom: false, name: "UTF-16BE" };
  return undefined;
}

function decodeUtf16(
  b: Buffer,
  littleEndian: boolean,
  bom: boolean,
  fail: (message: string, extra?: Partial<InputIssue>) => never,
): string {
  const start = bom ? 2 : 0;
  if ((b.length - start) % 2 !== 0) fail("is UTF-16 with an odd number of bytes: the file is cut short or not UTF-16");
  const le = littleEndian ? Buffer.from(b.subarray(start)) : Buffer.from(b.subarray(start)).swap16();
  // Checked unit by unit first: Node's decoder would turn a lone surrogate into U+FFFD without a word.
  let line = 1;
  const units = le.length / 2;
  for (let u = 0; u < units; u++) {
    const code = le.readUInt16LE(2 * u);
    const at = () => `byte ${start + 2 * u + 1}`;
    if (code === 0x0a) line += 1;
    else if (code === 0)
      fail(`contains a NUL character at ${at()}: the file is binary or corrupted, not text`, { line });
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = u + 1 < units ? le.readUInt16LE(2 * u + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) fail(`is not valid UTF-16: an unpaired surrogate at ${at()}`, { line });
      u += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff)
      fail(`is not valid UTF-16: an unpaired surrogate at ${at()}`, { line });
  }
  return le.toString("utf16le");
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}
