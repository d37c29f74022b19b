import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, Utf8Check } from "../../src/load/utf8.js";

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
