/**
 * Each simulated year's outage minutes of one provider, merged into disjoint intervals (minutes from the year's
 * start), in one growing pair of typed arrays: what the portfolio needs to know when two providers are down at the
 * same time. Kept only for providers that workloads name.
 */
export class OutageTimeline {
  /** Year i's intervals are [offsets[i], offsets[i+1]) in `from`/`to`. */
  readonly offsets: Int32Array;
  from = new Float64Array(1024);
  to = new Float64Array(1024);
  private size = 0;
  private years = 0;

  constructor(iterations: number) {
    this.offsets = new Int32Array(iterations + 1);
  }

  /** Adds one year from outages given by start/end and an index order sorted by start. */
  addYear(start: Float64Array, end: Float64Array, order: Int32Array, count: number): void {
    this.ensure(this.size + count);
    let n = this.size;
    for (let j = 0; j < count; j++) {
      const o = order[j]!;
      const a = start[o]!;
      const b = end[o]!;
      if (n > this.size && a <= this.to[n - 1]!) {
        if (b > this.to[n - 1]!) this.to[n - 1] = b;
      } else {
        this.from[n] = a;
        this.to[n] = b;
        n++;
      }
    }
    this.size = n;
    this.years += 1;
    this.offsets[this.years] = n;
  }

  private ensure(n: number): void {
    if (n <= this.from.length) return;
    let cap = this.from.length;
    while (cap < n) cap *= 2;
    const from = new Float64Array(cap);
    const to = new Float64Array(cap);
    from.set(this.from.subarray(0, this.size));
    to.set(this.to.subarray(0, this.size));
    this.from = from;
    this.to = to;
  }
}
