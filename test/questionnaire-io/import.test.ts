import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseYamlText } from "yaml";
import { describe, expect, it } from "vitest";
import { formatIssue, InputError } from "../../src/load/input-issue.js";
import { csvCell } from "../../src/questionnaire-io/cells.js";
import { vendorFile } from "../../src/schema/vendor.js";
import { DEMO } from "../support/demo.js";
import { tempDir } from "../support/cli.js";
import {
  col,
  demoCopy,
  exportCsv,
  exportXlsx,
  failure,
  fillXlsx,
  questionnaire,
  read,
  rowOf,
  runImport,
  setInstruction,
} from "./support.js";

/** The vendor file as the scorer sees it (defaults applied). */
function vendorData(path: string) {
  return vendorFile.parse(parseYamlText(read(path)));
}

/** The issues as printed, with the form's temporary path shown as `form.xlsx` / `form.csv`. */
function lines(err: Error, path?: string): string[] {
  expect(err).toBeInstanceOf(InputError);
  const all = (err as InputError).issues.map(formatIssue);
  return path ? all.map((l) => l.split(path).join(path.endsWith(".csv") ? "form.csv" : "form.xlsx")) : all;
}

describe("answers import: round trip", () => {
  for (const id of ["altavale", "cirrane", "quarrion"]) {
    it(`export --vendor ${id} -> import gives back the same answers (XLSX and CSV)`, async () => {
      const original = vendorData(join(DEMO, "vendors", `${id}.yaml`));
      for (const exported of [await exportXlsx({ vendor: id }), await exportCsv({ vendor: id })]) {
        // Into the workspace that holds the file: nothing changes, nothing is written.
        const ws = demoCopy();
        const path = join(ws, "vendors", `${id}.yaml`);
        const before = read(path);
        const same = await runImport(exported, { vendor: id, into: ws });
        expect(same.code).toBe(0);
        expect(same.stderr).toContain(`${path} left unchanged`);
        expect(read(path)).toBe(before);

        // Into a workspace without the file: a new file with the same answers.
        rmSync(path);
        const created = await runImport(exported, { vendor: id, into: ws, name: original.name });
        expect(created.code, created.stderr).toBe(0);
        expect(created.stderr).toContain(`${path} created`);
        const back = vendorData(path);
        expect(back.answers).toEqual(original.answers);
        expect(back.name).toBe(original.name);
        expect(back.questionnaireVersion).toBe(original.questionnaireVersion);
        if (exported.endsWith(".xlsx")) expect(back.answeredAt).toBe(original.answeredAt);
      }
    });
  }

  it("fills a blank XLSX programmatically and imports it as a new vendor", async () => {
    const dir = tempDir();
    const form = await fillXlsx(await exportXlsx(), (sheet, info) => {
      setInstruction(info, "Answered on", "2026-10-01");
      const del = rowOf(sheet, "DEL-01");
      del.getCell(4).value = "named-approval";
      del.getCell(col(sheet, "Evidence document")).value = "Ops standard";
      del.getCell(col(sheet, "Evidence section")).value = "4.2";
      del.getCell(col(sheet, "Evidence URL")).value = {
        text: "https://nimbus.example/ops",
        hyperlink: "https://nimbus.example/ops",
      };
      del.getCell(col(sheet, "Evidence date")).value = new Date(Date.UTC(2026, 4, 1)); // Excel turned it into a date
      del.getCell(col(sheet, "Evidence 2 document")).value = "SOC 2 report";
      del.getCell(col(sheet, "Evidence 2 date")).value = "2026-08-14";
      del.getCell(col(sheet, "Comment")).value = {
        richText: [{ text: "Only with " }, { text: "approval", font: { bold: true } }],
      };
      const cus = rowOf(sheet, "CUS-03");
      cus.getCell(4).value = "na";
      cus.getCell(col(sheet, "Reason")).value = "No agent runs in customer tenancies.";
      const apr = rowOf(sheet, "APR-01");
      apr.getCell(4).value = " Unknown ";
      apr.getCell(col(sheet, "Answered on")).value = "2026-09-30";
    });
    const r = await runImport(form, { vendor: "nimbus", into: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("3 answers from");
    const path = join(dir, "vendors", "nimbus.yaml");
    const file = vendorData(path);
    expect(file).toMatchObject({
      id: "nimbus",
      name: "nimbus",
      questionnaireVersion: "1.0.0",
      answeredAt: "2026-10-01",
    });
    expect(file.answers).toEqual({
      "DEL-01": {
        answer: "named-approval",
        evidence: [
          { document: "Ops standard", section: "4.2", url: "https://nimbus.example/ops", date: "2026-05-01" },
          { document: "SOC 2 report", date: "2026-08-14" },
        ],
        comment: "Only with approval",
      },
      "APR-01": { answer: "unknown", evidence: [], answeredAt: "2026-09-30" },
      "CUS-03": { answer: "na", evidence: [], reason: "No agent runs in customer tenancies." },
    });
    // Answers are written in questionnaire order.
    const text = read(path);
    expect(text.indexOf("DEL-01")).toBeLessThan(text.indexOf("APR-01"));
    expect(text.indexOf("APR-01")).toBeLessThan(text.indexOf("CUS-03"));
  });
});

describe("answers import: errors name the sheet and cell and say what is allowed", () => {
  it("reports every problem of an XLSX in one run and writes nothing", async () => {
    const q = await questionnaire();
    expect(q.questions[12]!.id).toBe("NET-04");
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      sheet.getCell("D14").value = "maybe"; // outside the dropdown
      sheet.getCell("D2").value = "yes";
      sheet.getCell("A3").value = "XYZ-99"; // unknown question id
      sheet.getCell("D3").value = "yes";
      sheet.getCell("A7").value = "DEL-01"; // duplicate of row 6
      sheet.getCell("D6").value = "named-approval";
      sheet.getCell("D7").value = "named-approval";
      const e = (name: string) => col(sheet, name);
      sheet.getRow(8).getCell(4).value = "yes"; // DEL-03: evidence without a date
      sheet.getRow(8).getCell(e("Evidence document")).value = "Backup policy";
      sheet.getRow(9).getCell(4).value = "yes"; // DEL-04: date in the future
      sheet.getRow(9).getCell(e("Answered on")).value = "2027-01-01";
      sheet.getRow(11).getCell(4).value = "yes"; // NET-01: malformed date
      sheet.getRow(11).getCell(e("Evidence document")).value = "Change policy";
      sheet.getRow(11).getCell(e("Evidence date")).value = "01/05/2026";
      sheet.getRow(12).getCell(4).value = "na"; // NET-02 does not allow na
      sheet.getRow(4).getCell(4).value = "na"; // INV-03 allows na, but gives no reason
      sheet.getRow(13).getCell(4).value = "partial"; // NET-03: http URL and a section without a document
      sheet.getRow(13).getCell(e("Evidence URL")).value = "http://insecure.example";
      sheet.getRow(13).getCell(e("Evidence document")).value = "Runbook";
      sheet.getRow(13).getCell(e("Evidence date")).value = "2026-01-01";
      sheet.getRow(13).getCell(e("Evidence 2 section")).value = "7.1";
      sheet.getRow(15).getCell(4).value = "platform-limits"; // RST-01: a formula in the comment
      sheet.getRow(15).getCell(e("Comment")).value = { formula: "1+1", result: 2 };
      sheet.getRow(16).getCell(e("Comment")).value = "comment without an answer"; // RST-02
    });
    const dir = tempDir();
    const err = await failure(runImport(form, { vendor: "nimbus", into: dir }));
    const dropdown = ", or the label the dropdown shows";
    expect(lines(err, form)).toEqual(
      [
        'form.xlsx Answers!A3 (ID): unknown question id "XYZ-99"; questionnaire 1.0.0 has INV-01 to CON-05',
        "form.xlsx Answers!O4 (Reason): an answer of na needs a reason saying why INV-03 does not apply",
        'form.xlsx Answers!I8 (Evidence date): evidence "Backup policy" needs the document\'s date (YYYY-MM-DD, not after 2026-11-25)',
        "form.xlsx Answers!N9 (Answered on): answered on 2027-01-01 is after today's date 2026-11-25; a date must not lie in the future",
        'form.xlsx Answers!I11 (Evidence date): evidence date "01/05/2026" must be a date YYYY-MM-DD, e.g. 2026-11-25',
        `form.xlsx Answers!D12 (Answer): "na" is not an answer to NET-02 (NET-02 cannot be answered not applicable); allowed: yes, partial, no, unknown${dropdown}`,
        'form.xlsx Answers!H13 (Evidence URL): "http://insecure.example" must be an https:// URL (at most 2048 characters)',
        "form.xlsx Answers!J13 (Evidence 2 document): evidence 2 has a section but no document; name the document the answer rests on",
        `form.xlsx Answers!D14 (Answer): "maybe" is not an answer to NET-04; allowed: yes, partial, no, unknown${dropdown}`,
        "form.xlsx Answers!P15 (Comment): holds a formula; type the value itself (formulas are never evaluated)",
        "form.xlsx Answers!D16 (Answer): RST-02 has a comment but no answer; choose one of: yes, partial, no, unknown (or clear the row)",
        "form.xlsx Answers!A7 (ID): DEL-01 is answered twice: also on row 6 (Answers!A6); keep one row per question",
      ].sort(byRow),
    );
    expect(existsSync(join(dir, "vendors"))).toBe(false);
  });

  it("checks dates against the workspace as-of date when there is a workspace", async () => {
    const ws = demoCopy();
    const before = read(join(ws, "vendors", "quarrion.yaml"));
    const form = await fillXlsx(await exportXlsx({ vendor: "quarrion" }), (sheet) => {
      rowOf(sheet, "INV-01").getCell(col(sheet, "Answered on")).value = "2026-11-10";
      rowOf(sheet, "DEL-02").getCell(col(sheet, "Evidence date")).value = "2026-11-02";
      rowOf(sheet, "DEL-02").getCell(col(sheet, "Evidence document")).value = "Policy";
    });
    const err = await failure(runImport(form, { vendor: "quarrion", into: ws }));
    expect(lines(err, form)).toEqual([
      "form.xlsx Answers!N2 (Answered on): answered on 2026-11-10 is after the workspace as-of date 2026-11-01; a date must not lie in the future",
      "form.xlsx Answers!I7 (Evidence date): evidence date 2026-11-02 is after the workspace as-of date 2026-11-01; a date must not lie in the future",
    ]);
    expect(read(join(ws, "vendors", "quarrion.yaml"))).toBe(before);
  });

  it("names file, row and column for a CSV", async () => {
    const path = await exportCsv();
    const rows = parseCsv(readFileSync(path, "utf8")) as string[][];
    const header = rows[0]!;
    const at = (row: number, key: string, value: string) => (rows[row - 1]![header.indexOf(key)] = value);
    at(14, "answer", "maybe");
    at(3, "id", "XYZ-99");
    at(3, "answer", "yes");
    at(8, "answer", "yes");
    at(8, "evidence_document", "Backup policy");
    at(9, "answer", "yes");
    at(9, "answered_at", "2026-13-01");
    writeFileSync(path, `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`);
    const err = await failure(runImport(path, { vendor: "nimbus", into: tempDir() }));
    expect(lines(err, path)).toEqual([
      `form.csv row 3, column id: unknown question id "XYZ-99"; questionnaire 1.0.0 has INV-01 to CON-05`,
      `form.csv row 8, column evidence_date: evidence "Backup policy" needs the document's date (YYYY-MM-DD, not after 2026-11-25)`,
      `form.csv row 9, column answered_at: answered on "2026-13-01" must be a date YYYY-MM-DD, e.g. 2026-11-25`,
      `form.csv row 14, column answer: "maybe" is not an answer to NET-04; allowed: yes, partial, no, unknown`,
    ]);
  });

  it("refuses a form exported for another vendor, a workbook without the Answers sheet and other files", async () => {
    const form = await exportXlsx({ vendor: "altavale" });
    const err = await failure(runImport(form, { vendor: "cirrane", into: demoCopy() }));
    expect(lines(err, form)).toEqual([
      'form.xlsx Instructions!B6 (Vendor): this form was exported for vendor "altavale", not cirrane; import it with --vendor altavale or export a form for cirrane',
    ]);
    const renamed = await fillXlsx(await exportXlsx(), (sheet) => (sheet.name = "Sheet1"));
    expect(lines(await failure(runImport(renamed, { vendor: "x", into: tempDir() })))[0]).toBe(
      `${renamed}: has no sheet named Answers (it has "Instructions", "Sheet1", "Lists"); import the workbook caution questionnaire export wrote`,
    );
    const txt = join(tempDir(), "answers.txt");
    writeFileSync(txt, "hello");
    expect(lines(await failure(runImport(txt, { vendor: "x", into: tempDir() })))[0]).toContain(
      "must be a .xlsx or .csv file",
    );
    const broken = join(tempDir(), "broken.xlsx");
    writeFileSync(broken, "not a zip");
    expect(lines(await failure(runImport(broken, { vendor: "x", into: tempDir() })))).toEqual([
      `${broken}: is not an .xlsx workbook (not a zip archive); save it as Excel Workbook (.xlsx)`,
    ]);
  });
});

describe("answers import: --partial", () => {
  it("writes the valid answers, lists the rejected rows and exits 2", async () => {
    const ws = demoCopy();
    const path = join(ws, "vendors", "quarrion.yaml");
    const before = vendorData(path);
    const form = await fillXlsx(await exportXlsx({ vendor: "quarrion" }), (sheet) => {
      rowOf(sheet, "INV-01").getCell(4).value = "partial"; // valid change
      rowOf(sheet, "INV-04").getCell(4).value = "maybe"; // rejected
      rowOf(sheet, "DEL-02").getCell(4).value = "partial";
      rowOf(sheet, "DEL-02").getCell(col(sheet, "Evidence document")).value = "Undated memo"; // rejected: no date
    });
    const strict = await failure(runImport(form, { vendor: "quarrion", into: ws }));
    expect(strict).toBeInstanceOf(InputError);
    expect(vendorData(path)).toEqual(before);

    const r = await runImport(form, { vendor: "quarrion", into: ws, partial: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${form} Answers!D5 (Answer): "maybe" is not an answer to INV-04; allowed: yes, partial, no, unknown, or the label the dropdown shows`,
    );
    expect(r.stderr).toContain(`${form} Answers!I7 (Evidence date): evidence "Undated memo" needs the document's date`);
    expect(r.stderr).toContain(
      "--partial: 2 rows were not imported (row 5 (INV-04), row 7 (DEL-02)), the valid answers were written",
    );
    const after = vendorData(path);
    expect(after.answers["INV-01"]!.answer).toBe("partial");
    expect(after.answers["INV-04"]).toEqual(before.answers["INV-04"]);
    expect(after.answers["DEL-02"]).toEqual(before.answers["DEL-02"]);
  });

  it("still refuses form-level problems", async () => {
    const form = await fillXlsx(await exportXlsx(), (sheet, info) => {
      setInstruction(info, "Answered on", "yesterday");
      sheet.getCell("D2").value = "yes";
    });
    const err = await failure(runImport(form, { vendor: "nimbus", into: tempDir(), partial: true }));
    expect(lines(err, form)).toEqual([
      'form.xlsx Instructions!B9 (Answered on): "yesterday" must be a date YYYY-MM-DD, e.g. 2026-11-25',
    ]);
  });
});

describe("answers import: the vendor file keeps what the form does not change", () => {
  it("preserves comments, key order, the SLA block and answers the form leaves out", async () => {
    const ws = demoCopy();
    const path = join(ws, "vendors", "altavale.yaml");
    const before = read(path);
    const form = await fillXlsx(await exportXlsx(), (sheet, info) => {
      setInstruction(info, "Answered on", "2026-10-15");
      rowOf(sheet, "DEL-01").getCell(4).value = "runbook-stateless-only";
      rowOf(sheet, "INV-04").getCell(4).value = "partial";
      rowOf(sheet, "INV-04").getCell(col(sheet, "Comment")).value = "Changes announced 30 days ahead.";
      rowOf(sheet, "NET-04").getCell(4).value = "partial";
      rowOf(sheet, "NET-04").getCell(col(sheet, "Answered on")).value = "2026-10-20";
    });
    const r = await runImport(form, { vendor: "altavale", into: ws });
    expect(r.code, r.stderr).toBe(0);
    const after = read(path);
    // Every comment line of the original is still there.
    for (const line of before.split("\n").filter((l) => l.trim().startsWith("#"))) expect(after).toContain(line);
    expect(after).toContain("# ---------------------------------------------------------------- DEL");
    expect(after).toContain('contact: "Trust & Assurance Office, trust@altavale.example"');
    const old = vendorData(join(DEMO, "vendors", "altavale.yaml"));
    const now = vendorData(path);
    expect(now.answeredAt).toBe("2026-10-15");
    expect(now.sla).toEqual(old.sla);
    // DEL-01 unchanged answer, no evidence in the form: its evidence and comment stay.
    expect(now.answers["DEL-01"]).toEqual(old.answers["DEL-01"]);
    // INV-04 changed without a date: it takes the file's date; the comment is replaced.
    expect(now.answers["INV-04"]).toEqual({
      answer: "partial",
      evidence: [],
      comment: "Changes announced 30 days ahead.",
    });
    // NET-04 changed with its own date; its evidence stays.
    expect(now.answers["NET-04"]).toEqual({ ...old.answers["NET-04"], answer: "partial", answeredAt: "2026-10-20" });
    for (const id of Object.keys(old.answers).filter((k) => !["INV-04", "NET-04"].includes(k)))
      expect(now.answers[id], id).toEqual(old.answers[id]);
    expect(Object.keys(now.answers)).toEqual(Object.keys(old.answers));
  });

  it("turns the empty answer map of caution init into a block map and quotes yes and dates", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "vendors"));
    const path = join(dir, "vendors", "example-cloud.yaml");
    writeFileSync(
      path,
      "# starter\nid: example-cloud\nname: Example Cloud\nquestionnaireVersion: 1.0.0\nanswers: {}\n# answers:\n#   INV-01:\n",
    );
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      sheet.getCell("D2").value = "yes";
      sheet.getCell("N2").value = "2026-10-01";
    });
    expect((await runImport(form, { vendor: "example-cloud", into: dir })).code).toBe(0);
    expect(read(path)).toBe(
      '# starter\nid: example-cloud\nname: Example Cloud\nquestionnaireVersion: 1.0.0\nanswers:\n  INV-01:\n    answer: "yes"\n    answeredAt: "2026-10-01"\n\n# answers:\n#   INV-01:\n',
    );
  });
});

describe("answers import: formula injection on the way in", () => {
  it("strips exactly one apostrophe caution added and never evaluates a formula", async () => {
    const dir = tempDir();
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      const row = (id: string, comment: string) => {
        rowOf(sheet, id).getCell(4).value = "yes";
        rowOf(sheet, id).getCell(col(sheet, "Comment")).value = comment;
      };
      row("INV-01", '\'=HYPERLINK("https://evil.example")');
      row("INV-04", "''=1+1");
      row("DEL-02", "'quoted on purpose");
      row("DEL-03", "@plain at sign typed in a text editor");
    });
    expect((await runImport(form, { vendor: "nimbus", into: dir })).code).toBe(0);
    const answers = vendorData(join(dir, "vendors", "nimbus.yaml")).answers;
    expect(answers["INV-01"]!.comment).toBe('=HYPERLINK("https://evil.example")');
    expect(answers["INV-04"]!.comment).toBe("'=1+1");
    expect(answers["DEL-02"]!.comment).toBe("'quoted on purpose");
    expect(answers["DEL-03"]!.comment).toBe("@plain at sign typed in a text editor");

    // Exported again, each is neutralised once more and reads back the same.
    const again = await exportCsv({ vendor: "nimbus", ws: dir });
    const text = read(again);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(text).toContain(",''=1+1,");
    expect(text).toContain(",'@plain at sign typed in a text editor,");
    rmSync(join(dir, "vendors", "nimbus.yaml"));
    expect((await runImport(again, { vendor: "nimbus", into: dir })).code).toBe(0);
    expect(vendorData(join(dir, "vendors", "nimbus.yaml")).answers).toEqual(answers);
  });
});

function byRow(a: string, b: string): number {
  const key = (s: string) => {
    const m = /Answers!([A-Z]+)(\d+)/.exec(s);
    return m ? Number(m[2]) : 0;
  };
  return key(a) - key(b);
}

describe("answers import: encodings, the row limit and unreadable cells", () => {
  /** The exported CSV with `edit` applied to its rows (header = row 1). */
  async function csvWith(edit: (rows: string[][], header: string[]) => void): Promise<{ path: string; text: string }> {
    const path = await exportCsv();
    const rows = parseCsv(readFileSync(path, "utf8")) as string[][];
    edit(rows, rows[0]!);
    const text = `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
    writeFileSync(path, text);
    return { path, text };
  }

  it("refuses a Latin-1 CSV, naming the first invalid byte by row, line and offset; nothing is written", async () => {
    const { path, text } = await csvWith((rows, header) => {
      rows[4]![header.indexOf("answer")] = "yes";
      rows[4]![header.indexOf("comment")] = "Zuverlässigkeit geprüft";
    });
    writeFileSync(path, Buffer.from(text, "latin1"));
    const offset = Buffer.from(text, "latin1").indexOf(0xe4);
    const dir = tempDir();
    const err = await failure(runImport(path, { vendor: "nimbus", into: dir }));
    const [line, ...rest] = lines(err, path);
    expect(rest).toEqual([]);
    // The record of row 5 spans several lines (the allowed answers hold line breaks); both are named.
    const lineNo = text.slice(0, offset).split("\n").length;
    expect(line).toBe(
      `form.csv row 5 (line ${lineNo}): is not valid UTF-8: byte 0xE4 at offset ${offset.toLocaleString("en-US")} (column ${offset - text.lastIndexOf("\n", offset)} of the line) is not part of a UTF-8 character; the file looks like Latin-1 or Windows-1252. Save it as "CSV UTF-8" (Excel) or with character set UTF-8 (LibreOffice) and import it again`,
    );
    expect(existsSync(join(dir, "vendors"))).toBe(false);
  });

  it("reads a UTF-8 CSV with a byte-order mark, as Excel's 'CSV UTF-8' writes it", async () => {
    const { path, text } = await csvWith((rows, header) => {
      rows[1]![header.indexOf("answer")] = "Partly";
      rows[1]![header.indexOf("comment")] = "Zuverlässigkeit geprüft";
    });
    writeFileSync(path, `\ufeff${text}`);
    const dir = tempDir();
    expect((await runImport(path, { vendor: "nimbus", into: dir })).code).toBe(0);
    expect(vendorData(join(dir, "vendors", "nimbus.yaml")).answers["INV-01"]).toEqual({
      answer: "partial",
      evidence: [],
      comment: "Zuverlässigkeit geprüft",
    });
  });

  it("says once that rows past the limit were not read", async () => {
    const { path } = await csvWith((rows, header) => {
      for (let i = 0; i < 5100; i++) rows.push(header.map((h) => (h === "id" ? "XYZ-99" : "")));
    });
    const err = await failure(runImport(path, { vendor: "nimbus", into: tempDir() }));
    expect(lines(err, path)).toEqual([
      "form.csv row 5002: the file holds answers below row 5,001; caution reads at most 5,000 rows below the header and read none of the rest. Keep one row per question",
    ]);
  });

  it("reports a formula in the answer cell once, not also as evidence without an answer", async () => {
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      const row = rowOf(sheet, "DEL-01");
      row.getCell(4).value = { formula: 'IF(TRUE,"named-approval")', result: "named-approval" };
      row.getCell(col(sheet, "Evidence document")).value = "Ops standard";
      row.getCell(col(sheet, "Evidence date")).value = "2026-05-01";
    });
    const err = await failure(runImport(form, { vendor: "nimbus", into: tempDir() }));
    expect(lines(err, form)).toEqual([
      "form.xlsx Answers!D6 (Answer): holds a formula; type the value itself (formulas are never evaluated)",
    ]);
  });

  it("suggests the nearest answer for a typo, in a spreadsheet as in a CSV", async () => {
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      rowOf(sheet, "DEL-01").getCell(4).value = "named approval";
      rowOf(sheet, "INV-01").getCell(4).value = "Partially";
    });
    const err = await failure(runImport(form, { vendor: "nimbus", into: tempDir() }));
    expect(lines(err, form)).toEqual([
      'form.xlsx Answers!D2 (Answer): "Partially" is not an answer to INV-01 (did you mean `partial`?); allowed: yes, partial, no, unknown, or the label the dropdown shows',
      'form.xlsx Answers!D6 (Answer): "named approval" is not an answer to DEL-01 (did you mean `named-approval`?); allowed: named-approval, runbook-stateless-only, bounded-no-approval, unrestricted, unknown, or the label the dropdown shows',
    ]);
  });
});

describe("answers import: a form with hundreds of problems", () => {
  it("lists the first 200 and says how many more there are", async () => {
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      for (let r = 60; r < 360; r++) sheet.getCell(`A${r}`).value = `XYZ-${r}`;
    });
    const got = lines(await failure(runImport(form, { vendor: "nimbus", into: tempDir() })), form);
    expect(got).toHaveLength(201);
    expect(got[0]).toBe(
      'form.xlsx Answers!A60 (ID): unknown question id "XYZ-60"; questionnaire 1.0.0 has INV-01 to CON-05',
    );
    expect(got[200]).toBe("form.xlsx: 100 more problems are not listed; fix the ones above and import again");
  });
});
