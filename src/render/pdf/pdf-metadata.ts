import { PDFArray, PDFDocument, PDFHexString } from "pdf-lib";
import { createHash } from "node:crypto";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** The instant the report speaks for; replaces the print time so that the same inputs give the same bytes. */
  date: Date;
}

/**
 * Sets the document information and makes the file reproducible: Chromium stamps the print time into the dates and
 * the document ID, so both are replaced with values derived from the inputs.
 */
export async function stampPdf(pdf: Uint8Array, meta: PdfMetadata, sourceHtml: string, extend?: (doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage("en");
  // The ID is a digest of the HTML it was printed from and the metadata (Chromium's own bytes carry the print
  // time), so it changes exactly when the document does.
  const digest = createHash("sha256").update(sourceHtml).update(JSON.stringify(meta)).digest("hex").slice(0, 32);
  const ids = PDFArray.withContext(doc.context);
  ids.push(PDFHexString.of(digest));
  ids.push(PDFHexString.of(digest));
  doc.context.trailerInfo.ID = ids;
  // Further content (the archive attachments) goes in the same save, so the file is written once.
  await extend?.(doc);
  return doc.save({ useObjectStreams: false });
}
