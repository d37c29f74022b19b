import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseYamlText } from "yaml";
import { describe, expect, it } from "vitest";
import { formatIssue, InputError } from "../../src/load/input-issue.js";
import { csvCell } from "../../src/questionnaire-io/cells.js";
import { loadMappings } from "../../src/questionnaire-io/load.js";
import { mapAnswer, mapAnswerSet, planVersions, type VersionPlan } from "../../src/questionnaire-io/version-map.js";
import { mappingFile } from "../../src/schema/mapping.js";
import { vendorFile } from "../../src/schema/vendor.js";
import { tempDir } from "../support/cli.js";
import {
  exportCsv,
  exportXlsx,
  failure,
  fillXlsx,
  historyMappings,
  questionnaire,
  read,
  rowOf,
  runImport,
  setInstruction,
} from "./support.js";

async function plan(from: string): Promise<VersionPlan> {
  const p = planVersions(await historyMappings(), from, "1.0.0");
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}

describe("version mappings: the shipped file and the schema", () => {
  it("ships questionnaires/mappings.yaml with an empty list for 1.0.0", async () => {
    const shipped = await loadMappings(await questionnaire());
    expect(shipped).toEqual({ questionnaire: "caution-ai-agent-controls", mappings: [] });
    expect(planVersions(shipped, "1.0.0", "1.0.0")).toEqual({
      ok: true,
      plan: { from: "1.0.0", to: "1.0.0", steps: [] },
    });
    const none = planVersions(shipped, "0.9.0", "1.0.0");
    expect(none.ok).toBe(false);
  });

  it("rejects contradictory mappings", () => {
    const r = mappingFile.safeParse({
      questionnaire: "q",
      mappings: [
        { from: "1.0.0", to: "1.0.0" },
        {
          from: "0.9.0",
          to: "1.0.0",
          renamed: { "AAA-01": "BBB-01", "AAA-02": "BBB-01" },
          removed: ["AAA-01"],
          added: ["BBB-01"],
        },
        { from: "0.9.0", to: "1.0.0" },
      ],
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "mappings.0.to: must differ from from (1.0.0)",
        "mappings.1.removed.0: AAA-01 is already listed under renamed; an old id maps one way only",
        "mappings.1.renamed.AAA-02: BBB-01 is the successor of both AAA-01 and AAA-02; merges are not supported",
        "mappings.1.renamed.AAA-01: BBB-01 is listed as added, so it cannot also succeed AAA-01",
        "mappings.2.from: a mapping from 0.9.0 is already given (mappings[1])",
      ]),
    );
  });

  it("checks the targets of a mapping to the current version against the questionnaire, with file and line", async () => {
    const path = join(tempDir(), "mappings.yaml");
    writeFileSync(
      path,
      "questionnaire: caution-ai-agent-controls\nmappings:\n  - from: 0.9.0\n    to: 1.0.0\n    renamed: { OLD-01: NEW-01 }\n    values: { TRN-01: { soon: eventually } }\n",
    );
    const err = await failure(loadMappings(await questionnaire(), path));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues.map(formatIssue)).toEqual([
      `${path} line 5: mappings.0.renamed.OLD-01: NEW-01 is not a question of 1.0.0`,
      `${path} line 6: mappings.0.values.TRN-01.soon: "eventually" is not an answer to TRN-01; allowed: within-14-days, within-30-days, within-90-days, no-deadline, never`,
    ]);
  });
});

describe("version mappings: the mapping function (fictional 0.8.0 -> 0.9.0 -> 1.0.0)", () => {
  it("chains steps and refuses versions it cannot reach", async () => {
    expect((await plan("0.8.0")).steps.map((s) => `${s.from}->${s.to}`)).toEqual(["0.8.0->0.9.0", "0.9.0->1.0.0"]);
    const m = await historyMappings();
    const older = planVersions(m, "0.7.0", "1.0.0");
    expect(older).toEqual({
      ok: false,
      message: expect.stringContaining(
        "there is no mapping from 0.7.0 towards the current version 1.0.0 (mappings exist from 0.8.0, 0.9.0)",
      ),
    });
    expect(planVersions(m, "2.0.0", "1.0.0").ok).toBe(false);
  });

  it("carries renamed, split and unchanged answers; drops removed, changed and added ones", async () => {
    const p = await plan("0.9.0");
    expect(mapAnswer(p, "STP-09", "yes")).toEqual({ carried: [{ id: "STP-03", value: "yes" }], dropped: [] });
    expect(mapAnswer(p, "SIM-09", "partial")).toEqual({
      carried: [
        { id: "SIM-01", value: "partial" },
        { id: "SIM-02", value: "partial" },
      ],
      dropped: [],
    });
    expect(mapAnswer(p, "DEL-01", "named-approval")).toEqual({
      carried: [{ id: "DEL-01", value: "named-approval" }],
      dropped: [],
    });
    expect(mapAnswer(p, "TRN-01", "within-2-weeks").carried).toEqual([{ id: "TRN-01", value: "within-14-days" }]);
    expect(mapAnswer(p, "DEL-09", "yes")).toEqual({
      carried: [],
      dropped: [{ id: "DEL-09", reason: "DEL-09 was removed in 1.0.0" }],
    });
    expect(mapAnswer(p, "APR-02", "yes").dropped[0]!.reason).toBe(
      "APR-02 changed in 1.0.0, so the answer given to 0.9.0 does not carry over",
    );
    expect(mapAnswer(p, "CUS-04", "yes").dropped[0]!.reason).toBe(
      "CUS-04 is a new question in 1.0.0, so the answer given to 0.9.0 does not carry over",
    );
    expect(mapAnswer(await plan("0.8.0"), "KIL-01", "no").carried).toEqual([{ id: "STP-03", value: "no" }]);
  });

  it("maps a whole answer set and lists what shows as unanswered", async () => {
    const set = mapAnswerSet(await plan("0.9.0"), {
      "STP-09": { answer: "yes", comment: "c" },
      "SIM-09": { answer: "no" },
      "APR-02": { answer: "yes" },
      "DEL-09": { answer: "no" },
    });
    expect(set.answers).toEqual({
      "STP-03": { answer: "yes", comment: "c" },
      "SIM-01": { answer: "no" },
      "SIM-02": { answer: "no" },
    });
    expect(set.dropped.map((d) => d.id)).toEqual(["APR-02", "DEL-09"]);
    expect(set.unanswered).toEqual(["APR-02", "CUS-04"]);
    expect(set.conflicts).toEqual([]);
  });
});

describe("version mappings at import time", () => {
  it("imports a 0.9.0 XLSX onto 1.0.0: renamed and split answers carry, changed and new questions stay unanswered", async () => {
    const q = await questionnaire();
    const form = await fillXlsx(await exportXlsx(), (sheet, info) => {
      setInstruction(info, "Version", "0.9.0");
      const answer = (id: string, oldId: string, value: string) => {
        const row = rowOf(sheet, id);
        row.getCell(1).value = oldId;
        row.getCell(4).value = value;
      };
      answer("STP-03", "STP-09", "yes");
      answer("SIM-01", "SIM-09", "partial");
      answer("DEL-05", "DEL-09", "named-approval"); // removed in 1.0.0
      answer("APR-02", "APR-02", "yes"); // changed in 1.0.0
      answer("TRN-01", "TRN-01", "within-2-weeks"); // a renamed option
      answer("INV-01", "INV-01", "yes");
    });
    const dir = tempDir();
    const r = await runImport(form, { vendor: "nimbus", into: dir }, { mappings: await historyMappings() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("mapped from questionnaire 0.9.0 onto 1.0.0");
    expect(r.stderr.split("\n").filter((l) => l.startsWith("caution: note:"))).toEqual([
      `caution: note: ${form} Answers!A10 (ID): DEL-09 was removed in 1.0.0; the answer was not imported`,
      `caution: note: ${form} Answers!A20 (ID): APR-02 changed in 1.0.0, so the answer given to 0.9.0 does not carry over; the answer was not imported`,
      "caution: note: APR-02 is new or changed in 1.0.0; it shows as unanswered until the vendor answers the current questionnaire",
      "caution: note: CUS-04 is new or changed in 1.0.0; it shows as unanswered until the vendor answers the current questionnaire",
    ]);
    const file = vendorFile.parse(parseYamlText(read(join(dir, "vendors", "nimbus.yaml"))));
    expect(file.questionnaireVersion).toBe(q.version);
    expect(Object.fromEntries(Object.entries(file.answers).map(([k, v]) => [k, v.answer]))).toEqual({
      "INV-01": "yes",
      "STP-03": "yes",
      "SIM-01": "partial",
      "SIM-02": "partial",
      "TRN-01": "within-14-days",
    });
  });

  it("reports an unknown old id with the version it was mapped from, and a version with no mapping", async () => {
    const form = await fillXlsx(await exportXlsx(), (sheet, info) => {
      setInstruction(info, "Version", "0.9.0");
      sheet.getCell("A2").value = "OLD-01";
      sheet.getCell("D2").value = "yes";
    });
    const err = await failure(
      runImport(form, { vendor: "nimbus", into: tempDir() }, { mappings: await historyMappings() }),
    );
    expect((err as InputError).issues.map(formatIssue)).toEqual([
      `${form} Answers!A2 (ID): unknown question id "OLD-01" (the form answers 0.9.0; mapped onto 1.0.0 it is OLD-01); questionnaire 1.0.0 has INV-01 to CON-05`,
    ]);
    const shipped = await failure(runImport(form, { vendor: "nimbus", into: tempDir() }));
    expect((shipped as InputError).issues.map(formatIssue)[0]).toMatch(
      /Instructions!B4 \(Version\): answers are to questionnaire version 0\.9\.0, and there is no mapping from 0\.9\.0 towards the current version 1\.0\.0/,
    );
  });

  it("reads the version of a CSV from its questionnaire_version column", async () => {
    const path = await exportCsv();
    const rows = parseCsv(read(path)) as string[][];
    const header = rows[0]!;
    for (const row of rows.slice(1)) row[header.indexOf("questionnaire_version")] = "0.9.0";
    const stp = rows.find((r) => r[0] === "STP-03")!;
    stp[0] = "STP-09";
    stp[header.indexOf("answer")] = "yes";
    writeFileSync(path, `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`);
    const dir = tempDir();
    const r = await runImport(path, { vendor: "nimbus", into: dir }, { mappings: await historyMappings() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("mapped from questionnaire 0.9.0 onto 1.0.0");
    expect(read(join(dir, "vendors", "nimbus.yaml"))).toContain('STP-03:\n    answer: "yes"');
  });
});
