import { describe, expect, it } from "vitest";
import { mergeIntervals, totalMinutes, type Interval } from "../../src/score/intervals.js";

const M = 60_000; // one minute in ms
const iv = (startMin: number, endMin: number): Interval => ({ start: startMin * M, end: endMin * M });

describe("mergeIntervals", () => {
  it("returns nothing for nothing", () => {
    expect(mergeIntervals([])).toEqual([]);
  });

  it("merges overlapping intervals: [0,10) + [5,15) -> [0,15)", () => {
    expect(mergeIntervals([iv(0, 10), iv(5, 15)])).toEqual([iv(0, 15)]);
  });

  it("merges touching intervals: [0,10) + [10,20) -> [0,20)", () => {
    expect(mergeIntervals([iv(0, 10), iv(10, 20)])).toEqual([iv(0, 20)]);
  });

  it("keeps disjoint intervals apart: [0,10) + [11,20)", () => {
    expect(mergeIntervals([iv(0, 10), iv(11, 20)])).toEqual([iv(0, 10), iv(11, 20)]);
  });

  it("swallows a nested interval: [0,30) + [5,10) -> [0,30)", () => {
    expect(mergeIntervals([iv(0, 30), iv(5, 10)])).toEqual([iv(0, 30)]);
  });

  it("sorts unsorted input before merging", () => {
    expect(mergeIntervals([iv(50, 60), iv(0, 10), iv(55, 70), iv(5, 12)])).toEqual([iv(0, 12), iv(50, 70)]);
  });

  it("drops zero-length and reversed intervals", () => {
    expect(mergeIntervals([iv(5, 5), iv(20, 10), iv(30, 40)])).toEqual([iv(30, 40)]);
  });

  it("merges a chain where only the running end overlaps: [0,10) [2,4) [9,12)", () => {
    expect(mergeIntervals([iv(0, 10), iv(2, 4), iv(9, 12)])).toEqual([iv(0, 12)]);
  });

  it("does not modify its input", () => {
    const input = [iv(0, 10), iv(5, 15)];
    mergeIntervals(input);
    expect(input).toEqual([iv(0, 10), iv(5, 15)]);
  });
});

describe("totalMinutes", () => {
  it("sums interval lengths in minutes: 10 + 15 = 25", () => {
    expect(totalMinutes([iv(0, 10), iv(20, 35)])).toBe(25);
  });

  it("is 0 for no intervals", () => {
    expect(totalMinutes([])).toBe(0);
  });

  it("counts overlapping minutes once after merging: [0,60) + [30,90) -> 90, not 120", () => {
    expect(totalMinutes(mergeIntervals([iv(0, 60), iv(30, 90)]))).toBe(90);
  });
});
