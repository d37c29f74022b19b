import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { attachArchive } from "../archive/pdf-lib-attach.js";
import { caution, tempDir, tool } from "../support/cli.js";

/** Every report kind of samples/demo, read back as a user and an auditor would. */
describe("report kinds, PDFs and verification", () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    const r = caution(["report", "samples/demo", "--out", out, "-q"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  const pdfs = [
    "caution-executive",
    "caution-vendor-altavale",
    "caution-vendor-cirrane",
    "caution-vendor-quarrion",
    "caution-comparison",
    "caution-report",
  ];

  it("writes each kind as HTML and PDF, a manifest per PDF and the JSON result", () => {
    const expected = [
      ...pdfs.flatMap((n) => [`${n}.html`, `${n}.pdf`, `${n}.pdf.manifest.json`]),
      "caution-result.json",
    ].sort();
    expect(readdirSync(out).sort()).toEqual(expected);
  });

  it("keeps the executive summary to two pages", () => {
    expect(tool("pdfinfo", [join(out, "caution-executive.pdf")])).toMatch(/Pages:\s+2\n/);
  });

  it("gives every PDF title, creator, tags and both attachments", () => {
    for (const n of pdfs) {
      const info = tool("pdfinfo", [join(out, `${n}.pdf`)]);
      expect(info, n).toMatch(/Title:\s+AI-agent outage risk/);
      expect(info, n).toMatch(/Creator:\s+caution \d+\.\d+\.\d+/);
      expect(info, n).toMatch(/Tagged:\s+yes/);
      expect(tool("pdfdetach", ["-list", join(out, `${n}.pdf`)]), n).toBe(
        "2 embedded files\n1: caution-manifest.json\n2: caution-result.json\n",
      );
    }
  });

  it("builds the outline (bookmarks) from the section headings", () => {
    interface Outline {
      title: string;
      kids: Outline[];
    }
    const json = JSON.parse(tool("qpdf", ["--json", join(out, "caution-vendor-quarrion.pdf")])) as {
      outlines: Outline[];
    };
    const flat = (os: Outline[]): string[] => os.flatMap((o) => [o.title, ...flat(o.kids)]);
    const titles = flat(json.outlines);
    for (const t of [
      "Quarrion Compute Inc.",
      "Gates",
      "Control domains",
      "What-if outages",
      "Findings and contract asks",
      "Incident record",
      "Methodology",
    ])
      expect(titles).toContain(t);
  });

  it("prints page numbers and the report id in the footer", () => {
    const text = tool("pdftotext", ["-layout", join(out, "caution-comparison.pdf"), "-"]);
    const manifest = JSON.parse(readFileSync(join(out, "caution-comparison.pdf.manifest.json"), "utf8")) as {
      reportId: string;
    };
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain(`report ${manifest.reportId}`);
    expect(text).toContain("Recommendation");
  });

  it("prints a document to the same bytes whatever else is in the batch", () => {
    const alone = tempDir();
    expect(
      caution(["report", "samples/demo", "--out", alone, "--kind", "comparison", "--format", "pdf", "-q"]).code,
    ).toBe(0);
    expect(
      readFileSync(join(alone, "caution-comparison.pdf")).equals(readFileSync(join(out, "caution-comparison.pdf"))),
    ).toBe(true);
  });

  it("prints on Letter paper when asked", () => {
    const letter = tempDir();
    expect(
      caution([
        "report",
        "samples/demo",
        "--out",
        letter,
        "--kind",
        "executive",
        "--format",
        "pdf",
        "--paper",
        "letter",
        "-q",
      ]).code,
    ).toBe(0);
    const info = tool("pdfinfo", [join(letter, "caution-executive.pdf")]);
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    // Letter is shorter than A4: the executive summary still fits on two pages.
    expect(info).toMatch(/Pages:\s+2\n/);
  });

  it("verifies a fresh PDF against its workspace", () => {
    const r = caution(["verify", join(out, "caution-report.pdf"), "--inputs", "samples/demo"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("FAIL");
  });

  it("fails verification of a copy with one byte changed", () => {
    const dir = tempDir();
    const bytes = readFileSync(join(out, "caution-executive.pdf"));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(join(dir, "caution-executive.pdf"), bytes);
    copyFileSync(join(out, "caution-executive.pdf.manifest.json"), join(dir, "caution-executive.pdf.manifest.json"));
    const r = caution(["verify", join(dir, "caution-executive.pdf")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL sidecar matches pdf: the PDF has SHA-256 [0-9a-f]{64}/);
  });

  it("fails verification of a PDF whose attachment was swapped", async () => {
    const dir = tempDir();
    const doc = await PDFDocument.load(readFileSync(join(out, "caution-executive.pdf")), { updateMetadata: false });
    const result = JSON.parse(readFileSync(join(out, "caution-result.json"), "utf8")) as {
      vendors: { score: number }[];
    };
    result.vendors[2]!.score = 12.3; // a friendlier score for the weak vendor
    const forged = `${JSON.stringify(result, null, 2)}\n`;
    const manifest = JSON.parse(readFileSync(join(out, "caution-executive.pdf.manifest.json"), "utf8")) as Record<
      string,
      unknown
    >;
    delete manifest.pdf;
    await attachArchive(
      doc,
      {
        resultJson: forged,
        manifestJson: `${JSON.stringify({ ...manifest, result: { file: "caution-result.json", sha256: (await import("node:crypto")).createHash("sha256").update(forged).digest("hex") } }, null, 2)}\n`,
      },
      new Date("2026-11-01T00:00:00Z"),
    );
    writeFileSync(join(dir, "caution-executive.pdf"), await doc.save());
    copyFileSync(join(out, "caution-executive.pdf.manifest.json"), join(dir, "caution-executive.pdf.manifest.json"));
    const r = caution(["verify", join(dir, "caution-executive.pdf")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL (report id|sidecar matches pdf|sidecar matches embedded manifest)/);
  });

  it("re-renders from the saved result without the workspace, to the same bytes", () => {
    const again = tempDir();
    expect(
      caution([
        "report",
        "--from-result",
        join(out, "caution-result.json"),
        "--out",
        again,
        "--format",
        "html,json",
        "-q",
      ]).code,
    ).toBe(0);
    for (const f of [
      "caution-executive.html",
      "caution-vendor-cirrane.html",
      "caution-report.html",
      "caution-result.json",
    ]) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
  });

  it("refuses a saved result that breaks the contract, naming the line", () => {
    const dir = tempDir();
    const text = readFileSync(join(out, "caution-result.json"), "utf8").replace(
      '"rating": "critical"',
      '"rating": "catastrophic"',
    );
    writeFileSync(join(dir, "bad.json"), text);
    const r = caution(["report", "--from-result", join(dir, "bad.json"), "--out", join(dir, "out"), "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad\.json line \d+: vendors\[\d\]\.(domains\[\d+\]\.)?rating: "catastrophic" is not allowed; allowed: low, moderate, high, critical/,
    );
  });
});
