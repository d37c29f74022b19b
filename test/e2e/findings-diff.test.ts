import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { caution, tempDir, tool } from "../support/cli.js";

/**
 * The built CLI: the findings register of samples/demo, `caution diff` between the demo and a copy with one changed
 * answer, and `report --since` putting the section into the executive PDF.
 */
describe("caution findings, diff and report --since on samples/demo", () => {
  let dir: string;
  let oldJson: string;
  let newJson: string;
  beforeAll(() => {
    dir = tempDir("caution-e2e-diff-");
    const ws = join(dir, "ws");
    cpSync("samples/demo", ws, { recursive: true });
    const vendor = join(ws, "vendors", "altavale.yaml");
    const text = readFileSync(vendor, "utf8");
    expect(text).toContain("answer: act-alone-bounded");
    writeFileSync(vendor, text.replace("answer: act-alone-bounded", "answer: suggest-only"));
    oldJson = join(dir, "old.json");
    newJson = join(dir, "new.json");
    const a = caution(["score", "samples/demo", "--json", "-q"]);
    const b = caution(["score", ws, "--json", "-q"]);
    expect([a.code, b.code]).toEqual([0, 0]);
    writeFileSync(oldJson, a.stdout);
    writeFileSync(newJson, b.stdout);
  });

  it("findings --format csv has exactly the register's columns and one row per finding", () => {
    const r = caution(["findings", "samples/demo", "--format", "csv", "-q"]);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout) as string[][];
    expect(rows[0]).toEqual(["id", "vendor", "question", "severity", "finding", "ask", "owner", "status", "due"]);
    const result = JSON.parse(readFileSync(oldJson, "utf8")) as { vendors: { findings: { id: string }[] }[] };
    const ids = result.vendors.flatMap((v) => v.findings.map((f) => f.id));
    expect(rows.slice(1).map((row) => row[0])).toEqual(ids);
    expect(rows.slice(1).every((row) => row.length === 9 && row[7] === "open")).toBe(true);
  });

  it("findings --format xlsx --out writes a workbook openpyxl reads with the same rows", () => {
    const file = join(dir, "findings.xlsx");
    const r = caution(["findings", "samples/demo", "--format", "xlsx", "--out", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*findings\.xlsx: \d+ findings/);
    const read = tool("/usr/bin/python3", [
      "-c",
      "import openpyxl,sys;ws=openpyxl.load_workbook(sys.argv[1])['Findings'];print(ws.max_row);print(','.join(c.value for c in ws[1]))",
      file,
    ]).split("\n");
    const csvRows = (parse(caution(["findings", "samples/demo", "-q"]).stdout) as string[][]).length;
    expect(Number(read[0])).toBe(csvRows);
    expect(read[1]).toBe("id,vendor,question,severity,finding,ask,owner,status,due");
  });

  it("diff names the provider and the question whose answer changed", () => {
    const r = caution(["diff", oldJson, newJson]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## Altavale Cloud SE");
    expect(r.stdout).toMatch(/\| INV-02 .*\| Acts alone within limits the platform enforces \| Suggests only/);
    const json = JSON.parse(caution(["diff", oldJson, newJson, "--format", "json"]).stdout) as {
      vendors: { id: string; changed: boolean; answers: { questionId: string }[] }[];
    };
    expect(json.vendors.filter((v) => v.changed).map((v) => [v.id, v.answers.map((a) => a.questionId)])).toEqual([
      ["altavale", ["INV-02"]],
    ]);
  });

  it("report --since puts 'Since the last assessment' into the executive PDF", () => {
    const out = join(dir, "reports");
    const r = caution(["report", join(dir, "ws"), "--since", oldJson, "--out", out, "--kind", "executive", "-q"]);
    expect(r.code).toBe(0);
    const text = tool("pdftotext", [join(out, "caution-executive.pdf"), "-"]).replace(/\s+/g, " ");
    expect(text).toContain("Since the last assessment");
    expect(text).toContain("Altavale Cloud SE: Rating Low (unchanged)");
    expect(text).toContain("INV-02");
    expect(text).not.toContain(dir);
  });

  it("wrong input is exit 2 naming the file and the field", () => {
    const missing = caution(["diff", oldJson, join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json: file not found");
    const notResult = caution(["diff", "package.json", newJson]);
    expect(notResult.code).toBe(2);
    expect(notResult.stderr).toMatch(/package\.json line 1: schemaVersion: /);
    // A result of an earlier schema: one line saying what to do, not one per field it lacks.
    const older = join(dir, "older.json");
    writeFileSync(older, readFileSync(oldJson, "utf8").replace(/"schemaVersion": "[^"]*"/, '"schemaVersion": "1.2.0"'));
    const old = caution(["diff", older, newJson]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(`${older} line 1: is a result of schema 1.2.0; this caution reads 1.3.0. Score`);
    expect(old.stderr).toContain("caution: 1 error in the input; nothing was written.");
    const since = caution(["report", "samples/demo", "--since", "package.json", "--out", join(dir, "x")]);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/package\.json line 1: workspace: is required/);
    for (const args of [
      ["diff", oldJson, newJson, "--format", "pdf"],
      ["findings", "samples/demo", "--format", "ods"],
      ["findings", "samples/demo", "--format", "xlsx"],
    ]) {
      const r = caution(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/--format/);
    }
  });
});
