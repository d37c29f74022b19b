import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";

/**
 * Imported instants keep their milliseconds all the way to the SLA figures, and a status-page file fetched today
 * validates today. Run through the built CLI as a user would: init, import, score / validate.
 */

const SLA = `
sla:
  source: { document: "Example SLA", url: "https://example.com/sla", date: "2026-01-01", confidence: secondary }
  service: "Compute"
  uptimeCommitment: 99.99
  measurement:
    countsImpact: [major, critical]
    description: "A minute with any downtime counts"
  creditTiers:
    - { below: 99.99, atLeast: 99.0, creditPercent: 10 }
    - { below: 99.0, creditPercent: 25 }
  creditCapPercent: 100
  claimDeadlineDays: 30
  exclusions: { providerAgents: counted, customerCredentialAgents: counted, forceMajeure: true }
  liabilityCapMonths: 12
  notification: { customerNoticeHours: 4, rcaDays: 14, contractual: true }
`;

function workspace(asOf: string): string {
  const ws = join(tempDir(), "ws");
  expect(caution(["init", ws, "--as-of", asOf]).code).toBe(0);
  appendFileSync(join(ws, "vendors", "example-cloud.yaml"), SLA);
  rmSync(join(ws, "incidents", "example-cloud.csv"));
  return ws;
}

function march(ws: string): { slaDowntimeMinutes: number; creditPercent: number } {
  const r = caution(["score", ws, "--json"]);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout) as {
    vendors: { sla: { months: { month: string; slaDowntimeMinutes: number; creditPercent: number }[] } }[];
  };
  const month = result.vendors[0]!.sla.months.find((m) => m.month === "2026-03")!;
  return { slaDowntimeMinutes: month.slaDowntimeMinutes, creditPercent: month.creditPercent };
}

function statuspage(incidents: unknown[], maintenances: unknown[] = []): string {
  const file = join(tempDir(), "incidents.json");
  writeFileSync(
    file,
    JSON.stringify({
      page: { id: "p", name: "Example", url: "https://status.example.com" },
      incidents,
      scheduled_maintenances: maintenances,
    }),
  );
  return file;
}

const incident = (resolvedAt: string) => ({
  id: "ms1abc",
  name: "Instances unreachable",
  status: "resolved",
  impact: "major",
  created_at: "2026-03-10T10:01:00.000Z",
  updated_at: "2026-03-10T10:30:00.000Z",
  started_at: "2026-03-10T10:00:00.000Z",
  resolved_at: resolvedAt,
  incident_updates: [],
});

describe("imported instants keep their milliseconds through caution score", () => {
  it("a Statuspage incident 10:00:00.000 -> 10:04:00.400 is 5 SLA minutes and 10% credit, like the canonical CSV", () => {
    // March 2026 has 44,640 minutes: 5 down is 99.9888% (below 99.99: 10%), 4 down is 99.9910% (no credit).
    const ws = workspace("2026-03-31");
    const out = join(ws, "incidents", "example-cloud.csv");
    const imported = caution([
      "incidents",
      "import",
      statuspage([incident("2026-03-10T10:04:00.400Z")]),
      "--format",
      "statuspage",
      "--vendor",
      "example-cloud",
      "--out",
      out,
    ]);
    expect(imported.code).toBe(0);
    expect(march(ws)).toEqual({ slaDowntimeMinutes: 5, creditPercent: 10 });

    writeFileSync(
      out,
      "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url\n" +
        "example-cloud,ms1abc,Instances unreachable,2026-03-10T10:00:00.000Z,2026-03-10T10:04:00.400Z,major,,,,unknown,\n",
    );
    expect(march(ws)).toEqual({ slaDowntimeMinutes: 5, creditPercent: 10 });

    caution([
      "incidents",
      "import",
      statuspage([incident("2026-03-10T10:04:00.000Z")]),
      "--format",
      "statuspage",
      "--vendor",
      "example-cloud",
      "--out",
      out,
    ]);
    expect(march(ws)).toEqual({ slaDowntimeMinutes: 4, creditPercent: 0 });
  });
});

describe("a summary.json fetched today", () => {
  it("passes validate the same day: a maintenance in progress is open, not ended at its planned end", () => {
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const ws = workspace(today);
    const started = new Date(now - 60_000).toISOString();
    const planned = new Date(now + 3 * 86_400_000).toISOString();
    const file = statuspage(
      [],
      [
        {
          id: "mtrunning01",
          name: "Database maintenance",
          status: "in_progress",
          impact: "maintenance",
          created_at: started,
          updated_at: started,
          scheduled_for: started,
          scheduled_until: planned,
          resolved_at: null,
          incident_updates: [],
        },
      ],
    );
    const out = join(ws, "incidents", "example-cloud.csv");
    const imported = caution([
      "incidents",
      "import",
      file,
      "--format",
      "statuspage",
      "--vendor",
      "example-cloud",
      "--out",
      out,
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain("imported 1 incident, skipped 0");
    const validated = caution(["validate", ws]);
    expect(validated.stderr).not.toMatch(/error/i);
    expect(validated.code).toBe(0);
  });
});
