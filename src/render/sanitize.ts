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
