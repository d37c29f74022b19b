import { resultDigest } from "./manifest.js";
import { INFO_REPORT_ID, INFO_RESULT_SHA256, MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "./names.js";
import { xmlSafeText } from "./xmp.js";

/**
 * What caution's update of a PDF holds besides the pages: the document information and the two attachments. The
 * writer (render/pdf/pdf-metadata) and `caution verify`, which writes the same update again to compare, both build
 * them here, so the two cannot drift apart.
 */

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  creator: string;
}

/** Names the producer: Chromium printed the pages, caution added the rest. */
export const PRODUCER = "Chromium (Skia/PDF), caution";

/** The document information in the order written (PDF/A: restated in XMP, so XML-safe). */
export function documentInfo(
  meta: DocumentMetadata,
  archive?: { resultSha256: string; reportId: string },
): Record<string, string> {
  return {
    Title: xmlSafeText(meta.title),
    Author: xmlSafeText(meta.author),
    Subject: xmlSafeText(meta.subject),
    Keywords: xmlSafeText(meta.keywords.join(" ")),
    Creator: xmlSafeText(meta.creator),
    Producer: PRODUCER,
    ...(archive ? { [INFO_RESULT_SHA256]: archive.resultSha256, [INFO_REPORT_ID]: archive.reportId } : {}),
  };
}

export interface ArchiveAttachment {
  name: string;
  data: Uint8Array;
  description: string;
  relationship: "Data" | "Source";
}

/** The JSON result (Data: what the pages show) and the manifest (Source: what the result was made from). */
export function archiveAttachments(resultJson: string, manifestJson: string, reportId: string): ArchiveAttachment[] {
  return [
    {
      name: MANIFEST_ATTACHMENT,
      data: Buffer.from(manifestJson, "utf8"),
      description: `caution manifest: what report ${reportId} was computed from, with the SHA-256 of every input`,
      relationship: "Source",
    },
    {
      name: RESULT_ATTACHMENT,
      data: Buffer.from(resultJson, "utf8"),
      description: `caution JSON result (SHA-256 ${resultDigest(resultJson)}): every figure in this report with its trail`,
      relationship: "Data",
    },
  ];
}
