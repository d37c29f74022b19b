import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundTo } from "../../src/score/round.js";

describe("roundTo", () => {
  it("rounds half away from zero where binary arithmetic would not", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(48.75, 1)).toBe(48.8);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.345, 0)).toBe(2);
  });

  it("handles numbers JavaScript writes in exponent form", () => {
    expect(roundTo(1e20, 2)).toBe(1e20);
    expect(roundTo(1.5e21, 2)).toBe(1.5e21);
    expect(roundTo(1e-7, 2)).toBe(0);
    expect(roundTo(1e-7, 9)).toBe(1e-7);
    expect(roundTo(5e-7, 6)).toBe(0.000001);
    expect(roundTo(0.000001, 2)).toBe(0);
    expect(roundTo(Number.MAX_VALUE, 2)).toBe(Number.MAX_VALUE);
    expect(roundTo(-1e-300, 2)).toBe(0);
    expect(Object.is(roundTo(-1e-300, 2), 0)).toBe(true);
  });

  it("leaves a number alone where a double has no digit at that place", () => {
    // Found by the property below: shifting 13661205613212.564 six places passes 2^53, where Math.round moved it.
    expect(roundTo(13661205613212.564, 6)).toBe(13661205613212.564);
    expect(roundTo(92570763382055.47, 5)).toBe(92570763382055.47);
  });

  it("is finite, within half a unit of the last place, and idempotent for every finite double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 9 }), (x, d) => {
        const r = roundTo(x, d);
        expect(Number.isFinite(r)).toBe(true);
        // Half a unit of the last kept place, plus the binary error of x's own magnitude.
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(x) * 1e-15);
        expect(roundTo(r, d)).toBe(r);
      }),
      { numRuns: 2000 },
    );
  });
});
