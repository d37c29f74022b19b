import { describe, expect, it } from "vitest";
import { csvCell, formatCanonicalCsv, listCell } from "../../src/import/canonical-csv.js";
import type { CanonicalIncident } from "../../src/import/types.js";
import { parseRows } from "./support.js";

const base: CanonicalIncident = {
  vendor: "acme",
  id: "INC-1",
  title: "Outage",
  startedAt: "2026-04-01T05:30:00Z",
  resolvedAt: null,
  severity: "major",
  services: [],
  regions: [],
  cause: "unknown",
  aiAgentInvolved: "unknown",
  sourceUrl: null,
  rcaPublishedAt: null,
};

describe("csvCell", () => {
  it("quotes per RFC 4180 only when a comma, quote, CR or LF is in the value", () => {
    expect(csvCell("plain text; semicolons ok")).toBe("plain text; semicolons ok");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("a\rb")).toBe('"a\rb"');
    expect(csvCell("")).toBe("");
  });

  it("neutralises formula-like cells with a leading apostrophe", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+49 outage")).toBe("'+49 outage");
    expect(csvCell("-2 zones")).toBe("'-2 zones");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tTabbed")).toBe("'\tTabbed");
    expect(csvCell("\rCR")).toBe('"\'\rCR"');
    expect(csvCell("\nLF")).toBe('"\'\nLF"');
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2026-04-01T05:30:00Z")).toBe("2026-04-01T05:30:00Z");
  });
});

describe("listCell", () => {
  it("joins with ; and turns a ; inside a name into ,", () => {
    expect(listCell(["Webhooks; Events", "API"])).toBe("Webhooks, Events;API");
    expect(listCell([])).toBe("");
  });
});

describe("formatCanonicalCsv", () => {
  it("writes the header alone for no incidents", () => {
    expect(formatCanonicalCsv([])).toBe(
      "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url,rca_published_at\n",
    );
  });

  it("sorts by started_at then id and ends lines with \\n", () => {
    const csv = formatCanonicalCsv([
      { ...base, id: "b", startedAt: "2026-04-02T00:00:00Z" },
      { ...base, id: "c", startedAt: "2026-04-01T00:00:00Z" },
      { ...base, id: "a", startedAt: "2026-04-02T00:00:00Z" },
    ]);
    expect(
      csv
        .split("\n")
        .slice(1, 4)
        .map((l) => l.split(",")[1]),
    ).toEqual(["c", "a", "b"]);
    expect(csv).not.toContain("\r");
    expect(csv.endsWith("\n")).toBe(true);
  });

  it("writes rows that read back with incidentRow, apostrophes included", () => {
    const csv = formatCanonicalCsv([
      {
        ...base,
        id: "-17",
        title: '@cmd, "quoted"\nsecond line',
        resolvedAt: "2026-04-01T06:00:00Z",
        services: ["=Compute", "Storage; Blob"],
        regions: ["+zone", "eu-west-1"],
        sourceUrl: "https://status.acme.example/incidents/17",
        rcaPublishedAt: "2026-04-03T00:00:00Z",
      },
    ]);
    expect(csv.split("\n")[1]).toBe('acme,\'-17,"\'@cmd, ""quoted""');
    const [row] = parseRows(csv);
    expect(row).toMatchObject({
      id: "'-17",
      title: '\'@cmd, "quoted"\nsecond line',
      services: ["'=Compute", "Storage, Blob"],
      regions: ["'+zone", "eu-west-1"],
      resolvedAt: Date.UTC(2026, 3, 1, 6),
      rcaPublishedAt: Date.UTC(2026, 3, 3),
    });
  });
});
