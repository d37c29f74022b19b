import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocuments } from "../../src/render/report.js";
import { resultJson } from "../../src/schema/result-json.js";
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
  it("renders every report kind unchanged", async () => {
    const result = await scoreDemo();
    const docs = renderDocuments(result, ["executive", "vendor", "comparison", "full"], "a4");
    expect(docs.map((d) => d.spec.name)).toEqual([
      "caution-executive",
      "caution-vendor-altavale",
      "caution-vendor-cirrane",
      "caution-vendor-quarrion",
      "caution-comparison",
      "caution-report",
    ]);
    for (const d of docs) compare(`${d.spec.name}.html`, d.html);
  });

  it("produces the JSON result unchanged", async () => {
    compare("demo-result.json", resultJson(await scoreDemo()));
  });
});
