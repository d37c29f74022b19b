import { describe, expect, it } from "vitest";
import { cut, decodeEntities, MAX_MARKUP_INPUT, plainText, singleLine } from "../../src/import/plain-text.js";

describe("plainText", () => {
  it("strips HTML tags and decodes entities once", () => {
    expect(plainText("<b>API</b> &amp; Webhooks")).toBe("API & Webhooks");
    expect(plainText("Delayed <em>webhook</em> deliveries")).toBe("Delayed webhook deliveries");
    expect(plainText('<a href="javascript:alert(1)">Status</a> page')).toBe("Status page");
    expect(plainText("&amp;lt;b&amp;gt; is text")).toBe("&lt;b&gt; is text");
    expect(plainText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
    expect(plainText("caf&eacute; &#233; &#xE9; &copy; &nbsp;x")).toBe("café é é © x");
    expect(decodeEntities("&iquest;&Agrave;&times;&yuml;&shy;&mdash;")).toBe("¿À×ÿ\u2014");
  });

  it("drops script and style contents and comments, separates block elements", () => {
    expect(plainText("Outage<script>alert(1)</script> in EU<style>p{}</style><!-- internal -->")).toBe("Outage in EU");
    expect(plainText("line one<br>line two<p>para</p>")).toBe("line one line two para");
    expect(plainText("<img src=x onerror=alert(1)>Images failing")).toBe("Images failing");
  });

  it("keeps a '<' that is not a tag", () => {
    expect(plainText("latency < 5 ms for 3<4 regions")).toBe("latency < 5 ms for 3<4 regions");
    expect(plainText("contact <ops@vendor.example>")).toBe("contact <ops@vendor.example>");
  });

  it("strips Markdown emphasis, code, links and images to their text", () => {
    expect(
      plainText("Multiple products experiencing **elevated error rates** in [us-east1](https://cloud.google.com/x)"),
    ).toBe("Multiple products experiencing elevated error rates in us-east1");
    expect(plainText("*Italic* and _under_ and __strong__ and ***both*** and ~~gone~~")).toBe(
      "Italic and under and strong and both and gone",
    );
    expect(plainText("failing with `RESOURCE_EXHAUSTED` for snake_case_name")).toBe(
      "failing with RESOURCE_EXHAUSTED for snake_case_name",
    );
    expect(plainText("![diagram](https://x.example/a.png) see <https://status.example/1>")).toBe(
      "diagram see https://status.example/1",
    );
    expect(plainText("# Incident Report\n\n## Summary\n> quoted\n- item")).toBe("Incident Report Summary quoted item");
    expect(plainText("2*3*4 stays and a * b * c stays")).toBe("2*3*4 stays and a * b * c stays");
  });

  it("honours Markdown backslash escapes", () => {
    expect(plainText("\\*not emphasis\\* and \\<b>")).toBe("*not emphasis* and <b>");
  });

  it("removes control and bidi characters, also when they arrive as entities, and collapses white space", () => {
    expect(plainText("Outage\u202e in \u2066EU\u2069\u0007")).toBe("Outage in EU");
    expect(plainText("Outage&#x202E; in&#8238; EU&#0;")).toBe("Outage in EU\ufffd");
    expect(plainText("  a\t\tb\r\n\n c\u00a0 ")).toBe("a b c");
    expect(plainText("\u001b[31mred\u001b[0m")).toBe("[31mred[0m");
  });

  it("decodes numeric references to impossible code points as U+FFFD", () => {
    expect(decodeEntities("&#xD800;&#1114112;&#x41;")).toBe("\ufffd\ufffdA");
    expect(decodeEntities("&unknown; &amp")).toBe("&unknown; &amp");
  });

  it("stays fast on hostile markup by looking at the first 4000 characters only", () => {
    const started = performance.now();
    for (const unit of ["**a ", "__a ", "<a ", "*a ", "_a ", "~~a ", "[a](", "&#"]) {
      expect(plainText(unit.repeat(250_000)).length).toBeLessThanOrEqual(MAX_MARKUP_INPUT);
    }
    // A backtracking pattern over 1 MB would take minutes; the limit leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(plainText(`${"a".repeat(MAX_MARKUP_INPUT)}tail`)).toBe("a".repeat(MAX_MARKUP_INPUT));
  });
});

describe("singleLine and cut", () => {
  it("folds white space and removes invisible characters", () => {
    expect(singleLine(" us-\u200eeast1\n")).toBe("us-east1");
  });

  it("cuts without splitting a surrogate pair and trims the end", () => {
    expect(cut("abcdef", 10)).toBe("abcdef");
    expect(cut("abc def", 4)).toBe("abc");
    expect(cut("ab😀cd", 3)).toBe("ab");
    expect(cut("ab😀cd", 4)).toBe("ab😀");
  });
});
