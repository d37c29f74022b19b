import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildEmbeddedManifest,
  buildManifest,
  computeReportId,
  serializeManifest,
} from "../../src/archive/manifest.js";
import { sidecarFileName } from "../../src/archive/names.js";
import { embeddedManifest, manifest } from "../../src/schema/manifest.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";
import { serializeResult } from "./fixture.js";

describe("manifest", () => {
  let result: Result;
  let resultJson: string;
  beforeAll(async () => {
    result = await scoreDemo();
    resultJson = serializeResult(result);
  });

  it("derives the report id from the result, kind, vendor and paper", () => {
    const expected = createHash("sha256").update(`${resultJson}vendorquarrionletter`).digest("hex").slice(0, 16);
    expect(computeReportId(resultJson, "vendor", "quarrion", "letter")).toBe(expected);
    expect(computeReportId(resultJson, "full", null, "a4")).toMatch(/^[0-9a-f]{16}$/);
    const ids = new Set([
      computeReportId(resultJson, "full", null, "a4"),
      computeReportId(resultJson, "full", null, "letter"),
      computeReportId(resultJson, "executive", null, "a4"),
      computeReportId(resultJson, "vendor", "quarrion", "a4"),
      computeReportId(resultJson, "vendor", "altavale", "a4"),
      computeReportId(`${resultJson} `, "full", null, "a4"),
    ]);
    expect(ids.size).toBe(6);
  });

  it("takes every field of the embedded manifest from the result", () => {
    const m = buildEmbeddedManifest({ result, resultJson, kind: "vendor", vendor: "quarrion", paper: "letter" });
    expect(embeddedManifest.parse(m)).toEqual(m);
    expect(m).toMatchObject({
      schemaVersion: "1.0.0",
      tool: { name: "caution", version: "0.0.0-test" },
      kind: "vendor",
      vendor: "quarrion",
      paper: "letter",
      generatedAt: "2026-11-01T00:00:00Z",
      asOf: "2026-11-01",
      questionnaire: { id: result.methodology.questionnaire.id, version: "1.0.0" },
      thresholds: { moderate: 25, high: 50, critical: 75 },
      result: { file: "caution-result.json", sha256: createHash("sha256").update(resultJson).digest("hex") },
    });
    expect(Object.keys(m.domainWeights)).toEqual(result.methodology.domainWeights.map((d) => d.id));
    expect(m.inputs).toEqual(result.inputs);
    expect(m.inputs.map((i) => i.path)).toContain("questionnaire:caution-v1.yaml");
    expect("pdf" in m).toBe(false);
  });

  it("adds the PDF's digest, size and base name for the sidecar", () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 pretend");
    const m = buildManifest({
      result,
      resultJson,
      kind: "full",
      paper: "a4",
      pdfFile: "/some/where/caution-report.pdf",
      pdfBytes: pdf,
    });
    expect(manifest.parse(m)).toEqual(m);
    expect(m.vendor).toBeNull();
    expect(m.pdf).toEqual({
      file: "caution-report.pdf",
      sha256: createHash("sha256").update(pdf).digest("hex"),
      bytes: pdf.length,
    });
    expect(sidecarFileName("caution-report.pdf")).toBe("caution-report.pdf.manifest.json");
  });

  it("serialises in schema order with 2-space indent and a trailing newline, whatever the key order given", () => {
    const m = buildEmbeddedManifest({ result, resultJson, kind: "full", paper: "a4" });
    const text = serializeManifest(m);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": "1.0.0",\n  "tool": {\n    "name": "caution",')).toBe(true);
    const shuffled = Object.fromEntries(Object.entries(m).reverse()) as typeof m;
    expect(serializeManifest(shuffled)).toBe(text);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(embeddedManifest.shape));
  });

  it("refuses a vendor report without a known vendor", () => {
    expect(() => buildEmbeddedManifest({ result, resultJson, kind: "vendor", paper: "a4" })).toThrow(
      /needs its vendor id/,
    );
    expect(() => buildEmbeddedManifest({ result, resultJson, kind: "vendor", vendor: "nobody", paper: "a4" })).toThrow(
      /"nobody" is not in the result/,
    );
  });
});
