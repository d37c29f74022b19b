/**
 * Keeps the `limit` items that sort first by `before` (e.g. the most recent incidents), whatever order they arrive
 * in, in O(limit) memory and O(log limit) per item: a bounded heap whose root is the item that would go first.
 */
export class BoundedTop<T> {
  private readonly heap: T[] = [];
  constructor(
    private readonly limit: number,
    /** True when `a` ranks ahead of `b` (should be kept over it). */
    private readonly before: (a: T, b: T) => boolean,
  ) {}

  add(item: T): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push(item);
      this.up(h.length - 1);
    } else if (h.length > 0 && this.before(item, h[0]!)) {
      h[0] = item;
      this.down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  // The root is the worst kept item, so a newcomer only has to beat it.
  private worse(a: T, b: T): boolean {
    return this.before(b, a);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
