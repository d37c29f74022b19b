import { appendUpdate, type UpdateArgs } from "../render/pdf/pdf-update.js";

/**
 * Is the file exactly what caution wrote? caution appends one incremental update to the pages Chromium printed,
 * and everything in that update follows from the printed bytes, the document information, the date and the two
 * attachments (render/pdf/pdf-update.ts). So verify writes the update again from what the file carries and
 * compares byte for byte: a page edited in place changes the printed bytes that the trailer /ID digests; a file
 * re-saved by another program (pdf-lib, qpdf, a viewer) no longer ends in caution's update; an incremental update
 * appended later shows as bytes after caution's `%%EOF`. Only the signature value, which caution cannot know in
 * advance, is taken from the file.
 */

export type RevisionVerdict =
  | { ok: true }
  | {
      ok: false;
      detail: string;
      /** Bytes after caution's own update: another program's incremental update. */ appended?: number;
    };

/** At most this many `%%EOF` markers are tried as the end of caution's update (bounded work for hostile files). */
const MAX_REVISIONS = 16;

/**
 * Finds caution's update by trying each `%%EOF` from the end, writes it again with `args(printedLength)` and
 * compares. `signature` is the /Contents hex string of caution's signature field, when the file has one.
 */
export function checkRevisions(
  file: Uint8Array,
  args: Omit<UpdateArgs, "signatureBytes">,
  signature?: { start: number; end: number },
): RevisionVerdict {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const ends = eofEnds(bytes);
  if (ends.length === 0) return { ok: false, detail: "the file has no %%EOF marker: it is not a complete PDF" };
  let firstMismatch: string | undefined;
  for (const end of ends.slice(0, MAX_REVISIONS)) {
    const printedLength = printedEnd(bytes, end);
    if (printedLength === undefined) continue;
    const signatureBytes =
      signature && signature.end <= end ? Math.floor((signature.end - signature.start - 2) / 2) : undefined;
    const update = appendUpdate(bytes.subarray(0, printedLength), {
      ...args,
      ...(signatureBytes !== undefined ? { signatureBytes } : {}),
    });
    if (!update) continue;
    const expected = Buffer.from(update.bytes);
    if (signature && update.signatureContents && signatureBytes !== undefined) {
      if (update.signatureContents.start !== signature.start || update.signatureContents.end !== signature.end) {
        firstMismatch ??= `the signature value sits at bytes ${signature.start}-${signature.end}, caution would put it at ${update.signatureContents.start}-${update.signatureContents.end}`;
        continue;
      }
      bytes.copy(expected, signature.start, signature.start, signature.end);
    }
    const actual = bytes.subarray(0, end);
    if (expected.length === actual.length && expected.equals(actual)) {
      if (end === bytes.length) return { ok: true };
      const after = bytes.subarray(end);
      const revisions = (after.toString("latin1").match(/%%EOF/g) ?? []).length;
      return {
        ok: false,
        appended: after.length,
        detail: `${after.length} bytes (${revisions === 1 ? "an incremental update" : `${revisions} incremental updates`}) were appended after caution's own update: another program changed the document after caution wrote it`,
      };
    }
    firstMismatch ??= describeMismatch(expected, actual);
  }
  return {
    ok: false,
    detail: `no revision of the file is the update caution writes for these pages, this document information and these attachments (${firstMismatch ?? "the file does not end in an update caution recognises"}): it was re-written or edited after caution wrote it`,
  };
}

/** Offsets just after each `%%EOF` (and its line end), last first. */
function eofEnds(bytes: Buffer): number[] {
  const out: number[] = [];
  let at = bytes.lastIndexOf("%%EOF");
  while (at >= 0 && out.length < MAX_REVISIONS * 4) {
    let end = at + 5;
    if (bytes[end] === 0x0d) end += 1;
    if (bytes[end] === 0x0a) end += 1;
    out.push(end);
    at = at === 0 ? -1 : bytes.lastIndexOf("%%EOF", at - 1);
  }
  return out;
}

/**
 * Where the printed PDF ends, for an update ending at `end`: caution's update starts one line feed after it, with
 * its first object, which is also the lowest offset in its cross-reference section.
 */
function printedEnd(bytes: Buffer, end: number): number | undefined {
  const tail = bytes.toString("latin1", Math.max(0, end - 64), end);
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return undefined;
  const xrefAt = Number(m[1]);
  if (xrefAt >= end || bytes.toString("latin1", xrefAt, xrefAt + 4) !== "xref") return undefined;
  const section = bytes.toString("latin1", xrefAt, end);
  const trailer = section.indexOf("trailer");
  if (trailer < 0) return undefined;
  const offsets = [...section.slice(0, trailer).matchAll(/^(\d{10}) \d{5} n/gm)].map((e) => Number(e[1]));
  if (offsets.length === 0) return undefined;
  const first = Math.min(...offsets);
  return first > 0 && bytes[first - 1] === 0x0a ? first - 1 : undefined;
}

function describeMismatch(expected: Buffer, actual: Buffer): string {
  const n = Math.min(expected.length, actual.length);
  let i = 0;
  while (i < n && expected[i] === actual[i]) i += 1;
  if (i === n) return `caution's update would be ${expected.length} bytes, the file's is ${actual.length}`;
  // The trailer /ID digests the printed pages: when it alone differs, the pages changed after caution stamped them.
  const id = actual.lastIndexOf("/ID [<");
  if (
    expected.length === actual.length &&
    id >= 0 &&
    i >= id &&
    i < id + 80 &&
    expected.subarray(0, id).equals(actual.subarray(0, id))
  )
    return `the trailer /ID no longer matches the digest of the pages before it: the printed pages were changed`;
  return `first difference at byte ${i} of ${actual.length}`;
}
