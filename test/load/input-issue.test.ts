import { describe, expect, it } from "vitest";
import { compareIssues, formatIssue, InputError, type InputIssue } from "../../src/load/input-issue.js";

describe("formatIssue", () => {
  it("shows a file-level issue", () => {
    expect(formatIssue({ file: "ws/caution.yaml", message: "file not found" })).toBe("ws/caution.yaml: file not found");
  });

  it("shows a YAML line and field", () => {
    expect(formatIssue({ file: "v.yaml", line: 12, field: "answers.DEL-01.answer", message: "bad" })).toBe(
      "v.yaml line 12: answers.DEL-01.answer: bad",
    );
  });

  it("shows a CSV row, and the line only when it differs", () => {
    expect(formatIssue({ file: "i.csv", row: 4, line: 4, field: "severity", message: "bad" })).toBe(
      "i.csv row 4: severity: bad",
    );
    expect(formatIssue({ file: "i.csv", row: 4, line: 6, field: "severity", message: "bad" })).toBe(
      "i.csv row 4 (line 6): severity: bad",
    );
    expect(formatIssue({ file: "i.csv", row: 1, message: "bad header" })).toBe("i.csv row 1: bad header");
  });

  it("omits an empty field", () => {
    expect(formatIssue({ file: "f", line: 1, field: "", message: "m" })).toBe("f line 1: m");
  });
});

describe("compareIssues", () => {
  it("orders by file, then by line or row, keeping file-level issues first", () => {
    const issues: InputIssue[] = [
      { file: "b.csv", row: 3, message: "1" },
      { file: "a.yaml", line: 9, message: "2" },
      { file: "b.csv", row: 2, line: 2, message: "3" },
      { file: "a.yaml", message: "4" },
      { file: "a.yaml", line: 2, message: "5" },
    ];
    expect([...issues].sort(compareIssues).map((i) => i.message)).toEqual(["4", "5", "2", "3", "1"]);
  });

  it("prefers the line over the row for CSV records spanning lines", () => {
    const a: InputIssue = { file: "i.csv", row: 3, line: 9, message: "a" };
    const b: InputIssue = { file: "i.csv", row: 4, line: 10, message: "b" };
    expect(compareIssues(a, b)).toBeLessThan(0);
    expect(compareIssues(b, a)).toBeGreaterThan(0);
    expect(compareIssues(a, { ...a })).toBe(0);
  });
});

describe("InputError", () => {
  it("counts its issues in the message", () => {
    const one = new InputError([{ file: "f", message: "m" }]);
    expect(one.message).toBe("1 input error");
    expect(one.name).toBe("InputError");
    expect(one).toBeInstanceOf(Error);
    expect(
      new InputError([
        { file: "f", message: "m" },
        { file: "g", message: "n" },
      ]).message,
    ).toBe("2 input errors");
  });
});
