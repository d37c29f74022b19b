import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from "pdf-lib";

/** One entry of a PDF's outline (bookmarks): its title, depth (0 = top) and the 1-based page it points to. */
export interface OutlineEntry {
  title: string;
  depth: number;
  page: number | null;
}

/** The outline entries at most this many; Chromium writes one per heading, a report has a few hundred. */
const MAX_ENTRIES = 20_000;

/**
 * The outline Chromium writes from the headings (`outline: true`), in document order, each with the page it
 * points to. The full report's table of contents takes its page numbers from here: the browser that laid the pages
 * out says where each heading landed, so no text has to be searched for.
 */
export async function outlinePages(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const ctx = doc.context;
  const look = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dict = (o: PDFObject | undefined) => {
    const d = look(o);
    return d instanceof PDFDict ? d : undefined;
  };
  const pageOf = (item: PDFDict): number | null => {
    let dest = look(item.get(PDFName.of("Dest")));
    const action = dict(item.get(PDFName.of("A")));
    if (!dest && action) dest = look(action.get(PDFName.of("D")));
    if (dest instanceof PDFArray) {
      const ref = dest.get(0);
      return ref instanceof PDFRef ? (pages.get(ref.toString()) ?? null) : null;
    }
    return null;
  };
  const out: OutlineEntry[] = [];
  const root = dict(doc.catalog.get(PDFName.of("Outlines")));
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item && out.length < MAX_ENTRIES; item = dict(item.get(PDFName.of("Next")))) {
      const t = look(item.get(PDFName.of("Title")));
      const title = t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : "";
      out.push({ title, depth, page: pageOf(item) });
      walk(dict(item.get(PDFName.of("First"))), depth + 1);
    }
  };
  walk(dict(root?.get(PDFName.of("First"))), 0);
  return out;
}
