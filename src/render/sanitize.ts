/**
 * Characters that make a reader see something other than what is there: C0/C1 controls (except tab and newline)
 * and the bidirectional overrides/isolates that can reverse text ("Trojan Source"). Handlebars escapes HTML; it
 * does not remove these.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(value: string): string {
  return value.replace(INVISIBLE, "");
}

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
