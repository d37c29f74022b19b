import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, PDFName, rgb, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { CHECK, verifyPdf, type VerifyReport } from "../../src/archive/verify.js";
import { stampPdf } from "../../src/render/pdf/pdf-metadata.js";
import { renderReport } from "../../src/render/report.js";
import type { Result } from "../../src/schema/result.js";
import { caution, tempDir } from "../support/cli.js";
import { demoCopy, scoreDir } from "./fixture.js";

/**
 * The attacks of issue 15, built as an attacker would, each checked without any sidecar: what the PDF carries must
 * be enough to fail it.
 */

const failedNames = (r: VerifyReport) => r.checks.filter((c) => !c.ok).map((c) => c.name);
const detail = (r: VerifyReport, name: string) => r.checks.find((c) => c.name === name)?.detail ?? "";

function write(bytes: Uint8Array, name: string): string {
  const path = join(tempDir("caution-attack-"), name);
  writeFileSync(path, bytes);
  return path;
}

/** The bytes Chromium printed: everything before caution's update (its first object follows one line feed). */
function printedPart(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const xref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const section = text.slice(xref, text.indexOf("trailer", xref));
  const first = Math.min(...[...section.matchAll(/^(\d{10}) \d{5} n/gm)].map((m) => Number(m[1])));
  return pdf.subarray(0, first - 1);
}

/**
 * Appends an incremental update the way an editing viewer saves: new objects, the objects it changed written again,
 * a cross-reference section and a trailer pointing back to the previous one.
 */
async function appendRevision(
  pdf: Uint8Array,
  change: (doc: PDFDocument) => { num: number; body: string }[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const objects = change(doc);
  const text = Buffer.from(pdf).toString("latin1");
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const trailer = text.slice(text.lastIndexOf("trailer"));
  const size = Math.max(Number(/\/Size (\d+)/.exec(trailer)![1]), ...objects.map((o) => o.num + 1));
  let body = "";
  const offsets: [number, number][] = [];
  for (const o of objects) {
    offsets.push([o.num, pdf.length + body.length]);
    body += `${o.num} 0 obj\n${o.body}\nendobj\n`;
  }
  const xrefAt = pdf.length + body.length;
  const xref = offsets.map(([n, at]) => `${n} 1\n${String(at).padStart(10, "0")} 00000 n \n`).join("");
  const keep = /\/Root \d+ 0 R \/Info \d+ 0 R/.exec(trailer)![0];
  const id = /\/ID \[[^\]]*\]/.exec(trailer)![0];
  body += `xref\n${xref}trailer\n<</Size ${size} ${keep} /Prev ${prev} ${id}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(body, "latin1")]));
}

describe("attacks on an archived PDF, verified without a sidecar", () => {
  let result: Result;
  let executive: Uint8Array;
  let vendor: Uint8Array;
  let vendorFiles: { resultJson: string; manifestJson: string; reportId: string };

  beforeAll(async () => {
    result = await scoreDir(demoCopy());
    const files = await renderReport(result, {
      formats: ["pdf"],
      kinds: ["executive", "vendor"],
      paper: "a4",
      progress: { step() {} },
    });
    const get = (name: string) => files.find((f) => f.name === name)!.data as Uint8Array;
    executive = get("caution-executive.pdf");
    vendor = get("caution-vendor-altavale.pdf");
    const { readArchive } = await import("../../src/archive/attach.js");
    const contents = await readArchive(vendor);
    const decode = (name: string) => new TextDecoder().decode(contents.files.get(name));
    vendorFiles = {
      resultJson: decode("caution-result.json"),
      manifestJson: decode("caution-manifest.json"),
      reportId: contents.info.CautionReportId!,
    };
    // The untouched documents pass, so each failure below comes from the attack.
    for (const pdf of [executive, vendor])
      expect(failedNames(await verifyPdf(write(pdf, "ok.pdf"), { sidecar: false }))).toEqual([]);
  });

  describe("a whited-out page with LOW RISK drawn on it", () => {
    const whiteOut = async (doc: PDFDocument) => {
      const page = doc.getPage(0);
      const font = await doc.embedFont(StandardFonts.HelveticaBold);
      page.drawRectangle({ x: 40, y: 400, width: 520, height: 200, color: rgb(1, 1, 1) });
      page.drawText("LOW RISK", { x: 60, y: 500, size: 36, font, color: rgb(0, 0.5, 0) });
    };

    it("fails when drawn with pdf-lib (the file is re-written)", async () => {
      const doc = await PDFDocument.load(executive, { updateMetadata: false });
      await whiteOut(doc);
      const path = write(await doc.save({ useObjectStreams: false }), "low-risk.pdf");
      const report = await verifyPdf(path, { sidecar: false });
      expect(failedNames(report)).toEqual([CHECK.update]);
      expect(detail(report, CHECK.update)).toMatch(
        /^no revision of the file is the update caution writes for these pages, this document information and these attachments \(.*\): it was re-written or edited after caution wrote it$/,
      );
    });

    it("fails when drawn in an incremental update, as an editing viewer saves", async () => {
      const tampered = await appendRevision(executive, (doc) => {
        const page = doc.getPage(0);
        const contents = page.node.get(PDFName.of("Contents"))!.toString();
        const stream = "q 1 1 1 rg 40 400 520 200 re f Q BT /F1 36 Tf 60 500 Td (LOW RISK) Tj ET";
        const next = doc.context.largestObjectNumber + 1;
        return [
          { num: next, body: `<</Length ${stream.length}>>\nstream\n${stream}\nendstream` },
          {
            num: page.ref.objectNumber,
            body: page.node.toString().replace(`/Contents ${contents}`, `/Contents [${contents} ${next} 0 R]`),
          },
        ];
      });
      const report = await verifyPdf(write(tampered, "low-risk-update.pdf"), { sidecar: false });
      expect(failedNames(report)).toEqual([CHECK.update]);
      expect(detail(report, CHECK.update)).toMatch(
        /^\d+ bytes \(an incremental update\) were appended after caution's own update: another program changed the document after caution wrote it$/,
      );
    });
  });

  describe("a report whose pages carry another document's attachments", () => {
    it("fails on the pages even when the update is re-made with caution's own code", async () => {
      // The executive summary's printed pages, stamped anew with the Altavale vendor report's result and manifest.
      const forged = await stampPdf(
        printedPart(executive),
        {
          title: "AI-agent outage risk: Altavale Cloud SE",
          author: result.workspace.organisation,
          subject: "forged",
          keywords: [],
          creator: `caution ${result.tool.version}`,
          date: new Date(result.generatedAt),
        },
        vendorFiles,
      );
      const report = await verifyPdf(write(forged.bytes, "swapped.pdf"), { sidecar: false });
      // Everything the files say agrees with itself; only the pages tell that they belong to another report.
      expect(failedNames(report)).toEqual([CHECK.pages]);
      expect(detail(report, CHECK.pages)).toContain(
        `page 1 does not show "report ${vendorFiles.reportId}", the id of the attached manifest; it shows report`,
      );
      expect(detail(report, CHECK.pages)).toContain(
        `no page opens Altavale Cloud SE's section with "Altavale Cloud SE Rating Low Score 7.0/100" (page 1)`,
      );
    });
  });

  describe("a PDF with an added JavaScript /OpenAction", () => {
    it("fails when added with pdf-lib", async () => {
      const doc = await PDFDocument.load(executive, { updateMetadata: false });
      doc.catalog.set(
        PDFName.of("OpenAction"),
        doc.context.obj({ Type: "Action", S: "JavaScript", JS: "app.alert('approved')" }),
      );
      const report = await verifyPdf(write(await doc.save({ useObjectStreams: false }), "js.pdf"), { sidecar: false });
      expect(failedNames(report)).toEqual([CHECK.update, CHECK.actions]);
      expect(detail(report, CHECK.actions)).toMatch(
        /^object (\d+) has \/OpenAction \(an action run on opening or on an event\); object \1 \/OpenAction has \/JS \(JavaScript\); object \1 \/OpenAction is a \/JavaScript action$/,
      );
    });

    it("fails when added in an incremental update, and flags /AA and /Launch too", async () => {
      const tampered = await appendRevision(executive, (doc) => {
        const catalog = doc.catalog
          .toString()
          .replace(/>>\s*$/, " /OpenAction <</S /JavaScript /JS (app.alert(1))>>>>");
        const page = doc.getPage(0);
        return [
          { num: doc.context.trailerInfo.Root!.toString().split(" ").map(Number)[0]!, body: catalog },
          {
            num: page.ref.objectNumber,
            body: page.node.toString().replace(/>>\s*$/, " /AA <</O <</S /Launch /F (calc.exe)>>>>>>"),
          },
        ];
      });
      const report = await verifyPdf(write(tampered, "js-update.pdf"), { sidecar: false });
      expect(failedNames(report)).toEqual([CHECK.update, CHECK.actions]);
      const actions = detail(report, CHECK.actions);
      for (const what of ["has /OpenAction", "is a /JavaScript action", "has /AA", "is a /Launch action"])
        expect(actions).toContain(what);
      const cli = caution(["verify", write(tampered, "js-update.pdf"), "--no-sidecar"]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(/^FAIL no scripts or actions: /m);
    });
  });
});
