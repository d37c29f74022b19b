import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnLetter, csvCell, neutralise, unneutralise, xmlSafe } from "../../src/questionnaire-io/cells.js";

const FORMULA_START = /^[=+\-@\t\r\n]/;

describe("formula injection: neutralise and unneutralise", () => {
  it("prefixes a value that starts with =, +, -, @, tab, CR or LF with one apostrophe", () => {
    for (const v of [
      "=1+1",
      "+SUM(A1)",
      "-2",
      "@cmd",
      "\tx",
      "\rx",
      "\nx",
      '=HYPERLINK("https://evil.example","click")',
    ]) {
      expect(neutralise(v)).toBe(`'${v}`);
    }
    for (const v of ["yes", "1-2", "a=b", "'quoted", "", " =x"]) expect(neutralise(v)).toBe(v);
  });

  it("strips exactly one apostrophe that caution added, and no other", () => {
    expect(unneutralise("'=1+1")).toBe("=1+1");
    expect(unneutralise("''=1+1")).toBe("'=1+1");
    expect(unneutralise("'hello")).toBe("'hello");
    expect(unneutralise("'")).toBe("'");
    expect(unneutralise("=1+1")).toBe("=1+1");
  });

  it("round-trips every string, and what it writes never starts a formula", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "'", "\t", "\r", "\n", "a", " ", ",") }),
        (v) => {
          const out = neutralise(v);
          expect(FORMULA_START.test(out)).toBe(false);
          expect(unneutralise(out)).toBe(v);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string(), (v) => unneutralise(neutralise(v)) === v));
  });

  it("quotes CSV cells after neutralising them", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell("two\nlines")).toBe(`"two\nlines"`);
    expect(csvCell("\nlead")).toBe(`"'\nlead"`);
    expect(csvCell("plain")).toBe("plain");
  });

  it("drops characters XML cannot hold and names columns like a spreadsheet", () => {
    expect(xmlSafe("a\u0000b\u0008c\td\ne\u000bf\ufffe")).toBe("abc\td\nef");
    expect([1, 4, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(["A", "D", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});
