import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { parse as parseYamlText } from "yaml";
import { describe, expect, it } from "vitest";
import { vendorFile } from "../../src/schema/vendor.js";
import { tempDir } from "../support/cli.js";
import { EXPECTED, INSTRUCTION_ROWS, filledSheets, fills } from "./fill-plan.js";
import { libreOfficeFill, openpyxlFill } from "./programs.js";
import { exportXlsx, questionnaire, readWorkbook, runImport } from "./support.js";
import { writeFixtureXlsx, type FixtureSheet, type FixtureStyle } from "./xlsx-fixture.js";

/** Imports a filled form as a new vendor and checks it holds exactly the answers every program must give. */
async function importsToExpected(path: string): Promise<void> {
  const dir = tempDir();
  const r = await runImport(path, { vendor: "nimbus", into: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(`${Object.keys(EXPECTED.answers).length} answers from`);
  const file = vendorFile.parse(parseYamlText(readFileSync(join(dir, "vendors", "nimbus.yaml"), "utf8")));
  expect(file).toMatchObject({ id: "nimbus", name: EXPECTED.name, contact: EXPECTED.contact });
  expect(file.answeredAt).toBe(EXPECTED.answeredAt);
  expect(file.answers).toEqual(EXPECTED.answers);
}

function zipPart(path: string, name: string): string {
  const part = unzipSync(readFileSync(path), { filter: (f) => f.name === name })[name];
  if (!part) throw new Error(`${path} has no ${name}`);
  return new TextDecoder().decode(part);
}

async function fixture(style: FixtureStyle, edit?: (sheets: FixtureSheet[]) => void): Promise<string> {
  const sheets = filledSheets(await questionnaire());
  edit?.(sheets);
  const path = join(tempDir(), "filled.xlsx");
  writeFileSync(path, writeFixtureXlsx(sheets, style));
  return path;
}

describe("answers import: the form filled and saved by other programs imports to the same answers", () => {
  it("places the vendor's cells where the fill plan expects them", async () => {
    const info = (await readWorkbook(await exportXlsx())).getWorksheet("Instructions")!;
    for (const [label, row] of Object.entries(INSTRUCTION_ROWS)) expect(info.getCell(`A${row}`).value).toBe(label);
  });

  it("LibreOffice Calc (headless): labels picked, dates typed into date cells, saved with Calc's xlsx filter", async () => {
    const out = join(tempDir(), "libreoffice.xlsx");
    libreOfficeFill(await exportXlsx(), out, fills(await questionnaire()));
    // Calc rewrote the whole file: its own shared strings, dates as serials, the dropdowns kept on the named lists.
    const answers = zipPart(out, "xl/worksheets/sheet2.xml");
    expect(answers).toMatch(/<c r="I\d+" s="\d+" t="n"><v>46143<\/v><\/c>/); // 2026-05-01 as a date serial
    expect(answers).toContain("<formula1>Choices_DEL_01</formula1>");
    expect(zipPart(out, "xl/workbook.xml")).toMatch(/<definedName[^>]*name="Choices_DEL_01"[^>]*>Lists!\$E\$2:\$E\$6</);
    await importsToExpected(out);
  });

  it("openpyxl: absolute relationship targets and a cell note that ExcelJS cannot follow", async () => {
    const out = join(tempDir(), "openpyxl.xlsx");
    openpyxlFill(await exportXlsx(), out, fills(await questionnaire()));
    expect(zipPart(out, "xl/_rels/workbook.xml.rels")).toContain('Target="/xl/worksheets/sheet2.xml"');
    expect(zipPart(out, "xl/worksheets/_rels/sheet1.xml.rels")).toMatch(/Target="\/xl\/comments\/?comment1\.xml"/);
    await importsToExpected(out);
  });

  it("a Google-Sheets-style export: shared strings, no dimension, dates as serials; a sheet the workbook does not list is never read", async () => {
    const decoy = filledSheets(await questionnaire())[1]!;
    decoy.rows[2]![3] = "unrestricted"; // a different answer to INV-02 in a part workbook.xml does not list
    const path = await fixture({ strings: "shared", stylesPart: true, noDimension: true }, (sheets) =>
      sheets.push({ ...decoy, name: "Answers", listed: false }),
    );
    await importsToExpected(path);
  });

  it("an Excel-style file: rich text, _x000D_ line breaks, phonetic runs, x14 extensions with formulas in element text", async () => {
    const path = await fixture(
      { strings: "shared", stylesPart: true, excelEscapes: true, excelExtras: true },
      (sheets) => {
        const answers = sheets[1]!.rows;
        const row = answers.findIndex((r) => r[0] === "DEL-01");
        const comment = answers[0]!.indexOf("Comment");
        answers[row]![comment] = { runs: ["Only with ", "approval.\nReviewed quarterly."] };
        // A Japanese note elsewhere gets a phonetic run, which is not part of the cell's text.
        answers[1]!.push("メモ");
      },
    );
    expect(zipPart(path, "xl/sharedStrings.xml")).toContain("_x000D_");
    expect(zipPart(path, "xl/sharedStrings.xml")).toContain("<rPh");
    await importsToExpected(path);
  });

  it("an Open XML SDK style file: x: prefixes, inline strings, no shared strings or styles, no r attributes, 1904 dates", async () => {
    const path = await fixture({
      strings: "inline",
      prefix: "x",
      omitRefs: true,
      absoluteTargets: true,
      date1904: true,
      relIdPrefix: "ns8",
      upperCaseWorkbook: true,
    });
    const files = Object.keys(unzipSync(readFileSync(path)));
    expect(files).not.toContain("xl/styles.xml");
    expect(files).not.toContain("xl/sharedStrings.xml");
    await importsToExpected(path);
  });
});
