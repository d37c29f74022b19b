import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { inflateBounded, InflateLimitError, LIMITS } from "./inflate.js";

export interface ArchiveContents {
  /** Whether pdf-lib could load the file; when false, `error` says why and nothing else is filled in. */
  parsed: boolean;
  error: string | null;
  /** Attached files by name (the name-tree key), decoded. A name attached twice keeps its first copy. */
  files: Map<string, Uint8Array>;
  /** Names that occur more than once in the name tree: a sign of tampering or of a faulty writer. */
  duplicates: string[];
  /** Attachments that are listed but whose bytes could not be read, with the reason. */
  unreadable: { name: string; reason: string }[];
  /** Every text entry of the document information dictionary (Title, Author, CautionResultSHA256, ...). */
  info: Record<string, string>;
  /** The document as pdf-lib parsed it, for the checks that walk its objects; absent when it did not parse. */
  doc?: PDFDocument;
}

/**
 * Reads the attachments and the document information of a PDF with pdf-lib's low-level API: the catalog's
 * /Names /EmbeddedFiles name tree (with /Kids), each file specification's /EF /F stream, inflated with a cap
 * (LIMITS.attachmentBytes). Never throws for a malformed file; throws InflateLimitError for an attachment that
 * unpacks past the cap, so that the caller refuses the file instead of reading on.
 */
export async function readArchive(pdfBytes: Uint8Array): Promise<ArchiveContents> {
  const contents: ArchiveContents = {
    parsed: false,
    error: null,
    files: new Map(),
    duplicates: [],
    unreadable: [],
    info: {},
  };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdfBytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    contents.error = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    return contents;
  }
  // pdf-lib loads lazily: a file with a header and no usable trailer "loads" but has no catalog.
  let catalog: PDFDict | undefined;
  try {
    catalog = doc.catalog;
  } catch {
    catalog = undefined;
  }
  if (!(catalog instanceof PDFDict)) {
    contents.error = "no document catalog (/Root): not a usable PDF";
    return contents;
  }
  contents.parsed = true;
  contents.doc = doc;

  try {
    const info = infoDict(doc, false);
    if (info) {
      for (const [key, value] of info.entries()) {
        const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
        if (isText(resolved)) contents.info[key.decodeText()] = resolved.decodeText();
      }
    }
  } catch {
    // A broken info dictionary leaves `info` empty; the checks that need it say what is missing.
  }

  const entries: { name: string; spec: PDFObject | undefined }[] = [];
  try {
    const tree = embeddedFilesTree(catalog);
    if (tree) collectNameTree(doc, tree, entries, 0, new Set());
  } catch {
    // A damaged name tree: whatever was collected before the damage is kept; the rest counts as not attached.
  }
  for (const { name, spec } of entries) {
    if (contents.files.has(name) || contents.unreadable.some((u) => u.name === name)) {
      if (!contents.duplicates.includes(name)) contents.duplicates.push(name);
      continue;
    }
    try {
      contents.files.set(name, readEmbeddedFile(doc, spec, name));
    } catch (err) {
      if (err instanceof InflateLimitError) throw err;
      contents.unreadable.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return contents;
}

function readEmbeddedFile(doc: PDFDocument, specObject: PDFObject | undefined, name: string): Uint8Array {
  const spec = specObject instanceof PDFRef ? doc.context.lookup(specObject) : specObject;
  if (!(spec instanceof PDFDict)) throw new Error("the file specification is not a dictionary");
  const ef = spec.lookup(PDFName.of("EF"));
  if (!(ef instanceof PDFDict)) throw new Error("the file specification has no /EF dictionary");
  const stream = ef.lookup(PDFName.of("F")) ?? ef.lookup(PDFName.of("UF"));
  if (stream instanceof PDFRawStream) return decodeStream(stream, `the attachment ${name}`);
  if (stream instanceof PDFStream) return stream.getContents();
  throw new Error("the /EF /F entry is not a stream");
}

/**
 * A stream's bytes: stored as they are, or FlateDecode without a predictor (what caution and every common writer
 * use for attachments), inflated with the cap. Other filters are not read: caution never writes them.
 */
export function decodeStream(stream: PDFRawStream, what: string, limit: number = LIMITS.attachmentBytes): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of("Filter"));
  const filters = filter instanceof PDFArray ? filter.asArray().map(String) : filter ? [String(filter)] : [];
  if (filters.length === 0) return stream.getContents();
  if (filters.length === 1 && filters[0] === "/FlateDecode" && !stream.dict.has(PDFName.of("DecodeParms")))
    return inflateBounded(stream.getContents(), limit, what);
  throw new Error(`${what} uses the filter ${filters.join(" ")}, which caution does not write`);
}

/** Walks a name tree: leaves hold /Names [key value ...], inner nodes /Kids. Depth and cycles are bounded. */
function collectNameTree(
  doc: PDFDocument,
  node: PDFDict,
  out: { name: string; spec: PDFObject | undefined }[],
  depth: number,
  seen: Set<PDFDict>,
): void {
  if (depth > 32 || seen.has(node)) return;
  seen.add(node);
  const names = node.lookup(PDFName.of("Names"));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (isText(key)) out.push({ name: key.decodeText(), spec: names.get(i + 1) });
    }
  }
  const kids = node.lookup(PDFName.of("Kids"));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i += 1) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) collectNameTree(doc, kid, out, depth + 1, seen);
    }
  }
}

export function embeddedFilesTree(catalog: PDFDict): PDFDict | undefined {
  const names = catalog.lookup(PDFName.of("Names"));
  if (!(names instanceof PDFDict)) return undefined;
  const tree = names.lookup(PDFName.of("EmbeddedFiles"));
  return tree instanceof PDFDict ? tree : undefined;
}

/** The trailer's /Info dictionary, created (as pdf-lib does for setTitle) when `create` is set. */
export function infoDict(doc: PDFDocument, create: boolean): PDFDict | undefined {
  const existing = doc.context.trailerInfo.Info ? doc.context.lookup(doc.context.trailerInfo.Info) : undefined;
  if (existing instanceof PDFDict) return existing;
  if (!create) return undefined;
  const fresh = doc.context.obj({});
  doc.context.trailerInfo.Info = doc.context.register(fresh);
  return fresh;
}

export function isText(value: unknown): value is PDFString | PDFHexString {
  return value instanceof PDFString || value instanceof PDFHexString;
}
