import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO } from "../support/demo.js";
import { caution, tempDir } from "../support/cli.js";

function brokenDemo(edit: (dir: string) => void): string {
  const dir = join(tempDir(), "ws");
  cpSync(DEMO, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("exit codes and messages", () => {
  it("exits 2 and names file and line for a vendor YAML syntax error, writing nothing", () => {
    const ws = brokenDemo((d) => {
      const p = join(d, "vendors", "cirrane.yaml");
      const lines = readFileSync(p, "utf8").split("\n");
      lines[9] = "  broken: [unclosed";
      writeFileSync(p, lines.join("\n"));
    });
    const out = join(tempDir(), "out");
    const r = caution(["report", ws, "--out", out, "--format", "html,pdf,json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`${ws.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/vendors/cirrane\\.yaml line 10: YAML syntax error`),
    );
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 and names file, row and field for an incident whose started_at is not a date", () => {
    const ws = brokenDemo((d) => {
      const p = join(d, "incidents", "quarrion.csv");
      const rows = readFileSync(p, "utf8").split("\n");
      rows[3] = rows[3]!
        .replace(/,2026-\d\d-\d\dT[^,]+,/, ",yesterday,")
        .replace(/,2025-\d\d-\d\dT[^,]+,/, ",yesterday,");
      writeFileSync(p, rows.join("\n"));
    });
    const r = caution(["validate", ws, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${ws}/incidents/quarrion.csv row 4: started_at: "yesterday" must be an ISO 8601 timestamp with a Z or ±hh:mm offset`,
    );
  });

  it("leaves an earlier report untouched when a later run fails", () => {
    const out = tempDir();
    expect(caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]).code).toBe(0);
    const before = readFileSync(join(out, "caution-result.json"));
    const ws = brokenDemo((d) => writeFileSync(join(d, "caution.yaml"), "organisation: [\n"));
    expect(caution(["report", ws, "--out", out, "--format", "json", "-q"]).code).toBe(2);
    expect(readFileSync(join(out, "caution-result.json")).equals(before)).toBe(true);
  });

  it("exits 1 when --fail-on is reached and 0 when it is not", () => {
    const high = caution(["score", "samples/demo", "--fail-on", "critical", "-q"]);
    expect(high.code).toBe(1);
    expect(high.stderr).toContain("--fail-on critical reached by Quarrion Compute Inc. (critical)");
    const ws = brokenDemo((d) => {
      const p = join(d, "caution.yaml");
      writeFileSync(p, readFileSync(p, "utf8").replace(/\nvendors:\n/, "\nfailOn: high\nvendors:\n"));
    });
    expect(caution(["score", ws, "-q"]).code).toBe(1);
  });

  it("exits 2 for a wrong flag value or an unknown option", () => {
    const fmt = caution(["report", "samples/demo", "--out", tempDir(), "--format", "docx"]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain("--format docx: allowed formats are html, pdf, json");
    expect(caution(["score", "samples/demo", "--fail-on", "severe"]).code).toBe(2);
    expect(caution(["score", "samples/demo", "--no-such-flag"]).code).toBe(2);
  });

  it("exits 3 and says how to get a browser when the named one does not exist", () => {
    const out = join(tempDir(), "out");
    const r = caution(["report", "samples/demo", "--out", out, "--format", "pdf", "-q"], {
      CAUTION_BROWSER: "/nonexistent/chrome",
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("The browser named by CAUTION_BROWSER does not exist: /nonexistent/chrome");
    expect(r.stderr).toContain("apt-get install chromium");
    expect(existsSync(out)).toBe(false);
  });

  it("prints a table by default and the JSON contract with --json", () => {
    const table = caution(["score", "samples/demo", "-q"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^PROVIDER\s+RATING\s+SCORE\s+UNCOVERED, 12 MONTHS\s+TOP REASON$/);
    const json = JSON.parse(caution(["score", "samples/demo", "--json", "-q"]).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "schemaVersion",
      "tool",
      "generatedAt",
      "workspace",
      "inputs",
      "methodology",
      "vendors",
      "recommendation",
      "contractTerms",
      "portfolio",
    ]);
  });

  it("init writes a starter workspace that validates, and refuses to overwrite it", () => {
    const dir = join(tempDir(), "new");
    const init = caution(["init", dir, "--as-of", "2026-06-30"]);
    expect(init.code).toBe(0);
    const v = caution(["validate", dir, "-q"]);
    expect(v.stdout).toContain("valid: 1 vendor,");
    expect(v.code).toBe(0);
    expect(caution(["init", dir]).code).toBe(2);
    const report = caution(["score", dir, "--json", "-q"]);
    const result = JSON.parse(report.stdout) as {
      vendors: {
        rating: string;
        score: number;
        trail: { source: string; status: string; effectivePoints: number; worstPoints: number }[];
      }[];
    };
    // Nothing answered: every question scores as its worst option and a critical gate fires, never a safe-looking
    // result. (The starter's one example incident answers the incident-record domain.)
    const starter = result.vendors[0]!;
    expect(starter.rating).toBe("critical");
    const answers = starter.trail.filter((t) => t.source === "questionnaire");
    expect(answers.length).toBeGreaterThan(40);
    expect(answers.every((t) => t.status === "unanswered" && t.effectivePoints === t.worstPoints)).toBe(true);
  });
});
