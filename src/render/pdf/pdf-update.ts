import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

/**
 * Finishing a Chromium PDF by appending an incremental update (PDF 32000-1 §7.5.6) instead of re-writing the
 * whole file: new document information, the archive attachments and a catalog that names them are added after the
 * original bytes, with their own cross-reference section and trailer. Parsing and re-serialising a tagged PDF of a
 * few thousand objects costs more than printing it; appending costs almost nothing.
 *
 * It handles what Chromium (Skia) writes: a classic cross-reference table, the catalog as a plain object without
 * /Names, no encryption. Anything else returns null and the caller falls back to a full re-write with pdf-lib.
 * The print time Chromium stamps into its own information dictionary is overwritten in place with the report's
 * date (same length), so the same inputs still give the same bytes.
 */

export interface Attachment {
  name: string;
  data: Uint8Array;
  description: string;
  /** PDF 2.0 / PDF/A-3 relationship to the document: the result is Data, the manifest a Supplement. */
  relationship: "Data" | "Supplement";
}

export interface UpdateArgs {
  /** Document information; values are text (written as UTF-16BE hex strings). */
  info: Record<string, string>;
  date: Date;
  attachments: readonly Attachment[];
  /** 16 bytes as 32 hex digits, written twice as the trailer /ID. */
  id: string;
}

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

export function appendUpdate(pdf: Uint8Array, args: UpdateArgs): Uint8Array | null {
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

  const catalog = new RegExp(`(?:^|[\\r\\n])${root} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`).exec(text);
  if (!catalog?.[1] || /\/Names\b/.test(catalog[1]) || /\/AF\b/.test(catalog[1])) return null;

  // Chromium's print time, in its own information dictionary: overwritten in place, same length.
  const bytes = Buffer.from(pdf);
  const stamp = pdfDate(args.date);
  if (infoRef) {
    const info = new RegExp(`(?:^|[\\r\\n])${infoRef} 0 obj\\s*<<[\\s\\S]*?>>\\s*endobj`).exec(text);
    if (!info) return null;
    const dates = /\/(CreationDate|ModDate) \((D:[^)]*)\)/g;
    for (let m = dates.exec(info[0]); m; m = dates.exec(info[0])) {
      if (m[2]!.length !== stamp.length) return null;
      bytes.write(stamp, info.index + m.index + m[0].indexOf("(") + 1, "latin1");
    }
  }

  // New objects, numbered after the last.
  let next = size;
  const objects: { num: number; body: string | Buffer }[] = [];
  const add = (body: string | Buffer, num = next++) => {
    objects.push({ num, body });
    return num;
  };
  const specs: { name: string; ref: number }[] = [];
  for (const a of args.attachments) {
    const { packed, md5 } = pack(a.data);
    const stream = Buffer.concat([
      Buffer.from(
        `<</Type /EmbeddedFile /Subtype ${mimeName("application/json")} /Filter /FlateDecode /Length ${packed.length} /Params <</Size ${a.data.length} /CreationDate (${stamp}) /ModDate (${stamp}) /CheckSum <${md5}>>>>>\nstream\n`,
        "latin1",
      ),
      packed,
      Buffer.from("\nendstream", "latin1"),
    ]);
    const file = add(stream);
    const spec = add(
      `<</Type /Filespec /F ${textString(a.name)} /UF ${textString(a.name)} /Desc ${textString(a.description)} /AFRelationship /${a.relationship} /EF <</F ${file} 0 R /UF ${file} 0 R>>>>`,
    );
    specs.push({ name: a.name, ref: spec });
  }
  // A name tree's keys must be sorted.
  specs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = add(`<</Names [${specs.map((s) => `${textString(s.name)} ${s.ref} 0 R`).join(" ")}]>>`);
  const extra = ` /Names <</EmbeddedFiles ${names} 0 R>> /AF [${specs.map((s) => `${s.ref} 0 R`).join(" ")}]${/\/Outlines\b/.test(catalog[1]) && !/\/PageMode\b/.test(catalog[1]) ? " /PageMode /UseOutlines" : ""}`;
  add(`${catalog[1].replace(/>>\s*$/, `${extra}>>`)}`, Number(root));
  const infoBody = Object.entries(args.info)
    .map(([k, v]) => `/${k} ${k === "CreationDate" || k === "ModDate" ? `(${v})` : textString(v)}`)
    .join(" ");
  const newInfo = add(`<<${infoBody} /CreationDate (${stamp}) /ModDate (${stamp})>>`);

  // Serialise: each object, then a cross-reference section with one subsection per object.
  const parts: Buffer[] = [bytes, Buffer.from("\n", "latin1")];
  let offset = bytes.length + 1;
  const xref: { num: number; offset: number }[] = [];
  for (const o of objects) {
    const head = Buffer.from(`${o.num} 0 obj\n`, "latin1");
    const body = typeof o.body === "string" ? Buffer.from(o.body, "latin1") : o.body;
    const tail = Buffer.from("\nendobj\n", "latin1");
    xref.push({ num: o.num, offset });
    parts.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  }
  xref.sort((a, b) => a.num - b.num);
  const table = ["xref"];
  for (const e of xref) table.push(`${e.num} 1`, `${String(e.offset).padStart(10, "0")} 00000 n `);
  const newSize = Math.max(size, next);
  table.push(
    "trailer",
    `<</Size ${newSize} /Root ${root} 0 R /Info ${newInfo} 0 R /Prev ${prev} /ID [<${args.id}> <${args.id}>]>>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  );
  parts.push(Buffer.from(table.join("\n"), "latin1"));
  return new Uint8Array(Buffer.concat(parts));
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
