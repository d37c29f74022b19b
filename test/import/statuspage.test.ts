import { describe, expect, it } from "vitest";
import { formatCanonicalCsv } from "../../src/import/canonical-csv.js";
import { importStatuspage } from "../../src/import/statuspage.js";
import { ctx, fixtureJson, fixtureText, inputIssues, inputMessage, MINUTE, parseRows } from "./support.js";

const PAGE = {
  id: "p1",
  name: "Acme",
  url: "https://status.acme.example/",
  time_zone: "Etc/UTC",
  updated_at: "2026-04-10T00:00:00Z",
};

/** A minimal resolved incident; tests override what they look at. */
function incident(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: "abc123def456",
    name: "Outage",
    status: "resolved",
    impact: "major",
    created_at: "2026-03-01T10:05:00Z",
    updated_at: "2026-03-01T12:00:00Z",
    started_at: "2026-03-01T10:00:00Z",
    resolved_at: "2026-03-01T11:00:00Z",
    shortlink: "https://stspg.io/abc123",
    incident_updates: [],
    components: [],
    ...fields,
  };
}

const one = (fields: Record<string, unknown>, page: unknown = PAGE) =>
  importStatuspage({ page, incidents: [incident(fields)] }, ctx("acme"));

describe("Statuspage fixture", () => {
  const result = importStatuspage(fixtureJson("statuspage-incidents.json"), ctx("nimbus"));
  const csv = formatCanonicalCsv(result.incidents);

  it("produces exactly the hand-computed CSV", () => {
    expect(csv).toBe(fixtureText("statuspage-expected.csv"));
  });

  it("lists every skipped record with its reason, in file order", () => {
    expect(result.skipped).toEqual([
      { id: "mt7z0q3n5v8p", reason: 'scheduled maintenance has not started (status "scheduled")' },
      { id: "d1u2p3l4i5c6", reason: "duplicate id; kept the copy updated at 2026-03-05T19:30:00Z" },
      { id: "e9n8d7b6f5o4", reason: "resolved_at 2026-02-02T09:00:00Z is before started_at 2026-02-02T10:00:00Z" },
      { id: "n0o1f2f3s4e5", reason: 'started_at "2026-01-20T14:00:00" has no UTC offset (Z or ±hh:mm)' },
    ]);
  });

  it("every row parses with incidentRow, and the durations are the hand-computed ones", () => {
    const rows = parseRows(csv);
    expect(rows).toHaveLength(7);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const minutes = (id: string) => {
      const r = byId.get(id)!;
      return r.resolvedAt === null ? null : (r.resolvedAt - r.startedAt) / MINUTE;
    };
    // 2026-03-31T22:30:00-07:00 = 2026-04-01T05:30:00Z to 2026-04-01T01:15:27.902-07:00 = 08:15:27.902Z: the
    // milliseconds are kept, 2 h 45 min 27.902 s.
    expect(byId.get("p3x5v7n9b1m2")!.startedAt).toBe(Date.UTC(2026, 3, 1, 5, 30));
    expect(byId.get("p3x5v7n9b1m2")!.resolvedAt).toBe(Date.UTC(2026, 3, 1, 8, 15, 27, 902));
    // No started_at in the payload: created_at 09:15+05:30 = 03:45Z to 11:05:30+05:30 = 05:35:30Z: 110.5 min.
    expect(minutes("r6t8y0u2i4o6")).toBe(110.5);
    // The newer copy of the duplicate: 09:48-07:00 to 11:20-07:00.
    expect(minutes("d1u2p3l4i5c6")).toBe(92);
    // Maintenance window from scheduled_for 01:00-07:00 to resolved_at 02:41:09-07:00.
    expect(minutes("mt4h9s2b6c1d")).toBe(101 + 9 / 60);
    // In progress: open, never ended at its planned scheduled_until (01:00-07:00 the next day).
    expect(minutes("mt2w8e6r4t0y")).toBeNull();
    expect(minutes("01HZX3K9QW7E5R2T8Y6U4V0N1P")).toBe(30);
    expect(minutes("kd8f2m1qz7xw")).toBeNull();
  });

  it("keeps the newest copy of a duplicated id wherever it is in the file", () => {
    const dup = result.incidents.find((i) => i.id === "d1u2p3l4i5c6")!;
    expect(dup).toMatchObject({
      severity: "major",
      resolvedAt: "2026-03-05T18:20:00Z",
      title: "Delayed webhook deliveries; retries queued",
    });
  });
});

describe("Statuspage mapping rules", () => {
  it("uses started_at, else created_at, as the start", () => {
    expect(one({ started_at: "2026-03-01T05:00:00-05:00" }).incidents[0]!.startedAt).toBe("2026-03-01T10:00:00Z");
    expect(
      one({ started_at: "2026-03-01T09:00:00-05:00", resolved_at: "2026-03-01T10:30:00-05:00" }).incidents[0],
    ).toMatchObject({
      startedAt: "2026-03-01T14:00:00Z",
      resolvedAt: "2026-03-01T15:30:00Z",
    });
    expect(one({ started_at: null }).incidents[0]!.startedAt).toBe("2026-03-01T10:05:00Z");
    expect(one({ started_at: undefined }).incidents[0]!.startedAt).toBe("2026-03-01T10:05:00Z");
  });

  it("keeps an unresolved incident with an empty resolved_at", () => {
    const r = one({ status: "investigating", resolved_at: null });
    expect(r.incidents[0]!.resolvedAt).toBeNull();
    expect(formatCanonicalCsv(r.incidents).split("\n")[1]).toBe(
      "acme,abc123def456,Outage,2026-03-01T10:00:00Z,,major,,,unknown,unknown,https://stspg.io/abc123,",
    );
  });

  it("allows a zero-length incident", () => {
    expect(one({ resolved_at: "2026-03-01T10:00:00Z" }).incidents[0]!.resolvedAt).toBe("2026-03-01T10:00:00Z");
  });

  it("maps impact to severity", () => {
    for (const impact of ["none", "minor", "major", "critical"])
      expect(one({ impact }).incidents[0]!.severity).toBe(impact);
  });

  it("treats impact maintenance or a scheduled_for as a maintenance with its window", () => {
    const byImpact = one({
      impact: "maintenance",
      status: "completed",
      started_at: "2026-03-01T09:00:00Z",
      resolved_at: "2026-03-01T09:40:00Z",
    });
    expect(byImpact.incidents[0]).toMatchObject({
      severity: "maintenance",
      startedAt: "2026-03-01T09:00:00Z",
      resolvedAt: "2026-03-01T09:40:00Z",
    });
    const bySchedule = one({
      impact: "none",
      status: "completed",
      scheduled_for: "2026-03-02T01:00:00+01:00",
      scheduled_until: "2026-03-02T03:00:00+01:00",
      resolved_at: null,
    });
    expect(bySchedule.incidents[0]).toMatchObject({
      severity: "maintenance",
      startedAt: "2026-03-02T00:00:00Z",
      resolvedAt: "2026-03-02T02:00:00Z",
    });
    // In progress or verifying: still open. The planned end is a plan; taken as the end, a summary.json fetched
    // today would fail validation today ("after the as-of date").
    for (const status of ["in_progress", "verifying"]) {
      const running = one({
        impact: "maintenance",
        status,
        scheduled_for: "2026-03-02T00:00:00Z",
        scheduled_until: "2099-03-02T04:00:00Z",
        resolved_at: null,
      });
      expect(running.incidents[0]).toMatchObject({ startedAt: "2026-03-02T00:00:00Z", resolvedAt: null });
    }
    const completedEarly = one({
      impact: "maintenance",
      status: "completed",
      scheduled_for: "2026-03-02T00:00:00Z",
      scheduled_until: "2026-03-02T04:00:00Z",
      resolved_at: "2026-03-02T01:30:00Z",
    });
    expect(completedEarly.incidents[0]).toMatchObject({
      startedAt: "2026-03-02T00:00:00Z",
      resolvedAt: "2026-03-02T01:30:00Z",
    });
  });

  it("does not take a blank or null scheduled_for for a maintenance", () => {
    expect(one({ scheduled_for: "", scheduled_until: null }).incidents[0]!.severity).toBe("major");
    expect(one({ scheduled_for: null, scheduled_until: null }).incidents[0]!.severity).toBe("major");
  });

  it("skips a maintenance that has not started", () => {
    expect(
      one({
        impact: "maintenance",
        status: "scheduled",
        scheduled_for: "2026-05-01T00:00:00Z",
        scheduled_until: "2026-05-01T02:00:00Z",
      }).skipped,
    ).toEqual([{ id: "abc123def456", reason: 'scheduled maintenance has not started (status "scheduled")' }]);
  });

  it("skips with a reason every record without a usable start or with its end before its start", () => {
    const reasons = (fields: Record<string, unknown>) => one(fields).skipped.map((s) => s.reason);
    expect(reasons({ started_at: null, created_at: null })).toEqual([
      "has no start time (no started_at or created_at)",
    ]);
    expect(reasons({ started_at: null, created_at: undefined })).toEqual([
      "has no start time (no started_at or created_at)",
    ]);
    expect(reasons({ impact: "maintenance", status: "completed", started_at: null, created_at: null })).toEqual([
      "has no start time (no scheduled_for, started_at or created_at)",
    ]);
    expect(reasons({ started_at: "2026-03-01T10:00:00" })).toEqual([
      'started_at "2026-03-01T10:00:00" has no UTC offset (Z or ±hh:mm)',
    ]);
    expect(reasons({ started_at: "March 1st" })).toEqual([
      'started_at "March 1st" is not an ISO 8601 timestamp with a Z or ±hh:mm offset',
    ]);
    expect(reasons({ started_at: 1772359200 })).toEqual(["started_at is a number, not a timestamp"]);
    expect(reasons({ started_at: "2026-02-30T10:00:00Z" })).toEqual([
      'started_at "2026-02-30T10:00:00Z" is not a valid date and time',
    ]);
    expect(reasons({ resolved_at: "2026-03-01T11:00:00" })).toEqual([
      'resolved_at "2026-03-01T11:00:00" has no UTC offset (Z or ±hh:mm)',
    ]);
    expect(reasons({ resolved_at: "2026-03-01T09:59:59Z" })).toEqual([
      "resolved_at 2026-03-01T09:59:59Z is before started_at 2026-03-01T10:00:00Z",
    ]);
    expect(
      reasons({
        impact: "maintenance",
        status: "completed",
        scheduled_for: "2026-03-02T04:00:00Z",
        resolved_at: "2026-03-02T01:00:00Z",
      }),
    ).toEqual(["resolved_at 2026-03-02T01:00:00Z is before scheduled_for 2026-03-02T04:00:00Z"]);
    expect(reasons({ impact: null })).toEqual(["has no impact"]);
    expect(reasons({ impact: "catastrophic" })).toEqual([
      'impact "catastrophic" is not none, minor, major, critical or maintenance',
    ]);
  });

  it("skips records without an id, ids over 200 characters and non-objects", () => {
    const r = importStatuspage(
      {
        page: PAGE,
        incidents: [incident({ id: "" }), incident({ id: undefined }), incident({ id: "x".repeat(201) }), "junk", null],
      },
      ctx("acme"),
    );
    expect(r.incidents).toEqual([]);
    expect(r.skipped).toEqual([
      { id: "#1", reason: "has no id" },
      { id: "#2", reason: "has no id" },
      { id: `${"x".repeat(40)}…`, reason: "id is longer than 200 characters" },
      { id: "#4", reason: "is a string, not an incident object" },
      { id: "#5", reason: "is null, not an incident object" },
    ]);
  });

  it("cleans ids: control characters removed, white space folded", () => {
    expect(one({ id: " ab\u202ec\u0007 d\n" }).incidents[0]!.id).toBe("abc d");
  });

  it("collects services from components and affected components, without groups or the sentinel", () => {
    const r = one({
      components: [
        { id: "g1", name: "Core", group: true, components: ["c1", "c2"] },
        { id: "c1", name: "<b>API</b> &amp; Webhooks", group: false },
        { id: "c3", name: "Git; LFS" },
        "junk",
        { id: "c4" },
      ],
      incident_updates: [
        {
          status: "resolved",
          affected_components: [{ code: "c2", name: "Pages" }, { name: "No components were affected by this update." }],
        },
        {
          status: "identified",
          affected_components: [
            { code: "g1", name: "Core" },
            { code: "c1", name: "<b>API</b> &amp; Webhooks" },
          ],
        },
        { status: "investigating", affected_components: null },
        { status: "investigating" },
        {
          status: "investigating",
          affected_components: [
            { code: "", name: "Empty code" },
            { code: "c9", name: 42 },
          ],
        },
      ],
    });
    expect(r.incidents[0]!.services).toEqual(["API & Webhooks", "Git, LFS", "Pages"]);
  });

  it("leaves services empty when components are missing or null and affected_components are null", () => {
    expect(
      one({ components: undefined, incident_updates: [{ status: "resolved", affected_components: null }] })
        .incidents[0]!.services,
    ).toEqual([]);
    expect(one({ components: null, incident_updates: null }).incidents[0]!.services).toEqual([]);
  });

  it("takes an https shortlink, else the page's incident URL, else nothing", () => {
    expect(one({ shortlink: "https://stspg.io/xyz" }).incidents[0]!.sourceUrl).toBe("https://stspg.io/xyz");
    expect(one({ shortlink: "http://stspg.io/xyz" }).incidents[0]!.sourceUrl).toBe(
      "https://status.acme.example/incidents/abc123def456",
    );
    expect(one({ shortlink: null }).incidents[0]!.sourceUrl).toBe("https://status.acme.example/incidents/abc123def456");
    expect(one({ shortlink: "javascript:alert(1)" }).incidents[0]!.sourceUrl).toBe(
      "https://status.acme.example/incidents/abc123def456",
    );
    expect(one({ shortlink: null, id: "a b/c" }).incidents[0]!.sourceUrl).toBe(
      "https://status.acme.example/incidents/a%20b%2Fc",
    );
    expect(
      one({ shortlink: null }, { ...PAGE, url: "https://acme.example/status/?ref=x#top" }).incidents[0]!.sourceUrl,
    ).toBe("https://acme.example/status/incidents/abc123def456");
    expect(one({ shortlink: null }, { ...PAGE, url: "http://status.acme.example" }).incidents[0]!.sourceUrl).toBeNull();
    expect(
      importStatuspage({ incidents: [incident({ shortlink: null })] }, ctx("acme")).incidents[0]!.sourceUrl,
    ).toBeNull();
  });

  it("sets rca_published_at from the first postmortem update's display_at, else its created_at", () => {
    const updates = [
      { status: "postmortem", display_at: "2026-03-05T09:00:00-08:00", created_at: "2026-03-05T18:00:00Z" },
      { status: "postmortem", display_at: null, created_at: "2026-03-04T12:00:00Z" },
      { status: "resolved", display_at: "2026-03-01T11:00:00Z" },
    ];
    expect(one({ status: "postmortem", incident_updates: updates }).incidents[0]!.rcaPublishedAt).toBe(
      "2026-03-04T12:00:00Z",
    );
    expect(one({ status: "postmortem", incident_updates: [updates[0]] }).incidents[0]!.rcaPublishedAt).toBe(
      "2026-03-05T17:00:00Z",
    );
    expect(
      one({ status: "postmortem", incident_updates: [{ status: "postmortem", display_at: "soon" }] }).incidents[0]!
        .rcaPublishedAt,
    ).toBeNull();
    expect(one({ status: "postmortem", incident_updates: [] }).incidents[0]!.rcaPublishedAt).toBeNull();
    // A postmortem dated before the start cannot be right (and caution validate would refuse it): left empty.
    expect(
      one({ incident_updates: [{ status: "postmortem", display_at: "2026-02-01T00:00:00Z" }] }).incidents[0]!
        .rcaPublishedAt,
    ).toBeNull();
  });

  it("turns titles into plain text, cut at 500 characters", () => {
    expect(one({ name: "<b>API</b> &amp; <i>Webhooks</i>\n  degraded\u202e" }).incidents[0]!.title).toBe(
      "API & Webhooks degraded",
    );
    expect(one({ name: "a".repeat(600) }).incidents[0]!.title).toBe("a".repeat(500));
    expect(one({ name: `=${"a".repeat(600)}` }).incidents[0]!.title).toHaveLength(499);
    expect(one({ name: "<b></b>" }).incidents[0]!.title).toBe("(no title)");
    expect(one({ name: null }).incidents[0]!.title).toBe("(no title)");
    const rows = parseRows(formatCanonicalCsv(one({ name: `=${"a".repeat(600)}` }).incidents));
    expect(rows[0]!.title).toHaveLength(500);
  });

  it("keeps the newest copy of a duplicate id, the first one on equal or missing update times", () => {
    const copies = (a: unknown, b: unknown) =>
      importStatuspage(
        { incidents: [incident({ name: "first", updated_at: a }), incident({ name: "second", updated_at: b })] },
        ctx("acme"),
      );
    const newer = copies("2026-03-01T12:00:00Z", "2026-03-01T13:00:00+02:00");
    expect(newer.incidents.map((i) => i.title)).toEqual(["first"]);
    expect(newer.skipped).toEqual([
      { id: "abc123def456", reason: "duplicate id; kept the copy updated at 2026-03-01T12:00:00Z" },
    ]);
    expect(copies("2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z").incidents.map((i) => i.title)).toEqual(["first"]);
    expect(copies(null, "2026-03-01T12:00:00Z").incidents.map((i) => i.title)).toEqual(["second"]);
    const none = copies(null, "garbage");
    expect(none.incidents.map((i) => i.title)).toEqual(["first"]);
    expect(none.skipped[0]!.reason).toBe("duplicate id; kept the first copy (no copy has a valid update time)");
  });

  it("reads scheduled_maintenances next to incidents (summary.json, scheduled-maintenances.json)", () => {
    const r = importStatuspage(
      {
        page: PAGE,
        scheduled_maintenances: [
          incident({
            id: "m1",
            impact: "maintenance",
            status: "completed",
            scheduled_for: "2026-03-03T01:00:00Z",
            scheduled_until: "2026-03-03T02:00:00Z",
            resolved_at: null,
          }),
        ],
      },
      ctx("acme"),
    );
    expect(r.incidents[0]).toMatchObject({
      id: "m1",
      severity: "maintenance",
      startedAt: "2026-03-03T01:00:00Z",
      resolvedAt: "2026-03-03T02:00:00Z",
    });
  });

  it("refuses a file that is not a Statuspage incidents.json as an input error naming the file", () => {
    const gcp = [{ id: "x", begin: "2026-03-01T10:00:00+00:00", external_desc: "x" }];
    expect(inputIssues(() => importStatuspage(gcp, ctx("acme", "in.json")))).toEqual([
      {
        file: "in.json",
        message:
          'expected a Statuspage incidents.json (an object with "page" and "incidents"), found an array; it looks like a Google Cloud incidents.json: use --format gcp',
      },
    ]);
    expect(inputMessage(() => importStatuspage({ page: PAGE }, ctx("acme")))).toMatch(
      /found an object without an "incidents" array$/,
    );
    expect(inputMessage(() => importStatuspage({ incidents: {} }, ctx("acme")))).toBe(
      '"incidents" must be an array, found an object',
    );
    expect(inputMessage(() => importStatuspage("text", ctx("acme")))).toMatch(/found a string$/);
    expect(inputMessage(() => importStatuspage(null, ctx("acme")))).toMatch(/found null$/);
    expect(inputMessage(() => importStatuspage({ incidents: [{ x: 1 }] }, ctx("acme")))).toMatch(
      /^the one record does not look like a Statuspage incident \(no impact, incident_updates/,
    );
  });

  it("reads incident.io's null lists as empty", () => {
    expect(importStatuspage({ page: PAGE, incidents: null, scheduled_maintenances: null }, ctx("acme"))).toEqual({
      incidents: [],
      skipped: [],
      notes: [],
    });
  });

  it("does not read inherited properties", () => {
    const r = importStatuspage(
      JSON.parse(
        '{"incidents":[{"__proto__":{"id":"x","started_at":"2026-03-01T10:00:00Z","impact":"major"}},{"impact":"none"}]}',
      ),
      ctx("acme"),
    );
    expect(r.incidents).toEqual([]);
    expect(r.skipped).toEqual([
      { id: "#1", reason: "has no id" },
      { id: "#2", reason: "has no id" },
    ]);
  });
});
