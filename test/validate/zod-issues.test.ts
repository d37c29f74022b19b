import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssue } from "../../src/load/input-issue.js";
import { fieldName, show, zodIssuesToInput } from "../../src/validate/zod-issues.js";

describe("show", () => {
  it("shows values briefly", () => {
    expect(show(undefined)).toBe("nothing");
    expect(show(null)).toBe("null");
    expect(show(3.5)).toBe("3.5");
    expect(show(false)).toBe("false");
    expect(show([1, 2])).toBe("a list");
    expect(show({ a: 1 })).toBe("a mapping");
    expect(show('say "hi"')).toBe('"say \\"hi\\""');
  });

  it("cuts strings longer than 60 characters", () => {
    expect(show("a".repeat(60))).toBe(`"${"a".repeat(60)}"`);
    expect(show("a".repeat(61))).toBe(`"${"a".repeat(57)}..."`);
  });

  it("drops control and bidi-override characters and flattens tabs and line breaks", () => {
    expect(show("ab\u0000c\u202ed\u2066e\u0007")).toBe('"abcde"');
    expect(show("one\ttwo\nthree")).toBe('"one two three"');
  });
});

describe("fieldName", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(fieldName(["answers", "INV-01", "evidence", 0, "date"])).toBe("answers.INV-01.evidence[0].date");
    expect(fieldName(["vendors", 2, "id"])).toBe("vendors[2].id");
    expect(fieldName([0, "a"])).toBe("[0].a");
    expect(fieldName([])).toBe("(document)");
  });
});

describe("zodIssuesToInput", () => {
  const schema = z.strictObject({
    name: z.string(),
    count: z.number().min(1).max(5),
    kind: z.enum(["a", "b"]),
    tags: z.array(z.string()).min(1),
    nested: z.strictObject({ x: z.number() }).optional(),
  });
  const lines = (input: unknown) => {
    const parsed = schema.safeParse(input, { reportInput: true });
    if (parsed.success) return [];
    return zodIssuesToInput(schema, parsed.error, () => ({ file: "f.yaml", line: 1 })).map(formatIssue);
  };

  it("turns each kind of zod issue into a buyer-readable message", () => {
    expect(lines({ count: 9, kind: "c", tags: [], nested: { x: 1, y: 2 }, extra: true })).toEqual([
      "f.yaml line 1: name: is required",
      "f.yaml line 1: count: 9 is too large; must be ≤ 5",
      'f.yaml line 1: kind: "c" is not allowed; allowed: a, b',
      "f.yaml line 1: tags: needs at least 1 item",
      "f.yaml line 1: nested.y: unknown field; allowed: x",
      "f.yaml line 1: extra: unknown field; allowed: name, count, kind, tags, nested",
    ]);
  });

  it("says what was found when the type is wrong", () => {
    expect(lines({ name: 1, count: "two", kind: "a", tags: "x" })).toEqual([
      "f.yaml line 1: name: expected string, got 1",
      'f.yaml line 1: count: expected number, got "two"',
      'f.yaml line 1: tags: expected array, got "x"',
    ]);
  });
});
