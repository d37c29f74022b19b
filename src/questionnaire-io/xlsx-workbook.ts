import { posix } from "node:path";
import { InputError } from "../load/input-issue.js";
import { XLSX_LIMITS, count } from "./xlsx-limits.js";
import { parseXmlPart, prefixedAttribute, unescapeOoxml } from "./xlsx-xml.js";
import type { XlsxPackage } from "./xlsx-zip.js";

/** A sheet as the workbook lists it: only listed sheets are ever read. */
export interface ListedSheet {
  name: string;
  /** The part that holds it, as stored in the zip. */
  part: string | undefined;
}

export interface Workbook {
  pkg: XlsxPackage;
  sheets: ListedSheet[];
  /** Dates count from 1904-01-01 (old Mac Excel and Numbers files) instead of 1899-12-30. */
  date1904: boolean;
  /** The shared-strings table, read on first use. */
  sharedStrings(): readonly string[];
}

const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/worksheet$/;
const SHARED_STRINGS = /\/sharedStrings$/;

/**
 * Reads the package relationships, the workbook part and its relationships: which sheets exist, in which parts,
 * and where the shared strings are. Relationship targets may be relative (Excel, LibreOffice) or absolute from the
 * package root (openpyxl writes `/xl/worksheets/sheet1.xml`); both resolve here, case aside.
 */
export function readWorkbook(pkg: XlsxPackage): Workbook {
  const fail = (message: string) => new InputError([{ file: pkg.file, message }]);
  const rootRels = pkg.find("_rels/.rels");
  const fromRoot = rootRels ? readRelationships(pkg, rootRels, "") : [];
  const office = fromRoot.find((r) => OFFICE_DOCUMENT.test(r.type) && !r.external);
  const workbookPart = (office && pkg.find(office.target)) ?? pkg.find("xl/workbook.xml");
  if (!workbookPart)
    throw fail("is not a spreadsheet: it has no workbook part (xl/workbook.xml); save it as Excel Workbook (.xlsx)");

  const listed: { name: string; id: string | undefined }[] = [];
  let date1904 = false;
  parseXmlPart(pkg.read(workbookPart), pkg.file, workbookPart, {
    open(name, attrs) {
      if (name === "workbookPr") date1904 = attrs.date1904 === "1" || attrs.date1904 === "true";
      else if (name === "sheet")
        listed.push({ name: attrs.name ?? "", id: prefixedAttribute(attrs, "id") ?? attrs.id });
    },
    close() {},
    text() {},
    stopped: () => false,
  });

  const relsPart = pkg.find(relsPathOf(workbookPart));
  const rels = relsPart ? readRelationships(pkg, relsPart, posix.dirname(workbookPart)) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = listed.map(({ name, id }) => {
    const rel = id === undefined ? undefined : byId.get(id);
    const part = rel && !rel.external && WORKSHEET.test(rel.type) ? pkg.find(rel.target) : undefined;
    return { name, part };
  });
  const sst = rels.find((r) => SHARED_STRINGS.test(r.type) && !r.external);
  const sstPart = sst ? pkg.find(sst.target) : undefined;
  let strings: string[] | undefined;
  return {
    pkg,
    sheets,
    date1904,
    sharedStrings() {
      strings ??= sstPart ? readSharedStrings(pkg, sstPart) : [];
      return strings;
    },
  };
}

interface Relationship {
  id: string;
  type: string;
  /** Resolved to a part name from the package root. */
  target: string;
  external: boolean;
}

function readRelationships(pkg: XlsxPackage, part: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  parseXmlPart(pkg.read(part), pkg.file, part, {
    open(name, attrs) {
      if (name !== "Relationship" || !attrs.Id || !attrs.Target) return;
      out.push({
        id: attrs.Id,
        type: attrs.Type ?? "",
        target: resolveTarget(baseDir, attrs.Target),
        external: attrs.TargetMode === "External",
      });
    },
    close() {},
    text() {},
    stopped: () => out.length > XLSX_LIMITS.entries,
  });
  return out;
}

/** A relationship target as a part name: absolute from the root, or relative to the source part's folder. */
export function resolveTarget(baseDir: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURIComponent(t);
  } catch {
    // A stray % is part of the name.
  }
  const joined = t.startsWith("/") ? t : posix.join(baseDir, t);
  return posix.normalize(joined).replace(/^(\.\.\/|\/)+/, "");
}

function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

/**
 * The shared-strings table. Rich-text runs are joined; phonetic runs (`<rPh>`, the furigana Japanese Excel adds)
 * are not part of the text. The declared count is checked before parsing, the real count and every string's length
 * while parsing.
 */
function readSharedStrings(pkg: XlsxPackage, part: string): string[] {
  const fail = (message: string) => new InputError([{ file: pkg.file, message: `part ${part} ${message}` }]);
  const strings: string[] = [];
  let current: string[] | undefined;
  let length = 0;
  let inT = false;
  let phonetic = 0;
  parseXmlPart(pkg.read(part), pkg.file, part, {
    open(name, attrs) {
      if (name === "sst") {
        const declared = Number(attrs.uniqueCount ?? 0);
        if (declared > XLSX_LIMITS.sharedStrings)
          throw fail(
            `declares ${count(declared)} shared strings; the limit is ${count(XLSX_LIMITS.sharedStrings)} (a form has a few hundred)`,
          );
      } else if (name === "si") {
        if (strings.length >= XLSX_LIMITS.sharedStrings)
          throw fail(
            `holds more than ${count(XLSX_LIMITS.sharedStrings)} shared strings, the limit (a form has a few hundred)`,
          );
        current = [];
        length = 0;
      } else if (name === "rPh") phonetic++;
      else if (name === "t") inT = true;
    },
    close(name) {
      if (name === "si") {
        strings.push(unescapeOoxml((current ?? []).join("")));
        current = undefined;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (!current || !inT || phonetic > 0) return;
      length += t.length;
      if (length > XLSX_LIMITS.cellChars)
        throw fail(
          `shared string ${count(strings.length)} is longer than ${count(XLSX_LIMITS.cellChars)} characters, the most a cell holds`,
        );
      current.push(t);
    },
    stopped: () => false,
  });
  return strings;
}
