import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "../../src/archive/attach.js";
import { attachArchive } from "./pdf-lib-attach.js";
import { sha256Hex } from "../../src/load/digest.js";
import { buildEmbeddedManifest, serializeManifest } from "../../src/archive/manifest.js";
import { MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "../../src/archive/names.js";
import { CHECK, verifyPdf } from "../../src/archive/verify.js";
import { BrowserSession } from "../../src/render/pdf/browser-session.js";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import type { Result } from "../../src/schema/result.js";
import { tempDir, tool } from "../support/cli.js";
import { archive, demoCopy, scoreDir, serializeResult, simplePdf, writeArchive, type Archived } from "./fixture.js";

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Archive test</title>
<style>body { font-family: 'Liberation Sans', sans-serif; } h2 { break-before: page; }</style></head>
<body><h1>caution archive test</h1><p>A report printed by Chromium, then stamped and given its attachments.</p>
<h2>Second page</h2><p>With an outline, tags and two pages.</p></body></html>`;

describe("attachArchive on a PDF printed by Chromium", () => {
  let session: BrowserSession;
  let ws: string;
  let result: Result;
  let first: Archived;
  let second: Archived;
  let pdfPath: string;
  let rawDiffer: boolean;

  beforeAll(async () => {
    ws = demoCopy();
    result = await scoreDir(ws);
    session = await BrowserSession.launch(await findBrowser());
    const print = { paper: "a4" } as const;
    // Two separate prints of the same HTML: Chromium stamps each with its print time.
    const raw1 = await session.pdf(HTML, print);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const raw2 = await session.pdf(HTML, print);
    rawDiffer = !Buffer.from(raw1).equals(Buffer.from(raw2));
    first = await archive(raw1, result);
    second = await archive(raw2, result);
    pdfPath = writeArchive(first);
  });
  afterAll(async () => {
    await session?.close();
  });

  it("gives byte-identical PDFs for the same input", () => {
    // Chromium's own output carries the print time (a second apart here)...
    expect(rawDiffer).toBe(true);
    // ...which stamping removes; the attachments carry the report's date, not the clock.
    expect(sha256Hex(second.pdf)).toBe(sha256Hex(first.pdf));
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
  });

  it("shows both attachments to qpdf, with type, description and the report's dates", () => {
    const list = tool("qpdf", ["--list-attachments", pdfPath]);
    expect(list).toMatch(/^caution-manifest\.json -> \d+,0$/m);
    expect(list).toMatch(/^caution-result\.json -> \d+,0$/m);
    const verbose = tool("qpdf", ["--list-attachments", "--verbose", pdfPath]);
    // Each file's stream is named under /EF both as /F and /UF: qpdf lists it twice.
    expect(verbose.match(/mime type: application\/json/g)).toHaveLength(4);
    expect(verbose.match(/creation date: D:20261101000000\+00'00'/g)).toHaveLength(4);
    expect(verbose).toContain(`description: caution JSON result (SHA-256 ${sha256Hex(first.resultJson)})`);
    expect(tool("qpdf", ["--show-attachment=caution-result.json", pdfPath])).toBe(first.resultJson);
    // qpdf --check exits non-zero on errors (tool() throws then).
    expect(tool("qpdf", ["--check", pdfPath])).toMatch(/No syntax or stream encoding errors found/);
  });

  it("shows both attachments to poppler's pdfdetach, which extracts them unchanged", () => {
    expect(tool("pdfdetach", ["-list", pdfPath])).toBe(
      "2 embedded files\n1: caution-manifest.json\n2: caution-result.json\n",
    );
    const out = join(tempDir("caution-archive-detach-"), "files");
    mkdirSync(out);
    tool("pdfdetach", ["-saveall", "-o", out, pdfPath]);
    expect(readFileSync(join(out, RESULT_ATTACHMENT), "utf8")).toBe(first.resultJson);
    expect(readFileSync(join(out, MANIFEST_ATTACHMENT), "utf8")).toBe(first.manifestJson);
  });

  it("records the result's SHA-256 and the report id in the document information", () => {
    const info = tool("pdfinfo", ["-custom", pdfPath]);
    expect(info).toMatch(new RegExp(`^CautionResultSHA256:\\s*${sha256Hex(first.resultJson)}$`, "m"));
    expect(info).toMatch(new RegExp(`^CautionReportId:\\s*${first.sidecar.reportId}$`, "m"));
    expect(tool("pdfinfo", [pdfPath])).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^CreationDate:\s+Sun Nov\s+1 00:00:00 2026 UTC$/m);
  });

  it("verifies against its sidecar and the workspace", async () => {
    const report = await verifyPdf(pdfPath, { inputsDir: ws });
    // The printed page is a test page, not a report: only the check that reads the pages' text fails.
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([CHECK.pages]);
    expect(report.checks.filter((c) => c.name.startsWith("input ")).length).toBe(8);
  });

  it("replaces its attachments when a PDF is stamped again, instead of adding copies", async () => {
    const doc = await PDFDocument.load(first.pdf, { updateMetadata: false });
    await attachArchive(
      doc,
      { resultJson: first.resultJson, manifestJson: first.manifestJson },
      new Date(result.generatedAt),
    );
    const again = await doc.save({ useObjectStreams: false });
    const contents = await readArchive(again);
    expect([...contents.files.keys()]).toEqual([MANIFEST_ATTACHMENT, RESULT_ATTACHMENT]);
    expect(contents.duplicates).toEqual([]);
    const reloaded = await PDFDocument.load(again, { updateMetadata: false });
    expect(reloaded.catalog.lookup(PDFName.of("AF"), PDFArray).size()).toBe(2);
  });
});

describe("attachArchive and readArchive", () => {
  let result: Result;
  beforeAll(async () => {
    result = await scoreDir(demoCopy());
  });

  it("refuses a manifest that names another result, or is not a manifest", async () => {
    const doc = await PDFDocument.load(await simplePdf("x"), { updateMetadata: false });
    const resultJson = serializeResult(result);
    const manifestJson = serializeManifest(buildEmbeddedManifest({ result, resultJson, kind: "full", paper: "a4" }));
    await expect(attachArchive(doc, { resultJson: `${resultJson} `, manifestJson }, new Date())).rejects.toThrow(
      /the manifest names result [0-9a-f]{64}, but the result given has SHA-256/,
    );
    await expect(attachArchive(doc, { resultJson, manifestJson: "{}" }, new Date())).rejects.toThrow(
      /not a valid embedded manifest/,
    );
  });

  it("reads the info dictionary and attachments, and reports a file that does not parse", async () => {
    const archived = await archive(await simplePdf("x"), result);
    const contents = await readArchive(archived.pdf);
    expect(contents.parsed).toBe(true);
    expect(contents.info.CautionResultSHA256).toBe(sha256Hex(archived.resultJson));
    expect(contents.info.CautionReportId).toBe(archived.sidecar.reportId);
    expect(contents.info.Author).toBe("Nordhafen Versicherung AG");
    const broken = await readArchive(new TextEncoder().encode("%PDF-1.7\nnot really\n"));
    expect(broken.parsed).toBe(false);
    expect(broken.error).toBeTruthy();
    const garbage = await readArchive(new TextEncoder().encode("just text"));
    expect(garbage.parsed).toBe(false);
  });

  it("walks a name tree with /Kids and notices a name attached twice", async () => {
    const archived = await archive(await simplePdf("x"), result);
    const doc = await PDFDocument.load(archived.pdf, { updateMetadata: false });
    const tree = doc.catalog.lookup(PDFName.of("Names"), PDFDict).lookup(PDFName.of("EmbeddedFiles"), PDFDict);
    const names = tree.lookup(PDFName.of("Names"), PDFArray);
    // Split the flat tree into two leaves, the second with a repeated result entry.
    const leafA = doc.context.obj({ Names: [names.get(0), names.get(1)], Limits: [names.get(0), names.get(0)] });
    const leafB = doc.context.obj({
      Names: [names.get(2), names.get(3), names.get(2), names.get(3)],
      Limits: [names.get(2), names.get(2)],
    });
    tree.delete(PDFName.of("Names"));
    tree.set(PDFName.of("Kids"), doc.context.obj([doc.context.register(leafA), doc.context.register(leafB)]));
    const pdf = await doc.save({ useObjectStreams: false });
    const contents = await readArchive(pdf);
    expect(new TextDecoder().decode(contents.files.get(RESULT_ATTACHMENT))).toBe(archived.resultJson);
    expect(new TextDecoder().decode(contents.files.get(MANIFEST_ATTACHMENT))).toBe(archived.manifestJson);
    expect(contents.duplicates).toEqual([RESULT_ATTACHMENT]);

    const path = join(tempDir("caution-archive-kids-"), "kids.pdf");
    writeFileSync(path, pdf);
    const report = await verifyPdf(path, { sidecar: false });
    expect(report.checks.find((c) => c.name === CHECK.attachments)).toEqual({
      name: CHECK.attachments,
      ok: false,
      detail: "caution-result.json is attached more than once",
    });
  });
});
