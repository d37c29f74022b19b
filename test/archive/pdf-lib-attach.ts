import { AFRelationship, PDFArray, PDFName, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";
import { embeddedFilesTree, infoDict, isText } from "../../src/archive/attach.js";
import { INFO_REPORT_ID, INFO_RESULT_SHA256, MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "../../src/archive/names.js";
import { sha256Hex } from "../../src/load/digest.js";
import { embeddedManifest } from "../../src/schema/manifest.js";

/**
 * A second way to attach caution's files to a PDF, with pdf-lib, as someone other than caution would: the tests use
 * it to build PDFs whose attachments were swapped or re-stamped, which caution verify must refuse. caution itself
 * writes its attachments in one place (src/archive/pdf-contents.ts, through its incremental update).
 */
export interface ArchiveFiles {
  /** The JSON result exactly as written next to the report (`resultJson(result)`). */
  resultJson: string;
  /** The embedded manifest as serialised by `serializeManifest(buildEmbeddedManifest(...))`. */
  manifestJson: string;
}

/**
 * Makes a PDF self-describing: attaches the JSON result and the embedded manifest, and records the result's digest
 * and the report id in the document information dictionary. Call it on a document loaded with
 * `updateMetadata: false` before `save()`; the attachments' dates are `date` (the report's own instant), so the same
 * inputs still give the same bytes. Caution attachments already in the document are replaced, not duplicated.
 *
 * Throws if the manifest is not a valid embedded manifest or does not name this result: that is a bug in the caller.
 */
export async function attachArchive(doc: PDFDocument, files: ArchiveFiles, date: Date): Promise<void> {
  const resultBytes = utf8(files.resultJson);
  const resultSha256 = sha256Hex(resultBytes);
  const parsed = embeddedManifest.safeParse(JSON.parse(files.manifestJson));
  if (!parsed.success)
    throw new Error(`attachArchive: the manifest is not a valid embedded manifest: ${parsed.error.message}`);
  const manifest = parsed.data;
  if (manifest.result.sha256 !== resultSha256) {
    throw new Error(
      `attachArchive: the manifest names result ${manifest.result.sha256}, but the result given has SHA-256 ${resultSha256}`,
    );
  }

  detachFiles(doc, [RESULT_ATTACHMENT, MANIFEST_ATTACHMENT]);
  // pdf-lib appends to the name tree in call order; a name tree's keys must be sorted, and "caution-manifest.json"
  // sorts before "caution-result.json".
  await doc.attach(utf8(files.manifestJson), MANIFEST_ATTACHMENT, {
    mimeType: "application/json",
    description: `caution manifest: what report ${manifest.reportId} was computed from, with the SHA-256 of every input`,
    creationDate: date,
    modificationDate: date,
    afRelationship: AFRelationship.Supplement,
  });
  await doc.attach(resultBytes, RESULT_ATTACHMENT, {
    mimeType: "application/json",
    description: `caution JSON result (SHA-256 ${resultSha256}): every figure in this report with its trail`,
    creationDate: date,
    modificationDate: date,
    afRelationship: AFRelationship.Data,
  });

  const info = infoDict(doc, true)!;
  info.set(PDFName.of(INFO_RESULT_SHA256), PDFString.of(resultSha256));
  info.set(PDFName.of(INFO_REPORT_ID), PDFString.of(manifest.reportId));
}

/**
 * Removes attachments by name from the document's embedded-files name tree (and the catalog's /AF list), so that
 * re-stamping a PDF replaces caution's attachments instead of adding a second copy. Only a flat name tree (the kind
 * pdf-lib and Chromium write) is edited. Returns how many entries were removed.
 */
export function detachFiles(doc: PDFDocument, names: readonly string[]): number {
  const tree = embeddedFilesTree(doc.catalog);
  const array = tree?.lookup(PDFName.of("Names"));
  if (!(array instanceof PDFArray)) return 0;
  const removedSpecs = new Set<PDFObject>();
  let removed = 0;
  for (let i = array.size() - 2; i >= 0; i -= 2) {
    const key = array.lookup(i);
    if (!isText(key) || !names.includes(key.decodeText())) continue;
    const spec = array.get(i + 1);
    if (spec !== undefined) removedSpecs.add(spec);
    array.remove(i + 1);
    array.remove(i);
    removed += 1;
  }
  const af = doc.catalog.lookup(PDFName.of("AF"));
  if (af instanceof PDFArray) {
    for (let i = af.size() - 1; i >= 0; i -= 1) {
      const entry = af.get(i);
      if (entry !== undefined && removedSpecs.has(entry)) af.remove(i);
    }
  }
  return removed;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
