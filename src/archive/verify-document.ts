import type { PDFDocument } from "pdf-lib";
import type { EmbeddedManifest } from "../schema/manifest.js";
import type { Result } from "../schema/result.js";
import type { ArchiveContents } from "./attach.js";
import { INFO_REPORT_ID, MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "./names.js";
import { pageTextProblems } from "./page-text.js";
import { archiveAttachments } from "./pdf-contents.js";
import { checkRevisions } from "./pdf-revisions.js";
import { cautionFileRefs, scanDocument } from "./pdf-scan.js";
import { checkSignature } from "./signature-check.js";

/** Checks of the document itself, which need no sidecar: see docs/archive.md for what each proves. */
export const DOCUMENT_CHECK = {
  signature: "signature",
  update: "pdf is as caution wrote it",
  actions: "no scripts or actions",
  foreignFiles: "no other embedded files",
  pages: "pages show the attached result",
} as const;

export interface DocumentCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What verify learnt about the signature, for the summary line. */
export interface SignatureSummary {
  signer: string;
  ok: boolean;
  /** The RFC 3161 time-stamp's time, when there is a valid one. */
  timeStamp?: string;
}

export async function documentChecks(
  pdf: Uint8Array,
  archive: ArchiveContents & { doc: PDFDocument },
  embedded: EmbeddedManifest | undefined,
  result: { parsed: Result; text: string } | undefined,
): Promise<{ checks: DocumentCheck[]; signatures: SignatureSummary[] }> {
  const checks: DocumentCheck[] = [];
  const add = (name: string, problems: string[]) =>
    checks.push({ name, ok: problems.length === 0, detail: problems.join("; ") });
  const scan = scanDocument(archive.doc, cautionFileRefs(archive.doc));

  const signatures: SignatureSummary[] = [];
  let signatureAt: { start: number; end: number } | undefined;
  if (scan.signatures.length > 0) {
    const problems: string[] = [];
    if (scan.signatures.length > 1)
      problems.push(`${scan.signatures.length} signature fields: caution signs once, the others were added later`);
    for (const s of scan.signatures) {
      const verdict = await checkSignature(pdf, s.field, s.byteRange, s.contents);
      if (verdict.signer)
        signatures.push({
          signer: verdict.signer,
          ok: verdict.ok,
          ...(verdict.timeStamp ? { timeStamp: verdict.timeStamp } : {}),
        });
      if (!verdict.ok) problems.push(verdict.detail);
      signatureAt ??= verdict.contents;
    }
    add(DOCUMENT_CHECK.signature, problems);
  }

  add(DOCUMENT_CHECK.update, updateProblems(pdf, archive, signatureAt));
  add(DOCUMENT_CHECK.actions, scan.actions.slice(0, 10));
  add(DOCUMENT_CHECK.foreignFiles, [
    ...[...archive.files.keys(), ...archive.unreadable.map((u) => u.name)]
      .filter((n) => n !== RESULT_ATTACHMENT && n !== MANIFEST_ATTACHMENT)
      .map((n) => `the attachment ${JSON.stringify(n)} is not caution's`),
    ...scan.foreignFiles.slice(0, 10),
  ]);
  if (embedded && result) add(DOCUMENT_CHECK.pages, await pageTextProblems(pdf, archive.doc, embedded, result.parsed));
  return { checks, signatures };
}

/** Writes caution's update again from what the file carries and compares (archive/pdf-revisions.ts). */
function updateProblems(
  pdf: Uint8Array,
  archive: ArchiveContents,
  signature: { start: number; end: number } | undefined,
): string[] {
  const resultBytes = archive.files.get(RESULT_ATTACHMENT);
  const manifestBytes = archive.files.get(MANIFEST_ATTACHMENT);
  const reportId = archive.info[INFO_REPORT_ID];
  const date = parsePdfDate(archive.info.CreationDate);
  if (!resultBytes || !manifestBytes || reportId === undefined || !date)
    return [
      "the file lacks what caution writes (its two attachments, the report id and the date in the document information): it is not a caution PDF, or was re-written",
    ];
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const info = Object.fromEntries(
    Object.entries(archive.info).filter(([k]) => k !== "CreationDate" && k !== "ModDate"),
  );
  const verdict = checkRevisions(
    pdf,
    { info, date, attachments: archiveAttachments(decode(resultBytes), decode(manifestBytes), reportId) },
    signature,
  );
  return verdict.ok ? [] : [verdict.detail];
}

/** D:YYYYMMDDHHmmSS+00'00' (what caution writes) as a Date; anything else is undefined. */
function parsePdfDate(value: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\+00'00'$/.exec(value ?? "");
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
