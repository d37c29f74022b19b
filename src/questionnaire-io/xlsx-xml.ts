import { SaxesParser } from "saxes";
import { InputError } from "../load/input-issue.js";

/**
 * Streaming XML over one inflated part. Element names come without their namespace prefix, so `<x:row>` (written by
 * the .NET Open XML SDK) reads like `<row>`; attributes keep theirs (`r:id`). A DOCTYPE is refused: SpreadsheetML
 * never has one, and refusing it rules out entity tricks. A handler may stop the parse early (row limits, found
 * what it needed): the part is fed in slices and no slice is written after a stop.
 */
export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
  /** True once the handler has all it needs, or hit a limit. */
  stopped(): boolean;
}

const SLICE = 64 * 1024;

export function parseXmlPart(data: Buffer, file: string, part: string, handlers: XmlHandlers): void {
  const fail = (message: string) => new InputError([{ file, message: `part ${part} ${message}` }]);
  const text = decode(data, fail);
  const parser = new SaxesParser({ position: true });
  let problem: InputError | undefined;
  parser.on("doctype", () => {
    problem ??= fail("has a DOCTYPE, which a workbook never has; save the workbook again as .xlsx");
  });
  parser.on("opentag", (tag) => {
    if (!problem) handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on("closetag", (tag) => {
    if (!problem) handlers.close(localName(tag.name));
  });
  parser.on("text", (t) => {
    if (!problem) handlers.text(t);
  });
  parser.on("cdata", (t) => {
    if (!problem) handlers.text(t);
  });
  parser.on("error", () => {
    problem ??= fail(
      `is not well-formed XML near line ${parser.line}, column ${parser.column}; save the workbook again as .xlsx`,
    );
  });
  try {
    for (let at = 0; at < text.length && !problem && !handlers.stopped(); at += SLICE)
      parser.write(text.slice(at, at + SLICE));
    if (!problem && !handlers.stopped()) parser.close();
  } catch (err) {
    // A handler reports a limit or a bad value by throwing an InputError; anything else is the parser giving up.
    if (err instanceof InputError) throw err;
    problem ??= fail("is not well-formed XML; save the workbook again as .xlsx");
  }
  if (problem) throw problem;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The value of an attribute whatever its prefix: `r:id`, `ns8:id`, or (Strict OOXML readers) plain. */
export function prefixedAttribute(attributes: Readonly<Record<string, string>>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) if (name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** XML parts are UTF-8 (Excel, LibreOffice and every library write it); UTF-16 is allowed by XML, so it is read. */
function decode(data: Buffer, fail: (m: string) => InputError): string {
  const encoding =
    data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : data[0] === 0xfe && data[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    throw fail(`is not valid ${encoding.toUpperCase()} text; save the workbook again as .xlsx`);
  }
}

/**
 * OOXML escapes characters XML cannot hold as `_xHHHH_` (Excel writes a line break typed in a cell as `_x000D_`
 * before the newline); `_x005F_` escapes the underscore itself, so one left-to-right pass is exact.
 */
export function unescapeOoxml(value: string): string {
  if (!value.includes("_x")) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
