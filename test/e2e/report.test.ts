import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { caution, tempDir, tool } from "../support/cli.js";

/** The real CLI on samples/demo, and the real PDF read back with poppler's pdfinfo and pdftotext. */
describe("caution report samples/demo", () => {
  let out: string;
  let again: string;
  beforeAll(() => {
    out = tempDir();
    again = tempDir();
    const first = caution(["report", "samples/demo", "--out", out, "--format", "html,pdf,json"]);
    expect(first.stderr).toContain("wrote");
    expect(first.code).toBe(0);
    expect(caution(["report", "samples/demo", "--out", again, "-q"]).code).toBe(0);
  });

  it("writes the HTML, the PDF and the JSON result", () => {
    for (const f of ["caution-report.html", "caution-report.pdf", "caution-result.json"])
      expect(existsSync(join(out, f))).toBe(true);
  });

  it("writes a PDF of several A4 pages with title, author, creator and tags", () => {
    const info = tool("pdfinfo", [join(out, "caution-report.pdf")]);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Title:\s+AI-agent outage risk: Nordhafen Versicherung AG, as of 1 November 2026/);
    expect(info).toMatch(/Author:\s+Nordhafen Versicherung AG/);
    expect(info).toMatch(/Creator:\s+caution \d+\.\d+\.\d+/);
    expect(info).toMatch(/Tagged:\s+yes/);
    // A4 is 595.28 x 841.89 pt; Chromium lays pages out in whole CSS pixels, so allow a point either way.
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info) ?? [];
    expect(Math.abs(Number(w) - 595.28)).toBeLessThan(1);
    expect(Math.abs(Number(h) - 841.89)).toBeLessThan(1);
    expect(info).toMatch(/CreationDate:\s+Sun Nov\s+1 00:00:00 2026 UTC/);
  });

  it("names every vendor with its rating in the PDF text, with page numbers", () => {
    const text = tool("pdftotext", ["-layout", join(out, "caution-report.pdf"), "-"]);
    const result = JSON.parse(readFileSync(join(out, "caution-result.json"), "utf8")) as {
      vendors: { name: string; rating: string }[];
    };
    expect(result.vendors.map((v) => v.rating)).toEqual(["low", "high", "critical"]);
    for (const v of result.vendors) {
      expect(text).toContain(v.name);
      expect(text).toMatch(new RegExp(`${v.name.replace(/\./g, "\\.")}\\s+${v.rating.toUpperCase()}`));
    }
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain("Methodology");
  });

  it("gives byte-identical HTML, JSON and PDF for the same inputs", () => {
    for (const f of ["caution-report.html", "caution-result.json", "caution-report.pdf"]) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
  });

  it("takes generatedAt from SOURCE_DATE_EPOCH when set", () => {
    const r = caution(["score", "samples/demo", "--json", "-q"], { SOURCE_DATE_EPOCH: "1767225600" });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { generatedAt: string }).generatedAt).toBe("2026-01-01T00:00:00Z");
  });

  it("keeps the HTML self-contained: no scripts, no external references", () => {
    const html = readFileSync(join(out, "caution-report.html"), "utf8");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)(?!https:\/\/)/i);
    // Only references inside the document itself (SVG pattern fills, url(#id)).
    expect(html).not.toMatch(/url\((?!#)/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
  });
});
