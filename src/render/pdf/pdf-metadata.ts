import { createHash } from "node:crypto";
import { resultDigest } from "../../archive/manifest.js";
import { INFO_REPORT_ID, INFO_RESULT_SHA256, MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "../../archive/names.js";
import { appendUpdate, normalizeNodeIds } from "./pdf-update.js";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** The instant the report speaks for; replaces the print time so that the same inputs give the same bytes. */
  date: Date;
}

/** What makes a PDF self-describing: the JSON result and the manifest, attached (see `caution verify`). */
export interface ArchiveInput {
  resultJson: string;
  manifestJson: string;
  reportId: string;
}

/**
 * Sets the document information, attaches the archive files and makes the file reproducible: Chromium stamps the
 * print time into its dates, so they are replaced with the report's own instant, and the document ID is a digest
 * of what the document was made from. The fast path appends an incremental update; a PDF it does not recognise is
 * re-written whole with pdf-lib.
 */
export async function stampPdf(
  raw: Uint8Array,
  meta: PdfMetadata,
  sourceHtml: string,
  archive?: ArchiveInput,
): Promise<Uint8Array> {
  const pdf = normalizeNodeIds(raw);
  const resultSha256 = archive ? resultDigest(archive.resultJson) : undefined;
  const id = createHash("sha256")
    .update(sourceHtml)
    .update(JSON.stringify(meta))
    .update(resultSha256 ?? "")
    .digest("hex")
    .slice(0, 32);
  const fast = appendUpdate(pdf, {
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join(" "),
      Creator: meta.creator,
      Producer: "Chromium (Skia/PDF), caution",
      ...(archive && resultSha256 ? { [INFO_RESULT_SHA256]: resultSha256, [INFO_REPORT_ID]: archive.reportId } : {}),
    },
    date: meta.date,
    id,
    attachments: archive
      ? [
          {
            name: MANIFEST_ATTACHMENT,
            data: Buffer.from(archive.manifestJson, "utf8"),
            description: `caution manifest: what report ${archive.reportId} was computed from, with the SHA-256 of every input`,
            relationship: "Supplement",
          },
          {
            name: RESULT_ATTACHMENT,
            data: Buffer.from(archive.resultJson, "utf8"),
            description: `caution JSON result (SHA-256 ${resultSha256}): every figure in this report with its trail`,
            relationship: "Data",
          },
        ]
      : [],
  });
  if (fast) return fast;

  // parseSpeed/objectsPerTick Infinity: pdf-lib otherwise yields to the event loop every few objects, which
  // doubles the time on a tagged PDF of a few thousand objects.
  // pdf-lib is loaded for this path only: the fast path above covers every PDF Chromium writes.
  const { PDFArray, PDFDocument, PDFHexString } = await import("pdf-lib");
  const { attachArchive } = await import("../../archive/attach.js");
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage("en");
  const ids = PDFArray.withContext(doc.context);
  ids.push(PDFHexString.of(id));
  ids.push(PDFHexString.of(id));
  doc.context.trailerInfo.ID = ids;
  if (archive)
    await attachArchive(doc, { resultJson: archive.resultJson, manifestJson: archive.manifestJson }, meta.date);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
