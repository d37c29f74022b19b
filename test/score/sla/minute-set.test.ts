import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MinuteSet, SPARSE_LIMIT } from "../../../src/score/sla/minute-set.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const min = (m: number) => T0 + m * 60_000;

describe("MinuteSet", () => {
  it("counts the minutes an interval covers", () => {
    const s = new MinuteSet(T0, min(1000));
    s.add(min(10), min(70));
    expect(s.count(T0, min(1000))).toBe(60);
  });

  it("merges overlapping intervals instead of summing them", () => {
    const s = new MinuteSet(T0, min(1000));
    s.add(min(10), min(70)); // 60
    s.add(min(40), min(100)); // overlaps 30 of it: union 10..100 = 90
    s.add(min(95), min(96)); // inside
    expect(s.count(T0, min(1000))).toBe(90);
  });

  it("counts a minute with any downtime in it as down", () => {
    const s = new MinuteSet(T0, min(100));
    s.add(min(10) + 30_000, min(11) + 1_000); // 10:30 to 11:01 touches minutes 10 and 11
    expect(s.count(T0, min(100))).toBe(2);
  });

  it("clips intervals to the period", () => {
    const s = new MinuteSet(min(100), min(200));
    s.add(min(50), min(120)); // 20 inside
    s.add(min(190), min(300)); // 10 inside
    s.add(min(0), min(10)); // outside
    expect(s.count(min(100), min(200))).toBe(30);
  });

  it("counts within a sub-range across 32-minute word boundaries", () => {
    const s = new MinuteSet(T0, min(500));
    s.add(min(0), min(500));
    expect(s.count(min(31), min(97))).toBe(66);
    expect(s.count(min(64), min(96))).toBe(32);
    expect(s.count(min(5), min(6))).toBe(1);
  });

  it("ignores empty and reversed intervals", () => {
    const s = new MinuteSet(T0, min(100));
    s.add(min(50), min(50));
    s.add(min(60), min(40));
    expect(s.count(T0, min(100))).toBe(0);
  });
});

describe("MinuteSet: the sparse and the dense form agree", () => {
  /** A reference: one boolean a minute. */
  function reference(minutes: number, adds: [number, number][]): boolean[] {
    const down = new Array<boolean>(minutes).fill(false);
    for (const [a, b] of adds) for (let m = Math.max(0, a); m < Math.min(minutes, b); m++) down[m] = true;
    return down;
  }

  it("counts and lists runs as one bit a minute would, before and after turning dense", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 3000 }), fc.integer({ min: 0, max: 120 })), { maxLength: 700 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (raw, x, y) => {
          const adds = raw.map(([a, len]) => [a, a + len] as [number, number]);
          const s = new MinuteSet(T0, min(3000));
          for (const [a, b] of adds) s.add(min(a), min(b));
          const down = reference(3000, adds);
          const [from, to] = x <= y ? [x, y] : [y, x];
          expect(s.count(min(from), min(to))).toBe(down.slice(from, to).filter(Boolean).length);
          const runs: [number, number][] = [];
          s.runs(min(from), min(to), (a, b) => runs.push([(a - T0) / 60_000, (b - T0) / 60_000]));
          const expected: [number, number][] = [];
          for (let m = from; m < to; m++) {
            if (!down[m]) continue;
            if (expected.length > 0 && expected.at(-1)![1] === m) expected.at(-1)![1] = m + 1;
            else expected.push([m, m + 1]);
          }
          expect(runs).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`stays a short list for a few outages and turns dense past ${SPARSE_LIMIT} separate runs`, () => {
    const s = new MinuteSet(T0, min(10_000));
    for (let k = 0; k < SPARSE_LIMIT; k++) s.add(min(3 * k), min(3 * k + 1));
    expect(s.dense).toBe(false);
    s.add(min(9_000), min(9_001));
    expect(s.dense).toBe(true);
    expect(s.count(T0, min(10_000))).toBe(SPARSE_LIMIT + 1);
  });
});
