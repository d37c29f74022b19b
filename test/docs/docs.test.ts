import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_CSV_BYTES, MAX_CSV_RECORD_CHARS } from "../../src/load/csv-file.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { MAX_YAML_BYTES } from "../../src/load/text-file.js";
import { EXIT } from "../../src/run/exit-codes.js";
import { result } from "../../src/schema/result.js";
import { workspace } from "../../src/schema/workspace.js";

/**
 * The documentation restates the code in places (exit codes, fields, limits); these tests hold the two together,
 * and hold every link inside the repository.
 */
const DOCS = join(PACKAGE_ROOT, "docs");
const pages = [join(PACKAGE_ROOT, "README.md"), ...readdirSync(DOCS).map((f) => join(DOCS, f))].filter((f) =>
  f.endsWith(".md"),
);
const read = (page: string) => readFileSync(join(DOCS, page), "utf8");

/** Rows of the first Markdown table after `heading` (or in the file), as cells with the backticks kept. */
function table(text: string, after = ""): string[][] {
  const start = after === "" ? 0 : text.indexOf(after);
  expect(start, `no "${after}"`).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe("documentation", () => {
  it("README.md is a newcomer's page: at most ~200 lines", () => {
    expect(readFileSync(join(PACKAGE_ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(200);
  });

  it("every relative link resolves to a file of the repository, and nothing points outside it", () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, "utf8");
      expect(text, page).not.toMatch(/\/work\/(main|shared|wt)\b|\.\.\/shared\/|shared\/design/);
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split("#")[0]!;
        if (target === "" || /^[a-z]+:/.test(target)) continue;
        const path = resolve(dirname(page), target);
        if (!path.startsWith(PACKAGE_ROOT) || !existsSync(path)) broken.push(`${page}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("docs/commands.md lists exactly the exit codes of src/run/exit-codes.ts", () => {
    const codes = table(read("commands.md"), "## Exit codes").map((r) => Number(r[0]));
    expect(codes).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  });

  it("docs/workspace.md describes every top-level field of caution.yaml, and no other", () => {
    const fields = table(read("workspace.md"), "## `caution.yaml`").map((r) => /^`([$a-zA-Z]+)/.exec(r[0]!)![1]!);
    expect([...new Set(fields)].sort()).toEqual(Object.keys(workspace.shape).sort());
  });

  it("docs/json-result.md describes every top-level field of the result, and no other", () => {
    const fields = table(read("json-result.md"), "| field |")
      .map((r) => /^`([a-zA-Z]+)/.exec(r[0]!)![1]!)
      .filter((f) => f !== "vendors");
    expect([...new Set(fields)].sort()).toEqual(
      Object.keys(result.shape)
        .filter((k) => k !== "vendors")
        .sort(),
    );
    const text = read("json-result.md");
    for (const key of Object.keys(result.shape.vendors.element.shape))
      expect(text, key).toMatch(new RegExp(`(vendors\\[\\]|\`)\\.${key}\\b`));
  });

  it("docs/security-and-limits.md states the limits the code enforces", () => {
    const text = read("security-and-limits.md");
    const group = (n: number) => n.toLocaleString("en");
    expect(text).toContain(`2 MiB (${group(MAX_YAML_BYTES)} bytes)`);
    expect(text).toContain(`2 GiB (${group(MAX_CSV_BYTES)} bytes)`);
    expect(text).toContain(`1 MiB (${group(MAX_CSV_RECORD_CHARS)} characters)`);
  });
});
