import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, type CsvError } from "csv-parse";
import { describeFsError } from "../common/fs-errors.js";
import type { InputIssue } from "./input-issue.js";
import { plural } from "../common/text.js";
import { Utf8Check } from "./utf8.js";

/** Bytes csv-parse is given at once: bounds the work after the caller stops it (see the reading below). */
const PARSE_PIECE = 16 * 1024;

/**
 * Limits. Records stream through in constant memory, so the file-size limit only bounds the time a run may take
 * (about 80 s for 2 GiB at csv-parse's 25-30 MB/s); the record limit bounds memory, since a record is held whole
 * while it is parsed: a quote that is never closed would otherwise pull the rest of the file into one field.
 */
export const MAX_CSV_BYTES = 2 * 1024 * 1024 * 1024;
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;

export interface CsvRecord {
  /** Spreadsheet row: the header is row 1, so the first record is row 2. */
  row: number;
  /** 1-based line on which the record starts (differs from `row` after quoted line breaks or blank lines). */
  line: number;
  /** Fields in header order. */
  fields: readonly string[];
}

export interface CsvHeader {
  names: readonly string[];
  /** Column name -> field index. */
  index: ReadonlyMap<string, number>;
}

export interface CsvSource {
  file: string;
  /** Filled in when the file has been read to its end. */
  sha256: string | undefined;
  bytes: number;
}

/**
 * Where readCsv reports problems as it meets them. An array will do; a caller that reads untrusted files passes a
 * bounded one (validate/incidents.ts keeps 200 per file and counts the rest), so a file of a million malformed rows
 * costs no memory.
 */
export interface IssueSink {
  push(issue: InputIssue): unknown;
  /** True once the caller has seen enough: the rest of the file is not read. */
  full?(): boolean;
}

export function newCsvSource(file: string): CsvSource {
  return { file, sha256: undefined, bytes: 0 };
}

/** The record as an object keyed by column name (missing fields as ""), for code that prefers names. */
export function recordValues(record: CsvRecord, header: CsvHeader): Record<string, string> {
  const out: Record<string, string> = {};
  header.names.forEach((name, i) => (out[name] = record.fields[i] ?? ""));
  return out;
}

/**
 * Streams a CSV file and hands each record to `onRecord` synchronously, as the parser produces it: no record is
 * buffered, so a million-row incident history never sits in memory, and no promise is made per record. Malformed
 * records are reported with their row and skipped so a run lists every error; the file's SHA-256 is computed in
 * the same pass.
 */
export async function readCsv(
  path: string,
  source: CsvSource,
  requiredColumns: readonly string[],
  issues: IssueSink,
  onRecord: (record: CsvRecord, header: CsvHeader) => void,
): Promise<void> {
  const file = source.file;
  const sniff = await sniffEncoding(path);
  if (sniff) {
    issues.push({ file, message: sniff });
    return;
  }
  const hash = createHash("sha256");
  let header: CsvHeader | undefined;
  let headerOk = true;
  let previousEnd = 1;
  let previousEmpty = 0;
  let handlerError: unknown;
  let tooLong = false;
  let lastSkipped: number | undefined;
  // Set when the caller's issue list is full: parsing stops there.
  let stopped = false;
  const stopIfFull = () => {
    if (!stopped && issues.full?.()) {
      stopped = true;
      parser.destroy();
    }
  };
  // Byte offset of the first NUL past the sniffed head, once the byte scan of the chunks has met one.
  let nulAt: number | undefined;
  let nulReported = false;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_CHARS,
    // Records with the wrong number of fields are passed through and reported here with their row, instead of
    // being skipped by the parser (which would shift the row numbers of every record after them).
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err?.code === "CSV_MAX_RECORD_SIZE") {
        // The parser cannot resume inside an over-long record: report it once and stop reading the file.
        if (!tooLong) issues.push(recordTooLong(file, err, previousEnd + 1));
        tooLong = true;
        parser.destroy();
        return undefined;
      }
      // One malformed record can trip the parser more than once (a stray quote per field): report it once.
      const records = (err as unknown as { records?: number } | undefined)?.records;
      if (err && (records === undefined || records !== lastSkipped)) issues.push(csvErrorIssue(file, err, header));
      lastSkipped = records;
      stopIfFull();
      return undefined;
    },
  });
  // A flowing stream emits each record synchronously while the parser is at it, so the parser's live counters
  // describe this record (no per-record snapshot is allocated, which costs as much as the parse).
  parser.on("data", (fields: string[]) => {
    if (!headerOk || stopped) return;
    const info = parser.info;
    if (!header) {
      header = checkHeader(fields, requiredColumns, file, issues);
      if (!header) headerOk = false;
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      return;
    }
    // The record starts after the previous one ended and after any blank lines skipped in between.
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    const row = info.records;
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (nulAt !== undefined && fields.some((f) => f.includes("\0"))) {
      // Binary or corrupted past the first 4 KiB: say where, and read no further (like the head check).
      issues.push({
        file,
        row,
        line,
        message:
          "contains a NUL byte: the file is binary or corrupted from here on, not CSV. The rest of the file was not read",
      });
      nulReported = true;
      parser.destroy();
      return;
    }
    if (fields.length !== header.names.length) {
      const message =
        fields.length < header.names.length
          ? `has ${plural(fields.length, "field")}; the header has ${header.names.length}`
          : `has more fields than the header's ${header.names.length}`;
      issues.push({ file, row, line, message: `malformed CSV: row ${message}` });
      stopIfFull();
      return;
    }
    try {
      onRecord({ row, line, fields }, header);
      stopIfFull();
    } catch (err) {
      // A failing handler is a bug, not bad input: stop reading and let it surface as it is.
      handlerError = err;
      parser.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  });
  // Read 64 KiB at a time, parse 16 KiB at a time. csv-parse parses a whole chunk before the caller can stop it, and
  // builds an Error for every row of the wrong length even when told to pass them on, so the piece it is given
  // bounds the work a hostile file causes after its caller has seen enough (a 64 KiB piece of one-character rows is
  // 32,000 Errors; 30M such rows peaked 60 MB higher). Reading in 16 KiB chunks too cost a quarter of the wall time
  // on valid files, spent idle between reads (300,000 rows: 4.3 s against 3.3 s).
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  const pieces = new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (let i = 0; i < chunk.length && !stopped; i += PARSE_PIECE) this.push(chunk.subarray(i, i + PARSE_PIECE));
      done();
    },
  });
  const utf8 = new Utf8Check();
  input.on("data", (chunk) => {
    hash.update(chunk);
    if (typeof chunk !== "string" && !utf8.push(chunk)) {
      // Read no further: csv-parse would turn the bad bytes into U+FFFD and carry them into the reports.
      input.destroy();
      parser.destroy();
      return;
    }
    // A byte scan (memchr) per chunk costs nothing next to parsing; only after a hit are records searched.
    if (nulAt === undefined && typeof chunk !== "string") {
      const at = chunk.indexOf(0);
      if (at >= 0) nulAt = source.bytes + at;
    }
    source.bytes += chunk.length;
  });
  const nulIssue = () => {
    if (nulAt !== undefined && !nulReported)
      issues.push({
        file,
        message: `contains a NUL byte at byte ${nulAt + 1}: the file is binary or corrupted, not CSV`,
      });
  };
  const notUtf8 = async () => {
    const at = utf8.invalidAt!;
    issues.push({ file, line: await lineAt(path, at), message: notUtf8Message(at) });
  };
  try {
    await pipeline(input, pieces, parser);
  } catch (err) {
    if (handlerError !== undefined) throw handlerError;
    if (utf8.invalidAt !== undefined) return void (await notUtf8());
    if (stopped) return;
    if (nulReported) return;
    nulIssue();
    if (tooLong) return;
    if ((err as CsvError).code?.startsWith("CSV_")) issues.push(csvErrorIssue(file, err as CsvError, header));
    else issues.push({ file, message: describeFsError(err) });
    return;
  }
  if (stopped) return;
  if (!utf8.end()) return void (await notUtf8());
  if (!header && headerOk) issues.push({ file, message: "file has no header row" });
  if (nulAt !== undefined) {
    nulIssue();
    return;
  }
  source.sha256 = hash.digest("hex");
}

function checkHeader(
  fields: string[],
  required: readonly string[],
  file: string,
  issues: IssueSink,
): CsvHeader | undefined {
  const names = fields.map((h) => h.trim());
  const missing = required.filter((c) => !names.includes(c));
  const duplicated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (missing.length > 0) {
    issues.push({
      file,
      row: 1,
      line: 1,
      message: `header lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; expected ${required.join(",")}`,
    });
  }
  if (duplicated.length > 0)
    issues.push({ file, row: 1, line: 1, message: `header repeats column ${duplicated.join(", ")}` });
  if (missing.length > 0 || duplicated.length > 0) return undefined;
  return { names, index: new Map(names.map((n, i) => [n, i])) };
}

function csvErrorIssue(file: string, err: CsvError, header: CsvHeader | undefined): InputIssue {
  const info = err as unknown as { lines?: number; records?: number; column?: number | string };
  const column = typeof info.column === "number" ? header?.names[info.column] : undefined;
  const where = `${column === undefined ? "a field" : `field "${column}"`}${info.lines === undefined ? "" : ` at line ${info.lines}`}`;
  const doubled = 'put the whole value in quotes and write each quote inside it twice ("")';
  // caution's own words for each csv-parse error: the parser's messages name its options and internals.
  let message: string;
  switch (err.code as string) {
    case "CSV_QUOTE_NOT_CLOSED":
      message = `a quoted value is never closed (the file ends inside it${info.lines === undefined ? "" : `, at line ${info.lines}`}); close the quote, or ${doubled}`;
      break;
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      message = `${where} has a quote after other text; ${doubled}`;
      break;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      message = `${where} has text after its closing quote; ${doubled}`;
      break;
    default:
      message = `not readable as CSV ${info.lines === undefined ? "here" : `at line ${info.lines}`}`;
  }
  return {
    file,
    ...(info.records !== undefined ? { row: info.records + 1 } : {}),
    ...(info.lines !== undefined ? { line: info.lines } : {}),
    message: `malformed CSV: ${message}`,
  };
}

function recordTooLong(file: string, err: CsvError, line: number): InputIssue {
  const records = (err as unknown as { records?: number }).records;
  return {
    file,
    ...(records !== undefined ? { row: records + 1 } : {}),
    // Where the record starts (the parser's own line is where it gave up, possibly far below).
    line,
    message: `malformed CSV: the record starting here is longer than ${MAX_CSV_RECORD_CHARS} characters (1 MiB), the limit for one row; look for a quote that is never closed. The rest of the file was not read`,
  };
}

/** Looks at the first bytes only, so the check costs nothing on large files. */
async function sniffEncoding(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    return describeFsError(err);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return "is a folder, not a file";
    if (stat.size > MAX_CSV_BYTES)
      return `file is ${stat.size} bytes; the limit is ${MAX_CSV_BYTES} bytes (2 GiB): split it into several files under incidents/`;
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) return "file is empty";
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
      return "file is UTF-16 encoded; save it as UTF-8";
    if (head.includes(0)) return "file contains NUL bytes: it is binary, not CSV";
    return undefined;
  } finally {
    await handle.close();
  }
}

/** The 1-based line holding byte `offset`: counted again from the start, only when a file is refused. */
async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of createReadStream(path, { end: offset - 1 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) line += 1;
  }
  return line;
}

function notUtf8Message(offset: number): string {
  return `is not valid UTF-8: byte ${offset + 1} cannot start or continue a UTF-8 character (the file may be Latin-1 or Windows-1252); save it as UTF-8 and run again. The rest of the file was not read`;
}
