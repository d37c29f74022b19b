import { resultDigest } from "../../archive/manifest.js";
import { archiveAttachments, documentInfo, type DocumentMetadata } from "../../archive/pdf-contents.js";
import { appendUpdate, normalizeNodeIds, type Update } from "./pdf-update.js";

export interface PdfMetadata extends DocumentMetadata {
  /** The instant the report speaks for; replaces the print time so that the same inputs give the same bytes. */
  date: Date;
}

/** What makes a PDF self-describing: the JSON result and the manifest, attached (see `caution verify`). */
export interface ArchiveInput {
  resultJson: string;
  manifestJson: string;
  reportId: string;
}

export interface StampOptions {
  /** Reserve a signature field of this many bytes (see archive/sign.ts); the update is returned unsigned. */
  signatureBytes?: number;
}

/**
 * Makes a printed PDF an archival document (PDF/A-3b): document information and XMP metadata, the sRGB output
 * intent, the attachments, a trailer /ID derived from the content, dates set to the report's own instant, all in
 * one incremental update after the printed bytes. A PDF the update writer does not recognise (a cross-reference
 * stream, say) is first re-written plainly with pdf-lib, then updated the same way.
 */
export async function stampPdf(
  raw: Uint8Array,
  meta: PdfMetadata,
  archive?: ArchiveInput,
  options: StampOptions = {},
): Promise<Update> {
  const pdf = normalizeNodeIds(raw);
  const args = {
    info: documentInfo(
      meta,
      archive ? { resultSha256: resultDigest(archive.resultJson), reportId: archive.reportId } : undefined,
    ),
    date: meta.date,
    attachments: archive ? archiveAttachments(archive.resultJson, archive.manifestJson, archive.reportId) : [],
    ...(options.signatureBytes !== undefined ? { signatureBytes: options.signatureBytes } : {}),
  };
  const fast = appendUpdate(pdf, args);
  if (fast) return fast;

  // pdf-lib is loaded for this path only: the fast path covers every PDF Chromium writes. parseSpeed and
  // objectsPerTick Infinity: pdf-lib otherwise yields to the event loop every few objects.
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const plain = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  const update = appendUpdate(plain, args);
  if (!update)
    throw new Error(
      "stampPdf: the printed PDF has a catalog caution cannot extend (it already names attachments, metadata, a form or actions)",
    );
  return update;
}
