import { gzipSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCanonicalCsv } from "../../src/import/canonical-csv.js";
import { importAws } from "../../src/import/aws.js";
import { runImport } from "../../src/import/run-import.js";
import { tempDir } from "../support/cli.js";
import { ctx, fixtureJson, fixturePath, fixtureText, inputMessage, MINUTE, parseRows } from "./support.js";

const ARN = "arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_X";

/** A minimal open event; tests override what they look at. */
function event(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    date: "1773824700",
    arn: ARN,
    status: "2",
    service: "ec2-us-east-1",
    service_name: "Amazon Elastic Compute Cloud",
    summary: "Increased API Error Rates",
    event_log: [{ summary: "x", message: "Investigating.", status: 2, timestamp: 1773824700 }],
    ...fields,
  };
}
const one = (fields: Record<string, unknown>) => importAws([event(fields)], ctx("aws"));

/** UTF-16 big-endian with a byte-order mark, as health.aws.amazon.com serves it. */
function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

describe("AWS Health events (currentevents)", () => {
  const result = importAws(fixtureJson("aws-currentevents.json"), ctx("aws"));

  it("produces exactly the hand-checked CSV, with every skip listed", () => {
    expect(formatCanonicalCsv(result.incidents)).toBe(fixtureText("aws-currentevents-expected.csv"));
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'date "yesterday" is not an epoch timestamp (digits, optionally with a fraction)',
      "duplicate id; kept the copy updated at 2026-03-01T15:00:00Z",
    ]);
  });

  it("reads epoch seconds, keeps sub-second precision, and ends an event when its services are back to 0", () => {
    const byRegion = new Map(parseRows(formatCanonicalCsv(result.incidents)).map((r) => [r.regions[0], r]));
    // date "1773824700" = 2026-03-18T09:05:00Z; the last service change back to 0 at 1773830472400 ms.
    const ec2 = byRegion.get("us-east-1")!;
    expect(ec2.startedAt).toBe(Date.UTC(2026, 2, 18, 9, 5));
    expect(ec2.resolvedAt).toBe(Date.UTC(2026, 2, 18, 10, 41, 12, 400));
    expect((ec2.resolvedAt! - ec2.startedAt) / MINUTE).toBeCloseTo(96.2067, 4);
    expect(ec2.severity).toBe("minor");
    // The open region-wide event: peak status 3, services from impacted_services, region from the ARN.
    const uae = byRegion.get("me-central-1")!;
    expect(uae).toMatchObject({ resolvedAt: null, severity: "major" });
    expect(uae.services).toEqual([
      "AWS Private Certificate Authority",
      "Amazon CloudWatch Synthetics",
      "Amazon Elastic Compute Cloud",
    ]);
    // end_time wins; a post-event summary link becomes the source and dates the RCA.
    expect(byRegion.get("global")).toMatchObject({
      resolvedAt: Date.UTC(2026, 1, 11, 1, 2),
      sourceUrl: "https://aws.amazon.com/message/5467d2/",
      rcaPublishedAt: Date.UTC(2026, 1, 11, 1, 2),
    });
    // No date: the first update's time, with its fraction.
    expect(byRegion.get("ap-southeast-2")!.startedAt).toBe(Date.UTC(2026, 2, 18, 9, 5, 0, 250));
    expect(byRegion.get("eu-west-1")!.severity).toBe("none");
  });

  it("maps the status codes 0-3 by the highest one an event reached", () => {
    expect(one({ status: "3" }).incidents[0]!.severity).toBe("major");
    expect(one({ status: "2" }).incidents[0]!.severity).toBe("minor");
    expect(one({ status: "1", event_log: [] }).incidents[0]!.severity).toBe("none");
    // The top-level status stays at the peak, but a log entry or a service's max can be higher.
    expect(
      one({ status: "1", impacted_services: { a: { service_name: "A", current: "0", max: "3" } } }).incidents[0]!
        .severity,
    ).toBe("major");
    expect(one({ status: "x", event_log: [] }).skipped[0]!.reason).toBe(
      "has no status code (0-3) in status, event_log or impacted_services",
    );
  });

  it("ends an event only on evidence: end_time, every service back to 0, or a status of 0", () => {
    const changes = (entries: [string, string, number][]) =>
      one({
        impacted_service_status_changes: entries.map(([service, status, timestamp]) => ({
          service,
          current_status: status,
          timestamp,
        })),
      }).incidents[0]!.resolvedAt;
    expect(changes([["a", "2", 1773824700000]])).toBeNull();
    // One service recovered, another not: still open.
    expect(
      changes([
        ["a", "0", 1773825000000],
        ["b", "2", 1773824700000],
      ]),
    ).toBeNull();
    // Both recovered (a went 2 -> 0 -> 2 -> 0): the last change.
    expect(
      changes([
        ["a", "0", 1773825000000],
        ["b", "0", 1773826000000],
        ["a", "2", 1773825500000],
        ["a", "0", 1773827000000],
      ]),
    ).toBe("2026-03-18T09:43:20Z");
    expect(one({ status: "0" }).incidents[0]!.resolvedAt).toBe("2026-03-18T09:05:00Z");
    expect(one({ end_time: "1773824600" }).skipped[0]!.reason).toBe(
      "ends at 2026-03-18T09:03:20Z, before its first post at 2026-03-18T09:05:00Z",
    );
  });

  it("takes the region from the ARN, else from the service key; region_name is a display name only", () => {
    expect(one({ arn: "arn:aws:health:eu-central-2::event/X/Y/Z" }).incidents[0]!.regions).toEqual(["eu-central-2"]);
    expect(one({ arn: "arn:aws:health:::event/X/Y/Z", service: "rds-us-gov-west-1" }).incidents[0]!.regions).toEqual([
      "us-gov-west-1",
    ]);
    expect(
      one({ arn: "arn:aws:health:::event/X/Y/Z", service: "cloudfront", region_name: "UAE" }).incidents[0]!.regions,
    ).toEqual([]);
  });

  it("names services from impacted_services, else service_name unless it is Multiple services", () => {
    expect(one({}).incidents[0]!.services).toEqual(["Amazon Elastic Compute Cloud"]);
    expect(one({ service_name: "Multiple services" }).incidents[0]!.services).toEqual([]);
  });

  it("writes a 12,000-service event with an empty services cell (= every service) and says so", () => {
    // 12,000 names of 15 characters plus their digits (10×1 + 90×2 + 900×3 + 9,000×4 + 2,000×5 = 48,890) and 11,999
    // separators: 240,889 characters.
    const impacted = Object.fromEntries(
      Array.from({ length: 12_000 }, (_, i) => [
        `svc${i}-us-east-1`,
        { service_name: `Service number ${i}`, max: "3" },
      ]),
    );
    const r = one({ impacted_services: impacted });
    expect(r.incidents[0]!.services).toEqual([]);
    expect(r.notes).toEqual([
      {
        id: ARN,
        message:
          "12000 services (240889 characters) are over the 10000-character limit of the services column; written empty, which counts the incident against every service",
      },
    ]);
    const row = formatCanonicalCsv(r.incidents).split("\n")[1]!;
    expect(row.length).toBeLessThan(1000);
    expect(parseRows(formatCanonicalCsv(r.incidents))).toHaveLength(1);
  });

  it("refuses what is neither events nor the legacy data.json, naming the format it looks like", () => {
    expect(inputMessage(() => importAws({ page: {}, incidents: [] }, ctx("aws")))).toMatch(
      /found an object; it looks like a Statuspage incidents.json: use --format statuspage$/,
    );
    expect(inputMessage(() => importAws([{ id: "x", begin: "2026-01-01T00:00:00Z" }], ctx("aws")))).toBe(
      "the one record does not look like an AWS Health event (no arn, event_log, impacted_services); it looks like a Google Cloud incidents.json: use --format gcp",
    );
    expect(importAws([], ctx("aws"))).toEqual({ incidents: [], skipped: [], notes: [] });
  });
});

describe("reading the AWS answer as served", () => {
  it("reads UTF-16 with a BOM, and the same gzipped, to the same rows as the UTF-8 file", async () => {
    const dir = tempDir();
    const text = fixtureText("aws-currentevents.json");
    const expected = fixtureText("aws-currentevents-expected.csv");
    for (const [name, bytes] of [
      ["utf16.json", utf16be(text)],
      ["utf16.json.gz", gzipSync(utf16be(text))],
      ["utf8.json.gz", gzipSync(Buffer.from(text))],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const { csv } = await runImport({ file, format: "aws", vendor: "aws" });
      expect(csv, name).toBe(expected);
    }
  });
});

describe("the legacy Service Health Dashboard data.json", () => {
  const result = importAws(fixtureJson("aws-legacy-data.json"), ctx("aws"));

  it("produces exactly the hand-checked CSV", () => {
    expect(formatCanonicalCsv(result.incidents)).toBe(fixtureText("aws-legacy-expected.csv"));
    expect(result.skipped).toEqual([
      { id: "cloudfront-1451633400", reason: "is marked resolved but its description has no timed update to end it" },
    ]);
  });

  it("reads Pacific times in the HTML: the stated window, day prefixes, the year's end", () => {
    const byId = new Map(parseRows(formatCanonicalCsv(result.incidents)).map((r) => [r.id, r]));
    // "Between 2:52 PM and 3:22 PM PDT" (UTC-7) in an update of 2016-07-12.
    expect(byId.get("ec2-us-east-1-1468361580")).toMatchObject({
      startedAt: Date.UTC(2016, 6, 12, 21, 52),
      resolvedAt: Date.UTC(2016, 6, 12, 22, 22),
    });
    // "Between 4:25 AM to 5:25 AM PST" (UTC-8), posted at 6:06 AM PST.
    expect(byId.get("iam-us-east-1-1481033166")).toMatchObject({
      startedAt: Date.UTC(2016, 11, 6, 12, 25),
      resolvedAt: Date.UTC(2016, 11, 6, 13, 25),
    });
    // Posted Dec 7, 11:10 PM PST; resolved "Dec 8, 2:29 AM PST". us-standard is us-east-1.
    expect(byId.get("s3-us-standard-1481181000")).toMatchObject({
      startedAt: Date.UTC(2016, 11, 8, 7, 10),
      resolvedAt: Date.UTC(2016, 11, 8, 10, 29),
      regions: ["us-east-1"],
    });
    // Posted Dec 31, 2015 11:30 PM PST; resolved "Jan 1, 1:15 AM PST" of 2016; status 3 is a disruption.
    expect(byId.get("rds-eu-west-1-1451633400")).toMatchObject({
      startedAt: Date.UTC(2016, 0, 1, 7, 30),
      resolvedAt: Date.UTC(2016, 0, 1, 9, 15),
      severity: "major",
      sourceUrl: "https://aws.amazon.com/message/65648/",
    });
    // Still listed under current without [RESOLVED]: open.
    expect(byId.get("lambda-us-west-2-1557765660")!.resolvedAt).toBeNull();
  });

  it("reads the file as saved: fixture path through the command", async () => {
    const { csv } = await runImport({ file: fixturePath("aws-legacy-data.json"), format: "aws", vendor: "aws" });
    expect(csv).toBe(fixtureText("aws-legacy-expected.csv"));
  });
});
