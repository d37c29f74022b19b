import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import { PDFDocument, PDFHexString, PDFName, PDFRawStream } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "../../src/archive/attach.js";
import { inflateBounded, inflatedSize, InflateLimitError, LIMITS } from "../../src/archive/inflate.js";
import { RESULT_ATTACHMENT } from "../../src/archive/names.js";
import { verifyPdf, VerifyArgumentError } from "../../src/archive/verify.js";
import { CLI, tempDir } from "../support/cli.js";
import { simplePdf } from "./fixture.js";

const MB = 1024 * 1024;

/**
 * A zlib stream of `megabytes` MiB of zeros, about 1 KB per MiB: one byte-aligned deflate block for 1 MiB of zeros
 * repeated, a final empty block, and the Adler-32 of the zeros (a = 1, b = n mod 65521).
 */
function zeroBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((megabytes * MB) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(megabytes).fill(block),
    deflateRawSync(Buffer.alloc(0)),
    adler,
  ]);
}

/** A PDF whose caution-result.json attachment is `bomb`, stored as a FlateDecode stream. */
async function pdfWithAttachment(bomb: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await simplePdf("bomb"), { updateMetadata: false });
  const ctx = doc.context;
  const file = ctx.register(PDFRawStream.of(ctx.obj({ Type: "EmbeddedFile", Filter: "FlateDecode" }), bomb));
  const name = PDFHexString.fromText(RESULT_ATTACHMENT);
  const spec = ctx.register(ctx.obj({ Type: "Filespec", F: name, UF: name, EF: { F: file } }));
  doc.catalog.set(PDFName.of("Names"), ctx.obj({ EmbeddedFiles: ctx.obj({ Names: [name, spec] }) }));
  return doc.save({ useObjectStreams: false });
}

describe("inflating what a PDF carries is bounded", () => {
  let bomb: Buffer;
  let pdfPath: string;
  let pdfBytes: Uint8Array;
  beforeAll(async () => {
    bomb = zeroBomb(1536);
    pdfBytes = await pdfWithAttachment(bomb);
    pdfPath = join(tempDir("caution-bomb-"), "bomb.pdf");
    writeFileSync(pdfPath, pdfBytes);
  });

  it("builds the attack as described: a PDF under 2 MB whose attachment unpacks to 1.5 GiB", async () => {
    expect(pdfBytes.length).toBeGreaterThan(1_000_000);
    expect(pdfBytes.length).toBeLessThan(2_000_000);
    // The bomb is 1,536 copies of the block that unpacks to 1 MiB: the whole stream is checked on a short one.
    const short = zeroBomb(16);
    expect(await inflatedSize(short, 64 * MB)).toBe(16 * MB);
    const block = (short.length - 8) / 16; // header 2, final block 2, Adler-32 4
    expect(bomb.length).toBe(8 + 1536 * block);
    expect(await inflatedSize(bomb, 64 * MB)).toBeGreaterThan(64 * MB);
  });

  it("stops inflating at the cap", () => {
    expect(() => inflateBounded(bomb, 8 * MB, "the test stream")).toThrow(
      new InflateLimitError("the test stream unpacks to more than 8 MiB, the limit"),
    );
    expect(Buffer.from(inflateBounded(zeroBomb(2), 8 * MB, "x")).equals(Buffer.alloc(2 * MB))).toBe(true);
    expect(() => inflateBounded(Buffer.from("not zlib"), MB, "the junk")).toThrow(/^the junk is not valid Flate data/);
  });

  it("refuses the PDF in readArchive and verifyPdf, naming the attachment and the limit", async () => {
    await expect(readArchive(pdfBytes)).rejects.toThrow(InflateLimitError);
    const refused = verifyPdf(pdfPath, { sidecar: false });
    await expect(refused).rejects.toThrow(VerifyArgumentError);
    await expect(refused).rejects.toThrow(
      `${pdfPath}: the attachment caution-result.json unpacks to more than ${LIMITS.attachmentBytes / MB} MiB, the limit; caution never writes one that large, so the file is refused unread`,
    );
  });

  it("ends `caution verify` with exit 2 within seconds and a bounded peak memory", () => {
    const dir = tempDir("caution-bomb-rss-");
    const preload = join(dir, "rss.mjs");
    writeFileSync(
      preload,
      `process.on("exit", () => process.stderr.write("peak-rss-kb " + process.resourceUsage().maxRSS + "\\n"));\n`,
    );
    const started = Date.now();
    const r = spawnSync(process.execPath, ["--import", preload, CLI, "verify", pdfPath, "--no-sidecar"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/caution-result\.json unpacks to more than 128 MiB, the limit/);
    const peakMb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]) / 1024;
    // The figures, for the record (the issue measured 1.5 GB before this limit).
    console.log(
      `verify on a ${(pdfBytes.length / MB).toFixed(1)} MiB bomb: ${seconds.toFixed(2)} s, peak RSS ${peakMb.toFixed(0)} MiB`,
    );
    expect(peakMb).toBeGreaterThan(0);
    expect(peakMb).toBeLessThan(400);
    expect(seconds).toBeLessThan(15);
  });
});
