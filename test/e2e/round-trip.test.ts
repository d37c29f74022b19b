import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseYamlText } from "yaml";
import { describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";

/** End to end through the built CLI (`npm run build` first): the vendor questionnaire out and back in. */

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The first option of every question, read from the Allowed answers column ("Label (value)" lines, column C). */
function firstOption(row: ExcelJS.Row): string {
  return /\(([a-z0-9-]+)\)(?::.*)?$/.exec(String(row.getCell(3).value).split("\n")[0]!)![1]!;
}

describe("vendor round trip (built CLI)", { timeout: 180_000 }, () => {
  it("init -> export -> fill -> import a new vendor -> report", async () => {
    const root = tempDir();
    const ws = join(root, "assessment");
    expect(caution(["init", ws, "--as-of", "2026-11-01"]).code).toBe(0);

    const form = join(root, "nordwind.xlsx");
    const exported = caution(["questionnaire", "export", "--format", "xlsx", "--out", form]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe("");

    const wb = await workbook(form);
    const sheet = wb.getWorksheet("Answers")!;
    const info = wb.getWorksheet("Instructions")!;
    info.eachRow((row) => {
      if (row.getCell(1).value === "Answered on") row.getCell(2).value = "2026-10-15";
    });
    let answered = 0;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (!row.getCell(1).value) continue;
      row.getCell(4).value = firstOption(row);
      row.getCell(6).value = `Nordwind control standard, section ${r}`; // F: evidence document
      row.getCell(9).value = "2026-09-01"; // I: evidence date
      answered++;
    }
    sheet.getCell("P3").value = "=cmd|' /C calc'!A0 typed by the vendor"; // P: comment
    await wb.xlsx.writeFile(form);

    const imported = caution([
      "answers",
      "import",
      form,
      "--vendor",
      "nordwind",
      "--into",
      ws,
      "--name",
      "Nordwind Cloud GmbH",
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(
      `${answered} answers from ${form} (questionnaire 1.0.0): ${join(ws, "vendors", "nordwind.yaml")} created`,
    );
    expect(imported.stderr).toContain("nordwind is not listed under vendors: in caution.yaml");
    const vendor = parseYamlText(readFileSync(join(ws, "vendors", "nordwind.yaml"), "utf8")) as {
      name: string;
      answeredAt: string;
      answers: Record<string, { answer: string; comment?: string }>;
    };
    expect(vendor.name).toBe("Nordwind Cloud GmbH");
    expect(vendor.answeredAt).toBe("2026-10-15");
    expect(Object.keys(vendor.answers)).toHaveLength(answered);
    expect(vendor.answers["INV-02"]!.comment).toBe("=cmd|' /C calc'!A0 typed by the vendor");

    appendFileSync(join(ws, "caution.yaml"), "  - id: nordwind\n    monthlySpend: 30000\n    criticality: high\n");
    const out = join(root, "reports");
    const report = caution(["report", ws, "--out", out, "--format", "json", "-q"]);
    expect(report.code, report.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "caution-result.json"), "utf8")) as {
      vendors: { id: string; name: string; coverage: { answered: number; evidenced: number } }[];
    };
    const nordwind = result.vendors.find((v) => v.id === "nordwind")!;
    expect(nordwind.name).toBe("Nordwind Cloud GmbH");
    expect(nordwind.coverage.answered).toBe(answered);
    expect(nordwind.coverage.evidenced).toBe(answered);

    // The next year's form is pre-filled from the file just imported, and reads back unchanged.
    const again = join(root, "nordwind-2027.csv");
    expect(
      caution(["questionnaire", "export", "--format", "csv", "--vendor", "nordwind", "--ws", ws, "--out", again]).code,
    ).toBe(0);
    expect(readFileSync(again, "utf8")).toContain(",'=cmd|' /C calc'!A0 typed by the vendor,");
    const unchanged = caution(["answers", "import", again, "--vendor", "nordwind", "--into", ws]);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stderr).toContain("left unchanged");
  });

  it("pre-fills a re-assessment of altavale from samples/demo", async () => {
    const csv = caution(["questionnaire", "export", "--format", "csv", "--vendor", "altavale", "--ws", "samples/demo"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain("runbook-stateless-only");
    expect(csv.stdout).toContain("Altavale Operator Agent Governance Standard v3.1");
    const form = join(tempDir(), "altavale.xlsx");
    expect(
      caution([
        "questionnaire",
        "export",
        "--format",
        "xlsx",
        "--vendor",
        "altavale",
        "--ws",
        "samples/demo",
        "--out",
        form,
      ]).code,
    ).toBe(0);
    const sheet = (await workbook(form)).getWorksheet("Answers")!;
    expect(sheet.getCell("A6").value).toBe("DEL-01");
    // The answer shows its label, as the dropdown lists it.
    expect(sheet.getCell("D6").value).toBe(
      "Only pre-approved runbook steps on single stateless components, never data or environments",
    );
    const md = caution(["questionnaire", "export", "--format", "md", "--vendor", "altavale", "--ws", "samples/demo"]);
    expect(md.stdout).toContain("| DEL-01 | Can any AI operator agent delete");
    expect(md.stdout).toContain("| DEL Destructive actions |");
    const html = caution(["questionnaire", "export", "--format", "html"]);
    expect(html.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("exits 2 naming Answers!D14 and writes nothing; --partial writes the valid rows and still exits 2", async () => {
    const root = tempDir();
    const form = join(root, "form.xlsx");
    expect(caution(["questionnaire", "export", "--format", "xlsx", "--out", form]).code).toBe(0);
    const wb = await workbook(form);
    const sheet = wb.getWorksheet("Answers")!;
    sheet.getCell("D2").value = "yes";
    sheet.getCell("D14").value = "maybe";
    await wb.xlsx.writeFile(form);

    const ws = join(root, "ws");
    const r = caution(["answers", "import", form, "--vendor", "nimbus", "--into", ws]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toContain(
      `${form} Answers!D14 (Answer): "maybe" is not an answer to NET-04; allowed: yes, partial, no, unknown, or the label the dropdown shows`,
    );
    expect(r.stderr).toContain("caution: 1 error in the input; nothing was written.");
    expect(existsSync(join(ws, "vendors", "nimbus.yaml"))).toBe(false);

    const partial = caution(["answers", "import", form, "--vendor", "nimbus", "--into", ws, "--partial"]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain(`${form} Answers!D14 (Answer): "maybe" is not an answer to NET-04`);
    expect(partial.stderr).toContain(
      "--partial: 1 row was not imported (row 14 (NET-04)), the valid answers were written",
    );
    expect(readFileSync(join(ws, "vendors", "nimbus.yaml"), "utf8")).toContain('INV-01:\n    answer: "yes"');

    expect(caution(["questionnaire", "export", "--format", "xlsx"]).code).toBe(2);
    expect(caution(["answers", "import", form]).code).toBe(2); // --vendor is required
    const map = caution(["questionnaire", "map", "--format", "csv"]);
    expect(map.code).toBe(0);
    expect(map.stdout).toContain("dora,DORA Art. 28,Managing ICT third-party risk,no,,");
  });
});
