import { cleanText } from "../load/clean-text.js";

export { cleanText };

/**
 * A link from untrusted input becomes clickable only if it is https: or mailto:. Everything else (javascript:,
 * file:, data:, http:, relative paths) is shown as text, never as an href.
 */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  const clean = cleanText(value).trim();
  let url: URL;
  try {
    url = new URL(clean);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "mailto:") return null;
  return url.href;
}

/**
 * A CSS string literal for untrusted text, for the running header and footer (`@page` margin boxes take their text
 * from CSS `content`). Everything but plain ASCII letters, digits, spaces and a little punctuation is written as a
 * CSS hex escape, so no quote, backslash, newline or `<` (which could end the <style> element) survives as itself.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const ch of cleanText(value)) {
    out += /^[A-Za-z0-9 .,:;()_-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16).toUpperCase()} `;
  }
  return `${out}"`;
}
