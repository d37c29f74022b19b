import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asRecord, describeValue, plural, quote, ratingLabel } from "../../src/common/text.js";

describe("shared words", () => {
  it("counts in singular and plural", () => {
    expect(plural(1, "vendor")).toBe("1 vendor");
    expect(plural(0, "vendor")).toBe("0 vendors");
    expect(plural(2, "query", "queries")).toBe("2 queries");
    expect(ratingLabel("moderate")).toBe("Moderate");
  });

  it("quotes untrusted text on one line, without invisible characters, cut with an ellipsis", () => {
    expect(quote("named approval")).toBe('"named approval"');
    expect(quote("a\nb\u202Ec\u0007")).toBe('"a bc"');
    expect(quote("x".repeat(100), 10)).toBe(`"${"x".repeat(9)}…"`);
  });

  it("never lets a quoted value run past its limit or over a line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.integer({ min: 2, max: 120 }), (s, max) => {
        const q = JSON.parse(quote(s, max)) as string;
        expect([...q].length).toBeLessThanOrEqual(max);
        expect(q).not.toMatch(/[\n\r\u202a-\u202e]/);
      }),
    );
  });

  it("describes values of any type briefly", () => {
    expect([undefined, null, 3, true, [1], { a: 1 }, "s"].map((v) => describeValue(v))).toEqual([
      "nothing",
      "null",
      "3",
      "true",
      "a list",
      "a mapping",
      '"s"',
    ]);
    expect(asRecord([1])).toEqual({});
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
  });
});
