import { describe, expect, it } from "vitest";
import { cleanText, safeHref } from "../../src/render/sanitize.js";

describe("cleanText", () => {
  it("removes bidi overrides and isolates that can reverse what a reader sees", () => {
    expect(cleanText("approve\u202Eevil\u202C ok\u2066x\u2069")).toBe("approveevil okx");
  });
  it("removes control characters but keeps tab and newline", () => {
    expect(cleanText("a\u0000b\u0007c\td\ne\u001bf\u009bg")).toBe("abc\td\nefg");
  });
});

describe("safeHref", () => {
  it.each([
    ["https://status.example/incident/1", "https://status.example/incident/1"],
    ["mailto:trust@vendor.example", "mailto:trust@vendor.example"],
    ["javascript:alert(1)", null],
    ["JaVaScRiPt:alert(1)", null],
    ["file:///etc/passwd", null],
    ["http://plain.example/", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["/relative/path", null],
    ["java\u0000script:alert(1)", null],
    ["", null],
  ])("%s -> %s", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
