import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { newCsvSource, readCsv, recordValues } from "../../src/load/csv-file.js";
import { formatIssue, type InputIssue } from "../../src/load/input-issue.js";

/**
 * csv-spectrum's edge cases (quoted commas, escaped quotes, quoted line breaks, CRLF, empty fields, UTF-8, JSON in
 * a cell) through caution's own CSV reader, with each file's header as the required columns: every record must
 * come out as the corpus specifies, or the file must fail with a message naming the row.
 */
const root = dirname(createRequire(import.meta.url).resolve("csv-spectrum/package.json"));
const cases = readdirSync(join(root, "csvs"))
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((f) => basename(f, ".csv"));

/**
 * Refused on purpose: a quote inside an unquoted field (`37°36'37.8"N`) is malformed under RFC 4180, and guessing
 * what it means could silently merge or split fields of an incident record. (The corpus's own expected JSON for
 * this case does not even match its CSV: a different phone number.)
 */
const REFUSED: Record<string, RegExp> = {
  location_coordinates:
    /^location_coordinates\.csv row 2: malformed CSV: field "Location Coordinates" at line 2 has a quote after other text; /,
};

async function read(name: string) {
  const path = join(root, "csvs", `${name}.csv`);
  const header = readFileSync(path, "utf8").split(/\r?\n/)[0]!.split(",");
  const issues: InputIssue[] = [];
  const rows: { row: number; values: Record<string, string> }[] = [];
  const source = newCsvSource(`${name}.csv`);
  await readCsv(path, source, header, issues, (record, h) =>
    rows.push({ row: record.row, values: recordValues(record, h) }),
  );
  return { rows, issues: issues.map(formatIssue), source };
}

describe("csv-spectrum through readCsv", () => {
  it("has the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (name) => {
    const { rows, issues, source } = await read(name);
    if (REFUSED[name]) {
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(REFUSED[name]);
      return;
    }
    expect(issues).toEqual([]);
    const expected = JSON.parse(readFileSync(join(root, "json", `${name}.json`), "utf8")) as
      Record<string, string> | Record<string, string>[];
    expect(rows.map((r) => r.values)).toEqual(Array.isArray(expected) ? expected : [expected]);
    // Rows count as a spreadsheet shows them: the header is row 1, records follow without gaps.
    expect(rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
