import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/render/html/render-html.js";
import { renderDocuments } from "../../src/render/report.js";
import { documentContext, planDocuments } from "../../src/render/documents.js";
import { buildViewModel } from "../../src/render/view/model.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

/** The full report: every section, so every place untrusted text can reach. */
function render(result: Result): string {
  return renderDocuments(result, ["full"], "a4")[0]!.html;
}

const HOSTILE = `<meta http-equiv="refresh" content="0;url=https://evil.example/"><script>alert(1)</script><img src=x onerror=alert(1)><iframe src="file:///etc/passwd"></iframe>{{constructor}}\u202Egnp.exe`;

async function hostileResult(): Promise<Result> {
  const r = await scoreDemo();
  const v = r.vendors[0]!;
  v.name = HOSTILE;
  v.contact = HOSTILE;
  v.findings[0]!.comment = HOSTILE;
  v.incidents.list[0]!.title = HOSTILE;
  v.incidents.list[0]!.sourceUrl = "javascript:alert(document.cookie)";
  v.incidents.list[1]!.sourceUrl = "file:///etc/passwd";
  r.workspace.organisation = `</title><script>alert(2)</script>`;
  return r;
}

describe("untrusted text in the report", () => {
  it("is escaped: no markup from input survives", async () => {
    const html = render(await hostileResult());
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<iframe");
    expect(html).not.toContain('<meta http-equiv="refresh"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("never turns javascript: or file: links into hrefs", async () => {
    const html = render(await hostileResult());
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="file:/i);
    expect(html).toContain("javascript:alert(document.cookie)");
  });

  it("strips bidi overrides from untrusted text", async () => {
    const html = render(await hostileResult());
    expect(html).not.toContain("\u202E");
    expect(html).toContain("gnp.exe");
  });

  it("fails loudly when the view model lacks a field (strict templates)", async () => {
    const result = await scoreDemo();
    const view = documentContext(
      buildViewModel(result),
      planDocuments(result, ["full"])[0]!,
      "a4",
      "0123456789abcdef",
    ) as unknown as Record<string, unknown>;
    delete view.asOf;
    expect(() => renderHtml(view as never)).toThrow(/"asOf" not defined/);
  });
});
