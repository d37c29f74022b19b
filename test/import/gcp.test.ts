import { describe, expect, it } from "vitest";
import { formatCanonicalCsv } from "../../src/import/canonical-csv.js";
import { importGcp, isIncidentReport } from "../../src/import/gcp.js";
import { ctx, fixtureJson, fixtureText, inputIssues, inputMessage, MINUTE, parseRows } from "./support.js";

function incident(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: "AbCdEfGhIjKlMnOpQrSt",
    number: "1234567890123456789",
    begin: "2026-03-01T10:00:00+00:00",
    created: "2026-03-01T10:10:00+00:00",
    end: "2026-03-01T11:00:00+00:00",
    modified: "2026-03-01T11:05:00+00:00",
    external_desc: "Outage",
    updates: [],
    status_impact: "SERVICE_OUTAGE",
    severity: "high",
    service_key: "k",
    service_name: "Google Compute Engine",
    affected_products: [{ title: "Google Compute Engine", id: "L3ggmi3Jy4xJmgodFA9K" }],
    uri: "incidents/AbCdEfGhIjKlMnOpQrSt",
    currently_affected_locations: [],
    previously_affected_locations: [],
    ...fields,
  };
}

const one = (fields: Record<string, unknown>) => importGcp([incident(fields)], ctx("google-cloud"));
const mapped = (fields: Record<string, unknown>) => {
  const r = one(fields);
  expect(r.skipped).toEqual([]);
  return r.incidents[0]!;
};

describe("Google Cloud fixture", () => {
  const result = importGcp(fixtureJson("gcp-incidents.json"), ctx("google-cloud"));
  const csv = formatCanonicalCsv(result.incidents);

  it("produces exactly the hand-computed CSV", () => {
    expect(csv).toBe(fixtureText("gcp-expected.csv"));
  });

  it("lists every skipped record with its reason, in file order", () => {
    expect(result.skipped).toEqual([
      { id: "Eb4Fc7Gd0He3If6Jg9Kh", reason: "end 2026-02-20T09:30:00Z is before begin 2026-02-20T10:00:00Z" },
      { id: "Dp1Fq4Gr7Hs0It3Ju6Kv", reason: "duplicate id; kept the copy updated at 2026-01-15T12:15:00Z" },
    ]);
  });

  it("every row parses with incidentRow, and the durations are the hand-computed ones", () => {
    const rows = parseRows(csv);
    expect(rows).toHaveLength(6);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const minutes = (id: string) => {
      const r = byId.get(id)!;
      return r.resolvedAt === null ? null : (r.resolvedAt - r.startedAt) / MINUTE;
    };
    // 2026-03-31T23:10Z to 2026-04-01T02:47Z, across the month boundary: 3 h 37 min.
    expect(minutes("aXb3Kp9QmT2vWc7YzR1d")).toBe(217);
    // 2025-12-31T23:30Z to 2026-01-01T00:30Z, across the year boundary.
    expect(minutes("Mp7Nq0Or3Ps6Qt9Ru2Sv")).toBe(60);
    expect(minutes("Dp1Fq4Gr7Hs0It3Ju6Kv")).toBe(158);
    expect(minutes("Lm4Nb7Vc0Xz2As5Df8Gh")).toBe(45);
    expect(minutes("Tg6Yh9Uj2Ik5Ol8Pz1Xc")).toBe(75);
    expect(minutes("Qw8Ez5Rt1Yu3Io6Pa9Sd")).toBeNull();
  });
});

describe("Google Cloud mapping rules", () => {
  it("normalises begin and end to UTC; an absent, null or empty end is open", () => {
    expect(mapped({ begin: "2026-03-31T22:30:00-07:00", end: "2026-04-01T00:00:00-07:00" })).toMatchObject({
      startedAt: "2026-04-01T05:30:00Z",
      resolvedAt: "2026-04-01T07:00:00Z",
    });
    expect(mapped({ end: undefined }).resolvedAt).toBeNull();
    expect(mapped({ end: null }).resolvedAt).toBeNull();
    expect(mapped({ end: "" }).resolvedAt).toBeNull();
  });

  it("skips with a reason a record without a usable begin or with end before begin", () => {
    const reasons = (fields: Record<string, unknown>) => one(fields).skipped.map((s) => s.reason);
    expect(reasons({ begin: undefined })).toEqual(["has no begin time"]);
    expect(reasons({ begin: null })).toEqual(["has no begin time"]);
    expect(reasons({ begin: "2026-03-01T10:00:00" })).toEqual([
      'begin "2026-03-01T10:00:00" has no UTC offset (Z or ±hh:mm)',
    ]);
    expect(reasons({ begin: "2026-03-01" })).toEqual([
      'begin "2026-03-01" is not an ISO 8601 timestamp with a Z or ±hh:mm offset',
    ]);
    expect(reasons({ end: "2026-03-01T11:00:00" })).toEqual([
      'end "2026-03-01T11:00:00" has no UTC offset (Z or ±hh:mm)',
    ]);
    expect(reasons({ end: "2026-03-01T09:00:00+00:00" })).toEqual([
      "end 2026-03-01T09:00:00Z is before begin 2026-03-01T10:00:00Z",
    ]);
    expect(reasons({ status_impact: undefined, severity: undefined })).toEqual([
      "no known status_impact (missing) or severity (missing)",
    ]);
    expect(reasons({ status_impact: "SERVICE_MELTDOWN", severity: "extreme" })).toEqual([
      'no known status_impact ("SERVICE_MELTDOWN") or severity ("extreme")',
    ]);
  });

  it("maps status_impact to severity, falling back to severity", () => {
    expect(mapped({ status_impact: "SERVICE_OUTAGE", severity: "low" }).severity).toBe("major");
    expect(mapped({ status_impact: "SERVICE_DISRUPTION" }).severity).toBe("minor");
    expect(mapped({ status_impact: "SERVICE_INFORMATION" }).severity).toBe("none");
    expect(mapped({ status_impact: undefined, severity: "high" }).severity).toBe("major");
    expect(mapped({ status_impact: null, severity: "medium" }).severity).toBe("minor");
    expect(mapped({ status_impact: "AVAILABLE", severity: "low" }).severity).toBe("none");
  });

  it("takes services from affected_products, else service_name unless it is Multiple Products", () => {
    expect(
      mapped({
        affected_products: [{ title: "Cloud Run" }, { title: "Cloud Run" }, { title: "Pub/Sub; Lite" }, { id: "x" }],
      }).services,
    ).toEqual(["Cloud Run", "Pub/Sub, Lite"]);
    expect(mapped({ affected_products: [], service_name: "Google BigQuery" }).services).toEqual(["Google BigQuery"]);
    expect(mapped({ affected_products: undefined, service_name: "Google BigQuery" }).services).toEqual([
      "Google BigQuery",
    ]);
    expect(mapped({ affected_products: [], service_name: "Multiple Products" }).services).toEqual([]);
    expect(mapped({ affected_products: null, service_name: null }).services).toEqual([]);
  });

  it("takes regions from both location lists, sorted and unique", () => {
    expect(
      mapped({
        currently_affected_locations: [
          { title: "Iowa (us-central1)", id: "us-central1" },
          { title: "Global", id: "global" },
        ],
        previously_affected_locations: [
          { title: "Global", id: "global" },
          { title: "Belgium (europe-west1)", id: "europe-west1" },
          { title: "no id" },
        ],
      }).regions,
    ).toEqual(["europe-west1", "global", "us-central1"]);
    expect(mapped({ currently_affected_locations: undefined, previously_affected_locations: null }).regions).toEqual(
      [],
    );
  });

  it("turns the Markdown external_desc into a plain-text title", () => {
    expect(
      mapped({ external_desc: "**Elevated** _latency_ for [Cloud SQL](https://cloud.google.com/sql) in `us-west1`" })
        .title,
    ).toBe("Elevated latency for Cloud SQL in us-west1");
    expect(mapped({ external_desc: "" }).title).toBe("(no title)");
  });

  it("builds source_url on status.cloud.google.com, never elsewhere", () => {
    const site = "https://status.cloud.google.com/";
    expect(mapped({}).sourceUrl).toBe(`${site}incidents/AbCdEfGhIjKlMnOpQrSt`);
    expect(mapped({ uri: undefined }).sourceUrl).toBe(`${site}incidents/AbCdEfGhIjKlMnOpQrSt`);
    expect(mapped({ uri: "https://evil.example/x" }).sourceUrl).toBe(`${site}incidents/AbCdEfGhIjKlMnOpQrSt`);
    expect(mapped({ uri: "//evil.example/x" }).sourceUrl).toBe(`${site}incidents/AbCdEfGhIjKlMnOpQrSt`);
    expect(mapped({ uri: "javascript:alert(1)" }).sourceUrl).toBe(`${site}incidents/AbCdEfGhIjKlMnOpQrSt`);
    expect(mapped({ uri: "incidents/other" }).sourceUrl).toBe(`${site}incidents/other`);
  });

  it("sets rca_published_at from the first Incident Report or Mini Incident Report update (created, else when)", () => {
    const updates = [
      {
        created: "2026-03-09T10:00:00+00:00",
        when: "2026-03-09T10:00:00+00:00",
        text: "# Incident Report\n\n## Summary\n...",
      },
      {
        created: "2026-03-04T10:00:00+00:00",
        when: "2026-03-04T09:00:00+00:00",
        text: "# Mini Incident Report\n\nWe apologize ...",
      },
      {
        created: "2026-03-01T11:00:00+00:00",
        text: "The issue has been resolved. We will publish an Incident Report once complete.",
      },
    ];
    expect(mapped({ updates }).rcaPublishedAt).toBe("2026-03-04T10:00:00Z");
    expect(
      mapped({ updates: [{ when: "2026-03-05T10:00:00-08:00", text: "**Mini Incident Report**" }] }).rcaPublishedAt,
    ).toBe("2026-03-05T18:00:00Z");
    expect(mapped({ updates: [updates[2]] }).rcaPublishedAt).toBeNull();
    expect(mapped({ updates: undefined }).rcaPublishedAt).toBeNull();
    expect(
      mapped({ updates: [{ created: "2026-02-01T00:00:00Z", text: "# Incident Report" }] }).rcaPublishedAt,
    ).toBeNull();
  });

  it("recognises incident reports by heading or preamble, not by a promise of one", () => {
    expect(isIncidentReport("# Incident Report\n\n## Summary")).toBe(true);
    expect(isIncidentReport("# Mini Incident Report\n")).toBe(true);
    expect(isIncidentReport("Incident Report\nSummary")).toBe(true);
    expect(isIncidentReport("Summary\n\n## Preliminary Incident Report")).toBe(true);
    expect(isIncidentReport("We would like to provide some information about this incident below.")).toBe(true);
    expect(isIncidentReport("We will publish an Incident Report once our investigation is complete.")).toBe(false);
    expect(isIncidentReport("Summary: Incident reporting delayed")).toBe(false);
  });

  it("keeps the copy with the newest modified time", () => {
    const r = importGcp(
      [
        incident({ external_desc: "old", modified: "2026-03-01T11:00:00+00:00" }),
        incident({ external_desc: "new", modified: "2026-03-01T12:00:00+00:00" }),
      ],
      ctx("g"),
    );
    expect(r.incidents.map((i) => i.title)).toEqual(["new"]);
    expect(r.skipped).toEqual([
      { id: "AbCdEfGhIjKlMnOpQrSt", reason: "duplicate id; kept the copy updated at 2026-03-01T12:00:00Z" },
    ]);
  });

  it("refuses a file that is not a JSON array as an input error naming the file, pointing at the right format", () => {
    expect(inputIssues(() => importGcp({ page: {}, incidents: [] }, ctx("g", "history.json")))).toEqual([
      {
        file: "history.json",
        message:
          "expected a Google Cloud incidents.json (a JSON array of incidents), found an object; it looks like a Statuspage incidents.json: use --format statuspage",
      },
    ]);
    expect(inputMessage(() => importGcp({}, ctx("g")))).toBe(
      "expected a Google Cloud incidents.json (a JSON array of incidents), found an object",
    );
    expect(inputMessage(() => importGcp(42, ctx("g")))).toMatch(/found a number$/);
  });

  it("refuses a JSON array none of whose records is a Google Cloud incident (an AWS events file), never 0 incidents", () => {
    const aws = [{ arn: "arn:aws:health:us-east-1::event/EC2/X/1", date: "1772369485", status: "3", event_log: [] }];
    expect(inputIssues(() => importGcp(aws, ctx("g", "currentevents.json")))).toEqual([
      {
        file: "currentevents.json",
        message:
          "the one record does not look like a Google Cloud incident (no begin, external_desc, status_impact, most_recent_update); it looks like an AWS Health events file: use --format aws",
      },
    ]);
    expect(inputMessage(() => importGcp([{ a: 1 }, { b: 2 }], ctx("g")))).toBe(
      "none of the 2 records looks like a Google Cloud incident (no begin, external_desc, status_impact, most_recent_update)",
    );
    // An empty history is a history with no incidents, not a wrong file.
    expect(importGcp([], ctx("g"))).toEqual({ incidents: [], skipped: [], notes: [] });
  });
});
