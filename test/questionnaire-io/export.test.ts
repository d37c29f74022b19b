import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildForm } from "../../src/questionnaire-io/columns.js";
import { exportForm, loadVendorAnswers } from "../../src/questionnaire-io/export.js";
import { formToCsv, formToHtml, formToMarkdown } from "../../src/questionnaire-io/export-text.js";
import type { VendorFile } from "../../src/schema/vendor.js";
import { DEMO } from "../support/demo.js";
import { tempDir } from "../support/cli.js";
import { TODAY, col, exportCsv, exportXlsx, questionnaire, readWorkbook, rowOf } from "./support.js";

/** exceljs keeps sheet protection on the worksheet but leaves it out of its types. */
function protection(sheet: ExcelJS.Worksheet): { sheet?: boolean } | undefined {
  return (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
}

const HOSTILE: VendorFile = {
  id: "hostile",
  name: "<script>alert(1)</script> Cloud",
  questionnaireVersion: "1.0.0",
  answeredAt: "2026-01-01",
  answers: {
    "INV-01": {
      answer: "yes",
      evidence: [{ document: '=HYPERLINK("https://evil.example","Open")', section: "@SUM(1+1)", date: "2026-01-01" }],
      comment: '<img src=x onerror=alert(1)> | pipes | and "quotes" \u202Ereversed',
    },
    "INV-02": { answer: "suggest-only", evidence: [], comment: "-2+3", reason: "+cmd|' /C calc'!A0" },
  },
};

describe("questionnaire export: XLSX", () => {
  it("has an Instructions sheet with the Version and an Answers sheet with a header row and one question per row", async () => {
    const q = await questionnaire();
    const wb = await readWorkbook(await exportXlsx());
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Instructions", "visible"],
      ["Answers", "visible"],
      ["Lists", "hidden"],
    ]);
    const info = wb.getWorksheet("Instructions")!;
    const labels = new Map<string, unknown>();
    info.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(labels.get("Version")).toBe(q.version);
    expect(labels.get("Questionnaire")).toBe(q.id);

    const sheet = wb.getWorksheet("Answers")!;
    const header = sheet.getRow(1).values as unknown[];
    // The question, what each answer means, the answer (column D) and the help come first: they are what is printed.
    expect(header.slice(1, 6)).toEqual(["ID", "Question", "Allowed answers", "Answer", "Help"]);
    expect(header).toContain("Evidence document");
    expect(header).toContain("Evidence section");
    expect(header).toContain("Evidence URL");
    expect(header).toContain("Evidence date (YYYY-MM-DD)");
    expect(header).toContain("Answered on (YYYY-MM-DD)");
    expect(header).toContain("Comment");
    expect(header).toContain("Domain");
    expect(header.at(-1)).toBe("Frameworks");
    // Question N stands on row N+1 and its answer in column D.
    q.questions.forEach((question, i) => expect(sheet.getRow(i + 2).getCell(1).value).toBe(question.id));
    expect(sheet.getCell("A14").value).toBe(q.questions[12]!.id);
    expect(sheet.getRow(q.questions.length + 2).getCell(1).value).toBeNull();
    expect(String(sheet.getCell("C2").value).split("\n")).toEqual([
      "Yes (yes)",
      "Partly (partial)",
      "No (no)",
      "Don't know (unknown): scores as the worst answer",
    ]);
    expect(sheet.getRow(2).getCell(col(sheet, "Frameworks")).value).toContain("NIST AI RMF GOVERN 1.6");
  });

  it("offers each question's answer labels as a dropdown from a named list on the hidden sheet", async () => {
    const q = await questionnaire();
    const wb = await readWorkbook(await exportXlsx());
    const sheet = wb.getWorksheet("Answers")!;
    const lists = wb.getWorksheet("Lists")!;
    const names = new Map(
      (wb.definedNames.model as { name: string; ranges: string[] }[]).map((d) => [d.name, d.ranges]),
    );
    for (const [i, question] of q.questions.entries()) {
      const dv = sheet.getCell(`D${i + 2}`).dataValidation;
      expect(dv.type).toBe("list");
      expect(dv.showErrorMessage).toBe(true);
      const name = `Choices_${question.id.replace("-", "_")}`;
      expect(dv.formulae).toEqual([name]);
      const [range] = names.get(name)!;
      const m = /^Lists!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(range!)!;
      expect(m, range).not.toBeNull();
      const labels = Array.from({ length: Number(m[2]) - 1 }, (_, k) => lists.getCell(`${m[1]}${k + 2}`).value);
      expect(labels).toEqual([
        ...question.options.map((o) => o.label),
        "Don't know",
        ...(question.allowNotApplicable ? ["Not applicable"] : []),
      ]);
      expect(lists.getCell(`${m[1]}1`).value).toBe(question.id);
    }
    // Labels hold commas and run past Excel's 255-character inline limit; a named range has neither problem.
    const del01 = q.questions.find((x) => x.id === "DEL-01")!;
    expect(del01.options.some((o) => o.label.includes(","))).toBe(true);
    expect(protection(lists)?.sheet).toBe(true);
  });

  it("validates date cells as dates, stores them as dates and shows them as YYYY-MM-DD", async () => {
    const wb = await readWorkbook(await exportXlsx({ vendor: "altavale" }));
    const sheet = wb.getWorksheet("Answers")!;
    for (const title of ["Evidence date", "Evidence 2 date", "Answered on"]) {
      const cell = rowOf(sheet, "INV-01").getCell(col(sheet, title));
      expect(cell.dataValidation, title).toMatchObject({ type: "date", operator: "between", showErrorMessage: true });
      expect(cell.numFmt).toBe("yyyy-mm-dd");
    }
    expect(rowOf(sheet, "INV-01").getCell(col(sheet, "Answered on")).value).toEqual(new Date("2026-09-18T00:00:00Z"));
    const info = wb.getWorksheet("Instructions")!;
    expect(info.getCell("A9").value).toBe("Answered on");
    expect(info.getCell("B9").dataValidation).toMatchObject({ type: "date" });
    expect(info.getCell("B9").value).toEqual(new Date("2026-09-18T00:00:00Z"));
    // Text cells stay text, so a section "4.10" is not turned into the number 4.1.
    expect(rowOf(sheet, "INV-01").getCell(col(sheet, "Evidence section")).numFmt).toBe("@");
  });

  it("locks the question columns and protects the sheet; answer, evidence, dates, reason and comment stay editable", async () => {
    const wb = await readWorkbook(await exportXlsx());
    const sheet = wb.getWorksheet("Answers")!;
    expect(protection(sheet)?.sheet).toBe(true);
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const editable = header.filter((_, i) => sheet.getRow(5).getCell(i + 1).protection?.locked === false);
    expect(editable).toEqual([
      "Answer",
      "Evidence document",
      "Evidence section",
      "Evidence URL",
      "Evidence date (YYYY-MM-DD)",
      "Evidence 2 document",
      "Evidence 2 section",
      "Evidence 2 URL",
      "Evidence 2 date (YYYY-MM-DD)",
      "Answered on (YYYY-MM-DD)",
      "Reason (required for na)",
      "Comment",
    ]);
    for (const locked of ["ID", "Domain", "Question", "Allowed answers", "Agent kind", "Help", "Frameworks"]) {
      expect(sheet.getRow(5).getCell(header.indexOf(locked) + 1).protection?.locked, locked).not.toBe(false);
    }
    expect(sheet.getRow(1).getCell(4).protection?.locked).not.toBe(false);
    // Frozen header row (and ID column), readable widths, wrapped text, rows as tall as their text.
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(50);
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getCell("B2").alignment?.wrapText).toBe(true);
    expect(sheet.getRow(2).height).toBeGreaterThan(15 * 4);

    // Instructions: only the vendor's name, contact and answer date can be typed in; no cell relies on a note.
    const info = wb.getWorksheet("Instructions")!;
    expect(protection(info)?.sheet).toBe(true);
    const open: string[] = [];
    info.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.note, cell.address).toBeUndefined();
        if (cell.protection?.locked === false) open.push(String(row.getCell(1).value));
      }),
    );
    expect(open).toEqual(["Vendor name", "Contact", "Answered on"]);
  });

  it("prints landscape, one page wide, the header row on every page, question to help columns", async () => {
    const q = await questionnaire();
    const wb = await readWorkbook(await exportXlsx());
    const setup = wb.getWorksheet("Answers")!.pageSetup;
    expect(setup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(setup.printTitlesRow).toBe("1:1");
    expect(setup.printArea).toBe(`A1:E${q.questions.length + 1}`);
    expect(wb.getWorksheet("Instructions")!.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
  });

  it("pre-fills a vendor's answers (as labels), evidence and dates for a re-assessment (altavale from samples/demo)", async () => {
    const q = await questionnaire();
    const vendor = await loadVendorAnswers(DEMO, "altavale", q, TODAY);
    const wb = await readWorkbook(await exportXlsx({ vendor: "altavale" }));
    const sheet = wb.getWorksheet("Answers")!;
    const info = wb.getWorksheet("Instructions")!;
    const labels = new Map<string, unknown>();
    info.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(labels.get("Vendor")).toBe("altavale");
    expect(labels.get("Vendor name")).toBe("Altavale Cloud SE");
    expect(labels.get("Answered on")).toEqual(new Date("2026-09-18T00:00:00Z"));
    const date = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : "");
    for (const [id, answer] of Object.entries(vendor.answers)) {
      const row = rowOf(sheet, id);
      const question = q.questions.find((x) => x.id === id)!;
      const label = question.options.find((o) => o.value === answer.answer)?.label;
      expect(row.getCell(4).value, id).toBe(label ?? { unknown: "Don't know", na: "Not applicable" }[answer.answer]);
      expect(row.getCell(col(sheet, "Answered on")).value).toEqual(date(answer.answeredAt ?? vendor.answeredAt));
      const first = answer.evidence[0];
      if (first) {
        expect(row.getCell(col(sheet, "Evidence document")).value).toBe(first.document);
        expect(row.getCell(col(sheet, "Evidence date")).value).toEqual(date(first.date));
      }
      if (answer.comment) expect(row.getCell(col(sheet, "Comment")).value).toBe(answer.comment);
    }
    expect(rowOf(sheet, "INV-01").getCell(col(sheet, "Evidence 2 document")).value).toBe(
      "ISO/IEC 42001:2023 certificate AIMS-2026-0117 and Statement of Applicability",
    );
  });

  it("lists a long answer set whole: 30 options with commas in their labels", async () => {
    const q = await questionnaire();
    const first = q.questions[0]!;
    const options = Array.from({ length: 30 }, (_, i) => ({
      value: `option-number-${i}`,
      label: `Option ${i}, with a comma`,
      points: i,
    }));
    const long = { ...q, questions: [{ ...first, options, worst: options.at(-1)! }, ...q.questions.slice(1)] };
    const path = join(tempDir(), "long.xlsx");
    writeFileSync(path, await exportForm("xlsx", long));
    const wb = await readWorkbook(path);
    const lists = wb.getWorksheet("Lists")!;
    expect(lists.getCell("A2").value).toBe("Option 0, with a comma");
    expect(lists.getCell("A32").value).toBe("Don't know");
    const names = wb.definedNames.model as { name: string; ranges: string[] }[];
    expect(names.find((n) => n.name === "Choices_INV_01")!.ranges).toEqual(["Lists!$A$2:$A$32"]);
  });

  it("writes cells that would start a formula as plain strings with a leading apostrophe", async () => {
    const q = await questionnaire();
    const path = join(tempDir(), "hostile.xlsx");
    writeFileSync(path, await exportForm("xlsx", q, HOSTILE));
    const sheet = (await readWorkbook(path)).getWorksheet("Answers")!;
    const row = rowOf(sheet, "INV-01");
    expect(row.getCell(col(sheet, "Evidence document")).value).toBe(`'=HYPERLINK("https://evil.example","Open")`);
    expect(row.getCell(col(sheet, "Evidence section")).value).toBe("'@SUM(1+1)");
    expect(row.getCell(col(sheet, "Evidence document")).type).toBe(3); // ValueType.String, never a formula
    expect(rowOf(sheet, "INV-02").getCell(col(sheet, "Comment")).value).toBe("'-2+3");
    expect(rowOf(sheet, "INV-02").getCell(col(sheet, "Reason")).value).toBe("'+cmd|' /C calc'!A0");
    let formulas = 0;
    sheet.eachRow((r) => r.eachCell((c) => (formulas += c.formula ? 1 : 0)));
    expect(formulas).toBe(0);
  });
});

describe("questionnaire export: CSV, HTML, Markdown", () => {
  it("CSV carries the same columns plus the questionnaire version, one question per row", async () => {
    const q = await questionnaire();
    const text = readFileSync(await exportCsv({ vendor: "altavale" }), "utf8");
    const header = text.split("\n")[0]!.split(",");
    expect(header.slice(0, 5)).toEqual(["id", "question", "allowed", "answer", "help"]);
    expect(header).toEqual(
      expect.arrayContaining([
        "allowed",
        "agent_kind",
        "help",
        "evidence_document",
        "evidence_section",
        "evidence_url",
        "evidence_date",
        "answered_at",
        "reason",
        "comment",
        "frameworks",
        "questionnaire_version",
      ]),
    );
    expect(text).toContain(`,INV Agent inventory & autonomy,`);
    expect(text.split("\n")[1]).toMatch(/^INV-01,/);
    expect(text.trimEnd().endsWith(`,${q.version}`)).toBe(true);
  });

  it("CSV neutralises formula starts", async () => {
    const csv = formToCsv(buildForm(await questionnaire(), HOSTILE));
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""Open"")"`);
    expect(csv).toContain(",'@SUM(1+1),");
    expect(csv).toContain(",'-2+3,");
    expect(csv).not.toMatch(/,[=+@-][^,]*,/);
  });

  it("HTML is self-contained and escapes everything", async () => {
    const html = formToHtml(buildForm(await questionnaire(), HOSTILE));
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<a\s/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(src|href|on[a-z]+)=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Cloud");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("\u202E");
    expect(html).toContain('<th scope="col">Answer</th>');
    expect((html.match(/<tr>/g) ?? []).length).toBe((await questionnaire()).questions.length + 1);
  });

  it("Markdown is one table with escaped cells", async () => {
    const q = await questionnaire();
    const md = formToMarkdown(buildForm(q, HOSTILE));
    const table = md.split("\n").filter((l) => l.startsWith("|"));
    expect(table.length).toBe(q.questions.length + 2);
    const columns = table[0]!.split(" | ").length;
    for (const line of table.slice(2)) expect(line.split(/(?<!\\)\|/).length - 2).toBe(columns);
    expect(md).not.toMatch(/<img|<script/i);
    expect(md).toContain("\\| pipes \\|");
    expect(md).toContain(`- Version: ${q.version}`);
  });

  it("returns text for csv/html/md and bytes for xlsx", async () => {
    const q = await questionnaire();
    expect(typeof (await exportForm("md", q))).toBe("string");
    expect(await exportForm("xlsx", q)).toBeInstanceOf(Uint8Array);
  });
});
