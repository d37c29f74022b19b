import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/render/html/render-html.js";
import { resultJson } from "../../src/render/report.js";
import { buildViewModel } from "../../src/render/view-model.js";
import { scoreDemo } from "../support/demo.js";

/**
 * Golden files pin the rendered report and the JSON result of samples/demo byte for byte. After an intended
 * change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts` and review the diff.
 */
const GOLDEN = join(import.meta.dirname, "golden");

function compare(name: string, actual: string) {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("samples/demo golden output", () => {
  it("renders the HTML report unchanged", async () => {
    compare("demo-report.html", renderHtml(buildViewModel(await scoreDemo())));
  });

  it("produces the JSON result unchanged", async () => {
    compare("demo-result.json", resultJson(await scoreDemo()));
  });
});
