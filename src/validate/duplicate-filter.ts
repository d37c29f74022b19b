/**
 * Exact duplicate detection in fixed memory. A Bloom filter (16 MiB, 7 hashes) remembers every key seen; a key it
 * may have seen before becomes a suspect. Suspects are few (real duplicates, plus about one false alarm in a
 * billion keys at a million rows), and a second pass over the files settles each one exactly. Memory stays the
 * same for a thousand rows or ten million, and so does the suspect list: past MAX_SUSPECTS keys (a file exported
 * twice, say) further repeats are only counted.
 */
export const MAX_SUSPECTS = 10_000;

export class DuplicateFilter {
  private readonly bits = new Uint32Array((1 << 27) / 32);
  private readonly mask = (1 << 27) - 1;
  /** Keys that may repeat; the second pass decides. */
  readonly suspects = new Set<string>();

  /**
   * Notes a (vendor, id) pair; hashing the two parts avoids building a key string per row. Returns false when the
   * pair looks like a repeat that the suspect list has no room left to check.
   */
  add(vendor: string, id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    [a, b] = mix(vendor, a, b);
    [a, b] = mix("\u0000", a, b);
    [a, b] = mix(id, a, b);
    const h1 = a >>> 0;
    const h2 = (b | 1) >>> 0;
    let seen = true;
    for (let i = 0; i < 7; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      const word = bit >>> 5;
      const m = 1 << (bit & 31);
      if ((this.bits[word]! & m) === 0) {
        seen = false;
        this.bits[word]! |= m;
      }
    }
    if (!seen) return true;
    const key = `${vendor}\u0000${id}`;
    if (this.suspects.size < MAX_SUSPECTS || this.suspects.has(key)) {
      this.suspects.add(key);
      return true;
    }
    return false;
  }
}

/** Two independent 32-bit hashes (FNV-1a and a multiplicative variant) for double hashing, fed piece by piece. */
function mix(s: string, a: number, b: number): [number, number] {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a, b];
}
