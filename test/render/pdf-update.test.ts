import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { readArchive } from "../../src/archive/attach.js";
import { stampPdf } from "../../src/render/pdf/pdf-metadata.js";
import { appendUpdate, documentId, normalizeNodeIds, pdfDate } from "../../src/render/pdf/pdf-update.js";

/** A minimal PDF shaped like Chromium's: info object first, plain catalog, classic xref table, no /ID. */
function chromiumLike(): Uint8Array {
  const objects = [
    "<</Title (T)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261125095244+00'00')\n/ModDate (D:20261125095244+00'00')>>",
    "<</Type /Catalog\n/Pages 3 0 R\n/Outlines 5 0 R\n/Lang (en-US)>>",
    "<</Type /Pages\n/Kids [4 0 R]\n/Count 1>>",
    "<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]\n/StructParents 0>>",
    "<</Type /Outlines\n/Count 0>>",
    "<</Type /StructElem\n/S /P\n/ID (node00003491)>>",
    "<</Type /StructElem\n/S /P\n/ID (node00003490)>>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

const date = new Date("2026-11-01T00:00:00Z");
const args = {
  info: {
    Title: "Report: Ünïcode ✓",
    Author: "Nordhafen",
    CautionResultSHA256: "a".repeat(64),
    CautionReportId: "0123456789abcdef",
  },
  date,
  attachments: [
    {
      name: "caution-result.json",
      data: Buffer.from('{"a":1}\n'),
      description: "result",
      relationship: "Data" as const,
    },
    {
      name: "caution-manifest.json",
      data: Buffer.from('{"m":2}\n'),
      description: "manifest",
      relationship: "Source" as const,
    },
  ],
};

describe("incremental PDF update", () => {
  it("writes PDF dates in the 23-character form Chromium uses", () => {
    expect(pdfDate(date)).toBe("D:20261101000000+00'00'");
  });

  it("appends metadata and attachments that pdf-lib and caution's reader see, and fixes the print time", async () => {
    const update = appendUpdate(chromiumLike(), args);
    const out = update?.bytes;
    expect(out).toBeDefined();
    const text = Buffer.from(out!).toString("latin1");
    expect(text).not.toContain("20261125095244"); // Chromium's print time is gone, even from the old info object
    // The ID digests the pages as finally written (print time replaced), which the update follows.
    const id = documentId(out!.subarray(0, update!.printedLength), args);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(text).toMatch(new RegExp(`/Prev \\d+ /ID \\[<${id}> <${id}>\\]`));
    const doc = await PDFDocument.load(out!, { updateMetadata: false });
    expect(doc.getTitle()).toBe("Report: Ünïcode ✓");
    expect(doc.getAuthor()).toBe("Nordhafen");
    expect(doc.getPageCount()).toBe(1);
    const archive = await readArchive(out!);
    expect(archive.parsed).toBe(true);
    expect(Buffer.from(archive.files.get("caution-result.json")!).toString()).toBe('{"a":1}\n');
    expect(Buffer.from(archive.files.get("caution-manifest.json")!).toString()).toBe('{"m":2}\n');
    expect(archive.info.CautionReportId).toBe("0123456789abcdef");
  });

  it("gives the same bytes twice", () => {
    expect(
      Buffer.from(appendUpdate(chromiumLike(), args)!.bytes).equals(
        Buffer.from(appendUpdate(chromiumLike(), args)!.bytes),
      ),
    ).toBe(true);
  });

  it("declines what it does not recognise, so the caller re-writes with pdf-lib", () => {
    const withNames = Buffer.from(chromiumLike()).toString("latin1").replace("/Lang (en-US)", "/Names 9 0 R");
    expect(appendUpdate(new Uint8Array(Buffer.from(withNames, "latin1")), args)).toBeNull();
    expect(appendUpdate(new Uint8Array(Buffer.from("%PDF-1.7\nnot a pdf", "latin1")), args)).toBeNull();
  });

  it("renumbers structure ids from 1 in their order, keeping every byte offset", () => {
    const raw = chromiumLike();
    const out = normalizeNodeIds(raw);
    expect(out.length).toBe(raw.length);
    const text = Buffer.from(out).toString("latin1");
    expect(text).toContain("(node00000002)>>"); // was 3491
    expect(text).toContain("(node00000001)>>"); // was 3490
    expect(text.indexOf("node00000002")).toBeLessThan(text.indexOf("node00000001"));
  });
});

describe("stampPdf on a PDF the update writer does not know", () => {
  it("re-writes a PDF with a cross-reference stream plainly, then appends the same kind of update", async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 200]);
    const withXrefStream = await doc.save({ useObjectStreams: true });
    expect(appendUpdate(withXrefStream, args)).toBeNull();
    const meta = { title: "T", author: "A", subject: "S", keywords: ["k"], creator: "c", date };
    const stamped = await stampPdf(withXrefStream, meta, {
      resultJson: '{"a":1}\n',
      manifestJson: "{}\n",
      reportId: "r",
    });
    const again = await stampPdf(withXrefStream, meta, {
      resultJson: '{"a":1}\n',
      manifestJson: "{}\n",
      reportId: "r",
    });
    expect(Buffer.from(stamped.bytes).equals(Buffer.from(again.bytes))).toBe(true);
    // The printed part is now a plain file, and the update follows it as it follows Chromium's.
    const printed = Buffer.from(stamped.bytes.subarray(0, stamped.printedLength)).toString("latin1");
    expect(printed).toMatch(/\nxref\n0 \d+\n/);
    const contents = await readArchive(stamped.bytes);
    expect(Buffer.from(contents.files.get("caution-result.json")!).toString()).toBe('{"a":1}\n');
    expect(contents.info.Title).toBe("T");
  });
});

describe("a signature field reserved in the update", () => {
  it("leaves out exactly the zeroed /Contents string from its /ByteRange, which covers the rest of the file", () => {
    const update = appendUpdate(chromiumLike(), { ...args, signatureBytes: 100 })!;
    const text = Buffer.from(update.bytes).toString("latin1");
    const { start, end } = update.signatureContents!;
    expect(text.slice(start, end)).toBe(`<${"0".repeat(200)}>`);
    const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]/.exec(text)!.slice(1).map(Number);
    expect(range).toEqual([0, start, end, update.bytes.length - end]);
    // The field is the first page's widget, printed but invisible (zero rectangle), and the form says it is signed.
    expect(text).toMatch(
      /\/Type \/Annot \/Subtype \/Widget \/FT \/Sig \/T <[0-9A-F]+> \/V \d+ 0 R \/F 132 \/Rect \[0 0 0 0\] \/P 4 0 R/,
    );
    expect(text).toMatch(/\/AcroForm <<\/Fields \[\d+ 0 R\] \/SigFlags 3>>/);
    expect(text).toMatch(/\n4 0 obj\n<<\/Type \/Page[^]*\/Annots \[\d+ 0 R\]>>\nendobj/);
  });
});
