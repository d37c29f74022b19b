import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from "pdf-lib";
import { MANIFEST_ATTACHMENT, RESULT_ATTACHMENT } from "./names.js";

/**
 * What a PDF could do when opened, and what it carries besides caution's own files. caution's PDFs have no
 * actions but links (/URI to https or mailto, /GoTo inside the document), no JavaScript and no embedded file but
 * its two attachments: anything else was added by someone else.
 */

/** Actions a caution PDF never has: they run code, open files or programs, send data, or change the document. */
const FORBIDDEN_ACTIONS = new Set([
  "JavaScript",
  "Launch",
  "SubmitForm",
  "ResetForm",
  "ImportData",
  "GoToR",
  "GoToE",
  "Rendition",
  "Sound",
  "Movie",
  "Hide",
  "SetOCGState",
  "Trans",
  "GoTo3DView",
  "RichMediaExecute",
  "Named",
]);

export interface ScanFindings {
  /** Scripts, automatic actions and forbidden actions, each with the object it sits in. */
  actions: string[];
  /** Embedded files and file attachments caution did not write. */
  foreignFiles: string[];
  /** Signature fields: the signature dictionary's /ByteRange and where its /Contents string sits. */
  signatures: { field: string; byteRange: number[]; contents: Uint8Array }[];
}

/** Caps on the walk, so that a hostile object graph cannot make it run long. */
const MAX_OBJECTS = 500_000;
const MAX_DEPTH = 64;

export function scanDocument(doc: PDFDocument, cautionFiles: ReadonlySet<PDFObject>): ScanFindings {
  const findings: ScanFindings = { actions: [], foreignFiles: [], signatures: [] };
  let visited = 0;
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (++visited > MAX_OBJECTS) {
      findings.actions.push(`more than ${MAX_OBJECTS} objects: the rest were not examined`);
      break;
    }
    const where = `object ${ref.objectNumber}`;
    walk(object, where, 0, findings, ref, cautionFiles);
  }
  collectSignatures(doc, findings);
  return findings;
}

function walk(
  object: PDFObject,
  where: string,
  depth: number,
  findings: ScanFindings,
  ref: PDFRef,
  cautionFiles: ReadonlySet<PDFObject>,
): void {
  if (depth > MAX_DEPTH) return;
  const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
  if (dict) {
    inspect(dict, where, findings, ref, cautionFiles);
    for (const [key, value] of dict.entries())
      if (!(value instanceof PDFRef)) walk(value, `${where} ${key.toString()}`, depth + 1, findings, ref, cautionFiles);
  } else if (object instanceof PDFArray) {
    for (const value of object.asArray())
      if (!(value instanceof PDFRef)) walk(value, where, depth + 1, findings, ref, cautionFiles);
  }
}

function inspect(
  dict: PDFDict,
  where: string,
  findings: ScanFindings,
  ref: PDFRef,
  cautionFiles: ReadonlySet<PDFObject>,
): void {
  const name = (key: string) => {
    const v = dict.get(PDFName.of(key));
    return v instanceof PDFName ? v.decodeText() : undefined;
  };
  for (const key of ["OpenAction", "AA"])
    if (dict.has(PDFName.of(key)))
      findings.actions.push(`${where} has /${key} (an action run on opening or on an event)`);
  if (dict.has(PDFName.of("JS"))) findings.actions.push(`${where} has /JS (JavaScript)`);
  if (dict.has(PDFName.of("JavaScript"))) findings.actions.push(`${where} has a /JavaScript name tree`);
  const action = name("S");
  if (action && FORBIDDEN_ACTIONS.has(action) && (name("Type") === "Action" || !dict.has(PDFName.of("Type"))))
    findings.actions.push(`${where} is a /${action} action`);
  if (action === "URI") {
    const uri = text(dict.get(PDFName.of("URI")));
    if (uri !== undefined && !/^(https?:|mailto:)/i.test(uri))
      findings.actions.push(`${where} links to ${JSON.stringify(uri.slice(0, 80))}, not an https or mailto address`);
  }
  const type = name("Type");
  const own = cautionFiles.has(ref);
  if (type === "EmbeddedFile" && !own)
    findings.foreignFiles.push(`${where} is an embedded file that is not one of caution's two attachments`);
  if ((type === "Filespec" || type === "F") && dict.has(PDFName.of("EF")) && !own) {
    const file = text(dict.get(PDFName.of("UF"))) ?? text(dict.get(PDFName.of("F"))) ?? "(no name)";
    findings.foreignFiles.push(
      `${where} embeds ${JSON.stringify(file)}, which is not one of caution's two attachments`,
    );
  }
  if (name("Subtype") === "FileAttachment") findings.foreignFiles.push(`${where} is a file attachment annotation`);
}

/** Signature fields (AcroForm /FT /Sig with a value): their byte ranges and signature values. */
function collectSignatures(doc: PDFDocument, findings: ScanFindings): void {
  const form = doc.catalog.lookup(PDFName.of("AcroForm"));
  if (!(form instanceof PDFDict)) return;
  const fields = form.lookup(PDFName.of("Fields"));
  if (!(fields instanceof PDFArray)) return;
  for (let i = 0; i < Math.min(fields.size(), 1000); i += 1) {
    const field = fields.lookup(i);
    if (!(field instanceof PDFDict) || field.lookup(PDFName.of("FT"))?.toString() !== "/Sig") continue;
    const value = field.lookup(PDFName.of("V"));
    if (!(value instanceof PDFDict)) continue;
    const range = value.lookup(PDFName.of("ByteRange"));
    const contents = value.lookup(PDFName.of("Contents"));
    findings.signatures.push({
      field: text(field.lookup(PDFName.of("T"))) ?? `field ${i + 1}`,
      byteRange:
        range instanceof PDFArray
          ? range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN))
          : [],
      contents:
        contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : new Uint8Array(),
    });
  }
}

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** The file specifications and embedded-file streams of caution's two attachments, by reference. */
export function cautionFileRefs(doc: PDFDocument): Set<PDFObject> {
  const refs = new Set<PDFObject>();
  const names = doc.catalog.lookup(PDFName.of("Names"));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of("EmbeddedFiles")) : undefined;
  const entries = tree instanceof PDFDict ? tree.lookup(PDFName.of("Names")) : undefined;
  if (!(entries instanceof PDFArray)) return refs;
  for (let i = 0; i + 1 < entries.size(); i += 2) {
    const key = text(entries.lookup(i));
    const specRef = entries.get(i + 1);
    if (key !== RESULT_ATTACHMENT && key !== MANIFEST_ATTACHMENT) continue;
    if (!(specRef instanceof PDFRef)) continue;
    refs.add(specRef);
    const spec = doc.context.lookup(specRef);
    const ef = spec instanceof PDFDict ? spec.lookup(PDFName.of("EF")) : undefined;
    if (ef instanceof PDFDict) for (const [, v] of ef.entries()) if (v instanceof PDFRef) refs.add(v);
  }
  return refs;
}
