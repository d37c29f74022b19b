import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { TEMPLATE_DIR } from "../../src/load/package-files.js";
import { cleanText, cssString, safeHref } from "../../src/render/sanitize.js";

/**
 * The rules of security.md as properties over arbitrary strings, next to the examples in
 * test/render/sanitize.test.ts.
 */

// eslint-disable-next-line no-control-regex -- the characters security.md says must never reach a report
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Strings rich in what matters here: controls, bidi overrides, markup, quotes, URL schemes. */
const nasty = fc
  .array(
    fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.constantFrom(
        "\u202e",
        "\u2066",
        "\u2069",
        "\u0000",
        "\u0007",
        "\u001b[31m",
        "\u0085",
        "\t",
        "\n",
        "\r",
        "<",
        ">",
        '"',
        "'",
        "&",
        "`",
        "=",
      ),
      fc.constantFrom(
        "javascript:",
        "JaVaScRiPt:",
        "file:",
        "data:",
        "http:",
        "https:",
        "mailto:",
        "//",
        " java\tscript:",
        "vbscript:",
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("cleanText (control and bidi characters stripped)", () => {
  it("leaves no control character (but tab and newline) and no bidi override or isolate", () => {
    fc.assert(
      fc.property(nasty, (s) => !INVISIBLE.test(cleanText(s))),
      { numRuns: 2000 },
    );
  });

  it("is idempotent and removes characters only", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const once = cleanText(s);
        // Every character kept is in the input, in order: nothing is added or reordered.
        let i = 0;
        for (const ch of once) {
          i = s.indexOf(ch, i);
          if (i < 0) return false;
          i += ch.length;
        }
        return cleanText(once) === once;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("safeHref (link allow-list)", () => {
  it("returns only https: and mailto: URLs, which cannot leave their attribute once the template escapes them", () => {
    const escape = Handlebars.create().Utils.escapeExpression;
    fc.assert(
      fc.property(nasty, (s) => {
        const href = safeHref(s);
        if (href === null) return true;
        // The URL parser leaves a quote in a mailto: address or even an https host ("https://a\"b/"), so the
        // escaping in the template is what keeps `href="{{href}}"` closed: both together are the guarantee.
        return (
          /^(https:|mailto:)/.test(href) &&
          !INVISIBLE.test(href) &&
          !/["'<>`]/.test(escape(href)) &&
          (!href.startsWith("https:") || !/[<>\s]/.test(href))
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("never lets a scheme other than https: or mailto: through, however it is disguised", () => {
    const schemes = fc.constantFrom("javascript", "file", "data", "http", "vbscript", "ftp", "blob", "about", "chrome");
    const disguise = fc.constantFrom("", " ", "\t", "\n", "\u0000", "\u202e", "\u0007");
    fc.assert(
      fc.property(schemes, disguise, disguise, fc.boolean(), fc.string(), (scheme, before, inside, upper, rest) => {
        const name = upper ? scheme.toUpperCase() : scheme;
        const url = `${before}${name.slice(0, 2)}${inside}${name.slice(2)}:${rest}`;
        return safeHref(url) === null || /^(https:|mailto:)/.test(safeHref(url)!);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * Reads a CSS string literal back the way a CSS parser does (CSS Syntax 3, "consume an escaped code point"): a hex
 * escape with its optional trailing space; zero, a surrogate or a value past U+10FFFF becomes U+FFFD.
 */
function readCssString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\([0-9A-Fa-f]{1,6}) ?/g, (_, hex: string) => {
    const cp = parseInt(hex, 16);
    return cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ? "\uFFFD" : String.fromCodePoint(cp);
  });
}

/** What a browser shows for a JavaScript string: lone surrogates (not text) as U+FFFD. */
const asShown = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

describe("the running header and footer (untrusted names written into a CSS string in a <style> element)", () => {
  it("leaves no quote, backslash, newline or markup character unescaped", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const inner = cssString(s).slice(1, -1);
        // Every backslash starts a hex escape; nothing else could end the string or the <style> element.
        return !/["'<>&\n\r\f]/.test(inner) && !/\\(?![0-9A-F]{1,6} )/.test(inner);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back as the cleaned text", () => {
    fc.assert(
      fc.property(nasty, (s) => readCssString(cssString(s)) === asShown(cleanText(s))),
      { numRuns: 2000 },
    );
  });
});

describe("templates", () => {
  const files = [
    join(TEMPLATE_DIR, "report.hbs"),
    ...readdirSync(join(TEMPLATE_DIR, "partials")).map((f) => join(TEMPLATE_DIR, "partials", f)),
  ];

  it("have no triple-stash or unescaped ({{& }}) expression anywhere", () => {
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toMatch(/\{\{\{/);
      expect(text, f).not.toMatch(/\{\{~?&/);
    }
  });

  it("carry the Content-Security-Policy that forbids every fetch, and no script element", () => {
    const main = readFileSync(join(TEMPLATE_DIR, "report.hbs"), "utf8");
    expect(main).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    );
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/<script|\son\w+=|javascript:/i);
  });

  it("never put an expression straight into an href or src: links come pre-checked from the view model", () => {
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/\s(href|src)="([^"]*)"/g)) {
        // Internal anchors (#id) or a value from the view model's checked link (safeHref) only.
        expect(`${f}: ${m[0]}`).toMatch(/="(#|\{\{[^}]*href[^}]*\}\}|#\{\{)/i);
      }
    }
  });
});
