import { createInflate, inflateSync } from "node:zlib";

/**
 * Limits on the work a PDF handed to `caution verify` can cause. A Flate stream can expand about 1,000-fold: a
 * 1.9 MB file can carry an attachment that unpacks to 1.5 GB. Every stream verify decodes is inflated with a cap,
 * and decoding stops as soon as the cap is passed, so memory stays at the cap whatever the stream claims.
 */
export const LIMITS = {
  /** The PDF file itself. A full report for a thousand providers is well under 100 MB. */
  pdfBytes: 512 * 1024 * 1024,
  /** One attachment, decoded. caution attaches the JSON result (about 100 KB per provider) and a small manifest. */
  attachmentBytes: 128 * 1024 * 1024,
  /** Everything verify decodes to read the pages' text (content streams, fonts), added up. */
  pageStreamBytes: 512 * 1024 * 1024,
} as const;

export const MiB = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** A stream decodes to more than the limit: the file is refused, not read further. */
export class InflateLimitError extends Error {
  override readonly name = "InflateLimitError";
}

/**
 * Inflates a FlateDecode stream, throwing InflateLimitError once the output passes `limit` bytes. zlib checks the
 * cap after each 16 KiB chunk, so a bomb costs at most `limit` bytes of memory and the time to produce them.
 */
export function inflateBounded(data: Uint8Array, limit: number, what: string): Uint8Array {
  try {
    return inflateSync(data, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new InflateLimitError(`${what} unpacks to more than ${MiB(limit)}, the limit`);
    throw new Error(`${what} is not valid Flate data (${(err as Error).message})`);
  }
}

/**
 * How many bytes a FlateDecode stream unpacks to, counted without keeping them (memory stays at one chunk). Stops
 * as soon as the count passes `limit` and returns it then; a damaged stream counts what inflated before the damage.
 */
export function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate();
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(total);
    };
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        finish();
      }
    });
    inflate.on("error", finish);
    inflate.on("end", finish);
    inflate.on("close", finish);
    inflate.end(data);
  });
}
