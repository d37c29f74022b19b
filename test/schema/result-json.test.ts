import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { resultJson, resultJsonChunks } from "../../src/schema/result-json.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

async function streamed(result: Result): Promise<string> {
  const { vendors, recommendation, contractTerms, portfolio, ...head } = result;
  let out = "";
  for await (const chunk of resultJsonChunks(head, vendors, () => ({ recommendation, contractTerms, portfolio })))
    out += chunk;
  return out;
}

describe("resultJsonChunks", () => {
  it("writes the same bytes as JSON.stringify of the whole result, vendor by vendor", async () => {
    for (const dir of ["demo", "real-providers"]) {
      const result = await scoreDemo(join(PACKAGE_ROOT, "samples", dir));
      expect(await streamed(result)).toBe(resultJson(result));
    }
  });

  it("writes an empty vendor list as JSON.stringify does", async () => {
    const result = await scoreDemo();
    const none = { ...result, vendors: [], recommendation: { ranking: [], preferred: null, actions: [] } };
    expect(await streamed(none)).toBe(resultJson(none));
  });
});
