import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/yaml-file.js";
import { starterVendorYaml } from "../../src/questionnaire-io/starter-vendor.js";
import { vendorFile } from "../../src/schema/vendor.js";
import { validateVendor } from "../../src/validate/vendor.js";
import { tempDir } from "../support/cli.js";
import { col, exportXlsx, fillXlsx, questionnaire, read, rowOf, runImport } from "./support.js";

const OPTS = { id: "example-cloud", name: "Example Cloud" };

/** Removes one level of comment ("# " or a lone "#") from the lines from `from` to `to` (exclusive). */
function uncomment(text: string, from: RegExp, to?: RegExp): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => from.test(l));
  expect(start, String(from)).toBeGreaterThan(-1);
  let end = to ? lines.findIndex((l, i) => i > start && to.test(l)) : lines.length;
  if (end === -1) end = lines.length;
  for (let i = start; i < end; i++) lines[i] = lines[i]!.replace(/^# ?/, "");
  return lines.join("\n");
}

async function check(text: string) {
  const parsed = parseYaml(text, "vendors/example-cloud.yaml");
  expect(parsed.issues).toEqual([]);
  return validateVendor(parsed.source!, "example-cloud", await questionnaire(), "2026-11-01");
}

describe("the starter vendor file of caution init", () => {
  it("validates as it is: no answers: {} to delete, no SLA terms pretending to be real", async () => {
    const text = starterVendorYaml(await questionnaire(), { ...OPTS, schema: "/pkg/schemas/vendor.schema.json" });
    expect(text.startsWith("# yaml-language-server: $schema=/pkg/schemas/vendor.schema.json\n")).toBe(true);
    expect(text).not.toMatch(/^answers:/m);
    expect(text).not.toMatch(/^sla:/m);
    const valid = await check(text);
    expect(valid.issues).toEqual([]);
    expect(valid.vendor).toMatchObject({ id: "example-cloud", name: "Example Cloud", answers: {} });
    expect(text.split("\n").every((l) => l.length <= 120)).toBe(true);
  });

  it("lists every question with every answer value, its label and its risk points", async () => {
    const q = await questionnaire();
    const text = starterVendorYaml(q, OPTS);
    for (const question of q.questions) {
      const block = text.slice(
        text.indexOf(`#   ${question.id}:`),
        text.indexOf("# evidence:", text.indexOf(`#   ${question.id}:`)),
      );
      for (const o of question.options) {
        expect(block, `${question.id} ${o.value}`).toMatch(new RegExp(`#\\s{3}${o.value}\\s+`));
        expect(block.replace(/\n#\s+#\s+/g, " ")).toContain(`(${o.points} risk points)`);
      }
      expect(block).toContain("unknown");
      expect(block.includes("Not applicable")).toBe(question.allowNotApplicable);
    }
    expect(text).toContain(
      "#     #   bounded-no-approval     Yes, within limits (resource count, region, rate), without",
    );
  });

  it("turns into a valid file when the SLA block and every answer are uncommented", async () => {
    const q = await questionnaire();
    const text = starterVendorYaml(q, OPTS);
    const withSla = uncomment(text, /^# sla:/, /^$/);
    const sla = await check(withSla);
    expect(sla.issues).toEqual([]);
    expect(sla.vendor!.sla).toMatchObject({ uptimeCommitment: 99.95, exclusions: { providerAgents: "silent" } });
    expect(sla.vendor!.sla!.creditTiers).toHaveLength(3);

    const all = uncomment(uncomment(withSla, /^# answers:/), /^contact:|^# contact:/, /^$/);
    const full = await check(all);
    expect(full.issues).toEqual([]);
    expect(Object.keys(full.vendor!.answers)).toEqual(q.questions.map((x) => x.id));
    expect(Object.values(full.vendor!.answers).every((a) => a.answer === "unknown")).toBe(true);
  });

  it("takes imported answers, keeping its comments", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "vendors"));
    const path = join(dir, "vendors", "example-cloud.yaml");
    const starter = starterVendorYaml(await questionnaire(), OPTS);
    writeFileSync(path, starter);
    const form = await fillXlsx(await exportXlsx(), (sheet) => {
      rowOf(sheet, "INV-01").getCell(4).value = "Yes";
      rowOf(sheet, "INV-01").getCell(col(sheet, "Answered on")).value = "2026-10-01";
    });
    const r = await runImport(form, { vendor: "example-cloud", into: dir });
    expect(r.code, r.stderr).toBe(0);
    const after = read(path);
    expect(vendorFile.parse(parseYamlText(after)).answers).toEqual({
      "INV-01": { answer: "yes", evidence: [], answeredAt: "2026-10-01" },
    });
    // The guidance stays: every comment line of the starter is still there, in order.
    const comments = (t: string) => t.split("\n").filter((l) => l.startsWith("#"));
    expect(comments(after)).toEqual(comments(starter));
  });
});
