import { inflateRawSync } from "node:zlib";
import yauzl from "yauzl";
import { InputError } from "../load/input-issue.js";
import { XLSX_LIMITS, bytes, count } from "./xlsx-limits.js";

/**
 * The zip container of a workbook, read with bounds. yauzl reads the central directory (the authoritative list of
 * entries, zip64 included); each part caution needs is inflated on its own, at most `partBytes`, and only after its
 * declared size passed the limits. Parts caution does not need (images, hidden sheets, sheets the workbook does not
 * list) are never inflated.
 */
export interface XlsxPackage {
  /** The file as messages name it. */
  file: string;
  /** Part names as stored (without a leading slash). */
  names(): string[];
  /** The stored name of a part, matched without regard to case (OPC part names are case-insensitive). */
  find(name: string): string | undefined;
  /** A part's bytes, inflated within the limits. */
  read(name: string): Buffer;
}

const SIGNATURES = { zip: [0x50, 0x4b], ole: [0xd0, 0xcf, 0x11, 0xe0] } as const;

export async function openXlsx(data: Buffer, file: string): Promise<XlsxPackage> {
  const fail = (message: string) => new InputError([{ file, message }]);
  const starts = (sig: readonly number[]) => sig.every((b, i) => data[i] === b);
  if (starts(SIGNATURES.ole))
    throw fail(
      "is a password-protected workbook or an old .xls file, not an .xlsx workbook; remove the password (File > Info > Protect Workbook) or save it as Excel Workbook (.xlsx)",
    );
  if (!starts(SIGNATURES.zip))
    throw fail("is not an .xlsx workbook (not a zip archive); save it as Excel Workbook (.xlsx)");

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
  } catch {
    throw fail("is damaged: its zip directory cannot be read; save the workbook again as Excel Workbook (.xlsx)");
  }
  const entries = new Map<string, yauzl.Entry>();
  const lower = new Map<string, string>();
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entries.size >= XLSX_LIMITS.entries) {
          zip.close();
          reject(fail(`holds more than ${count(XLSX_LIMITS.entries)} zip entries; a questionnaire form has about 20`));
          return;
        }
        const name = entry.fileName;
        if (!name.endsWith("/")) {
          const key = name.toLowerCase();
          if (lower.has(key)) {
            zip.close();
            reject(fail(`is damaged: the zip archive holds the part ${name} twice; save the workbook again`));
            return;
          }
          entries.set(name, entry);
          lower.set(key, name);
          declared += entry.uncompressedSize;
        }
        zip.readEntry();
      });
      zip.on("end", () => resolve());
      zip.on("error", () =>
        reject(fail("is damaged: an entry of its zip directory is invalid; save the workbook again as .xlsx")),
      );
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (declared > XLSX_LIMITS.totalBytes)
    throw fail(
      `unpacks to ${bytes(declared)} (zip directory); the limit is ${bytes(XLSX_LIMITS.totalBytes)} for a whole workbook: a questionnaire form unpacks to well under 1 MiB`,
    );
  sniffOtherFormats(entries, data, fail);

  let inflated = 0;
  return {
    file,
    names: () => [...entries.keys()],
    find: (name) => lower.get(name.replace(/^\/+/, "").toLowerCase()),
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw fail(`lacks the part ${name}; save the workbook again as Excel Workbook (.xlsx)`);
      const where = `part ${name}`;
      if (entry.isEncrypted()) throw fail(`${where} is encrypted; remove the password and save the workbook again`);
      if (entry.uncompressedSize > XLSX_LIMITS.partBytes)
        throw fail(
          `${where} unpacks to ${bytes(entry.uncompressedSize)} (zip directory); the limit is ${bytes(XLSX_LIMITS.partBytes)} per part`,
        );
      const out = inflateEntry(data, entry, where, fail);
      inflated += out.length;
      if (inflated > XLSX_LIMITS.totalBytes)
        throw fail(`the parts read unpack to more than ${bytes(XLSX_LIMITS.totalBytes)} together`);
      return out;
    },
  };
}

/** Inflates one entry from the file's bytes, never past the part limit, whatever the directory says. */
function inflateEntry(data: Buffer, entry: yauzl.Entry, where: string, fail: (m: string) => InputError): Buffer {
  const header = entry.relativeOffsetOfLocalHeader;
  // Local file header: signature, then name and extra-field lengths at offsets 26 and 28; the data follows them.
  if (header + 30 > data.length || data.readUInt32LE(header) !== 0x04034b50)
    throw fail(`${where} is damaged (its local header is missing); save the workbook again as .xlsx`);
  const start = header + 30 + data.readUInt16LE(header + 26) + data.readUInt16LE(header + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw fail(`${where} is damaged (the file is cut short); save the workbook again as .xlsx`);
  const raw = data.subarray(start, end);
  let out: Buffer;
  if (entry.compressionMethod === 0) out = Buffer.from(raw);
  else if (entry.compressionMethod === 8) {
    try {
      out = inflateRawSync(raw, { maxOutputLength: XLSX_LIMITS.partBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        throw fail(
          `${where} unpacks to more than ${bytes(XLSX_LIMITS.partBytes)}, the limit per part (its zip directory claims ${bytes(entry.uncompressedSize)})`,
        );
      throw fail(`${where} is damaged (its compressed data is invalid); save the workbook again as .xlsx`);
    }
  } else {
    throw fail(`${where} uses zip compression method ${entry.compressionMethod}; save the workbook again as .xlsx`);
  }
  if (out.length !== entry.uncompressedSize)
    throw fail(
      `${where} is damaged: it unpacks to ${bytes(out.length)}, its zip directory says ${bytes(entry.uncompressedSize)}`,
    );
  return out;
}

/** Other spreadsheet formats are zip archives too: name them, so the vendor knows which "Save as" to use. */
function sniffOtherFormats(entries: Map<string, yauzl.Entry>, data: Buffer, fail: (m: string) => InputError): void {
  const mimetype = entries.get("mimetype");
  if (mimetype && mimetype.compressionMethod === 0 && mimetype.uncompressedSize < 100) {
    const header = mimetype.relativeOffsetOfLocalHeader;
    const start = header + 30 + data.readUInt16LE(header + 26) + data.readUInt16LE(header + 28);
    const type = data.subarray(start, start + mimetype.uncompressedSize).toString("latin1");
    if (type.startsWith("application/vnd.oasis.opendocument"))
      throw fail(
        "is an OpenDocument file (.ods), not an .xlsx workbook; in LibreOffice use File > Save As > Excel 2007-365 (.xlsx)",
      );
  }
  if ([...entries.keys()].some((n) => n.startsWith("Index/") && n.endsWith(".iwa")))
    throw fail("is an Apple Numbers file, not an .xlsx workbook; in Numbers use File > Export To > Excel");
}
