import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/load/input-issue.js";
import { parseYaml } from "../../src/load/yaml-file.js";

const issuesOf = (text: string) => parseYaml(text, "f.yaml").issues.map(formatIssue);

/** Nine levels of nine references each: 72 alias nodes that would expand to 9^9 (387 million) strings. */
const BILLION_LAUGHS = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
  "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
  "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
  "",
].join("\n");

describe("parseYaml", () => {
  it("returns the data of a well-formed mapping and no issues", () => {
    const parsed = parseYaml('id: altavale\nanswers:\n  INV-01:\n    answer: "yes"\n', "f.yaml");
    expect(parsed.issues).toEqual([]);
    expect(parsed.source?.file).toBe("f.yaml");
    expect(parsed.source?.data).toEqual({ id: "altavale", answers: { "INV-01": { answer: "yes" } } });
  });

  it("keeps dates and versions as strings (YAML 1.2 core schema)", () => {
    expect(parseYaml("asOf: 2026-11-01\nversion: 1.0.0\nanswer: no\n", "f.yaml").source?.data).toEqual({
      asOf: "2026-11-01",
      version: "1.0.0",
      answer: "no",
    });
  });

  it("reports a syntax error with its line", () => {
    expect(issuesOf("id: x\nanswers:\n  INV-01:\n    answer: partial\n   comment: misaligned\n")).toEqual([
      "f.yaml line 5: YAML syntax error: All mapping items must start at the same column",
    ]);
  });

  it("reports an unclosed flow sequence where the parser notices it: the next line", () => {
    expect(issuesOf("id: x\nlist: [a, b\nother: 1\n")).toEqual([
      "f.yaml line 3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("reports tab indentation with its line", () => {
    expect(issuesOf("id: x\nanswers:\n\tINV-01: yes\n")).toEqual([
      "f.yaml line 3: YAML syntax error: Tabs are not allowed as indentation",
    ]);
  });

  it("returns no source when the YAML has errors", () => {
    expect(parseYaml("a: [\n", "f.yaml").source).toBeUndefined();
  });

  it("reports a duplicate key at the line of the second occurrence", () => {
    expect(issuesOf("id: x\nname: a\nname: b\n")).toEqual([
      "f.yaml line 3: YAML duplicate key: Map keys must be unique",
    ]);
  });

  it("reports a duplicate key in a nested mapping", () => {
    expect(issuesOf('answers:\n  INV-01:\n    answer: partial\n  INV-01:\n    answer: "yes"\n')).toEqual([
      "f.yaml line 4: YAML duplicate key: Map keys must be unique",
    ]);
  });

  it("reports a second document in the same file", () => {
    expect(issuesOf("id: a\n---\nid: b\n")).toEqual([
      "f.yaml line 2: YAML syntax error: Source contains multiple documents; please use YAML.parseAllDocuments()",
    ]);
  });

  it("rejects a billion-laughs alias bomb quickly instead of expanding it", () => {
    const start = performance.now();
    const parsed = parseYaml(BILLION_LAUGHS, "f.yaml");
    const elapsed = performance.now() - start;
    expect(parsed.issues.map(formatIssue)).toEqual([
      "f.yaml line 3: YAML Excessive alias count indicates a resource exhaustion attack (aliases of aliases from this line on)",
    ]);
    expect(parsed.source).toBeUndefined();
    // Expanding it would build 387 million strings (minutes and gigabytes); the limit leaves room for a loaded machine.
    expect(elapsed).toBeLessThan(5000);
  }, 20_000);

  it("rejects a wide alias bomb (100,000 flat aliases) in one pass, naming the first alias", () => {
    // A search per alias would take about 10^10 steps here (hours); one pass takes a parse's time.
    const text = `a: &a x\nb: [${Array(100_000).fill("*a").join(", ")}]\n`;
    expect(text.length).toBeLessThan(2 * 1024 * 1024);
    const start = performance.now();
    const parsed = parseYaml(text, "f.yaml");
    expect(parsed.issues.map(formatIssue)).toEqual([
      "f.yaml line 2: YAML Excessive alias count indicates a resource exhaustion attack (aliases from this line on)",
    ]);
    expect(performance.now() - start).toBeLessThan(15_000);
  }, 30_000);

  it("still accepts a few ordinary aliases", () => {
    const parsed = parseYaml("doc: &doc { document: SOC 2 }\nA: [*doc]\nB: [*doc, *doc]\n", "f.yaml");
    expect(parsed.issues).toEqual([]);
    expect(parsed.source?.data).toEqual({
      doc: { document: "SOC 2" },
      A: [{ document: "SOC 2" }],
      B: [{ document: "SOC 2" }, { document: "SOC 2" }],
    });
  });

  it("reports a file with only comments, or only null, as holding no document", () => {
    expect(issuesOf("# nothing here\n")).toEqual(["f.yaml: file holds no YAML document"]);
    expect(issuesOf("~\n")).toEqual(["f.yaml: file holds no YAML document"]);
    expect(parseYaml("# nothing\n", "f.yaml").source).toBeUndefined();
  });

  it("returns a document that is just a scalar (the schema rejects it later)", () => {
    const parsed = parseYaml("just a string\n", "f.yaml");
    expect(parsed.issues).toEqual([]);
    expect(parsed.source?.data).toBe("just a string");
  });

  describe("lineOf", () => {
    const source = parseYaml(
      '# header comment\nid: x\nanswers:\n  INV-01:\n    answer: partial\n    evidence:\n      - document: A\n      - document: B\n        date: "2026-01-01"\n',
      "f.yaml",
    ).source;

    it("gives the 1-based line of the node at a path", () => {
      expect(source?.lineOf(["id"])).toBe(2);
      expect(source?.lineOf(["answers", "INV-01", "answer"])).toBe(5);
      expect(source?.lineOf(["answers", "INV-01", "evidence", 1, "date"])).toBe(9);
      expect(source?.lineOf(["answers", "INV-01", "evidence", 1])).toBe(8);
    });

    it("falls back to the nearest existing ancestor", () => {
      expect(source?.lineOf(["answers", "INV-01", "reason"])).toBe(5);
      expect(source?.lineOf(["answers", "INV-01", "evidence", 7, "date"])).toBe(7);
      expect(source?.lineOf(["name"])).toBe(2);
      expect(source?.lineOf([])).toBe(2);
    });
  });
});
