import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INCIDENT_COLUMNS, incidentRow, OPTIONAL_INCIDENT_COLUMNS } from "../../src/schema/incident.js";
import { fastIncident, type FieldIndex } from "../../src/validate/incident-fast-path.js";

const COLUMNS = [...INCIDENT_COLUMNS, ...OPTIONAL_INCIDENT_COLUMNS];
const INDEX = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as unknown as FieldIndex;

/** Candidate values per column: valid ones, near misses, and hostile ones. */
const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const instant = pick(
  "2026-03-04T09:15:00Z",
  "2026-03-04T09:15:00.123+01:00",
  "2024-02-29T23:59:59-08:00",
  "2025-02-29T10:00:00Z",
  "2026-03-04T09:15Z",
  "2026-03-04 09:15:00Z",
  "2026-13-01T00:00:00Z",
  "2026-03-04T24:00:00Z",
  "2026-03-04T09:15:00",
  " 2026-03-04T09:15:00Z",
  "",
);
const row = fc.record({
  vendor: pick("cirrane", "a", "a-b-1", "Cirrane", "-x", "", " cirrane", "x".repeat(64)),
  id: pick("INC-1", " INC-1", "INC-1 ", "", "x".repeat(200), "x".repeat(201), "=cmd|'/C calc'!A0", "\u202Eid"),
  title: fc.oneof(
    pick("Outage", " Outage", "", "x".repeat(500), "x".repeat(501), "<script>x</script>", "a\nb", "\t"),
    fc.string({ maxLength: 20 }),
  ),
  started_at: instant,
  resolved_at: instant,
  severity: pick("minor", "major", "critical", "none", "maintenance", "Major", "", "sev1"),
  services: fc.oneof(
    pick(
      "",
      "compute",
      "a; b ;;c",
      ";",
      "x".repeat(200),
      "x".repeat(201),
      `a;${"x".repeat(201)}`,
      "a;".repeat(5000) + "b",
    ),
    pick("a;".repeat(4999) + "ab", " ".repeat(10_001), `${"x".repeat(200)};`.repeat(49)),
    fc.string({ maxLength: 10 }),
  ),
  regions: fc.oneof(pick("", "eu-central-1", "global;us-west-1"), fc.string({ maxLength: 10 })),
  cause: pick("", "ai-agent", "customer-agent", "unknown", "AI", "bogus"),
  ai_agent_involved: pick("yes", "no", "unknown", "Yes", "", "true"),
  source_url: pick(
    "",
    "https://status.example/incidents/1",
    "https://a.b.example:8443/x?y=1#z",
    "http://x.example/",
    "javascript:alert(1)",
    "https://",
    "https://999.1.1.1/",
    "https://x.example/a b",
    " https://x.example/",
    "https://ex ample.com",
    "https://x.example/\u00e9",
    "https://[::1]/",
  ),
  rca_published_at: instant,
});

describe("the incident fast path", () => {
  it("accepts only rows zod accepts, and yields exactly zod's incident", () => {
    fc.assert(
      fc.property(row, (r) => {
        const fields = COLUMNS.map((c) => r[c]);
        const fast = fastIncident(fields, INDEX);
        if (fast === null) return;
        const zod = incidentRow.safeParse(r);
        expect(zod.success).toBe(true);
        expect(fast).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the common valid row itself", () => {
    const r: Record<string, string> = {
      vendor: "cirrane",
      id: "CIR-1",
      title: "Elevated error rates, eu-west-1",
      started_at: "2026-03-04T09:15:00Z",
      resolved_at: "2026-03-04T10:15:00+01:00",
      severity: "major",
      services: "compute;block-storage",
      regions: "eu-west-1",
      cause: "",
      ai_agent_involved: "unknown",
      source_url: "https://status.cirrane.example/incidents/cir-1",
      rca_published_at: "",
    };
    const fast = fastIncident(
      COLUMNS.map((c) => r[c] ?? ""),
      INDEX,
    );
    expect(fast).not.toBeNull();
    expect(fast).toEqual(incidentRow.parse(r));
    // resolved 10:15+01:00 is 09:15Z: zero duration, allowed.
    expect(fast?.resolvedAt).toBe(fast?.startedAt);
    expect(fast?.cause).toBe("unknown");
  });
});
