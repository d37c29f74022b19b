/**
 * Formula injection. A spreadsheet runs a cell whose text starts with `=`, `+`, `-`, `@` (and some strip a leading
 * tab, CR or LF first), so every CSV and XLSX cell caution writes that starts with one of them gets a leading `'`.
 *
 * To read the cell back to exactly what was written, the rule must be reversible: caution also prefixes a value that
 * already is apostrophes followed by such a character (`'=x` becomes `''=x`), and on import strips exactly one
 * leading apostrophe from a value of that shape. A value like `'hello` (no formula character after the
 * apostrophes) is neither prefixed nor stripped.
 */
const NEEDS_PREFIX = /^'*[=+\-@\t\r\n]/;
const ADDED_PREFIX = /^'+[=+\-@\t\r\n]/;

export function neutralise(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** Undoes `neutralise`: strips the one apostrophe caution added, nothing else. */
export function unneutralise(value: string): string {
  return ADDED_PREFIX.test(value) ? value.slice(1) : value;
}

/** One CSV cell (RFC 4180): neutralised, then quoted when it holds a comma, a quote, CR or LF. */
export function csvCell(value: string): string {
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Characters XML 1.0 cannot hold: an XLSX with them does not open. They never carry meaning in an answer. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlSafe(value: string): string {
  return value.replace(XML_INVALID, "");
}

/** Spreadsheet column letters for a 1-based column number: 1 -> A, 27 -> AA. */
export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
