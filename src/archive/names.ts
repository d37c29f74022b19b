/** Names shared by the writer (attach, manifest) and the reader (verify) of an archived PDF. */

/** The JSON result as attached to the PDF. */
export const RESULT_ATTACHMENT = "caution-result.json";
/** The embedded manifest (everything but the PDF's own digest) as attached to the PDF. */
export const MANIFEST_ATTACHMENT = "caution-manifest.json";

/** Custom keys in the PDF's document information dictionary. */
export const INFO_RESULT_SHA256 = "CautionResultSHA256";
export const INFO_REPORT_ID = "CautionReportId";

/** The sidecar manifest lives next to the PDF: `caution-report.pdf` -> `caution-report.pdf.manifest.json`. */
export function sidecarFileName(pdfFileName: string): string {
  return `${pdfFileName}.manifest.json`;
}
