/**
 * A set of minutes within a fixed period, one bit a minute. Downtime is the union of incident intervals: marking
 * minutes merges overlaps by construction, and memory is fixed by the period (a year is 66 KB), however many
 * incidents stream through. SLAs count downtime in minutes, so nothing finer is needed.
 */
export class MinuteSet {
  private readonly bits: Uint32Array;
  readonly minutes: number;

  constructor(
    /** First minute of the period, epoch ms (a whole minute). */
    readonly start: number,
    /** End of the period (exclusive), epoch ms. */
    readonly end: number,
  ) {
    this.minutes = Math.max(0, Math.round((end - start) / 60_000));
    this.bits = new Uint32Array(Math.ceil(this.minutes / 32));
  }

  /**
   * Marks the minutes [from, to) touches, clipped to the period. A minute with any downtime in it counts as down:
   * the start is taken to its minute, the end rounded up to the next.
   */
  add(from: number, to: number): void {
    const a = Math.max(0, Math.floor((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.ceil((to - this.start) / 60_000));
    if (b <= a) return;
    this.fill(a, b);
  }

  private fill(a: number, b: number): void {
    let i = a;
    // Bit by bit up to a word boundary, whole words in the middle, bit by bit at the end.
    for (; i < b && i % 32 !== 0; i++) this.bits[i >>> 5]! |= 1 << (i & 31);
    for (; i + 32 <= b; i += 32) this.bits[i >>> 5] = 0xffffffff;
    for (; i < b; i++) this.bits[i >>> 5]! |= 1 << (i & 31);
  }

  /** Down minutes within [from, to) (epoch ms on minute boundaries, inside the period). */
  count(from: number, to: number): number {
    const a = Math.max(0, Math.round((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.round((to - this.start) / 60_000));
    let n = 0;
    let i = a;
    for (; i < b && i % 32 !== 0; i++) n += (this.bits[i >>> 5]! >>> (i & 31)) & 1;
    for (; i + 32 <= b; i += 32) n += popcount(this.bits[i >>> 5]!);
    for (; i < b; i++) n += (this.bits[i >>> 5]! >>> (i & 31)) & 1;
    return n;
  }

  /** Calls `each` with every run of down minutes within [from, to) (epoch ms on minute boundaries), in time order. */
  runs(from: number, to: number, each: (start: number, end: number) => void): void {
    const a = Math.max(0, Math.round((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.round((to - this.start) / 60_000));
    let runStart = -1;
    for (let i = a; i < b; i++) {
      // A whole empty word is skipped at once: most of a year is up.
      if (runStart < 0 && i % 32 === 0 && this.bits[i >>> 5] === 0) {
        i += 31;
        continue;
      }
      const down = ((this.bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
      if (down && runStart < 0) runStart = i;
      else if (!down && runStart >= 0) {
        each(this.start + runStart * 60_000, this.start + i * 60_000);
        runStart = -1;
      }
    }
    if (runStart >= 0) each(this.start + runStart * 60_000, this.start + b * 60_000);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
