import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, lineOfOffset, Utf8Check } from "../../src/load/utf8.js";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("firstInvalidUtf8", () => {
  it("finds the first bad byte: Latin-1, overlong, surrogate, beyond U+10FFFF, a lone continuation", () => {
    expect(firstInvalidUtf8(Buffer.from("Zürich", "latin1"))).toBe(1);
    expect(firstInvalidUtf8(bytes(0x41, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0x41, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from("Zürich ✓ 𝄞", "utf8"))).toBe(-1);
  });

  it("treats a sequence cut by the end as an error, unless more may follow", () => {
    const cut = Buffer.from("ab✓", "utf8").subarray(0, 4);
    expect(firstInvalidUtf8(cut)).toBe(2);
    expect(firstInvalidUtf8(cut, true)).toBe(-1);
  });

  it("agrees with a strict TextDecoder on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b) === -1).toBe(valid);
      }),
    );
  });
});

describe("Utf8Check", () => {
  it("accepts UTF-8 split anywhere between chunks, and gives the file offset of the first bad byte", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (s, size) => {
        const all = Buffer.from(s, "utf8");
        const check = new Utf8Check();
        for (let i = 0; i < all.length; i += size) expect(check.push(all.subarray(i, i + size))).toBe(true);
        expect(check.end()).toBe(true);
      }),
    );
    const check = new Utf8Check();
    expect(check.push(Buffer.from("abc"))).toBe(true);
    expect(check.push(Buffer.from([0xe2, 0x9c]))).toBe(true);
    expect(check.push(Buffer.from([0x93, 0x41, 0xe9, 0x41]))).toBe(false);
    expect(check.invalidAt).toBe(7);
  });

  it("reports a stream that ends inside a character", () => {
    const check = new Utf8Check();
    check.push(Buffer.from([0x41, 0xe2, 0x9c]));
    expect(check.end()).toBe(false);
    expect(check.invalidAt).toBe(1);
  });
});

const valid = (b: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

describe("firstInvalidUtf8: as the answer-form reader uses it", () => {
  it("finds the byte Latin-1 and broken sequences put where UTF-8 cannot have them", () => {
    expect(firstInvalidUtf8(Buffer.from("ok, Zürich", "utf8"))).toBe(-1);
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
        expect(at === -1).toBe(valid(bytes));
        if (at !== -1) {
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
