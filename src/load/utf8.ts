import { isUtf8 } from "node:buffer";

/**
 * The offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode 15, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or -1. `partialEnd`: a sequence cut off by the end of the
 * buffer is well-formed so far, not an error (the next chunk may complete it).
 */
export function firstInvalidUtf8(buf: Uint8Array, partialEnd = false): number {
  // The common case, a valid buffer, is answered by Node's native check; the scan runs only to find the fault.
  if (!partialEnd && isUtf8(buf)) return -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return partialEnd ? -1 : i;
      const c = buf[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Where the byte at `offset` stands, 1-based: the line, and the column in bytes. */
export function lineOfOffset(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let line = 1;
  let start = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && i < offset; i = b.indexOf(0x0a, i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Checks a stream of bytes as it passes, chunk by chunk, at the speed of Node's own UTF-8 check (simdutf): a
 * sequence split between two chunks is carried over. `invalidAt` is the file offset of the first bad byte.
 */
export class Utf8Check {
  invalidAt: number | undefined;
  private carry: Buffer | undefined;
  private offset = 0;

  /** False once the bytes so far are not UTF-8. */
  push(chunk: Buffer): boolean {
    if (this.invalidAt !== undefined) return false;
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const start = this.offset - (this.carry?.length ?? 0);
    const cut = completeLength(bytes);
    const whole = bytes.subarray(0, cut);
    if (!isUtf8(whole)) {
      this.invalidAt = start + firstInvalidUtf8(whole);
      return false;
    }
    this.carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
    this.offset += chunk.length;
    return true;
  }

  /** False when the stream ended inside a sequence, or earlier was not UTF-8. */
  end(): boolean {
    if (this.invalidAt === undefined && this.carry) this.invalidAt = this.offset - this.carry.length;
    return this.invalidAt === undefined;
  }
}

/** How many bytes from the start end on a sequence boundary: a lead byte near the end whose sequence runs past it. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return len > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
