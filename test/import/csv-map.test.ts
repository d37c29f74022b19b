import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCanonicalCsv } from "../../src/import/canonical-csv.js";
import { importCsvLog, loadIncidentMap } from "../../src/import/csv-map.js";
import { runImport } from "../../src/import/run-import.js";
import { InputError } from "../../src/load/input-issue.js";
import { incidentMap } from "../../src/schema/incident-map.js";
import { tempDir } from "../support/cli.js";
import { ctx, fixturePath, fixtureText, inputIssues, parseRows } from "./support.js";

const MAP = incidentMap.parse({
  columns: { id: "id", title: "title", started_at: "start", resolved_at: "end", severity: "sev" },
  timezone: "America/New_York",
  severity: { P1: "critical", P2: "major" },
});
const log = (rows: string[], map = MAP) =>
  importCsvLog(["id,title,start,end,sev", ...rows].join("\n"), map, ctx("acme", "log.csv"));

describe("csv --map: any incident log", () => {
  it("maps the SRE spreadsheet fixture to exactly the hand-checked CSV, every skip with its line and reason", async () => {
    const { csv, result } = await runImport({
      file: fixturePath("sre-log.csv"),
      format: "csv",
      vendor: "acme",
      map: fixturePath("sre-log.map.yaml"),
    });
    expect(csv).toBe(fixtureText("sre-log-expected.csv"));
    expect(result.skipped.map((s) => `${s.id}: ${s.reason}`)).toEqual([
      'INC-104: line 5: Start "29.03.2026 02:30" does not exist in Europe/Berlin (the clocks went forward over it)',
      "INC-106: line 7: End 2026-04-02T07:00:00Z is before Start 2026-04-02T08:00:00Z",
      'INC-107: line 8: Sev "SEV9" is not in the mapping\'s severity vocabulary (SEV1, SEV2, SEV3, SEV4, none, minor, major, critical, maintenance)',
      'INC-108: line 9: Start "25.10.2026 02:30" happened twice in Europe/Berlin (the clocks went back over it): write it with its offset',
    ]);
    const rows = new Map(parseRows(csv).map((r) => [r.id, r]));
    // 09:15 in Berlin in March (CET, UTC+1) is 08:15Z; after the switch on 29 March, 14:00 CEST is 12:00Z.
    expect(rows.get("INC-101")).toMatchObject({
      startedAt: Date.UTC(2026, 2, 2, 8, 15),
      services: ["API", "auth", "gateway"],
      cause: "change",
      severity: "critical",
    });
    expect(rows.get("INC-103")!.severity).toBe("maintenance");
    expect(rows.get("INC-105")).toMatchObject({
      startedAt: Date.UTC(2026, 3, 1, 12),
      resolvedAt: null,
      cause: "ai-agent",
    });
  });

  it("reads ISO timestamps with or without offset, keeping milliseconds (start rounded down, end up)", () => {
    const r = log(["a,A,2026-03-10 10:00:00.000,2026-03-10T10:04:00.4001,P2", "b,B,2026-03-10T10:00:00Z,,P1"]);
    expect(r.skipped).toEqual([]);
    // New York in March before the 8 March switch... 10 March is after it: EDT, UTC-4.
    expect(r.incidents.map((i) => [i.id, i.startedAt, i.resolvedAt])).toEqual([
      ["a", "2026-03-10T14:00:00Z", "2026-03-10T14:04:00.401Z"],
      ["b", "2026-03-10T10:00:00Z", null],
    ]);
  });

  it("refuses timestamps without offset when the mapping names no time zone", () => {
    const noZone = incidentMap.parse({ ...MAP, timezone: undefined });
    expect(log(["a,A,2026-03-10 10:00,,P1"], noZone).skipped[0]!.reason).toBe(
      'line 2: start "2026-03-10 10:00" has no UTC offset and the mapping file names no timezone',
    );
  });

  it("refuses a log whose header lacks a mapped column (exit 2, the file named), listing what it has", () => {
    expect(inputIssues(() => importCsvLog("id,title,begin\nx,y,z\n", MAP, ctx("acme", "log.csv")))).toEqual([
      {
        file: "log.csv",
        line: 1,
        message:
          'header lacks the columns the mapping names: "start", "end", "sev"; the header has "id", "title", "begin"',
      },
    ]);
  });

  it("keeps a cause or AI flag it cannot read as unknown, and says so once per column", () => {
    const map = incidentMap.parse({
      columns: { id: "id", started_at: "start", cause: "cause", ai_agent_involved: "ai" },
      defaultSeverity: "major",
      timezone: "UTC",
    });
    const r = importCsvLog(
      "id,start,cause,ai\na,2026-01-01 10:00,gremlins,perhaps\nb,2026-01-02 10:00,Change,Y\n",
      map,
      ctx("acme", "log.csv"),
    );
    expect(r.incidents.map((i) => [i.id, i.cause, i.aiAgentInvolved, i.severity])).toEqual([
      ["a", "unknown", "unknown", "major"],
      ["b", "change", "yes", "major"],
    ]);
    expect(r.notes.map((n) => n.message)).toEqual([
      '1 row has a cause the mapping cannot read ("gremlins"): written as unknown; add them to the mapping\'s cause vocabulary',
      '1 row has a ai_agent_involved the mapping cannot read ("perhaps"): not yes/no; written as unknown',
    ]);
  });
});

describe("the mapping file", () => {
  async function mapIssues(yaml: string) {
    const path = join(tempDir(), "map.yaml");
    writeFileSync(path, yaml);
    try {
      await loadIncidentMap(path);
    } catch (err) {
      if (err instanceof InputError) return err.issues.map((i) => `${i.line ?? "-"} ${i.field ?? ""}: ${i.message}`);
      throw err;
    }
    return [];
  }

  it("is checked with lines and fields: unknown zones, columns and severities, and what a row needs", async () => {
    expect(await mapIssues("columns: { id: ID, started_at: Start, severity: Sev }\ntimezone: Mars/Olympus\n")).toEqual([
      "2 timezone: must be an IANA time zone, e.g. Europe/Berlin or UTC",
    ]);
    expect(await mapIssues("columns: { id: ID, started_at: Start, colour: C }\ndefaultSeverity: minor\n")).toEqual([
      expect.stringMatching(/^1 columns\.colour: unknown field; allowed: id, title, started_at/),
    ]);
    expect(await mapIssues("columns: { id: ID, started_at: Start }\n")).toEqual([
      "1 defaultSeverity: is required when columns has no severity: say which impact the log's incidents had",
    ]);
    expect(
      await mapIssues("columns: { id: ID, started_at: Start, severity: S }\nseverity: { SEV1: disastrous }\n"),
    ).toEqual([
      expect.stringMatching(
        /^2 severity\.SEV1: "disastrous" is not allowed; allowed: none, minor, major, critical, maintenance/,
      ),
    ]);
    expect(
      await mapIssues("columns: { id: ID, started_at: Start, severity: S }\ntimeFormat: dd.MM.yyyy HH:mm\n"),
    ).toEqual([
      "1 timezone: is required: timeFormat has no offset token (Z, ZZ or ZZZ), so the time zone must be given",
    ]);
    expect(await mapIssues("columns: { id: ID, started_at: Start, severity: S }\n")).toEqual([]);
  });

  it("is required by --format csv and refused by the other formats", async () => {
    await expect(runImport({ file: "x.csv", format: "csv", vendor: "a" })).rejects.toThrow(/--format csv needs --map/);
    await expect(runImport({ file: "x.json", format: "gcp", vendor: "a", map: "m.yaml" })).rejects.toThrow(
      /--map is for --format csv/,
    );
  });
});

describe("what the csv importer writes", () => {
  it("always parses back with the canonical schema", () => {
    const r = log([`=cmd,"=HYPERLINK(""x"")",2026-03-10T10:00:00Z,,P1`]);
    expect(parseRows(formatCanonicalCsv(r.incidents))).toHaveLength(1);
  });
});
