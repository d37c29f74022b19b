import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, lineOfOffset } from "../../src/questionnaire-io/utf8.js";

const valid = (b: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

describe("firstInvalidUtf8", () => {
  it("finds the byte Latin-1 and broken sequences put where UTF-8 cannot have them", () => {
    expect(firstInvalidUtf8(Buffer.from("ok, Zürich", "utf8"))).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from("ok, Zürich", "latin1"))).toBe(5);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1); // cut short
  });

  it("agrees with a strict decoder on any bytes, and everything before the offset is valid", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: "grapheme" }), (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text, "utf8"), noise]);
        const at = firstInvalidUtf8(bytes);
        expect(at === undefined).toBe(valid(bytes));
        if (at !== undefined) {
          expect(valid(bytes.subarray(0, at))).toBe(true);
          expect(at).toBeGreaterThanOrEqual(Buffer.byteLength(text, "utf8"));
        }
      }),
    );
  });

  it("says on which line and column an offset stands", () => {
    expect(lineOfOffset(Buffer.from("ab\ncd\nef"), 4)).toEqual({ line: 2, column: 2 });
    expect(lineOfOffset(Buffer.from("ab"), 0)).toEqual({ line: 1, column: 1 });
  });
});
