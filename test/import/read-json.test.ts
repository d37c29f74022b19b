import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, type InputIssue } from "../../src/load/input-issue.js";
import { jsonErrorOffset, MAX_JSON_BYTES, parseJsonText, readJsonFile } from "../../src/import/read-json.js";
import { tempDir } from "../support/cli.js";

function issuesOf(fn: () => unknown): readonly InputIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error("expected an InputError");
}

async function readIssues(content: string | Buffer, maxBytes?: number): Promise<readonly InputIssue[]> {
  const path = join(tempDir(), "incidents.json");
  await writeFile(path, content);
  try {
    await readJsonFile(path, "shown/incidents.json", maxBytes);
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("parseJsonText", () => {
  it("parses valid JSON", () => {
    expect(parseJsonText('{"a":[1,2.5e3,-0,"x\\u0041",true,false,null]}', "f")).toEqual({
      a: [1, 2500, -0, "xA", true, false, null],
    });
  });

  it("names file, line and column of a syntax error", () => {
    expect(issuesOf(() => parseJsonText('{\n  "a": tru\n}', "f.json"))).toEqual([
      { file: "f.json", line: 2, message: "invalid JSON: unexpected character 't' at column 8 (character 10)" },
    ]);
    expect(issuesOf(() => parseJsonText('{"a":1,}', "f.json"))).toEqual([
      { file: "f.json", line: 1, message: "invalid JSON: unexpected character '}' at column 8 (character 8)" },
    ]);
    expect(issuesOf(() => parseJsonText('[\n{"id": "x"}\n{"id": "y"}]', "f.json"))).toEqual([
      { file: "f.json", line: 3, message: "invalid JSON: unexpected character '{' at column 1 (character 15)" },
    ]);
    expect(issuesOf(() => parseJsonText('{"incidents": [', "f.json"))).toEqual([
      { file: "f.json", line: 1, message: "invalid JSON: unexpected end of the file at column 16 (character 16)" },
    ]);
    expect(issuesOf(() => parseJsonText("[1]\n\u202e", "f.json"))).toEqual([
      { file: "f.json", line: 2, message: "invalid JSON: unexpected character U+202E at column 1 (character 5)" },
    ]);
  });
});

describe("jsonErrorOffset", () => {
  it("is undefined for valid JSON and agrees with JSON.parse on what is invalid", () => {
    const valid = [
      '{"a":{"b":[]},"c":{}}',
      " [ ] ",
      '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
      "0",
      "-1.5E+10",
      "[null,true,false]",
    ];
    for (const v of valid) expect(jsonErrorOffset(v), v).toBeUndefined();
    const invalid: [string, number][] = [
      ["", 0],
      ["[1,]", 3],
      ["01", 1],
      ["1.", 2],
      ["1e", 2],
      ["-", 1],
      ['"a\nb"', 2],
      ['"\\x"', 2],
      ['"\\u12G4"', 2],
      ['{"a" 1}', 5],
      ["{a:1}", 1],
      ["[1] [2]", 4],
      ["nul", 0],
      ["[".repeat(100_000), 100_000],
    ];
    for (const [text, offset] of invalid) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonErrorOffset(text), text.slice(0, 20)).toBe(offset);
    }
  });
});

describe("readJsonFile", () => {
  it("reads a UTF-8 file, with or without a byte-order mark", async () => {
    const path = join(tempDir(), "ok.json");
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"incidents":[]}')]));
    expect(await readJsonFile(path, "ok.json")).toEqual({ incidents: [] });
  });

  it("refuses a missing, empty or binary file, naming it", async () => {
    await expect(readJsonFile("/nonexistent/incidents.json", "incidents.json")).rejects.toMatchObject({
      issues: [{ file: "incidents.json", message: "file not found" }],
    });
    expect(await readIssues("")).toEqual([{ file: "shown/incidents.json", message: "is empty" }]);
    expect(await readIssues(Buffer.from([0x7b, 0x00, 0x7d]))).toEqual([
      {
        file: "shown/incidents.json",
        line: 1,
        message: "contains a NUL byte at byte 2: the file is binary or corrupted, not text",
      },
    ]);
  });

  it("reads UTF-16 (AWS serves it) and refuses what nests deeper than any feed", async () => {
    const path = join(tempDir(), "events.json");
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"a":"\u00e9"}]', "utf16le")]));
    expect(await readJsonFile(path, "events.json")).toEqual([{ a: "é" }]);
    expect(issuesOf(() => parseJsonText(`${"[".repeat(65)}${"]".repeat(65)}`, "f.json"))).toEqual([
      {
        file: "f.json",
        line: 1,
        message: "nests arrays and objects more than 64 deep (character 65): not an incident feed",
      },
    ]);
    // Brackets inside strings are text, not nesting.
    expect(parseJsonText(`["${"[".repeat(100)}"]`, "f.json")).toEqual(["[".repeat(100)]);
  });

  it("refuses a file over the size limit without parsing it; the default limit is 50 MiB", async () => {
    expect(MAX_JSON_BYTES).toBe(52_428_800);
    expect(await readIssues("[1,2,3]", 4)).toEqual([
      { file: "shown/incidents.json", message: "file is 7 bytes; the limit is 4 bytes" },
    ]);
  });

  it("reports a syntax error with the displayed file name", async () => {
    expect(await readIssues('{"incidents": [}')).toEqual([
      {
        file: "shown/incidents.json",
        line: 1,
        message: "invalid JSON: unexpected character '}' at column 16 (character 16)",
      },
    ]);
  });
});
