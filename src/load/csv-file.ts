import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse, type CsvError } from "csv-parse";
import { describeFsError } from "./text-file.js";
import type { InputIssue } from "./input-issue.js";

export interface CsvRecord {
  /** Spreadsheet row: the header is row 1, so the first record is row 2. */
  row: number;
  /** 1-based line on which the record starts (differs from `row` after quoted line breaks). */
  line: number;
  values: Record<string, string>;
}

export interface CsvSource {
  file: string;
  /** Filled in when the stream has been read to its end. */
  sha256: string | undefined;
  bytes: number;
}

/**
 * Streams a CSV file record by record so that a million-row incident history never sits in memory at once.
 * Malformed records are reported (with their row) and skipped so the run can list every error; the caller decides
 * that any issue makes the input invalid. The file's SHA-256 is computed in the same pass.
 */
export async function* readCsv(
  path: string,
  source: CsvSource,
  requiredColumns: readonly string[],
  issues: InputIssue[],
): AsyncGenerator<CsvRecord> {
  const file = source.file;
  const sniff = await sniffEncoding(path);
  if (sniff) {
    issues.push({ file, message: sniff });
    return;
  }
  const hash: Hash = createHash("sha256");
  const input = createReadStream(path);
  input.on("data", (chunk) => {
    hash.update(chunk);
    source.bytes += chunk.length;
  });
  let headerOk = true;
  let recordsSeen = 0;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const missing = requiredColumns.filter((c) => !names.includes(c));
      const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
      if (missing.length > 0) {
        headerOk = false;
        issues.push({ file, row: 1, line: 1, message: `header lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; expected ${requiredColumns.join(",")}` });
      }
      if (duplicated.length > 0) {
        headerOk = false;
        issues.push({ file, row: 1, line: 1, message: `header repeats column ${[...new Set(duplicated)].join(", ")}` });
      }
      return names;
    },
    skip_empty_lines: true,
    info: true,
    // Records with the wrong number of fields are passed through and reported here with their row, instead of
    // being skipped by the parser (which would shift the row numbers of every record after them).
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) issues.push(csvErrorIssue(file, err));
      return undefined;
    },
  });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  let previousEnd = 1;
  let previousEmpty = 0;
  let previousInvalid = 0;
  let width = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number; empty_lines: number; invalid_field_length: number; columns: unknown } }>) {
      if (!headerOk) break;
      recordsSeen += 1;
      const { info } = item;
      // The record starts after the previous one ended and after any blank lines skipped in between.
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      const row = info.records + 1;
      const badLength = info.invalid_field_length > previousInvalid;
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      previousInvalid = info.invalid_field_length;
      if (width === 0 && Array.isArray(info.columns)) width = info.columns.length;
      if (badLength) {
        const got = Object.keys(item.record).length;
        const message = got < width ? `has ${got} fields; the header has ${width}` : `has more fields than the header's ${width}`;
        issues.push({ file, row, line, message: `malformed CSV: row ${message}` });
        continue;
      }
      yield { row, line, values: item.record };
    }
  } catch (err) {
    if ((err as CsvError).code?.startsWith("CSV_")) issues.push(csvErrorIssue(file, err as CsvError));
    else issues.push({ file, message: describeFsError(err) });
    input.destroy();
    return;
  } finally {
    if (!headerOk) input.destroy();
  }
  if (headerOk && recordsSeen === 0 && source.bytes === 0) issues.push({ file, message: "file is empty" });
  source.sha256 = hash.digest("hex");
}

function csvErrorIssue(file: string, err: CsvError): InputIssue {
  const lines = (err as unknown as { lines?: number }).lines;
  const records = (err as unknown as { records?: number }).records;
  const message = err.message.replace(/^Invalid (Record Length|Opening Quote|Closing Quote): /, "").replace(/^Quote Not Closed: /, "quote not closed: ");
  return {
    file,
    ...(records !== undefined ? { row: records + 2 } : {}),
    ...(lines !== undefined ? { line: lines } : {}),
    message: `malformed CSV: ${message}`,
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
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) return "file is empty";
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "file is UTF-16 encoded; save it as UTF-8";
    if (head.includes(0)) return "file contains NUL bytes: it is binary, not CSV";
    return undefined;
  } finally {
    await handle.close();
  }
}

export function newCsvSource(file: string): CsvSource {
  return { file, sha256: undefined, bytes: 0 };
}
