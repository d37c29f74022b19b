/**
 * A set of minutes within a fixed period. Downtime is the union of incident intervals: marking minutes merges
 * overlaps by construction. SLAs count downtime in minutes, so nothing finer is needed.
 *
 * Two representations, one behaviour. A set starts as a short sorted list of disjoint runs, which costs a few bytes
 * for the few outages a provider has in a year (ten thousand providers in a workspace must not cost 66 KB each).
 * Past SPARSE_LIMIT runs it turns into one bit a minute (a year is 66 KB), so memory stays fixed however many
 * incidents stream through.
 */
export class MinuteSet {
  /** Flat pairs [start, end) of minute offsets, sorted, neither overlapping nor touching; undefined once dense. */
  private runList: number[] | undefined = [];
  private bits: Uint32Array | undefined;
  readonly minutes: number;

  constructor(
    /** First minute of the period, epoch ms (a whole minute). */
    readonly start: number,
    /** End of the period (exclusive), epoch ms. */
    readonly end: number,
  ) {
    this.minutes = Math.max(0, Math.round((end - start) / 60_000));
  }

  /** Whether the set holds one bit a minute (for tests: both forms must count alike). */
  get dense(): boolean {
    return this.bits !== undefined;
  }

  /**
   * Marks the minutes [from, to) touches, clipped to the period. A minute with any downtime in it counts as down:
   * the start is taken to its minute, the end rounded up to the next.
   */
  add(from: number, to: number): void {
    const a = Math.max(0, Math.floor((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.ceil((to - this.start) / 60_000));
    if (b <= a) return;
    if (this.runList) {
      insertRun(this.runList, a, b);
      if (this.runList.length > 2 * SPARSE_LIMIT) this.densify();
    } else this.fill(a, b);
  }

  private densify(): void {
    this.bits = new Uint32Array(Math.ceil(this.minutes / 32));
    const runs = this.runList!;
    this.runList = undefined;
    for (let k = 0; k < runs.length; k += 2) this.fill(runs[k]!, runs[k + 1]!);
  }

  private fill(a: number, b: number): void {
    const bits = this.bits!;
    let i = a;
    // Bit by bit up to a word boundary, whole words in the middle, bit by bit at the end.
    for (; i < b && i % 32 !== 0; i++) bits[i >>> 5]! |= 1 << (i & 31);
    for (; i + 32 <= b; i += 32) bits[i >>> 5] = 0xffffffff;
    for (; i < b; i++) bits[i >>> 5]! |= 1 << (i & 31);
  }

  /** Down minutes within [from, to) (epoch ms on minute boundaries, inside the period). */
  count(from: number, to: number): number {
    const a = Math.max(0, Math.round((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.round((to - this.start) / 60_000));
    if (this.runList) {
      let n = 0;
      const runs = this.runList;
      for (let k = 0; k < runs.length && runs[k]! < b; k += 2)
        n += Math.max(0, Math.min(b, runs[k + 1]!) - Math.max(a, runs[k]!));
      return n;
    }
    const bits = this.bits!;
    let n = 0;
    let i = a;
    for (; i < b && i % 32 !== 0; i++) n += (bits[i >>> 5]! >>> (i & 31)) & 1;
    for (; i + 32 <= b; i += 32) n += popcount(bits[i >>> 5]!);
    for (; i < b; i++) n += (bits[i >>> 5]! >>> (i & 31)) & 1;
    return n;
  }

  /** Calls `each` with every run of down minutes within [from, to) (epoch ms on minute boundaries), in time order. */
  runs(from: number, to: number, each: (start: number, end: number) => void): void {
    const a = Math.max(0, Math.round((from - this.start) / 60_000));
    const b = Math.min(this.minutes, Math.round((to - this.start) / 60_000));
    if (this.runList) {
      const runs = this.runList;
      for (let k = 0; k < runs.length && runs[k]! < b; k += 2) {
        const s = Math.max(a, runs[k]!);
        const e = Math.min(b, runs[k + 1]!);
        if (e > s) each(this.start + s * 60_000, this.start + e * 60_000);
      }
      return;
    }
    const bits = this.bits!;
    let runStart = -1;
    for (let i = a; i < b; i++) {
      // A whole empty word is skipped at once: most of a year is up.
      if (runStart < 0 && i % 32 === 0 && bits[i >>> 5] === 0) {
        i += 31;
        continue;
      }
      const down = ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
      if (down && runStart < 0) runStart = i;
      else if (!down && runStart >= 0) {
        each(this.start + runStart * 60_000, this.start + i * 60_000);
        runStart = -1;
      }
    }
    if (runStart >= 0) each(this.start + runStart * 60_000, this.start + b * 60_000);
  }
}

/** Past this many separate runs a set keeps one bit a minute instead: 512 runs are 8 KB as numbers, a year 66 KB. */
export const SPARSE_LIMIT = 512;

/** Inserts [a, b) into sorted, disjoint, non-touching flat pairs, merging every run it overlaps or touches. */
function insertRun(runs: number[], a: number, b: number): void {
  // First run whose end reaches a (touching counts), by binary search over the pairs.
  let lo = 0;
  let hi = runs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[2 * mid + 1]! < a) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  let start = a;
  let end = b;
  while (last < runs.length / 2 && runs[2 * last]! <= b) {
    start = Math.min(start, runs[2 * last]!);
    end = Math.max(end, runs[2 * last + 1]!);
    last += 1;
  }
  runs.splice(2 * lo, 2 * (last - lo), start, end);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
