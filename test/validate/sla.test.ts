import { beforeAll, describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/yaml-file.js";
import type { SlaCatalogue } from "../../src/schema/sla-catalogue.js";
import { findEntry, loadSlaCatalogue } from "../../src/validate/sla-catalogue.js";
import { validateVendorSla } from "../../src/validate/sla.js";
import { yamlLocator } from "../../src/validate/zod-issues.js";

let catalogue: SlaCatalogue;
beforeAll(async () => {
  catalogue = (await loadSlaCatalogue()).catalogue;
});

/** Validates the `sla:` of a vendor file written as YAML text. */
function sla(yaml: string) {
  const { source } = parseYaml(`id: v\n${yaml}`, "vendors/v.yaml");
  return validateVendorSla((source!.data as { sla: unknown }).sla, yamlLocator(source!), catalogue);
}

const REQUIRED = ["uptimeCommitment", "creditTiers", "exclusions", "measurement.creditMultiplier"];

describe("the shipped SLA catalogue", () => {
  it("lists at least 15 services, each with its source and a dated or explained last update", () => {
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(15);
    for (const e of catalogue.entries) {
      expect(e.sourceUrl).toMatch(/^https:\/\//);
      if (e.lastUpdated === null) expect(e.lastUpdatedNote, e.id).toBeTruthy();
    }
  });

  it("resolves every entry on its own, or names exactly the terms it lacks and says why", () => {
    for (const e of catalogue.entries) {
      const r = sla(`sla:\n  from: ${e.id}\n`);
      const lacking = Object.keys(e.missing).filter((k) => REQUIRED.includes(k));
      if (!e.published) {
        expect(r, e.id).toEqual({ issues: [] });
      } else if (lacking.length === 0) {
        expect(r.issues, e.id).toEqual([]);
        expect(r.terms?.provenance?.catalogue?.id).toBe(e.id);
      } else {
        expect(r.issues.map((i) => i.field).sort(), e.id).toEqual(lacking.map((k) => `sla.${k}`).sort());
        for (const issue of r.issues) expect(issue.message).toContain(e.missing[issue.field!.slice(4)]!);
      }
    }
  });

  it("takes every term with the entry's confidence, and marks a term the entry lacks as unverified", () => {
    const s3 = sla("sla:\n  from: aws-s3-standard\n").terms!;
    expect(s3.provenance?.termConfidence).toEqual({
      uptimeCommitment: "primary",
      measurement: "secondary",
      creditTiers: "secondary",
      creditCapPercent: "primary",
      claimDeadlineDays: "secondary",
      exclusions: "secondary",
      liabilityCapMonths: "secondary",
      notification: "unverified",
    });
    expect(s3.source).toEqual({
      document: "Amazon S3 Service Level Agreement",
      url: "https://aws.amazon.com/s3/sla/",
      date: "2023-11-28",
      confidence: "secondary",
    });
    expect(s3.measurement).toMatchObject({ method: "error-rate", intervalMinutes: 5 });
  });

  it("dates an undated page by the catalogue and says so in the document's name", () => {
    const gce = sla("sla:\n  from: gcp-compute-single-instance\n").terms!;
    expect(gce.source.date).toBe(catalogue.compiled);
    expect(gce.source.document).toBe(
      "Compute Engine Service Level Agreement (SLA) (undated page, as read for caution's catalogue)",
    );
  });
});

describe("sla: { from: <id>, ...overrides }", () => {
  it("overrides single terms, merging nested ones key by key, with the override source's confidence", () => {
    const r = sla(`sla:
  from: aws-ec2-region
  source: { document: "Our EDP addendum", date: "2026-06-01", confidence: primary }
  claimDeadlineDays: 90
  exclusions: { providerAgents: counted }
`);
    expect(r.issues).toEqual([]);
    const t = r.terms!;
    expect(t.claimDeadlineDays).toBe(90);
    expect(t.exclusions).toEqual({
      providerAgents: "counted",
      customerCredentialAgents: "excluded",
      forceMajeure: true,
    });
    expect(t.uptimeCommitment).toBe(99.99);
    expect(t.provenance?.termConfidence).toMatchObject({
      claimDeadlineDays: "primary",
      exclusions: "secondary", // part of it is still the catalogue's secondary reading
      uptimeCommitment: "secondary",
    });
    // The terms still name the catalogue's document: the override source only rates the overrides.
    expect(t.source.document).toBe("Amazon Compute Service Level Agreement");
  });

  it("rates an override without a source as unverified", () => {
    const t = sla("sla:\n  from: aws-ec2-region\n  claimDeadlineDays: 30\n").terms!;
    expect(t.provenance?.termConfidence.claimDeadlineDays).toBe("unverified");
  });

  it("supplies what an entry lacks from the file", () => {
    const r = sla(`sla:
  from: cloudflare-enterprise
  measurement: { creditMultiplier: 10 }
  exclusions: { providerAgents: silent, customerCredentialAgents: excluded }
`);
    expect(r.issues).toEqual([]);
    expect(r.terms?.measurement).toMatchObject({
      method: "affected-ratio",
      creditMultiplier: 10,
      affectedCustomerRatio: 1,
    });
  });

  it("names an unknown id, suggests the nearest and lists the rest", () => {
    const r = sla("sla:\n  from: aws-ec2-regoin\n");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: "vendors/v.yaml", line: 3, field: "sla.from" });
    expect(r.issues[0]!.message).toMatch(
      /^"aws-ec2-regoin" is not in caution's SLA catalogue; did you mean aws-ec2-region\? entries: aws-ec2-region, /,
    );
    expect(findEntry(catalogue, "aws-ec2")).toEqual({
      entry: undefined,
      suggestions: ["aws-ec2-region", "aws-ec2-instance"],
    });
    expect(findEntry(catalogue, "zzzzzzzzzzzzzzzzzzzz")).toEqual({ entry: undefined, suggestions: [] });
  });

  it("locates a bad override in the file, and a conflict with the entry at sla.from", () => {
    const r = sla("sla:\n  from: aws-ec2-region\n  uptimeCommitment: 99.9\n  claimDeadlineDays: 0\n");
    expect(r.issues).toEqual([
      { file: "vendors/v.yaml", line: 5, field: "sla.claimDeadlineDays", message: "0 is too small; must be ≥ 1" },
    ]);
    const conflict = sla("sla:\n  from: aws-ec2-region\n  uptimeCommitment: 99.9\n");
    expect(conflict.issues).toEqual([
      {
        file: "vendors/v.yaml",
        line: 3,
        field: "sla.creditTiers[0].below",
        message: "must not exceed the uptime commitment 99.9",
      },
    ]);
  });

  it("refuses fields the SLA does not have", () => {
    const r = sla("sla:\n  from: aws-ec2-region\n  uptime: 99\n");
    expect(r.issues[0]).toMatchObject({ line: 4, field: "sla.uptime" });
    expect(r.issues[0]!.message).toMatch(/^unknown field; allowed: from, source, service, uptimeCommitment/);
  });

  it("leaves a service without a published SLA without terms, unless the file writes its own", () => {
    expect(sla("sla:\n  from: anthropic-api\n")).toEqual({ issues: [] });
    const own = sla(`sla:
  from: anthropic-api
  source: { document: "Negotiated order form", date: "2026-05-01", confidence: primary }
  uptimeCommitment: 99.5
  creditTiers: [{ below: 99.5, creditPercent: 10 }]
  exclusions: { providerAgents: silent, customerCredentialAgents: excluded }
`);
    expect(own.issues).toEqual([]);
    expect(own.terms?.liabilityCapMonths).toBe(12);
  });

  it("still checks written-out terms as before", () => {
    const r = sla(
      "sla:\n  source: { document: D, date: '2026-01-01', confidence: primary }\n  service: S\n  uptimeCommitment: 99.9\n  creditTiers: []\n  exclusions: { providerAgents: silent, customerCredentialAgents: silent }\n",
    );
    expect(r.issues).toEqual([
      { file: "vendors/v.yaml", line: 6, field: "sla.creditTiers", message: "needs at least 1 item" },
    ]);
  });
});
