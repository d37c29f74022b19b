import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { catalogueMarkdown } from "../../src/render/catalogue.js";
import { loadSlaCatalogue } from "../../src/validate/sla-catalogue.js";

/** A Markdown table's rows as trimmed cells, so alignment padding does not matter. */
const cells = (table: string) =>
  table
    .trim()
    .split("\n")
    .map((row) =>
      row
        .replace(/^\|\s*|\s*\|$/g, "")
        .split(/\s*(?<!\\)\|\s*/)
        .map((c) => c.trim()),
    );

describe("docs/sla-catalogue.md", () => {
  it("lists exactly the catalogue's entries, as the data says", async () => {
    const page = readFileSync(join(PACKAGE_ROOT, "docs", "sla-catalogue.md"), "utf8");
    const table = /<!-- catalogue-table:start -->\n([\s\S]*?)<!-- catalogue-table:end -->/.exec(page)?.[1];
    expect(table, "the page keeps its table between the catalogue-table markers").toBeDefined();
    const { catalogue } = await loadSlaCatalogue();
    // To regenerate: print catalogueMarkdown(catalogue) and paste it between the markers.
    expect(cells(table!)).toEqual(cells(catalogueMarkdown(catalogue)));
  });
});
