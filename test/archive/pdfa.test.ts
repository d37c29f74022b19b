import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SRGB_PROFILE, SRGB_PROFILE_SHA256 } from "../../src/archive/srgb-profile.js";
import { sha256Hex } from "../../src/load/digest.js";
import { caution, tempDir, tool } from "../support/cli.js";
import { DEMO } from "../support/demo.js";

/**
 * The PDF/A-3b requirements caution's PDFs must meet (ISO 19005-3), each checked on every demo PDF with qpdf
 * and poppler, as docs/archive.md lists them. No PDF/A validator can be installed here (veraPDF is not in the npm
 * or Debian registries; PDFBox's preflight only knows PDF/A-1).
 */

type Json = Record<string, unknown>;
interface QpdfJson {
  qpdf: [Json, Record<string, { value?: unknown; stream?: { dict: Json; data?: string } }>];
}

/** qpdf's JSON of a file's objects (stream data left out). */
function qpdfJson(path: string): QpdfJson {
  const r = spawnSync("qpdf", ["--json", "--json-stream-data=none", path], { encoding: "utf8", maxBuffer: 1 << 28 });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as QpdfJson;
}

function objects(path: string) {
  const all = qpdfJson(path).qpdf[1];
  const get = (ref: unknown) => all[`obj:${String(ref)}`];
  const dict = (ref: unknown): Json => {
    const o = get(ref);
    return (o?.stream?.dict ?? o?.value) as Json;
  };
  const data = (ref: unknown) =>
    spawnSync("qpdf", [`--show-object=${String(ref).split(" ")[0]}`, "--filtered-stream-data", path], {
      maxBuffer: 1 << 28,
    }).stdout;
  const trailer = all.trailer!.value as Json;
  return { all, dict, data, trailer, catalog: dict(trailer["/Root"]) };
}

describe("PDF/A-3b: every PDF of the demo report", () => {
  let dir: string;
  let pdfs: string[];
  beforeAll(() => {
    dir = tempDir("caution-pdfa-");
    const r = caution(["report", DEMO, "--out", dir, "--format", "pdf", "-q"]);
    expect(r.code).toBe(0);
    pdfs = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
    expect(pdfs.length).toBe(6);
  });

  it("carries XMP metadata with pdfaid part 3, conformance B, that restates the document information", () => {
    for (const pdf of pdfs) {
      const path = join(dir, pdf);
      const xmp = tool("pdfinfo", ["-meta", path]);
      expect(xmp).toContain("<pdfaid:part>3</pdfaid:part>");
      expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
      expect(xmp).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
      const info = tool("pdfinfo", [path]);
      const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(info)?.[1];
      const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${escaped(field("Title")!)}</rdf:li></rdf:Alt></dc:title>`);
      expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${escaped(field("Author")!)}</rdf:li>`);
      expect(xmp).toContain(
        `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escaped(field("Subject")!)}</rdf:li>`,
      );
      expect(xmp).toContain(`<pdf:Keywords>${escaped(field("Keywords")!)}</pdf:Keywords>`);
      expect(xmp).toContain(`<xmp:CreatorTool>${escaped(field("Creator")!)}</xmp:CreatorTool>`);
      expect(xmp).toContain(`<pdf:Producer>${escaped(field("Producer")!)}</pdf:Producer>`);
      // The dates are the as-of instant, in both places.
      expect(field("CreationDate")).toBe("Sun Nov  1 00:00:00 2026 UTC");
      expect(xmp).toContain("<xmp:CreateDate>2026-11-01T00:00:00+00:00</xmp:CreateDate>");
      expect(xmp).toContain("<xmp:ModifyDate>2026-11-01T00:00:00+00:00</xmp:ModifyDate>");
      expect(field("Encrypted")).toBe("no");
      expect(field("JavaScript")).toBe("no");
      expect(field("PDF version")).toBe("1.7");
    }
  });

  it("embeds every font", () => {
    for (const pdf of pdfs) {
      const rows = tool("pdffonts", [join(dir, pdf)])
        .trimEnd()
        .split("\n")
        .slice(2);
      expect(rows.length).toBeGreaterThan(0);
      // name type... encoding emb sub uni object ID: "emb" is the fifth column from the end.
      for (const row of rows) expect(row.trim().split(/\s+/).at(-5)).toBe("yes");
    }
  });

  it("has an sRGB output intent whose profile is the one caution ships, a metadata stream, and /AF files", () => {
    expect(sha256Hex(SRGB_PROFILE)).toBe(SRGB_PROFILE_SHA256);
    // ICC header: an RGB display ('mntr') profile, version 2.
    expect(Buffer.from(SRGB_PROFILE.subarray(12, 20)).toString("latin1")).toBe("mntrRGB ");
    expect(SRGB_PROFILE[8]).toBe(2);
    for (const pdf of pdfs) {
      const { dict, data, catalog } = objects(join(dir, pdf));
      const [intent] = catalog["/OutputIntents"] as Json[];
      expect(intent).toMatchObject({ "/S": "/GTS_PDFA1", "/OutputConditionIdentifier": "u:sRGB IEC61966-2.1" });
      expect(dict(intent!["/DestOutputProfile"])["/N"]).toBe(3);
      expect(data(intent!["/DestOutputProfile"]).equals(Buffer.from(SRGB_PROFILE))).toBe(true);

      const metadata = dict(catalog["/Metadata"]);
      expect(metadata).toMatchObject({ "/Type": "/Metadata", "/Subtype": "/XML" });
      expect(metadata["/Filter"]).toBeUndefined(); // PDF/A: the metadata stream is not compressed
      expect(catalog["/Version"]).toBe("/1.7");

      const specs = (catalog["/AF"] as string[]).map(dict);
      expect(specs.map((s) => [s["/F"], s["/UF"], s["/AFRelationship"]])).toEqual([
        ["u:caution-manifest.json", "u:caution-manifest.json", "/Source"],
        ["u:caution-result.json", "u:caution-result.json", "/Data"],
      ]);
      for (const spec of specs) {
        const file = dict((spec["/EF"] as Json)["/F"]);
        expect(file["/Subtype"]).toBe("/application/json");
        expect((file["/Params"] as Json)["/ModDate"]).toBe("u:D:20261101000000+00'00'");
      }
    }
  });

  it("has no encryption, no actions but links, a trailer /ID, and nothing after %%EOF", () => {
    for (const pdf of pdfs) {
      const path = join(dir, pdf);
      const bytes = readFileSync(path);
      const { all, trailer, catalog } = objects(path);
      expect(trailer["/Encrypt"]).toBeUndefined();
      const [a, b] = trailer["/ID"] as string[];
      expect(a).toMatch(/^b:[0-9a-f]{32}$/);
      expect(b).toBe(a);
      for (const key of ["/OpenAction", "/AA", "/AcroForm", "/Names/JavaScript"]) expect(catalog[key]).toBeUndefined();
      const text = JSON.stringify(all);
      for (const key of ['"/JS"', '"/JavaScript"', '"/AA"', '"/Launch"', '"/OpenAction"'])
        expect(text).not.toContain(key);
      // Every annotation is printed (flag 4) and none is hidden; the only actions are links.
      for (const o of Object.values(all)) {
        const d = o.value as Json | undefined;
        if (d?.["/Type"] === "/Annot") expect(Number(d["/F"]) & 0b1_0010_0111).toBe(0b100); // Print set; Invisible, Hidden, NoView, ToggleNoView clear
        if (d?.["/Type"] === "/Action") expect(d["/S"]).toBe("/URI");
      }
      // Header with a binary comment line; the file ends at %%EOF and its line feed.
      expect(bytes.subarray(0, 8).toString("latin1")).toMatch(/^%PDF-1\.[0-7]$/);
      expect([...bytes.subarray(10, 14)].every((c) => c > 127)).toBe(true);
      expect(bytes.subarray(-6).toString("latin1")).toBe("%%EOF\n");
      expect(tool("qpdf", ["--check", path])).toMatch(/No syntax or stream encoding errors found/);
    }
  });
});
