import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "../../src/archive/attach.js";
import { attachArchive, detachFiles } from "./pdf-lib-attach.js";
import { buildEmbeddedManifest, serializeManifest, withPdf } from "../../src/archive/manifest.js";
import { RESULT_ATTACHMENT, sidecarFileName } from "../../src/archive/names.js";
import { CHECK, inputCheckName, verifyPdf, VerifyArgumentError, type VerifyReport } from "../../src/archive/verify.js";
import type { Result } from "../../src/schema/result.js";
import { tempDir } from "../support/cli.js";
import {
  renderArchived,
  contentStreamRange,
  demoCopy,
  flipByte,
  scoreDir,
  serializeResult,
  simplePdf,
  writeArchive,
  type Archived,
} from "./fixture.js";

const DEMO_INPUTS = [
  "caution.yaml",
  "incidents/altavale.csv",
  "incidents/cirrane.csv",
  "incidents/quarrion.csv",
  "questionnaire:caution-v1.yaml",
  "vendors/altavale.yaml",
  "vendors/cirrane.yaml",
  "vendors/quarrion.yaml",
];

const failed = (r: VerifyReport) => r.checks.filter((c) => !c.ok);
const named = (r: VerifyReport, name: string) => r.checks.find((c) => c.name === name);

/** Writes a changed PDF next to a copy of the original sidecar (the sidecar still describes the original). */
function writeTampered(bytes: Uint8Array, original: string): string {
  const dir = tempDir("caution-archive-tampered-");
  const path = join(dir, "caution-report.pdf");
  writeFileSync(path, bytes);
  copyFileSync(sidecarFileName(original), sidecarFileName(path));
  return path;
}

describe("verifyPdf", () => {
  let ws: string;
  let result: Result;
  let archived: Archived;
  let pdfPath: string;

  beforeAll(async () => {
    ws = demoCopy();
    result = await scoreDir(ws);
    archived = await renderArchived(result);
    pdfPath = writeArchive(archived);
  });

  it("passes every check on a fresh PDF with its sidecar and the workspace it was made from", async () => {
    const report = await verifyPdf(pdfPath, { inputsDir: ws });
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      CHECK.parses,
      CHECK.attachments,
      CHECK.resultVsInfo,
      CHECK.manifestSchema,
      CHECK.resultVsManifest,
      CHECK.resultSchema,
      CHECK.manifestVsResult,
      CHECK.reportId,
      CHECK.update,
      CHECK.actions,
      CHECK.foreignFiles,
      CHECK.pages,
      CHECK.sidecar,
      CHECK.sidecarVsPdf,
      CHECK.sidecarVsManifest,
      ...DEMO_INPUTS.map(inputCheckName),
    ]);
  });

  it("fails when one byte inside a content stream changes, and says the PDF changed", async () => {
    const [start, end] = await contentStreamRange(archived.pdf);
    const path = writeTampered(flipByte(archived.pdf, Math.floor((start + end) / 2)), pdfPath);
    const report = await verifyPdf(path);
    expect(report.ok).toBe(false);
    // The attachments are intact: the sidecar's digest of the whole file sees the change, and so does the document's
    // own /ID, a digest of the printed pages.
    expect(failed(report).map((c) => c.name)).toEqual(expect.arrayContaining([CHECK.update, CHECK.sidecarVsPdf]));
    expect(failed(report).map((c) => c.name)).not.toContain(CHECK.resultVsManifest);
    expect(named(report, CHECK.sidecarVsPdf)?.detail).toMatch(/the PDF was changed after it was written/);
    expect(named(report, CHECK.update)?.detail).toMatch(
      /the trailer \/ID no longer matches the digest of the pages before it: the printed pages were changed/,
    );
  });

  it("fails when a byte in the middle of the file changes", async () => {
    const path = writeTampered(flipByte(archived.pdf, Math.floor(archived.pdf.length / 2)), pdfPath);
    const report = await verifyPdf(path);
    expect(report.ok).toBe(false);
    expect(named(report, CHECK.sidecarVsPdf)?.ok).toBe(false);
  });

  describe("a PDF whose attached result was swapped for another result", () => {
    let swapped: Uint8Array;
    beforeAll(async () => {
      const other: Result = { ...result, workspace: { ...result.workspace, organisation: "Someone Else GmbH" } };
      const doc = await PDFDocument.load(archived.pdf, { updateMetadata: false });
      expect(detachFiles(doc, [RESULT_ATTACHMENT])).toBe(1);
      await doc.attach(new TextEncoder().encode(serializeResult(other)), RESULT_ATTACHMENT, {
        mimeType: "application/json",
        creationDate: new Date(result.generatedAt),
        modificationDate: new Date(result.generatedAt),
      });
      swapped = await doc.save({ useObjectStreams: false });
      // The info dictionary is kept as it was.
      expect((await readArchive(swapped)).info.CautionResultSHA256).toBe(
        (await readArchive(archived.pdf)).info.CautionResultSHA256,
      );
    });

    it("fails with the old sidecar, naming the swapped result", async () => {
      const report = await verifyPdf(writeTampered(swapped, pdfPath));
      const names = failed(report).map((c) => c.name);
      expect(names).toContain(CHECK.resultVsInfo);
      expect(names).toContain(CHECK.resultVsManifest);
      expect(names).toContain(CHECK.sidecarVsPdf);
      expect(named(report, CHECK.resultVsInfo)?.detail).toMatch(
        /the attached caution-result\.json has SHA-256 [0-9a-f]{64}, but the document information records [0-9a-f]{64}: the attached result is not the one this PDF was stamped with/,
      );
    });

    it("fails even when the sidecar was rewritten to match the new bytes", async () => {
      const dir = tempDir("caution-archive-swapped-");
      const path = join(dir, "caution-report.pdf");
      writeFileSync(path, swapped);
      const { pdf: _pdf, ...embedded } = archived.sidecar;
      writeFileSync(sidecarFileName(path), serializeManifest(withPdf(embedded, "caution-report.pdf", swapped)));
      const report = await verifyPdf(path);
      // pdf-lib re-wrote the whole file: caution's update is gone, and the detached result is still in the file.
      expect(failed(report).map((c) => c.name)).toEqual([
        CHECK.resultVsInfo,
        CHECK.resultVsManifest,
        CHECK.reportId,
        CHECK.update,
        CHECK.foreignFiles,
      ]);
    });
  });

  it("fails when an input of the workspace changed, went missing or was added, naming each file", async () => {
    const changed = demoCopy();
    appendFileSync(join(changed, "vendors", "altavale.yaml"), "# edited after the report\n");
    rmSync(join(changed, "incidents", "cirrane.csv"));
    writeFileSync(join(changed, "incidents", "extra.csv"), "vendor,id\n");
    const report = await verifyPdf(pdfPath, { inputsDir: changed });
    expect(report.ok).toBe(false);
    expect(failed(report).map((c) => c.name)).toEqual([
      inputCheckName("incidents/cirrane.csv"),
      inputCheckName("vendors/altavale.yaml"),
      inputCheckName("incidents/extra.csv"),
    ]);
    expect(named(report, inputCheckName("vendors/altavale.yaml"))?.detail).toMatch(
      /^changed: .*altavale\.yaml has SHA-256 [0-9a-f]{64} \(\d+ bytes\), the manifest records [0-9a-f]{64} \(\d+ bytes\)$/,
    );
    expect(named(report, inputCheckName("incidents/cirrane.csv"))?.detail).toMatch(
      /^listed in the manifest but missing: /,
    );
    expect(named(report, inputCheckName("incidents/extra.csv"))?.detail).toMatch(
      /^in the workspace but not in the manifest: /,
    );
    // The PDF itself is fine.
    expect(report.checks.filter((c) => !c.name.startsWith("input ")).every((c) => c.ok)).toBe(true);
  });

  it("reports a missing sidecar as a failed check, unless the sidecar is switched off", async () => {
    const dir = tempDir("caution-archive-nosidecar-");
    const path = join(dir, "report.pdf");
    writeFileSync(path, archived.pdf);
    const report = await verifyPdf(path);
    expect(failed(report)).toEqual([
      {
        name: CHECK.sidecar,
        ok: false,
        detail: expect.stringMatching(/^no sidecar manifest: the PDF's own bytes cannot be checked/) as unknown,
      },
    ]);
    const contentsOnly = await verifyPdf(path, { sidecar: false });
    expect(contentsOnly.ok).toBe(true);
    expect(contentsOnly.checks.some((c) => c.name.startsWith("sidecar"))).toBe(false);
  });

  it("takes the sidecar from --manifest when it is elsewhere", async () => {
    const dir = tempDir("caution-archive-manifest-");
    const path = join(dir, "renamed.pdf");
    writeFileSync(path, archived.pdf);
    const report = await verifyPdf(path, { manifestPath: sidecarFileName(pdfPath) });
    expect(failed(report)).toEqual([]);
  });

  it("fails when the sidecar's fields differ from the embedded manifest", async () => {
    const dir = tempDir("caution-archive-sidecar-");
    const path = join(dir, "caution-report.pdf");
    writeFileSync(path, archived.pdf);
    writeFileSync(
      sidecarFileName(path),
      serializeManifest({ ...archived.sidecar, asOf: "2020-01-01", paper: "letter" }),
    );
    const report = await verifyPdf(path);
    expect(failed(report)).toEqual([{ name: CHECK.sidecarVsManifest, ok: false, detail: "differs in paper, asOf" }]);
  });

  it("fails when the sidecar is not a manifest", async () => {
    const dir = tempDir("caution-archive-badsidecar-");
    const path = join(dir, "caution-report.pdf");
    writeFileSync(path, archived.pdf);
    writeFileSync(sidecarFileName(path), JSON.stringify({ ...archived.sidecar, pdf: undefined }));
    const report = await verifyPdf(path);
    expect(failed(report).map((c) => c.name)).toEqual([CHECK.sidecar]);
    expect(named(report, CHECK.sidecar)?.detail).toMatch(/does not match the schema: pdf: /);
  });

  it("fails on a file that is not a PDF, and on a PDF without caution's attachments", async () => {
    const dir = tempDir("caution-archive-notpdf-");
    const notPdf = join(dir, "notes.pdf");
    writeFileSync(notPdf, "just some text\n");
    const r1 = await verifyPdf(notPdf, { sidecar: false });
    expect(r1.checks).toEqual([
      { name: CHECK.parses, ok: false, detail: expect.stringMatching(/^pdf-lib cannot read/) as unknown },
    ]);

    const plain = join(dir, "plain.pdf");
    writeFileSync(plain, await simplePdf("no attachments"));
    const r2 = await verifyPdf(plain, { sidecar: false });
    expect(r2.checks).toEqual([
      { name: CHECK.parses, ok: true, detail: "" },
      {
        name: CHECK.attachments,
        ok: false,
        detail: "caution-result.json is not attached; caution-manifest.json is not attached",
      },
      {
        name: CHECK.update,
        ok: false,
        detail: expect.stringMatching(/^the file lacks what caution writes/) as unknown,
      },
      { name: CHECK.actions, ok: true, detail: "" },
      { name: CHECK.foreignFiles, ok: true, detail: "" },
    ]);
  });

  it("refuses to read inputs outside the workspace that an embedded manifest lists", async () => {
    const resultJson = serializeResult(result);
    const embedded = buildEmbeddedManifest({ result, resultJson, kind: "full", paper: "a4" });
    const hostile = {
      ...embedded,
      inputs: [
        ...embedded.inputs,
        { path: "../../etc/passwd", sha256: "0".repeat(64), bytes: 1 },
        { path: "questionnaire:../x.yaml", sha256: "0".repeat(64), bytes: 1 },
      ],
    };
    const doc = await PDFDocument.load(await simplePdf("hostile"), { updateMetadata: false });
    await attachArchive(doc, { resultJson, manifestJson: serializeManifest(hostile) }, new Date(result.generatedAt));
    const dir = tempDir("caution-archive-hostile-");
    const path = join(dir, "hostile.pdf");
    writeFileSync(path, await doc.save({ useObjectStreams: false }));
    const report = await verifyPdf(path, { sidecar: false, inputsDir: ws });
    for (const p of ["../../etc/passwd", "questionnaire:../x.yaml"]) {
      expect(named(report, inputCheckName(p))).toEqual({
        name: inputCheckName(p),
        ok: false,
        detail: "not a path inside the workspace or a questionnaire of caution's; not read",
      });
    }
    expect(named(report, CHECK.manifestVsResult)).toEqual({
      name: CHECK.manifestVsResult,
      ok: false,
      detail: "inputs differ",
    });
  });

  it("throws VerifyArgumentError for arguments it cannot use", async () => {
    await expect(verifyPdf(join(tempDir(), "missing.pdf"))).rejects.toThrow(VerifyArgumentError);
    await expect(verifyPdf(pdfPath, { manifestPath: join(tempDir(), "missing.json") })).rejects.toThrow(
      /cannot read the manifest .*: file not found/,
    );
    await expect(verifyPdf(pdfPath, { inputsDir: join(tempDir(), "nope") })).rejects.toThrow(
      /cannot read the workspace folder/,
    );
    await expect(verifyPdf(pdfPath, { inputsDir: pdfPath })).rejects.toThrow(/is not a folder/);
    await expect(verifyPdf(pdfPath, { manifestPath: sidecarFileName(pdfPath), sidecar: false })).rejects.toThrow(
      /contradict/,
    );
  });

  it("reads what it attached back unchanged", async () => {
    const contents = await readArchive(readFileSync(pdfPath));
    expect(new TextDecoder().decode(contents.files.get(RESULT_ATTACHMENT))).toBe(archived.resultJson);
    expect(new TextDecoder().decode(contents.files.get("caution-manifest.json"))).toBe(archived.manifestJson);
  });
});
