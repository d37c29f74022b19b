import { zipSync, type Zippable } from "fflate";
import { columnLetter } from "../../src/questionnaire-io/cells.js";

/**
 * Writes .xlsx files the way other programs do, so the reader is tested against their conventions without the
 * programs: shared or inline strings, absolute relationship targets, namespace prefixes, no styles part, rows and
 * cells without `r`, Excel's `_x000D_` escapes and phonetic runs, the 1904 date system. Each quirk is a switch.
 */
export type FixtureValue =
  | string
  | number
  | boolean
  | { date: string }
  | { formula: string; cached?: string }
  | { runs: string[] }
  | { error: string };

export interface FixtureSheet {
  name: string;
  /** rows[0] is row 1, rows[r][0] is column A; undefined is an empty cell. */
  rows: (FixtureValue | undefined)[][];
  state?: "hidden";
  /** False: the part is in the zip but workbook.xml does not list it. */
  listed?: boolean;
}

export interface FixtureStyle {
  strings: "shared" | "inline";
  /** Relationship targets from the package root, as openpyxl and some generators write them. */
  absoluteTargets?: boolean;
  /** A styles part with a date format applied to date cells (Excel, LibreOffice, Google Sheets have one). */
  stylesPart?: boolean;
  /** Element prefix, as the .NET Open XML SDK writes (`x:row`). */
  prefix?: string;
  /** Rows and cells without `r`: position gives the place. */
  omitRefs?: boolean;
  date1904?: boolean;
  /** Write line breaks as `_x000D_\n` and add phonetic runs to shared strings, as Japanese-locale Excel does. */
  excelEscapes?: boolean;
  /** mc:Ignorable attributes and an extLst holding x14 data validations with formulas in element text. */
  excelExtras?: boolean;
  /** Omit `<dimension>` (Google Sheets does). */
  noDimension?: boolean;
  /** The prefix of the relationship-id attribute (`r:id` by default). */
  relIdPrefix?: string;
  /** Store this part name in upper case (OPC part names are case-insensitive). */
  upperCaseWorkbook?: boolean;
  /** Extra zip entries, as name -> bytes. */
  extra?: Record<string, Uint8Array>;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The serial of a date in the given date system. */
export function serial(iso: string, date1904 = false): number {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - epoch) / 86_400_000);
}

export function writeFixtureXlsx(sheets: FixtureSheet[], style: FixtureStyle): Uint8Array {
  const enc = (s: string) => new TextEncoder().encode(s);
  const p = style.prefix ? `${style.prefix}:` : "";
  const ns = style.prefix ? `xmlns:${style.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const rid = style.relIdPrefix ?? "r";
  const root = (path: string) => (style.absoluteTargets ? `/xl/${path}` : path);
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const escape = (s: string) => xml(style.excelEscapes ? s.replace(/\r?\n/g, "_x000D_\n") : s);
  const str = (s: string, runs?: string[]): string => {
    if (style.strings === "inline") return `<${p}is><${p}t xml:space="preserve">${escape(s)}</${p}t></${p}is>`;
    const key = runs ? JSON.stringify(runs) : s;
    let i = sharedIndex.get(key);
    if (i === undefined) {
      i = shared.length;
      sharedIndex.set(key, i);
      shared.push(
        runs
          ? runs
              .map((r, k) => `<r>${k === 1 ? "<rPr><b/></rPr>" : ""}<t xml:space="preserve">${escape(r)}</t></r>`)
              .join("")
          : `<t xml:space="preserve">${escape(s)}</t>${style.excelEscapes && /[\u3040-\u30ff]/.test(s) ? '<rPh sb="0" eb="1"><t>フリガナ</t></rPh>' : ""}`,
      );
    }
    return `<${p}v>${i}</${p}v>`;
  };
  const cell = (ref: string, v: FixtureValue): string => {
    const r = style.omitRefs ? "" : ` r="${ref}"`;
    const t = style.strings === "inline" ? "inlineStr" : "s";
    if (typeof v === "string") return `<${p}c${r} t="${t}">${str(v)}</${p}c>`;
    if (typeof v === "number") return `<${p}c${r}><${p}v>${v}</${p}v></${p}c>`;
    if (typeof v === "boolean") return `<${p}c${r} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
    if ("date" in v)
      return `<${p}c${r}${style.stylesPart ? ' s="1"' : ""}><${p}v>${serial(v.date, style.date1904)}</${p}v></${p}c>`;
    if ("formula" in v)
      return `<${p}c${r} t="str"><${p}f>${xml(v.formula)}</${p}f><${p}v>${xml(v.cached ?? "")}</${p}v></${p}c>`;
    if ("runs" in v) return `<${p}c${r} t="${t}">${str(v.runs.join(""), v.runs)}</${p}c>`;
    return `<${p}c${r} t="e"><${p}v>${xml(v.error)}</${p}v></${p}c>`;
  };
  const sheetXml = (sheet: FixtureSheet): string => {
    const rows = sheet.rows.map((cells, i) => {
      const last = cells.reduce<number>((m, c, j) => (c === undefined ? m : j), -1);
      const parts: string[] = [];
      for (let j = 0; j <= last; j++) {
        const v = cells[j];
        const ref = `${columnLetter(j + 1)}${i + 1}`;
        if (v !== undefined) parts.push(cell(ref, v));
        else if (style.omitRefs) parts.push(`<${p}c/>`); // keeps the position of the cells after it
      }
      return `<${p}row${style.omitRefs ? "" : ` r="${i + 1}"`}>${parts.join("")}</${p}row>`;
    });
    const width = Math.max(1, ...sheet.rows.map((r) => r.length));
    const dimension = style.noDimension ? "" : `<${p}dimension ref="A1:${columnLetter(width)}${sheet.rows.length}"/>`;
    const ignorable = style.excelExtras
      ? ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"`
      : "";
    const ext = style.excelExtras
      ? `<${p}extLst><${p}ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$2:$A$5</xm:f></x14:formula1><xm:sqref>D2</xm:sqref></x14:dataValidation></x14:dataValidations></${p}ext></${p}extLst>`
      : "";
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${RELS}"${ignorable}>${dimension}<${p}sheetData>${rows.join("")}</${p}sheetData>${ext}</${p}worksheet>`;
  };

  const files: Zippable = {};
  const listed = sheets.filter((s) => s.listed !== false);
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = enc(sheetXml(s))));
  const workbookName = style.upperCaseWorkbook ? "xl/Workbook.XML" : "xl/workbook.xml";
  const sheetEntries = listed.map((s) => {
    const i = sheets.indexOf(s);
    return `<${p}sheet name="${xml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} ${rid}:id="rId${i + 3}"/>`;
  });
  files[workbookName] = enc(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${ns} xmlns:${rid}="${RELS}"><${p}workbookPr${style.date1904 ? ' date1904="1"' : ""}/><${p}sheets>${sheetEntries.join("")}</${p}sheets></${p}workbook>`,
  );
  const rels = [
    ...(style.strings === "shared"
      ? [`<Relationship Id="rId1" Type="${RELS}/sharedStrings" Target="${root("sharedStrings.xml")}"/>`]
      : []),
    ...(style.stylesPart ? [`<Relationship Id="rId2" Type="${RELS}/styles" Target="${root("styles.xml")}"/>`] : []),
    ...sheets.map(
      (_, i) =>
        `<Relationship Id="rId${i + 3}" Type="${RELS}/worksheet" Target="${root(`worksheets/sheet${i + 1}.xml`)}"/>`,
    ),
  ];
  files["xl/_rels/workbook.xml.rels"] = enc(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG}">${rels.join("")}</Relationships>`,
  );
  files["_rels/.rels"] = enc(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="${style.absoluteTargets ? "/" : ""}${workbookName}"/></Relationships>`,
  );
  if (style.strings === "shared")
    files["xl/sharedStrings.xml"] = enc(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si>${s}</si>`).join("")}</sst>`,
    );
  if (style.stylesPart)
    files["xl/styles.xml"] = enc(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    );
  files["[Content_Types].xml"] = enc(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  for (const [name, data] of Object.entries(style.extra ?? {})) files[name] = data;
  // A fixed time keeps the fixture bytes the same on every run.
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
