import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findingsCommand } from "../../src/cli/commands/findings.js";
import { registerCsv, registerMarkdown, registerXlsx } from "../../src/findings/formats.js";
import { buildRegister, REGISTER_COLUMNS, type RegisterRow } from "../../src/findings/register.js";
import { InputError } from "../../src/load/input-issue.js";
import type { Result } from "../../src/schema/result.js";
import { tempDir } from "../support/cli.js";
import { DEMO, scoreDemo } from "../support/demo.js";
import { runCommand } from "../support/run.js";

let demo: Result;
beforeAll(async () => {
  demo = await scoreDemo();
});

const row = (over: Partial<RegisterRow> = {}): RegisterRow => ({
  id: "acme/CHG-02",
  vendor: "Acme",
  question: "CHG-02",
  severity: "High",
  finding: "Is change control enforced? Answer: No.",
  ask: "Ask for it.",
  owner: "",
  status: "open",
  due: "",
  ...over,
});

/** A copy of the demo whose caution.yaml ends with `extra`. */
function demoWith(extra: string): string {
  const dir = join(tempDir("caution-findings-"), "ws");
  cpSync(DEMO, dir, { recursive: true });
  const file = join(dir, "caution.yaml");
  writeFileSync(file, `${readFileSync(file, "utf8")}\n${extra}`);
  return dir;
}

describe("buildRegister", () => {
  it("has one row per finding of every vendor, in the result's order, untracked findings open", () => {
    const { rows, stale } = buildRegister(demo);
    const findings = demo.vendors.flatMap((v) => v.findings);
    expect(rows).toHaveLength(findings.length);
    expect(rows.map((r) => r.id)).toEqual(findings.map((f) => f.id));
    expect(stale).toEqual([]);
    const first = demo.vendors[0]!.findings[0]!;
    expect(rows[0]).toMatchObject({
      id: `${demo.vendors[0]!.id}/${first.questionId}`,
      vendor: demo.vendors[0]!.name,
      question: first.questionId,
      ask: first.ask,
      owner: "",
      status: "open",
      due: "",
    });
    expect(rows[0]!.finding).toContain(first.answerLabel);
  });

  it("merges owner, status and due by id, and lists tracked ids that are gone unless closed", () => {
    const id = demo.vendors[1]!.findings[0]!.id;
    const typo = id.replace(/-(\d)(\d)$/, "-$2$1");
    const { rows, stale } = buildRegister(demo, {
      [id]: { owner: "Head of Infrastructure", status: "in-progress", due: "2027-01-31" },
      [typo]: { status: "open" },
      "cirrane/ZZZ-99": { status: "closed" },
    });
    expect(rows.find((r) => r.id === id)).toMatchObject({
      owner: "Head of Infrastructure",
      status: "in-progress",
      due: "2027-01-31",
    });
    expect(rows.filter((r) => r.owner !== "")).toHaveLength(1);
    // The closed one is history; the open one names the finding it was probably meant for, when that is close.
    expect(stale.map((s) => s.id)).toEqual(typo === id ? [] : [typo]);
    expect(buildRegister(demo, { [id]: { status: "closed" } }).stillFound).toEqual([id]);
  });
});

describe("finding ids", () => {
  it("are <vendor>/<question> and unique", () => {
    const ids = demo.vendors.flatMap((v) => v.findings.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const v of demo.vendors) for (const f of v.findings) expect(f.id).toBe(`${v.id}/${f.questionId}`);
  });

  it("stay the same when another answer changes and the vendors are listed in another order", async () => {
    const dir = join(tempDir("caution-ids-"), "ws");
    cpSync(DEMO, dir, { recursive: true });
    const vendorFile = join(dir, "vendors", "altavale.yaml");
    writeFileSync(
      vendorFile,
      readFileSync(vendorFile, "utf8").replace("answer: act-alone-bounded", "answer: suggest-only"),
    );
    const ws = join(dir, "caution.yaml");
    const yaml = readFileSync(ws, "utf8");
    const [head, rest] = yaml.split(/^vendors:\n/m) as [string, string];
    // The vendor list ends where the next top-level key (workloads:) starts.
    const next = rest.search(/^[a-z]/m);
    const list = next < 0 ? rest : rest.slice(0, next);
    const tail = next < 0 ? "" : rest.slice(next);
    const entries = list.trimEnd().split(/\n(?=\s*\n)/);
    writeFileSync(ws, `${head}vendors:\n${[...entries].reverse().join("\n")}\n\n${tail}`);
    const again = await scoreDemo(dir);
    const before = new Map(demo.vendors.flatMap((v) => v.findings.map((f) => [f.id, f.questionId] as const)));
    const after = new Map(again.vendors.flatMap((v) => v.findings.map((f) => [f.id, f.questionId] as const)));
    expect(again.vendors.map((v) => v.id)).not.toEqual(demo.vendors.map((v) => v.id));
    expect(after.has("altavale/INV-02")).toBe(false);
    for (const [id, q] of after) expect(before.get(id)).toBe(q);
    expect(after.size).toBe(before.size - 1);
  });
});

describe("formats", () => {
  const hostile = row({
    vendor: '=HYPERLINK("http://evil.example","x")',
    finding: '+1 answer, with "quotes"\nand a line break',
    ask: "-2",
    owner: "@SUM(A1)",
    due: "\tx",
  });

  it("CSV is RFC 4180 (csv-parse reads back every cell) with formula starts neutralised", () => {
    const csv = registerCsv([row(), hostile, row({ finding: "\rcarriage" })]);
    expect(csv.startsWith(`${REGISTER_COLUMNS.join(",")}\r\n`)).toBe(true);
    const back = parse(csv, { columns: true }) as RegisterRow[];
    expect(back).toHaveLength(3);
    expect(back[0]).toEqual(row());
    expect(back[1]).toMatchObject({
      vendor: '\'=HYPERLINK("http://evil.example","x")',
      finding: '\'+1 answer, with "quotes"\nand a line break',
      ask: "'-2",
      owner: "'@SUM(A1)",
      due: "'\tx",
    });
    expect(back[2]!.finding).toBe("'\rcarriage");
  });

  it("Markdown escapes pipes and HTML so a cell stays a cell", () => {
    const md = registerMarkdown([row({ finding: "a | b <script>x</script>", ask: "line\nbreak" })], "Register");
    const lines = md.split("\n");
    expect(lines[2]).toBe(`| ${REGISTER_COLUMNS.join(" | ")} |`);
    expect(md).toContain("a \\| b &lt;script&gt;x&lt;/script&gt;");
    expect(md).toContain("line<br>break");
    const body = lines[4]!;
    expect(body.split(/(?<!\\)\|/).length - 2).toBe(REGISTER_COLUMNS.length);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("xlsx is the same bytes whenever it is written (entry dates from the result, not the clock)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-03-04T05:06:07Z"));
    const a = await registerXlsx([row()], "2026-11-01T00:00:00Z");
    vi.setSystemTime(new Date("2031-08-09T10:11:12Z"));
    const b = await registerXlsx([row()], "2026-11-01T00:00:00Z");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("xlsx holds the columns and every cell as neutralised text", async () => {
    const data = await registerXlsx([row(), hostile], "2026-11-01T00:00:00Z");
    const { default: Excel } = await import("exceljs");
    const wb = new Excel.Workbook();
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Findings")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...REGISTER_COLUMNS]);
    expect(sheet.getRow(3).getCell(2).value).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(sheet.getRow(3).getCell(7).value).toBe("'@SUM(A1)");
    expect(sheet.rowCount).toBe(3);
  });
});

describe("caution findings (in process)", () => {
  it("takes owner, status and due from caution.yaml and notes a stale entry with file and line", async () => {
    const id = demo.vendors[2]!.findings[0]!.id;
    const second = demo.vendors[2]!.findings[1]!.id;
    const dir = demoWith(
      `findings:\n  ${id}:\n    owner: Procurement\n    status: accepted\n    due: 2027-03-31\n  quarrion/ABC-01:\n    status: open\n  ${second}:\n    status: closed\n`,
    );
    const out = await runCommand((run) => findingsCommand(run, dir, { format: "csv" }));
    const rows = parse(out.stdout, { columns: true }) as RegisterRow[];
    expect(rows.find((r) => r.id === id)).toMatchObject({
      owner: "Procurement",
      status: "accepted",
      due: "2027-03-31",
    });
    const total = (await scoreDemo()).vendors.reduce((n, v) => n + v.findings.length, 0);
    expect(rows).toHaveLength(total);
    const yamlLines = readFileSync(join(dir, "caution.yaml"), "utf8").split("\n");
    // The entry's value starts on the line after its key, as for every other field caution locates.
    const line = yamlLines.findIndex((l) => l.includes("quarrion/ABC-01")) + 2;
    expect(out.stderr).toContain(`caution.yaml line ${line}: findings.quarrion/ABC-01: no finding quarrion/ABC-01`);
    expect(out.stderr).toMatch(
      new RegExp(
        `caution\\.yaml line \\d+: findings\\.${second.replace("/", "\\/")}\\.status: is closed, but this assessment still finds`,
      ),
    );
  });

  it("refuses a malformed id or status with file, line and field (exit 2 as InputError)", async () => {
    const dir = demoWith("findings:\n  not-an-id:\n    status: done\n");
    const err = await runCommand((run) => findingsCommand(run, dir, { format: "md" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const messages = (err as InputError).lines().join("\n");
    expect(messages).toMatch(
      /caution\.yaml line \d+: findings\.not-an-id: must be a finding id, <vendor id>\/<question id>/,
    );
    expect(messages).toMatch(/caution\.yaml line \d+: findings\.not-an-id\.status: "done" is not allowed/);
  });
});
