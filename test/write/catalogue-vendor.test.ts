import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SlaCatalogue } from "../../src/schema/sla-catalogue.js";
import { loadSlaCatalogue } from "../../src/validate/sla-catalogue.js";
import { catalogueVendors } from "../../src/write/catalogue-vendor.js";
import { caution, tempDir } from "../support/cli.js";

let catalogue: SlaCatalogue;
beforeAll(async () => {
  catalogue = (await loadSlaCatalogue()).catalogue;
});

describe("vendors prefilled from the catalogue", () => {
  it("names each vendor after its provider and refuses two SLAs for one vendor or an unknown id", () => {
    const ok = catalogueVendors(catalogue, [
      "aws-ec2-region",
      "azure-vm-availability-zones",
      "gcp-gemini-online-inference",
    ]);
    expect(ok.errors).toEqual([]);
    expect(ok.vendors.map((v) => [v.id, v.name])).toEqual([
      ["aws", "AWS"],
      ["microsoft-azure", "Microsoft Azure"],
      ["google-cloud", "Google Cloud"],
    ]);
    const bad = catalogueVendors(catalogue, ["aws-ec2-region", "aws-s3-standard", "gcp-vertx-ai"]);
    expect(bad.errors).toEqual([
      "--provider aws-s3-standard: aws-ec2-region is already AWS; a vendor has one SLA, so name the one for your main workload",
      "--provider gcp-vertx-ai: not in caution's SLA catalogue; did you mean gcp-vertex-ai? caution catalogue lists the ids",
    ]);
  });

  it("writes from: <id> with every recorded term as a commented override, and what the entry lacks", () => {
    const [v] = catalogueVendors(catalogue, ["aws-bedrock"]).vendors;
    expect(v!.slaLines).toContain("  from: aws-bedrock");
    expect(v!.slaLines).toContain("  # uptimeCommitment: 99.9   # primary");
    expect(v!.slaLines).toContain("  # claimDeadlineDays: 60   # unverified");
    expect(v!.slaLines.at(-1)).toBe(
      "  # not in the catalogue: exclusions. The exclusions of the Bedrock SLA were not read. Set sla.exclusions from your contract.",
    );
  });

  it("caution init --provider writes a workspace that validates", () => {
    const dir = join(tempDir(), "ws");
    const init = caution([
      "init",
      dir,
      "--as-of",
      "2026-11-30",
      "--provider",
      "aws-ec2-region",
      "gcp-compute-single-instance",
    ]);
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, "caution.yaml"), "utf8")).toMatch(/- id: aws .*\n[\s\S]*- id: google-cloud /);
    const valid = caution(["validate", dir, "-q"]);
    expect(valid.stdout).toBe(`${dir}: valid: 2 vendors, 54 questions (questionnaire 1.0.0), 0 incidents in 0 files\n`);
    expect(valid.code).toBe(0);
  });
});
