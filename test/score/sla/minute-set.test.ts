import { describe, expect, it } from "vitest";
import { MinuteSet } from "../../../src/score/sla/minute-set.js";

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
