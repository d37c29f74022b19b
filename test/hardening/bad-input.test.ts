import { appendFileSync, closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CSV_BYTES, MAX_CSV_RECORD_CHARS } from "../../src/load/csv-file.js";
import { MAX_YAML_BYTES } from "../../src/load/text-file.js";
import { caution, tempDir } from "../support/cli.js";
import { DEMO } from "../support/demo.js";
import { demoCopy, escapeRegExp, snapshot, temporaries } from "./support.js";
import { editIncident, editYaml, readIncidents } from "./workspace-edit.js";

/**
 * Bad input through the real CLI: exit 2, every error on its own stderr line with the file, the line (YAML) or row
 * (CSV) where there is one and the field, "nothing was written", and an output folder holding an earlier report
 * exactly as it was (no new file, no temporary file).
 */
let earlier: string;
let before: Record<string, string>;

beforeAll(() => {
  earlier = join(tempDir(), "reports");
  const r = caution(["report", "samples/demo", "--out", earlier, "--format", "html,json", "--kind", "executive", "-q"]);
  expect(r.code).toBe(0);
  before = snapshot(earlier);
  expect(Object.keys(before)).toEqual(["caution-executive.html", "caution-result.json"]);
});

/** Runs `caution report` (all formats) on the broken workspace into the folder holding the earlier report. */
function reportFails(ws: string): string[] {
  const r = caution(["report", ws, "--out", earlier, "--format", "html,pdf,json", "-q"]);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines.at(-1)).toMatch(/^caution: \d+ errors? in the input; nothing was written\.$/);
  expect(r.code).toBe(2);
  expect(snapshot(earlier)).toEqual(before);
  expect(temporaries(earlier)).toEqual([]);
  return lines.slice(0, -1);
}

/** `<ws>/<file>[ line N| row N[ (line M)]]: [field: ]message`, the message matched by `message`. */
function located(
  ws: string,
  file: string,
  where: "line" | "row" | "file",
  field: string | undefined,
  message: RegExp | string,
): RegExp {
  const loc = where === "file" ? "" : where === "line" ? " line \\d+" : " row \\d+(?: \\(line \\d+\\))?";
  const msg = typeof message === "string" ? escapeRegExp(message) : message.source;
  return new RegExp(`^${escapeRegExp(join(ws, file))}${loc}: ${field ? `${escapeRegExp(field)}: ` : ""}.*${msg}`);
}

const expectLine = (lines: string[], re: RegExp) =>
  expect(
    lines.some((l) => re.test(l)),
    `no line matches ${re}\n${lines.join("\n")}`,
  ).toBe(true);

describe("bad input: exit 2, every error located, nothing written", () => {
  it("empty files: YAML and CSV", () => {
    const ws = demoCopy((d) => {
      writeFileSync(join(d, "vendors", "cirrane.yaml"), "");
      writeFileSync(join(d, "incidents", "quarrion.csv"), "");
      writeFileSync(join(d, "incidents", "altavale.csv"), "\n\n\n");
    });
    const lines = reportFails(ws);
    expectLine(lines, located(ws, "vendors/cirrane.yaml", "file", undefined, "file is empty"));
    expectLine(lines, located(ws, "incidents/quarrion.csv", "file", undefined, "file is empty"));
    expectLine(lines, located(ws, "incidents/altavale.csv", "file", undefined, "file has no header row"));
  });

  it("an empty caution.yaml", () => {
    const ws = demoCopy((d) => writeFileSync(join(d, "caution.yaml"), ""));
    expectLine(reportFails(ws), located(ws, "caution.yaml", "file", undefined, "file is empty"));
  });

  it("truncated files: a YAML cut mid-way, a CSV cut mid-row", () => {
    const ws = demoCopy((d) => {
      const yaml = join(d, "vendors", "cirrane.yaml");
      const text = readFileSync(yaml, "utf8");
      // Cut inside a quoted comment, as an interrupted copy or upload would.
      writeFileSync(yaml, text.slice(0, text.indexOf('"', Math.floor(text.length / 2)) + 12));
      const csv = join(d, "incidents", "quarrion.csv");
      const rows = readFileSync(csv, "utf8");
      writeFileSync(csv, rows.slice(0, rows.indexOf("\n", rows.length / 2) + 40));
    });
    const lines = reportFails(ws);
    expectLine(lines, located(ws, "vendors/cirrane.yaml", "line", undefined, /YAML syntax error: /));
    expectLine(
      lines,
      located(ws, "incidents/quarrion.csv", "row", undefined, /malformed CSV: row has \d+ fields; the header has 12/),
    );
  });

  it("binary files", () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const ws = demoCopy((d) => {
      writeFileSync(join(d, "vendors", "cirrane.yaml"), bytes);
      writeFileSync(join(d, "incidents", "cirrane.csv"), bytes);
      // No NUL byte, but not UTF-8 either.
      writeFileSync(
        join(d, "vendors", "quarrion.yaml"),
        Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]),
      );
    });
    const lines = reportFails(ws);
    expectLine(
      lines,
      located(ws, "vendors/cirrane.yaml", "file", undefined, "file contains NUL bytes: it is binary, not text"),
    );
    expectLine(
      lines,
      located(ws, "incidents/cirrane.csv", "file", undefined, "file contains NUL bytes: it is binary, not CSV"),
    );
    expectLine(
      lines,
      located(ws, "vendors/quarrion.yaml", "file", undefined, "file is not valid UTF-8; save it as UTF-8"),
    );
  });

  it("UTF-16 files (either byte order)", () => {
    const utf16 = (text: string, bigEndian: boolean) => {
      const le = Buffer.from(`\ufeff${text}`, "utf16le");
      return bigEndian ? le.swap16() : le;
    };
    const ws = demoCopy((d) => {
      for (const [file, be] of [
        ["vendors/cirrane.yaml", false],
        ["incidents/cirrane.csv", true],
        ["caution.yaml", true],
      ] as const) {
        writeFileSync(join(d, file), utf16(readFileSync(join(d, file), "utf8"), be));
      }
    });
    const lines = reportFails(ws);
    for (const file of ["vendors/cirrane.yaml", "incidents/cirrane.csv", "caution.yaml"]) {
      expectLine(lines, located(ws, file, "file", undefined, "file is UTF-16 encoded; save it as UTF-8"));
    }
  });

  it("accepts a UTF-8 byte-order mark in YAML and CSV (and writes the report)", () => {
    const ws = demoCopy((d) => {
      for (const file of ["caution.yaml", "vendors/cirrane.yaml", "incidents/cirrane.csv"]) {
        writeFileSync(join(d, file), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(d, file))]));
      }
    });
    const out = join(tempDir(), "out");
    // One seed for both: by default the risk simulation's seed comes from the input digests, which the BOM changes.
    const r = caution(["report", ws, "--out", out, "--format", "json", "-q", "--seed", "bom"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plain = JSON.parse(caution(["score", "samples/demo", "--json", "-q", "--seed", "bom"]).stdout) as {
      vendors: unknown;
    };
    expect(
      (JSON.parse(readFileSync(join(out, "caution-result.json"), "utf8")) as { vendors: unknown }).vendors,
    ).toEqual(plain.vendors);
  });

  it(`files over the limits: YAML ${MAX_YAML_BYTES} bytes, CSV ${MAX_CSV_BYTES} bytes, one CSV record ${MAX_CSV_RECORD_CHARS} characters`, () => {
    const ws = demoCopy((d) => {
      appendFileSync(join(d, "vendors", "cirrane.yaml"), `# ${"padding ".repeat(MAX_YAML_BYTES / 8)}\n`);
      // A sparse file: over 2 GiB by its size, without writing 2 GiB. Refused by its size before it is read.
      const big = join(d, "incidents", "quarrion.csv");
      const fd = openSync(big, "r+");
      ftruncateSync(fd, MAX_CSV_BYTES + 1);
      closeSync(fd);
      // An unclosed quote and no other quote after it: the record would run to the end of the file.
      const csv = join(d, "incidents", "cirrane.csv");
      const [header, first] = readFileSync(csv, "utf8").split("\n");
      const filler = Array.from(
        { length: 30_000 },
        (_, i) => `cirrane,X${i},${"t".repeat(40)},2026-01-01T00:00:00Z,,minor,,,,no,,`,
      );
      writeFileSync(csv, [header, first, first!.replace(",minor,", ',"minor,'), ...filler].join("\n"));
    });
    const lines = reportFails(ws);
    expectLine(
      lines,
      located(
        ws,
        "vendors/cirrane.yaml",
        "file",
        undefined,
        new RegExp(`file is \\d+ bytes; the limit is ${MAX_YAML_BYTES} bytes`),
      ),
    );
    expectLine(
      lines,
      located(
        ws,
        "incidents/quarrion.csv",
        "file",
        undefined,
        `file is ${MAX_CSV_BYTES + 1} bytes; the limit is ${MAX_CSV_BYTES} bytes (2 GiB)`,
      ),
    );
    expectLine(
      lines,
      new RegExp(
        `^${escapeRegExp(join(ws, "incidents/cirrane.csv"))} row 3: malformed CSV: the record starting here is longer than ${MAX_CSV_RECORD_CHARS} characters`,
      ),
    );
    expect(lines).toHaveLength(3);
  });

  it("a YAML alias bomb (billion laughs)", () => {
    const ws = demoCopy((d) => {
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
      }
      appendFileSync(join(d, "vendors", "cirrane.yaml"), `bomb:\n${levels.map((l) => `  ${l}`).join("\n")}\n`);
    });
    // The bomb starts with c (aliases of b, itself made of aliases): "bomb:" is appended after the file's last line.
    const line = readFileSync(join(DEMO, "vendors", "cirrane.yaml"), "utf8").split("\n").length - 1 + 4;
    expectLine(
      reportFails(ws),
      new RegExp(
        `^${escapeRegExp(join(ws, "vendors/cirrane.yaml"))} line ${line}: YAML Excessive alias count indicates a resource exhaustion attack \\(aliases of aliases from this line on\\)$`,
      ),
    );
  });

  it("duplicate keys", () => {
    const ws = demoCopy((d) => {
      const p = join(d, "vendors", "cirrane.yaml");
      writeFileSync(
        p,
        readFileSync(p, "utf8").replace(
          "questionnaireVersion: 1.0.0\n",
          "questionnaireVersion: 1.0.0\nname: Cirrane again\n",
        ),
      );
    });
    expectLine(
      reportFails(ws),
      located(ws, "vendors/cirrane.yaml", "line", undefined, "YAML duplicate key: Map keys must be unique"),
    );
  });

  it("a vendor listed twice, an answer to an unknown question, a date after the as-of date", () => {
    const ws = demoCopy((d) => {
      const ws = join(d, "caution.yaml");
      writeFileSync(
        ws,
        readFileSync(ws, "utf8").replace(
          "\nvendors:\n",
          "\nvendors:\n  - { id: cirrane, monthlySpend: 1, criticality: low }\n",
        ),
      );
      editYaml(join(d, "vendors", "altavale.yaml"), [
        [["answers", "DEL-99"], { answer: "yes" }],
        [["answeredAt"], "2026-12-24"],
      ]);
    });
    const lines = reportFails(ws);
    expectLine(
      lines,
      located(ws, "caution.yaml", "line", "vendors[2].id", "vendor cirrane is listed twice (first as vendors[0])"),
    );
    expectLine(lines, located(ws, "vendors/altavale.yaml", "line", "answers.DEL-99", "unknown question id"));
    expectLine(
      lines,
      located(
        ws,
        "vendors/altavale.yaml",
        "line",
        "answeredAt",
        "2026-12-24 is after the workspace as-of date 2026-11-01",
      ),
    );
  });

  it("incident rows: no offset, resolved before started, after the as-of date, a repeated id", () => {
    const ws = demoCopy((d) => {
      editIncident(d, "quarrion", 0, { started_at: "2026-03-04T09:15:00" });
      editIncident(d, "quarrion", 1, { started_at: "2026-03-04T09:15:00Z", resolved_at: "2026-03-04T08:00:00Z" });
      editIncident(d, "quarrion", 2, { started_at: "2026-11-02T00:00:00Z", resolved_at: "" });
      editIncident(d, "quarrion", 4, { id: readIncidents(d, "quarrion").rows[3]![1]! });
    });
    const lines = reportFails(ws);
    const csv = "incidents/quarrion.csv";
    expectLine(
      lines,
      located(
        ws,
        csv,
        "row",
        "started_at",
        '"2026-03-04T09:15:00" must be an ISO 8601 timestamp with a Z or ±hh:mm offset',
      ),
    );
    expect(lines.find((l) => l.includes("row 2:"))).toMatch(/ row 2: started_at: /);
    expectLine(
      lines,
      located(ws, csv, "row", "resolved_at", "2026-03-04T08:00:00Z is before started_at 2026-03-04T09:15:00Z"),
    );
    expectLine(
      lines,
      located(ws, csv, "row", "started_at", "2026-11-02T00:00:00Z is after the workspace as-of date 2026-11-01"),
    );
    expectLine(
      lines,
      located(ws, csv, "row", "id", `incident quarrion/QX-4K2W6B already appears at ${join(ws, csv)} row 5`),
    );
    expect(lines.filter((l) => l.startsWith(join(ws, csv))).map((l) => /row (\d+)/.exec(l)?.[1])).toEqual([
      "2",
      "3",
      "4",
      "6",
    ]);
  });

  it("lists every error of a run at once, across files", () => {
    const ws = demoCopy((d) => {
      writeFileSync(join(d, "vendors", "cirrane.yaml"), "");
      editIncident(d, "quarrion", 0, { started_at: "yesterday" });
      editIncident(d, "altavale", 0, { severity: "apocalyptic" });
      editYaml(join(d, "vendors", "altavale.yaml"), [[["answers", "INV-01", "answer"], "maybe"]]);
    });
    const lines = reportFails(ws);
    expect(lines).toHaveLength(4);
    expectLine(lines, located(ws, "vendors/cirrane.yaml", "file", undefined, "file is empty"));
    expectLine(lines, located(ws, "incidents/quarrion.csv", "row", "started_at", '"yesterday"'));
    expectLine(lines, located(ws, "incidents/altavale.csv", "row", "severity", '"apocalyptic" is not allowed'));
    expectLine(
      lines,
      located(ws, "vendors/altavale.yaml", "line", "answers.INV-01.answer", '"maybe" is not an answer to INV-01'),
    );
  });
});
