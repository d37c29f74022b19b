import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TEMPLATE_DIR } from "../../src/load/package-files.js";
import { documentContext, planDocuments } from "../../src/render/documents.js";
import { compileTemplates } from "../../src/render/html/render-html.js";
import { readTemplateSource, TEMPLATE_CACHE } from "../../src/render/html/template-source.js";
import { renderDocuments } from "../../src/render/report.js";
import { buildViewModel } from "../../src/render/view/model.js";
import { scoreDemo } from "../support/demo.js";

describe("the precompiled templates (npm run build)", () => {
  it("exist and were made from the templates as they are now", async () => {
    expect(existsSync(TEMPLATE_CACHE), "no template cache: run npm run build").toBe(true);
    const cache = (await import(TEMPLATE_CACHE)) as { default: { digest: string } };
    expect(cache.default.digest).toBe(readTemplateSource(TEMPLATE_DIR).digest);
  });

  it("render every kind exactly as the templates compiled at run time do", async () => {
    const result = await scoreDemo();
    const fresh = compileTemplates(TEMPLATE_DIR, false);
    const docs = renderDocuments(result, ["executive", "vendor", "comparison", "full"], "a4");
    const view = buildViewModel(result);
    for (const d of docs) expect(fresh(documentContext(view, d.spec, "a4", d.embedded.reportId))).toBe(d.html);
  });

  it("stay strict: a field missing from the view model is an error", async () => {
    const result = await scoreDemo();
    const view = documentContext(
      buildViewModel(result),
      planDocuments(result, ["full"])[0]!,
      "a4",
      "0123456789abcdef",
    ) as unknown as Record<string, unknown>;
    delete view.downtimeCost;
    expect(() => compileTemplates()(view)).toThrow(/"downtimeCost" not defined/);
  });
});
