import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { answersImportCommand, registerAnswers } from "../../src/cli/commands/answers.js";
import {
  exportCommand,
  mapCommand,
  registerQuestionnaire,
  type ExportOptions,
} from "../../src/cli/commands/questionnaire.js";
import { UsageError } from "../../src/run/errors.js";
import { runCommand } from "../support/run.js";
import { InputError } from "../../src/load/input-issue.js";
import { csvCell } from "../../src/questionnaire-io/cells.js";
import { DEMO } from "../support/demo.js";
import { tempDir } from "../support/cli.js";
import { TODAY, failure, readWorkbook } from "./support.js";

async function runExport(opts: ExportOptions) {
  return runCommand((run) => exportCommand(run, opts), { today: TODAY });
}

describe("caution questionnaire export (command)", () => {
  it("prints csv, md and html to stdout", async () => {
    for (const format of ["csv", "md", "html", "MD"]) {
      const r = await runExport({ format });
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(1000);
      expect(r.stderr).toBe("");
    }
  });

  it("writes xlsx to --out atomically, leaving no temporary file", async () => {
    const dir = tempDir();
    const out = join(dir, "sub", "altavale-2027.xlsx");
    const r = await runExport({ format: "xlsx", vendor: "altavale", ws: DEMO, out });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `caution: wrote ${out}: questionnaire 1.0.0, 54 questions, pre-filled with 54 answers of altavale\n`,
    );
    expect(readdirSync(join(dir, "sub"))).toEqual(["altavale-2027.xlsx"]);
    expect((await readWorkbook(out)).getWorksheet("Answers")!.getCell("D2").value).toBe("Yes");
  });

  it("rejects bad flags with exit-2 errors", async () => {
    const usage = async (opts: ExportOptions) => {
      const err = await failure(runExport(opts));
      expect(err).toBeInstanceOf(UsageError);
      return err.message;
    };
    expect(await usage({ format: "docx" })).toBe("--format docx: allowed formats are xlsx, csv, html, md");
    expect(await usage({ format: "xlsx" })).toContain(
      "--format xlsx writes a binary workbook: give the file with --out",
    );
    expect(await usage({ format: "csv", out: tempDir() })).toContain("is a folder; give a file name");
    expect(await usage({ format: "csv", vendor: "Not A Slug" })).toContain(
      "--vendor Not A Slug: must be a lower-case slug",
    );
    const missing = await failure(runExport({ format: "csv", vendor: "nobody", ws: DEMO }));
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).issues[0]!.message).toContain("nobody has no answers in");
  });

  it("writes csv to --out", async () => {
    const out = join(tempDir(), "q.csv");
    expect((await runExport({ format: "csv", vendor: "cirrane", ws: DEMO, out })).code).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]).toMatch(/^id,question,allowed,answer,help,/);
  });
});

describe("caution questionnaire map (command)", () => {
  it("prints markdown by default and csv on request", async () => {
    const md = await runCommand((run) => mapCommand(run, {}));
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("Not covered yet:");
    const csv = await runCommand((run) => mapCommand(run, { format: "csv" }));
    expect(csv.stdout.startsWith("framework,control,title,covered,questions,domains\n")).toBe(true);
    await expect(runCommand((run) => mapCommand(run, { format: "pdf" }))).rejects.toThrow(
      "--format pdf: allowed formats are md, csv",
    );
  });
});

describe("caution answers import (command)", () => {
  it("rejects a bad vendor id or name before reading anything", async () => {
    const answers = (file: string, opts: Parameters<typeof answersImportCommand>[2]) =>
      runCommand((run) => answersImportCommand(run, file, opts));
    await expect(answers("x.xlsx", { vendor: "Bad Id" })).rejects.toThrow(UsageError);
    await expect(answers("x.xlsx", { vendor: "ok", name: " " })).rejects.toThrow("--name");
    const err = await failure(answers(join(tempDir(), "missing.xlsx"), { vendor: "ok" }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]!.message).toBe("file not found");
  });

  it("hints when the workspace does not list the vendor", async () => {
    const dir = join(tempDir(), "ws");
    cpSync(DEMO, dir, { recursive: true });
    const form = join(tempDir(), "f.csv");
    await runExport({ format: "csv", out: form });
    const rows = parseCsv(readFileSync(form, "utf8")) as string[][];
    rows[1]![3] = "yes";
    writeFileSync(form, rows.map((r) => r.map(csvCell).join(",")).join("\n"));
    const { code, stderr } = await runCommand(
      (run) => answersImportCommand(run, form, { vendor: "newcloud", into: dir }),
      { today: TODAY },
    );
    expect(code).toBe(0);
    expect(stderr).toContain("caution: newcloud is not listed under vendors: in caution.yaml; add it there");
    expect(existsSync(join(dir, "vendors", "newcloud.yaml"))).toBe(true);
  });
});

describe("registration", () => {
  it("adds questionnaire export/map and answers import to the program", () => {
    const program = new Command();
    registerQuestionnaire(program);
    registerAnswers(program);
    const names = program.commands.map((c) => `${c.name()}:${c.commands.map((s) => s.name()).join(",")}`);
    expect(names).toEqual(["questionnaire:export,map", "answers:import"]);
    const exp = program.commands[0]!.commands[0]!;
    expect(exp.options.map((o) => o.long)).toEqual(["--format", "--vendor", "--ws", "--out"]);
    const imp = program.commands[1]!.commands[0]!;
    expect(imp.options.map((o) => o.long)).toEqual(["--vendor", "--into", "--partial", "--name"]);
  });
});
