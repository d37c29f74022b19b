import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, tempDir } from "../support/cli.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { patchDeclaredSize } from "../questionnaire-io/zip-patch.js";
import { bombZip, repeat, type BombEntry } from "./xlsx-bomb-zip.js";

/**
 * The xlsx bombs of issue 11, built here (nothing huge is committed) and fed to the built CLI's `answers import`:
 * each must end in exit 2 naming the file and the part, sheet or cell, within 60 s and 300 MB peak RSS, with
 * nothing written. Before the bounded reader they ran for minutes and took gigabytes (one died at 4.3 GB, one
 * imported with exit 0). The figures are printed at the end.
 */
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAX_SECONDS = 60;
const MAX_RSS_MB = 300;

const text = (name: string, s: string): BombEntry => ({ name, chunks: () => [Buffer.from(s)] });

/** The parts of a workbook that lists one sheet, Answers, in xl/worksheets/sheet1.xml. */
function listedParts(sharedStrings: boolean): BombEntry[] {
  return [
    text(
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    text(
      "_rels/.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      "xl/workbook.xml",
      `<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>${sharedStrings ? `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    ),
  ];
}

const cell = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
const HEADER = `<row r="1">${cell("A1", "ID")}${cell("B1", "Answer")}</row>`;
const sheet = (rows: string) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

interface Bomb {
  name: string;
  what: string;
  build: () => Promise<Buffer>;
  /** What the one message must say. */
  message: RegExp;
}

const BOMBS: Bomb[] = [
  {
    name: "hidden-sheets",
    what: "two 1M-row sheets the workbook does not list (honest sizes)",
    build: () => bombZip([...listedParts(false), text("xl/worksheets/sheet1.xml", sheet(HEADER)), ...hiddenSheets()]),
    message: /^bomb\.xlsx: unpacks to [\d,]+ bytes \(zip directory\); the limit is 64 MiB for a whole workbook/,
  },
  {
    name: "hidden-sheets-lying",
    what: "the same sheets, declared 1 KB each: never inflated, the listed form is read",
    build: () =>
      bombZip([
        ...listedParts(false),
        text(
          "xl/worksheets/sheet1.xml",
          sheet(`${HEADER}<row r="2">${cell("A2", "INV-01")}${cell("B2", "maybe")}</row>`),
        ),
        ...hiddenSheets(1024),
      ]),
    message: /^bomb\.xlsx Answers!B2 \(Answer\): "maybe" is not an answer to INV-01/,
  },
  {
    name: "shared-strings-20M",
    what: "20 million tiny shared strings (340 MB unpacked)",
    build: () => sharedStringsBomb(20_000_000),
    message: /^bomb\.xlsx: unpacks to 340,00\d,\d+ bytes \(zip directory\); the limit is 64 MiB for a whole workbook/,
  },
  {
    name: "shared-strings-2M",
    what: "2 million tiny shared strings (34 MB unpacked: under the total, over the part limit)",
    build: () => sharedStringsBomb(2_000_000),
    message:
      /^bomb\.xlsx: part xl\/sharedStrings\.xml unpacks to 34,000,\d+ bytes \(zip directory\); the limit is 16 MiB per part$/,
  },
  {
    name: "shared-strings-20M-lying",
    what: "the same, its directory claiming 1 KB: inflating stops at 16 MiB",
    build: async () => patchDeclaredSize(await sharedStringsBomb(20_000_000), "xl/sharedStrings.xml", 1024) as Buffer,
    message:
      /^bomb\.xlsx: part xl\/sharedStrings\.xml unpacks to more than 16 MiB, the limit per part \(its zip directory claims 1,024 bytes\)$/,
  },
  {
    name: "answers-600k-rows",
    what: "the Answers sheet itself with 600,000 rows (15.6 MB, under the part limit)",
    build: () =>
      bombZip([
        ...listedParts(false),
        {
          name: "xl/worksheets/sheet1.xml",
          chunks: () =>
            repeat(
              "<row><c><v>1</v></c></row>",
              600_000,
              `<worksheet xmlns="${MAIN}"><sheetData>${HEADER}`,
              "</sheetData></worksheet>",
            ),
        },
      ]),
    message: /^bomb\.xlsx Answers!A5002: the sheet holds values below row 5,001; caution reads at most 5,000 rows/,
  },
  {
    name: "one-huge-cell",
    what: "one cell of 15 million characters",
    build: () =>
      bombZip([
        ...listedParts(false),
        {
          name: "xl/worksheets/sheet1.xml",
          chunks: () =>
            repeat(
              "A",
              15_000_000,
              `<worksheet xmlns="${MAIN}"><sheetData>${HEADER}<row r="2"><c r="B2" t="inlineStr"><is><t>`,
              "</t></is></c></row></sheetData></worksheet>",
            ),
        },
      ]),
    message: /^bomb\.xlsx: Answers!B2 holds more than 32,767 characters, the most a cell can hold$/,
  },
];

function hiddenSheets(declare?: number): BombEntry[] {
  return ["sheet2", "sheet3"].map((n) => ({
    name: `xl/worksheets/${n}.xml`,
    chunks: () =>
      repeat(
        `<row><c t="inlineStr"><is><t>x</t></is></c></row>`,
        1_000_000,
        `<worksheet xmlns="${MAIN}"><sheetData>`,
        "</sheetData></worksheet>",
      ),
    ...(declare !== undefined ? { declare } : {}),
  }));
}

const sharedStrings = new Map<number, Buffer>();
async function sharedStringsBomb(count: number): Promise<Buffer> {
  const built =
    sharedStrings.get(count) ??
    (await bombZip([
      ...listedParts(true),
      text("xl/worksheets/sheet1.xml", sheet(`${HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`)),
      {
        name: "xl/sharedStrings.xml",
        chunks: () => repeat("<si><t>a</t></si>", count, `<sst xmlns="${MAIN}">`, "</sst>"),
      },
    ]));
  sharedStrings.set(count, built);
  return built;
}

/** Peak RSS of the CLI, written by a preloaded module when the process exits (maxRSS is in kilobytes). */
const RSS_HOOK = join(tempDir("caution-rss-"), "max-rss.mjs");
writeFileSync(
  RSS_HOOK,
  `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(process.env.CAUTION_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
);

const figures: string[] = [];
afterAll(() => {
  console.log(["xlsx bombs (answers import, built CLI):", ...figures].join("\n"));
});

describe("xlsx bombs end in exit 2 within 60 s and 300 MB, nothing written", () => {
  for (const bomb of BOMBS) {
    it(`${bomb.name}: ${bomb.what}`, async () => {
      const dir = tempDir("caution-bomb-");
      const path = join(dir, "bomb.xlsx");
      const data = await bomb.build();
      writeFileSync(path, data);
      const rssFile = join(dir, "rss");
      const ws = join(dir, "ws");
      const started = performance.now();
      const r = spawnSync(
        process.execPath,
        ["--import", pathToFileURL(RSS_HOOK).href, CLI, "answers", "import", path, "--vendor", "bomb", "--into", ws],
        { cwd: PACKAGE_ROOT, encoding: "utf8", env: { ...process.env, CAUTION_RSS_FILE: rssFile }, timeout: 120_000 },
      );
      const seconds = (performance.now() - started) / 1000;
      const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
      figures.push(
        `  ${bomb.name.padEnd(26)} ${(data.length / 1024).toFixed(0).padStart(6)} KB file  exit ${r.status}  ${seconds.toFixed(2).padStart(6)} s  peak RSS ${rssMb.toFixed(0).padStart(4)} MB`,
      );
      const lines = r.stderr.split(path).join("bomb.xlsx").trimEnd().split("\n");
      expect(r.status, r.stderr).toBe(2);
      expect(lines[0]).toMatch(bomb.message);
      expect(lines.slice(1)).toEqual(["caution: 1 error in the input; nothing was written."]);
      expect(existsSync(join(ws, "vendors"))).toBe(false);
      expect(seconds).toBeLessThan(MAX_SECONDS);
      expect(rssMb).toBeLessThan(MAX_RSS_MB);
    });
  }
});
