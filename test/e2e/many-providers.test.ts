import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resultJson } from "../../src/schema/result-json.js";
import { scoreDemo } from "../support/demo.js";
import { caution, tempDir, tool } from "../support/cli.js";

/**
 * A procurement comparing nine providers, one with a long name without spaces, printed through the real CLI from a
 * saved result. Every word must land inside the page's printable area: a table wider than the page would cut
 * providers off the PDF without any error.
 */
describe("a comparison of nine providers", () => {
  let out: string;
  const long = "Hyperscaleregionalsovereigncloudservicesprovidergmbh";
  beforeAll(async () => {
    const demo = await scoreDemo();
    const vendors = Array.from({ length: 9 }, (_, i) => {
      const v = demo.vendors[i % demo.vendors.length]!;
      return { ...v, id: `p${i + 1}`, name: i === 4 ? long : `Provider ${i + 1}` };
    });
    out = tempDir();
    writeFileSync(join(out, "result.json"), resultJson({ ...demo, vendors }));
    const r = caution([
      "report",
      "--from-result",
      join(out, "result.json"),
      "--kind",
      "comparison",
      "--format",
      "pdf",
      "--out",
      out,
      "-q",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("prints every word inside the printable area of every page", () => {
    const xhtml = tool("pdftotext", ["-bbox", join(out, "caution-comparison.pdf"), "-"]);
    const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(xhtml)!;
    const width = Number(page[1]);
    const words = [
      ...xhtml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ];
    expect(words.length).toBeGreaterThan(500);
    // 16 mm side margins, less a point for rounding.
    const margin = (16 / 25.4) * 72 - 1;
    const outside = words.filter((w) => Number(w[1]) < margin || Number(w[2]) > width - margin).map((w) => w[3]);
    expect(outside).toEqual([]);
  });

  it("names every provider in the PDF, the long name included", () => {
    const text = tool("pdftotext", [join(out, "caution-comparison.pdf"), "-"]).replace(/\s+/g, "");
    for (let i = 1; i <= 9; i++) if (i !== 5) expect(text).toContain(`Provider${i}`);
    expect(text).toContain(long);
    expect(text).toContain("Providers5-8of9");
  });

  it("stays a verifiable archive", () => {
    const r = caution(["verify", join(out, "caution-comparison.pdf")]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "caution-comparison.pdf.manifest.json"), "utf8")).toContain('"kind": "comparison"');
  });
});
