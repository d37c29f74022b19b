import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFeed } from "../../src/import/feed-text.js";
import { firstInvalidUtf8 } from "../../src/load/utf8.js";
import { inputIssues } from "./support.js";

const decode = (bytes: Buffer | Uint8Array, max?: number) => decodeFeed(bytes, "feed.json", max).text;

describe("decodeFeed", () => {
  it("reads UTF-8 with or without BOM, UTF-16 either way with BOM or without, and gzip of any of them", () => {
    const text = '[{"title":"Zürich – 東京 😀"}]';
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const bytes of [
      Buffer.from(text),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      le,
      be,
      gzipSync(Buffer.concat([Buffer.from([0xfe, 0xff]), be])),
    ])
      expect(decode(bytes)).toBe(text);
    expect(decodeFeed(gzipSync(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), "f").encoding).toBe("gzip, UTF-16BE");
  });

  it("names the first invalid UTF-8 byte by offset and line (a Latin-1 file)", () => {
    const latin1 = Buffer.from('[\n{"title":"Z\xfcrich"}]', "latin1");
    expect(inputIssues(() => decode(latin1))).toEqual([
      {
        file: "feed.json",
        line: 2,
        message: "is not valid UTF-8: byte 14 (0xFC) starts no valid UTF-8 sequence; save the feed as UTF-8",
      },
    ]);
  });

  it("refuses empty input, NUL bytes, broken UTF-16 and gzip bombs", () => {
    expect(inputIssues(() => decode(Buffer.alloc(0)))[0]!.message).toBe("is empty");
    expect(inputIssues(() => decode(Buffer.from("[1,\n\0]")))).toEqual([
      {
        file: "feed.json",
        line: 2,
        message: "contains a NUL byte at byte 5: the file is binary or corrupted, not text",
      },
    ]);
    expect(inputIssues(() => decode(Buffer.from([0xff, 0xfe, 0x5b, 0x00, 0x00, 0xd8, 0x5d, 0x00])))[0]!.message).toBe(
      "is not valid UTF-16: an unpaired surrogate at byte 5",
    );
    expect(inputIssues(() => decode(Buffer.from([0xff, 0xfe, 0x5b])))[0]!.message).toBe(
      "is UTF-16 with an odd number of bytes: the file is cut short or not UTF-16",
    );
    // 64 MiB of zeros pack into ~64 KiB; unpacking stops at the limit instead of filling memory.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(inputIssues(() => decode(bomb, 1024 * 1024))[0]!.message).toBe(
      "is gzip that unpacks to more than 1048576 bytes, the limit for a feed",
    );
    expect(inputIssues(() => decode(Buffer.from([0x1f, 0x8b, 1, 2, 3])))[0]!.message).toMatch(
      /^is gzip but cannot be unpacked/,
    );
  });
});

describe("firstInvalidUtf8", () => {
  it("agrees with Node's strict decoder on every byte string", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });

  it("points at the lead byte of overlongs, surrogates, out-of-range and cut-short sequences", () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from("ok é 😀"))).toBe(-1);
  });
});
