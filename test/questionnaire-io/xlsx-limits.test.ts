import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatIssue, InputError } from "../../src/load/input-issue.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { readSheet } from "../../src/questionnaire-io/read-sheet.js";
import { XLSX_LIMITS } from "../../src/questionnaire-io/xlsx-limits.js";
import { tempDir } from "../support/cli.js";
import { failure, runImport } from "./support.js";
import { writeFixtureXlsx, type FixtureSheet, type FixtureValue } from "./xlsx-fixture.js";
import { patchDeclaredSize, zipParts } from "./zip-patch.js";

/** Every message a test below saw, checked at the end for library internals. */
const seen: string[] = [];

function save(bytes: Uint8Array, name = "form.xlsx"): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** A minimal form: the header, then the given rows of the Answers sheet. */
function form(rows: (FixtureValue | undefined)[][] = [], extra: FixtureSheet[] = []): Uint8Array {
  return writeFixtureXlsx(
    [{ name: "Answers", rows: [["ID", "Question", "Allowed answers", "Answer"], ...rows] }, ...extra],
    { strings: "shared" },
  );
}

/** The problems reading `bytes` gives, as printed, with the temporary path shown as form.xlsx. */
async function problems(bytes: Uint8Array): Promise<string[]> {
  const path = save(bytes);
  const err = await failure(readSheet(path));
  expect(err).toBeInstanceOf(InputError);
  const lines = (err as InputError).issues.map((i) => formatIssue(i).split(path).join("form.xlsx"));
  seen.push(...lines);
  return lines;
}

function replacePart(zip: Uint8Array, name: string, text: string): Uint8Array {
  const parts: Record<string, Uint8Array | string> = unzipSync(zip);
  parts[name] = text;
  return zipParts(parts);
}

describe("xlsx limits: checked from the zip directory before anything is inflated", () => {
  it("refuses a workbook whose entries together declare more than the total limit", async () => {
    const bytes = zipParts({ ...unzipSync(form()), "xl/media/image1.png": new Uint8Array(10) });
    const [line, ...rest] = await problems(patchDeclaredSize(bytes, "xl/media/image1.png", 100 * 1024 * 1024));
    expect(rest).toEqual([]);
    // 100 MiB for the image plus the few kilobytes of the form's own parts.
    expect(line).toMatch(
      /^form\.xlsx: unpacks to 104,8\d\d,\d\d\d bytes \(zip directory\); the limit is 64 MiB for a whole workbook: a questionnaire form unpacks to well under 1 MiB$/,
    );
  });

  it("refuses a part the directory declares larger than the part limit", async () => {
    const bytes = patchDeclaredSize(form([["INV-01", "", "", "yes"]]), "xl/sharedStrings.xml", 20 * 1024 * 1024);
    expect(await problems(bytes)).toEqual([
      "form.xlsx: part xl/sharedStrings.xml unpacks to 20 MiB (zip directory); the limit is 16 MiB per part",
    ]);
  });

  it("refuses more zip entries than a form can have", async () => {
    const parts: Record<string, string | Uint8Array> = unzipSync(form());
    for (let i = 0; i < XLSX_LIMITS.entries; i++) parts[`xl/media/i${i}.bin`] = "x";
    expect(await problems(zipParts(parts))).toEqual([
      "form.xlsx: holds more than 2,000 zip entries; a questionnaire form has about 20",
    ]);
  });
});

describe("xlsx limits: enforced while inflating and parsing", () => {
  it("stops inflating a part at the part limit whatever the directory claims", async () => {
    const big = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${" ".repeat(XLSX_LIMITS.partBytes)}</sheetData></worksheet>`;
    const bytes = patchDeclaredSize(
      replacePart(form(), "xl/worksheets/sheet1.xml", big),
      "xl/worksheets/sheet1.xml",
      1000,
    );
    expect(await problems(bytes)).toEqual([
      "form.xlsx: part xl/worksheets/sheet1.xml unpacks to more than 16 MiB, the limit per part (its zip directory claims 1,000 bytes)",
    ]);
  });

  it("calls a part damaged when it unpacks to another size than the directory says", async () => {
    const bytes = patchDeclaredSize(form(), "xl/workbook.xml", 10);
    expect((await problems(bytes))[0]).toMatch(
      /^form\.xlsx: part xl\/workbook\.xml is damaged: it unpacks to [\d,]+ bytes, its zip directory says 10 bytes$/,
    );
  });

  it("counts shared strings: the declared count before parsing, the real count while parsing", async () => {
    const sst = (n: number, declared?: number) =>
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"${declared ? ` uniqueCount="${declared}"` : ""}>${"<si><t>a</t></si>".repeat(n)}</sst>`;
    const base = form([["INV-01", "", "", "yes"]]);
    expect(await problems(replacePart(base, "xl/sharedStrings.xml", sst(5, 20_000_000)))).toEqual([
      "form.xlsx: part xl/sharedStrings.xml declares 20,000,000 shared strings; the limit is 100,000 (a form has a few hundred)",
    ]);
    expect(await problems(replacePart(base, "xl/sharedStrings.xml", sst(XLSX_LIMITS.sharedStrings + 1)))).toEqual([
      "form.xlsx: part xl/sharedStrings.xml holds more than 100,000 shared strings, the limit (a form has a few hundred)",
    ]);
  });

  it("refuses a cell longer than a cell can hold, naming it", async () => {
    const long = "x".repeat(XLSX_LIMITS.cellChars + 1);
    expect(await problems(form([["INV-01", "", "", long]]))).toEqual([
      "form.xlsx: part xl/sharedStrings.xml shared string 6 is longer than 32,767 characters, the most a cell holds",
    ]);
    const inline = writeFixtureXlsx(
      [
        {
          name: "Answers",
          rows: [
            ["ID", "Answer"],
            ["INV-01", long],
          ],
        },
      ],
      {
        strings: "inline",
      },
    );
    expect(await problems(inline)).toEqual([
      "form.xlsx: Answers!B2 holds more than 32,767 characters, the most a cell can hold",
    ]);
  });

  it("refuses a value past the column limit, naming the cell", async () => {
    const row: (FixtureValue | undefined)[] = ["INV-01", "", "", "yes"];
    row[XLSX_LIMITS.columns + 43] = "far right";
    expect(await problems(form([row]))).toEqual([
      "form.xlsx: Answers!KN2 holds a value in column 300; a form has at most 256 columns, so this is not the form caution exported",
    ]);
  });

  it("reads no row past the row limit and says so once", async () => {
    const rows: (FixtureValue | undefined)[][] = Array.from({ length: XLSX_LIMITS.rows + 300 }, () => []);
    rows[XLSX_LIMITS.rows] = ["XYZ-99"]; // row 5002: past the limit
    rows[XLSX_LIMITS.rows + 1] = ["XYZ-98"];
    rows[XLSX_LIMITS.rows + 299] = ["XYZ-97"];
    const path = save(form(rows));
    const err = await failure(runImport(path, { vendor: "nimbus", into: tempDir() }));
    const lines = (err as InputError).issues.map((i) => formatIssue(i).split(path).join("form.xlsx"));
    seen.push(...lines);
    expect(lines).toEqual([
      "form.xlsx Answers!A5002: the sheet holds values below row 5,001; caution reads at most 5,000 rows below the header and read none of the rest. Keep one row per question",
    ]);
  });
});

describe("xlsx: files that are not a readable workbook get a message a vendor can act on", () => {
  it("names other formats and damaged files", async () => {
    expect(await problems(Buffer.from("not a zip at all"))).toEqual([
      "form.xlsx: is not an .xlsx workbook (not a zip archive); save it as Excel Workbook (.xlsx)",
    ]);
    expect(await problems(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toEqual([
      "form.xlsx: is a password-protected workbook or an old .xls file, not an .xlsx workbook; remove the password (File > Info > Protect Workbook) or save it as Excel Workbook (.xlsx)",
    ]);
    const ods = zipParts({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" });
    // fflate stores the mimetype entry deflated; LibreOffice stores it plain, as the OpenDocument spec requires.
    const stored = Buffer.from(
      (await import("fflate")).zipSync(
        { mimetype: [new TextEncoder().encode("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }] },
        { mtime: new Date("2026-01-01T00:00:00Z") },
      ),
    );
    expect(ods.length).toBeGreaterThan(0);
    expect((await problems(stored))[0]).toContain("is an OpenDocument file (.ods)");
    expect((await problems(zipParts({ "Index/Document.iwa": "x" })))[0]).toContain("is an Apple Numbers file");
    const whole = form([["INV-01", "", "", "yes"]]);
    expect(await problems(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual([
      "form.xlsx: is damaged: its zip directory cannot be read; save the workbook again as Excel Workbook (.xlsx)",
    ]);
    expect(await problems(zipParts({ "docProps/app.xml": "<x/>" }))).toEqual([
      "form.xlsx: is not a spreadsheet: it has no workbook part (xl/workbook.xml); save it as Excel Workbook (.xlsx)",
    ]);
  });

  it("refuses a DOCTYPE and malformed XML with the part and place", async () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si></sst>`;
    expect(await problems(replacePart(form([["INV-01"]]), "xl/sharedStrings.xml", doctype))).toEqual([
      "form.xlsx: part xl/sharedStrings.xml has a DOCTYPE, which a workbook never has; save the workbook again as .xlsx",
    ]);
    const broken = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n<sheetData><row r="1"><c r="A1"></row>`;
    expect(await problems(replacePart(form(), "xl/worksheets/sheet1.xml", broken))).toEqual([
      "form.xlsx: part xl/worksheets/sheet1.xml is not well-formed XML near line 2, column 38; save the workbook again as .xlsx",
    ]);
    const missing = replacePart(
      form([["INV-01", "", "", "yes"]]),
      "xl/sharedStrings.xml",
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`,
    );
    expect(await problems(missing)).toEqual([
      "form.xlsx: Answers!A1 refers to a shared string the workbook lacks; save the workbook again as .xlsx",
    ]);
  });

  it("shows no library internals in any message above", () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const line of seen)
      expect(line).not.toMatch(
        /Cannot (read|set) propert|undefined|TypeError|RangeError|ERR_|Z_BUF|yauzl|saxes|zlib|invalid relative|central directory record|signature/i,
      );
  });
});

describe("xlsx limits: the documentation states them", () => {
  it("docs/vendor-round-trip.md gives every limit of XLSX_LIMITS with its value", () => {
    const text = readFileSync(join(PACKAGE_ROOT, "docs", "vendor-round-trip.md"), "utf8");
    const limits = text.slice(text.indexOf("## Limits"), text.indexOf("## Messages"));
    const shown = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n.toLocaleString("en-US"));
    for (const key of [
      "fileBytes",
      "entries",
      "partBytes",
      "totalBytes",
      "rows",
      "columns",
      "sharedStrings",
      "cellChars",
    ] as const)
      expect(limits, key).toContain(
        `| ${shown(XLSX_LIMITS[key])} |`.replace("| 32,767 |", "| 32,767 (Excel's own limit) |"),
      );
  });
});
