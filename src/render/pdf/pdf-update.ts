import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { SRGB_PROFILE } from "../../archive/srgb-profile.js";
import { xmpPacket } from "../../archive/xmp.js";

/**
 * Finishing a Chromium PDF by appending one incremental update (PDF 32000-1 §7.5.6) instead of re-writing the
 * whole file: the document information, the XMP metadata and sRGB output intent of PDF/A-3b, the archive
 * attachments as associated files, and (with `signature`) a signature field whose value is filled in afterwards.
 * The printed pages stay byte for byte as Chromium wrote them. Parsing and re-serialising a tagged PDF of a few
 * thousand objects costs more than printing it; appending costs almost nothing.
 *
 * It handles what Chromium (Skia) and pdf-lib write: a classic cross-reference table, the catalog as a plain object
 * without /Names, /AF, /Metadata or /AcroForm, no encryption. Anything else returns null.
 *
 * Everything appended is a function of the printed bytes and the arguments, so `caution verify` can write the same
 * update again from what the file carries and compare it byte for byte: the trailer /ID is a digest of the printed
 * bytes, the information, the date and the attachments. The print time Chromium stamps into its own information
 * dictionary is overwritten in place with the report's date (same length), so the same inputs give the same bytes.
 */

export interface Attachment {
  name: string;
  data: Uint8Array;
  description: string;
  /** PDF/A-3 relationship to the document: the result is Data, the manifest (what it was made from) Source. */
  relationship: "Data" | "Source";
}

export interface UpdateArgs {
  /**
   * Document information in the order written; values are text (UTF-16BE hex strings). Title, Author, Subject,
   * Keywords, Creator and Producer are restated in the XMP metadata and must be XML-safe (`xmlSafeText`).
   */
  info: Record<string, string>;
  date: Date;
  attachments: readonly Attachment[];
  /** Bytes reserved for a detached CMS signature: a signature field is added and its /Contents left zeroed. */
  signatureBytes?: number;
}

export interface Update {
  bytes: Uint8Array;
  /** Where the PDF as printed ends: the update starts after it (and one line feed). */
  printedLength: number;
  /** With a signature field: the hex string to fill in, from its `<` to after its `>`. */
  signatureContents?: { start: number; end: number };
}

/** Names and limits shared with the signer and the verifier. */
export const SIGNATURE_FIELD = "caution signature";
export const SIGNATURE_SUBFILTER = "ETSI.CAdES.detached";
const BYTE_RANGE_WIDTH = 48;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

/** A PDF date string, D:YYYYMMDDHHmmSS+00'00', always 23 characters. */
export function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

/** Text as a PDF hex string in UTF-16BE with a byte-order mark: safe for any character, no escaping needed. */
function textString(s: string): string {
  const b = Buffer.from(s, "utf16le");
  b.swap16();
  return `<FEFF${b.toString("hex").toUpperCase()}>`;
}

/** A PDF name for a MIME type: '/' is written #2F. */
const mimeName = (mime: string) =>
  `/${mime.replace(/[^A-Za-z0-9.-]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}`;

/** The same result is attached to every PDF of a batch: compress and checksum it once. */
let packedCache: { data: Uint8Array; packed: Buffer; md5: string } | undefined;
function pack(data: Uint8Array): { packed: Buffer; md5: string } {
  if (packedCache && Buffer.compare(packedCache.data, data) === 0) return packedCache;
  const packed = {
    data,
    packed: deflateSync(data, { level: 6 }),
    md5: createHash("md5").update(data).digest("hex").toUpperCase(),
  };
  if (data.length > 64 * 1024) packedCache = packed;
  return packed;
}

const packedProfile = deflateSync(SRGB_PROFILE, { level: 9 });

/** The trailer /ID: 16 bytes of SHA-256 over the printed bytes, the information, the date and the attachments. */
export function documentId(printed: Uint8Array, args: UpdateArgs): string {
  const hash = createHash("sha256")
    .update(printed)
    .update(JSON.stringify(Object.entries(args.info)));
  hash.update(args.date.toISOString());
  for (const a of args.attachments) hash.update(a.name).update(createHash("sha256").update(a.data).digest());
  return hash.digest("hex").slice(0, 32);
}

/**
 * The dictionary of object `num` as written (`<<...>>`) and where it starts, from the last definition in the text;
 * undefined if absent.
 */
function objectDict(text: string, num: number | string): { body: string; at: number } | undefined {
  const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`, "g");
  let found: { body: string; at: number } | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) found = { body: m[1]!, at: m.index + m[0].indexOf("<<") };
  return found;
}

/** The first page of the page tree (Chromium nests /Pages nodes), depth-bounded. */
function firstPage(text: string, pagesRef: string): { num: number; body: string } | undefined {
  let num = Number(pagesRef);
  for (let depth = 0; depth < 32; depth += 1) {
    const node = objectDict(text, num)?.body;
    if (!node) return undefined;
    if (/\/Type\s*\/Page\b(?!s)/.test(node)) return { num, body: node };
    const kid = /\/Kids\s*\[\s*(\d+) 0 R/.exec(node)?.[1];
    if (!kid) return undefined;
    num = Number(kid);
  }
  return undefined;
}

export function appendUpdate(pdf: Uint8Array, args: UpdateArgs): Update | null {
  const text = latin1(pdf);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) return null;
  const prev = Number(startxref[1]);
  // Classic xref table only: a cross-reference stream (PDF 1.5+) means a writer we do not know.
  if (!text.startsWith("xref", prev)) return null;
  const trailerAt = text.lastIndexOf("trailer");
  if (trailerAt < prev) return null;
  const trailer = text.slice(trailerAt, startxref.index);
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  const root = /\/Root (\d+) 0 R/.exec(trailer)?.[1];
  const infoRef = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
  if (!size || !root || /\/Encrypt/.test(trailer)) return null;

  const catalog = objectDict(text, root)?.body;
  if (!catalog || /\/(Names|AF|Metadata|OutputIntents|AcroForm|OpenAction|AA)\b/.test(catalog)) return null;

  // Chromium's print time, in its own information dictionary: overwritten in place, same length.
  const bytes = Buffer.from(pdf);
  const stamp = pdfDate(args.date);
  if (infoRef) {
    const info = objectDict(text, infoRef);
    if (!info) return null;
    const dates = /\/(CreationDate|ModDate) \((D:[^)]*)\)/g;
    for (let m = dates.exec(info.body); m; m = dates.exec(info.body)) {
      if (m[2]!.length !== stamp.length) return null;
      bytes.write(stamp, info.at + m.index + m[0].indexOf("(") + 1, "latin1");
    }
  }

  let page: { num: number; body: string } | undefined;
  if (args.signatureBytes !== undefined) {
    const pages = /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
    page = pages ? firstPage(text, pages) : undefined;
    // The widget joins the first page's annotations; an /Annots held in its own object is not edited in place.
    if (!page || /\/Annots\s+\d+ 0 R/.test(page.body)) return null;
  }

  // New objects, numbered after the last.
  let next = size;
  const objects: { num: number; body: string | Buffer }[] = [];
  const add = (body: string | Buffer, num = next++) => {
    objects.push({ num, body });
    return num;
  };
  const stream = (dict: string, data: Uint8Array) =>
    Buffer.concat([
      Buffer.from(`${dict.slice(0, -2)} /Length ${data.length}>>\nstream\n`, "latin1"),
      data,
      Buffer.from("\nendstream", "latin1"),
    ]);

  const specs: { name: string; ref: number }[] = [];
  for (const a of args.attachments) {
    const { packed, md5 } = pack(a.data);
    const file = add(
      stream(
        `<</Type /EmbeddedFile /Subtype ${mimeName("application/json")} /Filter /FlateDecode /Params <</Size ${a.data.length} /CreationDate (${stamp}) /ModDate (${stamp}) /CheckSum <${md5}>>>>>`,
        packed,
      ),
    );
    const spec = add(
      `<</Type /Filespec /F ${textString(a.name)} /UF ${textString(a.name)} /Desc ${textString(a.description)} /AFRelationship /${a.relationship} /EF <</F ${file} 0 R /UF ${file} 0 R>>>>`,
    );
    specs.push({ name: a.name, ref: spec });
  }
  // A name tree's keys must be sorted.
  specs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = add(`<</Names [${specs.map((s) => `${textString(s.name)} ${s.ref} 0 R`).join(" ")}]>>`);

  const info = args.info;
  const metadata = add(
    stream(
      "<</Type /Metadata /Subtype /XML>>",
      Buffer.from(
        xmpPacket({
          title: info.Title ?? "",
          author: info.Author ?? "",
          subject: info.Subject ?? "",
          keywords: info.Keywords ?? "",
          creatorTool: info.Creator ?? "",
          producer: info.Producer ?? "",
          date: args.date,
        }),
        "utf8",
      ),
    ),
  );
  const profile = add(stream("<</N 3 /Filter /FlateDecode>>", packedProfile));

  let signatureField: number | undefined;
  let signatureValue: number | undefined;
  if (args.signatureBytes !== undefined && page) {
    signatureValue = add(
      `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /${SIGNATURE_SUBFILTER} /M (${stamp}) /ByteRange [${" ".repeat(BYTE_RANGE_WIDTH)}] /Contents <${"0".repeat(args.signatureBytes * 2)}>>>`,
    );
    signatureField = add(
      `<</Type /Annot /Subtype /Widget /FT /Sig /T ${textString(SIGNATURE_FIELD)} /V ${signatureValue} 0 R /F 132 /Rect [0 0 0 0] /P ${page.num} 0 R>>`,
    );
    const annots = /\/Annots\s*\[/.exec(page.body);
    add(
      annots
        ? `${page.body.slice(0, annots.index + annots[0].length)}${signatureField} 0 R ${page.body.slice(annots.index + annots[0].length)}`
        : page.body.replace(/>>\s*$/, ` /Annots [${signatureField} 0 R]>>`),
      page.num,
    );
  }

  const extra = [
    ` /Names <</EmbeddedFiles ${names} 0 R>>`,
    ` /AF [${specs.map((s) => `${s.ref} 0 R`).join(" ")}]`,
    ` /Metadata ${metadata} 0 R`,
    ` /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile ${profile} 0 R>>]`,
    signatureField !== undefined ? ` /AcroForm <</Fields [${signatureField} 0 R] /SigFlags 3>>` : "",
    /\/Version\b/.test(catalog) ? "" : " /Version /1.7",
    /\/Outlines\b/.test(catalog) && !/\/PageMode\b/.test(catalog) ? " /PageMode /UseOutlines" : "",
  ].join("");
  add(catalog.replace(/>>\s*$/, `${extra}>>`), Number(root));
  const infoBody = Object.entries(info)
    .map(([k, v]) => `/${k} ${textString(v)}`)
    .join(" ");
  const newInfo = add(`<<${infoBody} /CreationDate (${stamp}) /ModDate (${stamp})>>`);
  const id = documentId(bytes, args);

  // Serialise: each object, then a cross-reference section with one subsection per object.
  const parts: Buffer[] = [bytes, Buffer.from("\n", "latin1")];
  let offset = bytes.length + 1;
  const xref: { num: number; offset: number }[] = [];
  let signatureAt: number | undefined;
  for (const o of objects) {
    const head = Buffer.from(`${o.num} 0 obj\n`, "latin1");
    const body = typeof o.body === "string" ? Buffer.from(o.body, "latin1") : o.body;
    const tail = Buffer.from("\nendobj\n", "latin1");
    xref.push({ num: o.num, offset });
    if (o.num === signatureValue) signatureAt = offset + head.length;
    parts.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  }
  xref.sort((a, b) => a.num - b.num);
  const table = ["xref"];
  for (const e of xref) table.push(`${e.num} 1`, `${String(e.offset).padStart(10, "0")} 00000 n `);
  const newSize = Math.max(size, next);
  table.push(
    "trailer",
    `<</Size ${newSize} /Root ${root} 0 R /Info ${newInfo} 0 R /Prev ${prev} /ID [<${id}> <${id}>]>>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  );
  parts.push(Buffer.from(table.join("\n"), "latin1"));
  const out = Buffer.concat(parts);
  const signatureContents = signatureAt === undefined ? undefined : fillByteRange(out, signatureAt);
  return {
    bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
    printedLength: bytes.length,
    ...(signatureContents ? { signatureContents } : {}),
  };
}

/**
 * Writes the /ByteRange of the signature value at `at`: everything but the /Contents hex string, which is where
 * the signature goes. The numbers replace spaces of the same width, so no offset moves.
 */
function fillByteRange(out: Buffer, at: number): { start: number; end: number } {
  const text = out.toString("latin1", at);
  const range = text.indexOf("/ByteRange [") + "/ByteRange [".length;
  const contents = text.indexOf("/Contents <");
  const start = at + contents + "/Contents ".length;
  const end = out.indexOf(">", start) + 1;
  const numbers = `0 ${start} ${end} ${out.length - end}`;
  out.write(numbers.padEnd(BYTE_RANGE_WIDTH, " "), at + range, "latin1");
  return { start, end };
}

/**
 * Chromium names tagged-PDF structure elements after the renderer's DOM node ids (`(node00003490)`), a counter
 * that runs across every document the renderer has laid out: the same report printed after another one would get
 * other ids. Renumbering them from 1 in their original order (same width, so every byte offset stays valid, and the
 * /IDTree stays sorted) makes each document's bytes independent of the batch it was printed in.
 */
export function normalizeNodeIds(pdf: Uint8Array): Uint8Array {
  const text = latin1(pdf);
  const pattern = /\(node(\d{8})\)/g;
  const ids = [...new Set([...text.matchAll(pattern)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  if (ids.length === 0) return pdf;
  const renumber = new Map(ids.map((id, i) => [id, String(i + 1).padStart(8, "0")]));
  const out = Buffer.from(pdf);
  for (const m of text.matchAll(pattern)) out.write(renumber.get(Number(m[1]))!, m.index + 5, "latin1");
  return new Uint8Array(out);
}
