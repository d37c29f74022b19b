import { cleanText } from "../load/clean-text.js";

/** How much of a vendor string is looked at: eight times the longest title, for markup around it. */
export const MAX_MARKUP_INPUT = 4000;

/**
 * Vendor titles and component names arrive as HTML (Statuspage) or Markdown (Google Cloud). caution keeps them as
 * plain text: markup is removed, never interpreted, so nothing a vendor wrote can run or render later. The
 * conversion is textual and conservative: what does not look like markup stays as it is.
 */
export function plainText(value: string): string {
  // Titles end up at most 500 characters; bounding the input keeps every pattern below fast on hostile text (a
  // megabyte of unclosed "**" or "<a " would otherwise cost quadratic time).
  let s = value.length > MAX_MARKUP_INPUT ? value.slice(0, MAX_MARKUP_INPUT) : value;
  // A Markdown backslash escape means "this character is text": keep it as an entity so that no later step treats it
  // as markup, and let entity decoding restore it at the end.
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, (_m, ch: string) => `&#${ch.charCodeAt(0)};`);
  s = s.replace(/<!--[\s\S]*?-->/g, " ");
  s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ");
  // Markdown images, links and autolinks become their text (an autolink's text is its address).
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1");
  s = s.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  s = s.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
  s = s.replace(/<((?:https?|mailto):[^\s<>]+)>/gi, "$1");
  // HTML tags: block-level ones separate words, inline ones do not ("<b>API</b>s" is "APIs").
  s = s.replace(
    /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre|hr|section|article|header|footer)\b[^>]*>/gi,
    "\n",
  );
  s = s.replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^>]*)?\/?>/g, "");
  // Markdown block markers at the start of a line: headings, quotes, list bullets, rules.
  s = s.replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, " ");
  s = s.replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, "");
  s = s.replace(/^[ \t]{0,3}>[ \t]?/gm, "");
  s = s.replace(/^[ \t]*[-*+][ \t]+/gm, "");
  // Inline Markdown: code, strong, emphasis, strikethrough. Underscores inside words (snake_case) are text.
  s = s.replace(/`([^`]+)`/g, "$1");
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "$1");
  s = s.replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, "$1$2");
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, "$1$2");
  s = s.replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, "$1$2");
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1");
  s = decodeEntities(s);
  return singleLine(s);
}

/** Removes invisible and control characters and folds every run of white space into one space. */
export function singleLine(value: string): string {
  return cleanText(value).replace(/\s+/g, " ").trim();
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair, then drops trailing space. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end).trimEnd();
}

/** HTML 4's Latin-1 entity names, in code point order from U+00A0 (nbsp) to U+00FF (yuml). */
const LATIN1 = (
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro " +
  "para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil " +
  "Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave " +
  "Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml " +
  "igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute " +
  "thorn yuml"
)
  .split(" ")
  .map((name, i) => [name, String.fromCharCode(0xa0 + i)] as const);

const NAMED: Record<string, string> = {
  ...Object.fromEntries(LATIN1),
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  shy: "",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  sbquo: "\u201a",
  ldquo: "\u201c",
  rdquo: "\u201d",
  bdquo: "\u201e",
  bull: "\u2022",
  trade: "\u2122",
  euro: "\u20ac",
  larr: "\u2190",
  rarr: "\u2192",
  uarr: "\u2191",
  darr: "\u2193",
};

/**
 * Decodes HTML character references in one pass, so "&amp;lt;" becomes the text "&lt;" and not "<". Unknown names
 * stay as written; references to code points that cannot be text become U+FFFD.
 */
export function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (match, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return Object.hasOwn(NAMED, name) ? (NAMED[name] ?? match) : match;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    },
  );
}
