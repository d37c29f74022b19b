/**
 * What one workbook may make `caution answers import` do. A filled form is about 30 KB zipped and 150 KB unzipped;
 * every limit leaves a wide margin above that and stops a hostile file (a zip bomb, a million hidden rows) before
 * the expensive step: sizes are checked from the zip directory before anything is inflated and enforced again while
 * inflating (the directory may lie); counts are enforced while parsing, which stops at the first excess.
 *
 * docs/vendor-round-trip.md states these figures; change both together.
 */
export const XLSX_LIMITS = {
  /** The file itself, as stored on disk. */
  fileBytes: 10 * 1024 * 1024,
  /** Entries in the zip directory (a form has about 20). */
  entries: 2_000,
  /** Uncompressed bytes of one part caution reads (the Answers sheet, the shared strings, ...). */
  partBytes: 16 * 1024 * 1024,
  /** Uncompressed bytes of all entries together as the directory declares them, and of the parts actually read. */
  totalBytes: 64 * 1024 * 1024,
  /** Rows below the header that may hold values on the Answers sheet (the questionnaire has dozens of questions). */
  rows: 5_000,
  /** Columns a value may stand in (the form has about 20). */
  columns: 256,
  /** Entries of the shared-strings table. */
  sharedStrings: 100_000,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Rows of the Instructions sheet that are read (its labels stand in the first dozen). */
  instructionRows: 60,
} as const;

/** Bytes as people read them in a message: "16 MiB", "340,000,000 bytes". */
export function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  return `${n.toLocaleString("en-US")} bytes`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}
