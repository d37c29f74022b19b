import { describe, expect, it } from "vitest";
import { formatCatalogue, listCatalogue } from "../../src/render/catalogue.js";
import { loadSlaCatalogue } from "../../src/validate/sla-catalogue.js";
import { caution } from "../support/cli.js";

describe("caution catalogue", () => {
  it("--json lists every entry with id, provider, service, lastUpdated and sourceUrl", () => {
    const r = caution(["catalogue", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(["id", "provider", "service", "lastUpdated", "sourceUrl"]),
      );
      expect(row.sourceUrl).toMatch(/^https:\/\//);
    }
    expect(rows.find((x) => x.id === "aws-s3-standard")).toMatchObject({
      provider: "AWS",
      lastUpdated: "2023-11-28",
      lastUpdatedConfidence: "primary",
      sourceUrl: "https://aws.amazon.com/s3/sla/",
      confidence: { primary: 2, secondary: 5, unverified: 0, lowest: "secondary" },
      uptimeCommitment: 99.9,
      missing: [],
    });
  });

  it("prints a block per entry with its confidence counts and what is missing", async () => {
    const { catalogue } = await loadSlaCatalogue();
    const text = formatCatalogue(listCatalogue(catalogue), catalogue.compiled);
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith("gcp-vertex-ai "));
    expect(lines[at]).toMatch(/^gcp-vertex-ai +Google Cloud +99\.9% +2026-02-12 \(secondary\) +1 \/ 1 \/ 0$/);
    expect(lines[at + 3]!.trim()).toBe("not published or not read: creditTiers, exclusions");
    expect(text).toMatch(/^anthropic-api +Anthropic +no SLA +undated +0 \/ 1 \/ 0$/m);
  });
});
