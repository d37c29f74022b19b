import { PDFName, PDFRawStream, type PDFDocument } from "pdf-lib";
import { cleanText } from "../load/clean-text.js";
import { formatDate, formatScore, ratingLabel } from "../render/format.js";
import type { EmbeddedManifest } from "../schema/manifest.js";
import type { Result } from "../schema/result.js";
import { inflatedSize, LIMITS, MiB } from "./inflate.js";

/**
 * Do the pages say what the attached result says? The text of every page is extracted with PDF.js (Mozilla's
 * reader, loaded only here) and compared with what the layout puts on it: every page's footer names the as-of
 * date and the report id; the "At a glance" table at the start of the full, executive and comparison reports has a
 * row per provider with its name, rating and score; each provider's section (full and vendor reports) opens with
 * the same three. Text is compared with white space removed and case ignored, so line breaks and the
 * upper-case styling of ratings do not matter.
 */

export const MAX_PAGES = 5_000;

/** Problems, each saying what differs; empty when the pages agree with the result. */
export async function pageTextProblems(
  pdf: Uint8Array,
  doc: PDFDocument,
  manifest: EmbeddedManifest,
  result: Result,
): Promise<string[]> {
  const bound = await streamBound(doc);
  if (bound) return [bound];
  const pages = await pageTexts(pdf);
  if (typeof pages === "string") return [pages];
  const problems: string[] = [];
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, "").toUpperCase();
  const texts = pages.map(norm);

  const asOf = `as of ${formatDate(manifest.asOf)}`;
  texts.forEach((t, i) => {
    const page = i + 1;
    if (!t.includes(norm(asOf)))
      problems.push(
        `page ${page} does not show "${asOf}" (the attached result is as of ${manifest.asOf})${shown(pages[i]!, /as of (\d{1,2} \w+ \d{4})/, "shows as of")}`,
      );
    if (!t.includes(norm(`report ${manifest.reportId}`)))
      problems.push(
        `page ${page} does not show "report ${manifest.reportId}", the id of the attached manifest${shown(pages[i]!, /report ([0-9a-f]{16})/, "shows report")}`,
      );
    if (!t.includes(norm(`Page ${page} of ${pages.length}`)))
      problems.push(`page ${page} does not show "Page ${page} of ${pages.length}": pages were removed, added or moved`);
  });

  const inScope = result.vendors.filter((v) => manifest.kind !== "vendor" || v.id === manifest.vendor);
  const row = (v: Result["vendors"][number]) => `${cleanText(v.name)} ${ratingLabel(v.rating)} ${formatScore(v.score)}`;
  if (manifest.kind !== "vendor") {
    // The table starts on page 1 and runs over the following pages as long as they hold rows of it.
    let last = 1;
    while (last < texts.length && inScope.some((v) => texts[last]!.includes(norm(row(v))))) last += 1;
    for (const v of inScope)
      if (!texts.slice(0, last).some((t) => t.includes(norm(row(v)))))
        problems.push(
          `the "At a glance" table (from page 1) has no row "${row(v)}": the attached result rates ${cleanText(v.name)} ${ratingLabel(v.rating)}, score ${formatScore(v.score)}`,
        );
  }
  if (manifest.kind === "full" || manifest.kind === "vendor") {
    const used = new Set<number>();
    for (const v of inScope) {
      const heading = `${cleanText(v.name)} Rating ${ratingLabel(v.rating)} Score ${formatScore(v.score)}/100`;
      const candidates = manifest.kind === "vendor" ? [0] : texts.map((_, i) => i);
      const page = candidates.find((i) => !used.has(i) && texts[i]!.includes(norm(heading)));
      if (page === undefined)
        problems.push(
          `no page opens ${cleanText(v.name)}'s section with "${heading}"${manifest.kind === "vendor" ? " (page 1)" : ""}, as the attached result says`,
        );
      else used.add(page);
    }
  }
  return problems.length > 10 ? [...problems.slice(0, 10), `and ${problems.length - 10} more`] : problems;
}

function shown(text: string, pattern: RegExp, what: string): string {
  const m = pattern.exec(text);
  return m ? `; it ${what} ${m[1]}` : "";
}

/**
 * PDF.js decodes every stream it needs without a cap, so the streams are measured first (each inflated and
 * counted, nothing kept): past LIMITS.pageStreamBytes in total the pages are not read.
 */
async function streamBound(doc: PDFDocument): Promise<string | undefined> {
  let total = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Type"))?.toString() === "/EmbeddedFile") continue; // read with its own cap
    const filter = object.dict.get(PDFName.of("Filter"))?.toString();
    const contents = object.getContents();
    total += filter === "/FlateDecode" ? await inflatedSize(contents, LIMITS.pageStreamBytes - total) : contents.length;
    if (total > LIMITS.pageStreamBytes)
      return `the pages' streams unpack to more than ${MiB(LIMITS.pageStreamBytes)}, the limit: their text was not read`;
  }
  return undefined;
}

/** Each page's text in content order, line ends kept; or why it could not be read. */
async function pageTexts(pdf: Uint8Array): Promise<string[] | string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let task;
  try {
    task = pdfjs.getDocument({
      // PDF.js takes ownership of the buffer it is given: it gets a copy.
      data: new Uint8Array(pdf),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: 0,
    });
    const doc = await task.promise;
    if (doc.numPages > MAX_PAGES)
      return `the document has ${doc.numPages} pages, more than the ${MAX_PAGES} verify reads`;
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      out.push(content.items.map((it) => ("str" in it ? `${it.str}${it.hasEOL ? "\n" : ""}` : "")).join(""));
      page.cleanup();
    }
    return out;
  } catch (err) {
    return `PDF.js cannot read the pages' text: ${(err as Error).message}`;
  } finally {
    await task?.destroy();
  }
}
