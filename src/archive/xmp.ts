/**
 * The XMP metadata packet of a PDF/A-3b document (ISO 19005-3 §6.6): the document information restated in XMP,
 * entry for entry (Title = dc:title, Author = dc:creator, Subject = dc:description, Keywords = pdf:Keywords,
 * Creator = xmp:CreatorTool, Producer = pdf:Producer, CreationDate/ModDate = xmp:CreateDate/ModifyDate), plus the
 * PDF/A identification (pdfaid:part 3, pdfaid:conformance B). Only predefined schemas are used, so no extension
 * schema has to be declared.
 */

export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creatorTool: string;
  producer: string;
  date: Date;
}

/** PDF/A identification written into every caution PDF. */
export const PDFA_PART = 3;
export const PDFA_CONFORMANCE = "B";

/**
 * Text that XML 1.0 can carry: C0 controls (but tab, LF, CR) and U+FFFE/U+FFFF are dropped, lone
 * surrogates become U+FFFD. The document information gets the same text, so that the two agree as PDF/A requires.
 */
export function xmlSafeText(s: string): string {
  return (
    s
      // The regular expression names control characters on purpose: they are what it removes.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}

const escape = (s: string) =>
  xmlSafeText(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** An XMP date: the same instant as the PDF date string D:YYYYMMDDHHmmSS+00'00'. */
export function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

/** The packet, UTF-8 without a byte-order mark in the header attribute's place (PDF/A forbids bytes/encoding). */
export function xmpPacket(f: XmpFields): string {
  const date = xmpDate(f.date);
  return [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    ` <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `  <rdf:Description rdf:about=""`,
    `    xmlns:dc="http://purl.org/dc/elements/1.1/"`,
    `    xmlns:xmp="http://ns.adobe.com/xap/1.0/"`,
    `    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`,
    `    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`,
    `   <dc:format>application/pdf</dc:format>`,
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(f.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${escape(f.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escape(f.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `   <pdf:Keywords>${escape(f.keywords)}</pdf:Keywords>`,
    `   <pdf:Producer>${escape(f.producer)}</pdf:Producer>`,
    `   <xmp:CreatorTool>${escape(f.creatorTool)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <pdfaid:part>${PDFA_PART}</pdfaid:part>`,
    `   <pdfaid:conformance>${PDFA_CONFORMANCE}</pdfaid:conformance>`,
    `  </rdf:Description>`,
    ` </rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="r"?>`,
    "",
  ].join("\n");
}
