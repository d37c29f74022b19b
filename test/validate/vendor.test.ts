import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/load/input-issue.js";
import { CURRENT_QUESTIONNAIRE } from "../../src/load/package-files.js";
import { parseYaml, type YamlSource } from "../../src/load/yaml-file.js";
import { validateQuestionnaire, type ValidQuestionnaire } from "../../src/validate/questionnaire.js";
import { validateVendor } from "../../src/validate/vendor.js";
import { answer as answerSchema, vendorFile } from "../../src/schema/vendor.js";
import { allowedFields, demoWorkspace, vendorYaml } from "./workspace-fixture.js";

/**
 * vendorYaml("cirrane") lines: 1 id, 2 name, 3 questionnaireVersion, 4 answeredAt, 5 answers, 6 INV-01, 7 answer,
 * 8 INV-03, 9 answer: na, 10 reason, 11 DEL-01, 12 answer, 13 evidence, 14 the evidence entry.
 */
async function vendorErrors(edit: (yaml: string) => string): Promise<string[]> {
  const ws = await demoWorkspace();
  await ws.write("vendors/cirrane.yaml", edit(vendorYaml("cirrane")));
  return ws.run();
}

describe("vendor files in a workspace", () => {
  it("accepts the fixture's answers file", async () => {
    expect(await vendorErrors((y) => y)).toEqual([]);
  });

  it("reports an id that does not match the file name", async () => {
    expect(await vendorErrors((y) => y.replace("id: cirrane", "id: cirrane-cloud"))).toEqual([
      'ws/vendors/cirrane.yaml line 1: id: "cirrane-cloud" does not match the file name; rename the file to vendors/cirrane-cloud.yaml or set id: cirrane',
    ]);
  });

  it("reports an id that is not a slug once, by the schema", async () => {
    expect(await vendorErrors((y) => y.replace("id: cirrane", "id: Cirrane Cloud"))).toEqual([
      'ws/vendors/cirrane.yaml line 1: id: "Cirrane Cloud" must be a lower-case slug (a-z, 0-9, -), at most 63 characters',
    ]);
  });

  it("reports an unknown question id with the questionnaire's range", async () => {
    expect(await vendorErrors((y) => y.replace("INV-01:", "INV-99:"))).toEqual([
      "ws/vendors/cirrane.yaml line 7: answers.INV-99: unknown question id; questionnaire 1.0.0 has INV-01 to CON-05",
    ]);
  });

  it("reports a malformed question id", async () => {
    expect(await vendorErrors((y) => y.replace("INV-01:", "inv-1:"))).toEqual([
      "ws/vendors/cirrane.yaml line 7: answers.inv-1: Invalid key in record",
    ]);
  });

  it("reports an answer the question does not allow, with the allowed values", async () => {
    expect(await vendorErrors((y) => y.replace("answer: partial", "answer: maybe"))).toEqual([
      'ws/vendors/cirrane.yaml line 7: answers.INV-01.answer: "maybe" is not an answer to INV-01; allowed: yes, partial, no, unknown',
    ]);
  });

  it("lists na among the allowed answers where the question allows it", async () => {
    expect(await vendorErrors((y) => y.replace("answer: na\n", "answer: sometimes\n"))).toEqual([
      'ws/vendors/cirrane.yaml line 9: answers.INV-03.answer: "sometimes" is not an answer to INV-03; allowed: suggest-only, act-with-approval, act-alone-bounded, act-alone, unknown, na',
    ]);
  });

  it("names the likely answer of a typo, also when the typo is not even a slug", async () => {
    const named = "answers.DEL-01.answer";
    const allowed = "allowed: named-approval, runbook-stateless-only, bounded-no-approval, unrestricted, unknown";
    const typo = (value: string) =>
      vendorErrors((y) => y.replace("answer: runbook-stateless-only", `answer: ${value}`));
    expect(await typo('"named approval"')).toEqual([
      `ws/vendors/cirrane.yaml line 12: ${named}: "named approval" is not an answer to DEL-01 (did you mean \`named-approval\`?); ${allowed}`,
    ]);
    expect(await typo("named-aproval")).toEqual([
      `ws/vendors/cirrane.yaml line 12: ${named}: "named-aproval" is not an answer to DEL-01 (did you mean \`named-approval\`?); ${allowed}`,
    ]);
    // A label typed instead of its value points to the value.
    expect(await typo('"Yes, without approval or limits"')).toEqual([
      `ws/vendors/cirrane.yaml line 12: ${named}: "Yes, without approval or limits" is not an answer to DEL-01 (did you mean \`unrestricted\`?); ${allowed}`,
    ]);
    // Nothing near: no guess, only the allowed values.
    expect(await typo("sometimes")).toEqual([
      `ws/vendors/cirrane.yaml line 12: ${named}: "sometimes" is not an answer to DEL-01; ${allowed}`,
    ]);
    // A value that is not a string is still the schema's to report.
    expect(await typo("[a, b]")).toEqual([`ws/vendors/cirrane.yaml line 12: ${named}: expected string, got a list`]);
  });

  it("accepts unknown for any question", async () => {
    expect(await vendorErrors((y) => y.replace("answer: partial", "answer: unknown"))).toEqual([]);
  });

  it("reports na where the question does not allow it", async () => {
    expect(
      await vendorErrors((y) => y.replace("answer: partial", 'answer: na\n    reason: "We run no agent."')),
    ).toEqual([
      'ws/vendors/cirrane.yaml line 7: answers.INV-01.answer: "na" is not an answer to INV-01 (INV-01 cannot be answered not applicable); allowed: yes, partial, no, unknown',
    ]);
  });

  it("reports na without a reason", async () => {
    expect(await vendorErrors((y) => y.replace('    reason: "No customer-facing agent."\n', ""))).toEqual([
      "ws/vendors/cirrane.yaml line 9: answers.INV-03.reason: an answer of na needs a reason saying why the question does not apply",
    ]);
  });

  it("reports an empty reason through the schema only", async () => {
    expect(await vendorErrors((y) => y.replace('reason: "No customer-facing agent."', 'reason: "  "'))).toEqual([
      "ws/vendors/cirrane.yaml line 10: answers.INV-03.reason: must not be empty",
    ]);
  });

  it("reports a file answeredAt after the as-of date", async () => {
    expect(await vendorErrors((y) => y.replace('answeredAt: "2026-07-14"', 'answeredAt: "2026-11-02"'))).toEqual([
      "ws/vendors/cirrane.yaml line 4: answeredAt: 2026-11-02 is after the workspace as-of date 2026-11-01",
    ]);
  });

  it("accepts answeredAt on the as-of date itself", async () => {
    expect(await vendorErrors((y) => y.replace('answeredAt: "2026-07-14"', 'answeredAt: "2026-11-01"'))).toEqual([]);
  });

  it("reports an answer's answeredAt after the as-of date", async () => {
    expect(
      await vendorErrors((y) => y.replace("answer: partial", 'answer: partial\n    answeredAt: "2027-01-01"')),
    ).toEqual([
      "ws/vendors/cirrane.yaml line 8: answers.INV-01.answeredAt: 2027-01-01 is after the workspace as-of date 2026-11-01",
    ]);
  });

  it("reports an evidence date after the as-of date", async () => {
    expect(await vendorErrors((y) => y.replace('date: "2026-03-02"', 'date: "2026-12-01"'))).toEqual([
      "ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].date: 2026-12-01 is after the workspace as-of date 2026-11-01",
    ]);
  });

  it("reports an evidence date that is not a date", async () => {
    expect(await vendorErrors((y) => y.replace('date: "2026-03-02"', 'date: "March 2026"'))).toEqual([
      'ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].date: "March 2026" must be a date in the form YYYY-MM-DD',
    ]);
  });

  it("reports an evidence url that is not https", async () => {
    expect(
      await vendorErrors((y) => y.replace("https://www.cirrane.example/wp.pdf", "http://www.cirrane.example/wp.pdf")),
    ).toEqual([
      'ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].url: "http://www.cirrane.example/wp.pdf" must be an https:// URL',
    ]);
    expect(await vendorErrors((y) => y.replace("https://www.cirrane.example/wp.pdf", "javascript:alert(1)"))).toEqual([
      'ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].url: "javascript:alert(1)" must be an https:// URL',
    ]);
  });

  it("reports an unknown field in an answer with the allowed fields", async () => {
    expect(await vendorErrors((y) => y.replace("answer: partial", "answer: partial\n    note: hi"))).toEqual([
      `ws/vendors/cirrane.yaml line 8: answers.INV-01.note: unknown field; allowed: ${allowedFields(answerSchema)}`,
    ]);
  });

  it("reports a questionnaireVersion with another major version", async () => {
    expect(await vendorErrors((y) => y.replace("questionnaireVersion: 1.0.0", "questionnaireVersion: 2.0.0"))).toEqual([
      "ws/vendors/cirrane.yaml line 3: questionnaireVersion: answers were given to questionnaire 2.0.0; caution uses 1.0.0, whose major version differs",
    ]);
  });

  it("accepts a questionnaireVersion with the same major version", async () => {
    expect(await vendorErrors((y) => y.replace("questionnaireVersion: 1.0.0", "questionnaireVersion: 1.4.2"))).toEqual(
      [],
    );
  });

  it("reports a missing questionnaireVersion", async () => {
    expect(await vendorErrors((y) => y.replace("questionnaireVersion: 1.0.0\n", ""))).toEqual([
      "ws/vendors/cirrane.yaml line 1: questionnaireVersion: is required",
    ]);
  });

  it("still reports semantic errors of a file with schema errors, in the same run", async () => {
    expect(
      await vendorErrors((y) =>
        y
          .replace("id: cirrane", "id: other")
          .replace('name: "Cirrane Cloud B.V."\n', "colour: blue\n")
          .replace("answer: partial", "answer: maybe")
          .replace('date: "2026-03-02"', 'date: "2026-12-01"')
          .replace("https://www", "ftp://www"),
      ),
    ).toEqual([
      "ws/vendors/cirrane.yaml line 1: name: is required",
      'ws/vendors/cirrane.yaml line 1: id: "other" does not match the file name; rename the file to vendors/other.yaml or set id: cirrane',
      `ws/vendors/cirrane.yaml line 2: colour: unknown field; allowed: ${allowedFields(vendorFile)}`,
      'ws/vendors/cirrane.yaml line 7: answers.INV-01.answer: "maybe" is not an answer to INV-01; allowed: yes, partial, no, unknown',
      'ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].url: "ftp://www.cirrane.example/wp.pdf" must be an https:// URL',
      "ws/vendors/cirrane.yaml line 14: answers.DEL-01.evidence[0].date: 2026-12-01 is after the workspace as-of date 2026-11-01",
    ]);
  });
});

describe("validateVendor", () => {
  let questionnaire: ValidQuestionnaire | undefined;
  const load = async (): Promise<ValidQuestionnaire> => {
    if (!questionnaire) {
      const parsed = parseYaml(await readFile(CURRENT_QUESTIONNAIRE, "utf8"), "q.yaml");
      questionnaire = parsed.source && validateQuestionnaire(parsed.source).questionnaire;
    }
    if (!questionnaire) throw new Error("questionnaire did not validate");
    return questionnaire;
  };
  const source = (text: string): YamlSource => {
    const parsed = parseYaml(text, "v.yaml");
    if (!parsed.source) throw new Error(parsed.issues.map(formatIssue).join("\n"));
    return parsed.source;
  };

  it("returns the parsed vendor file when valid, with defaults filled in", async () => {
    const result = validateVendor(source(vendorYaml("cirrane")), "cirrane", await load(), "2026-11-01");
    expect(result.issues).toEqual([]);
    expect(result.vendor?.answers["INV-01"]).toEqual({ answer: "partial", evidence: [] });
    expect(result.vendor?.answers["INV-03"]).toEqual({
      answer: "na",
      evidence: [],
      reason: "No customer-facing agent.",
    });
  });

  it("returns no vendor when only a semantic check fails", async () => {
    const result = validateVendor(source(vendorYaml("cirrane")), "cirrane", await load(), "2026-07-13");
    expect(result.vendor).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      "v.yaml line 4: answeredAt: 2026-07-14 is after the workspace as-of date 2026-07-13",
    ]);
  });

  it("copes with answers that are not mappings", async () => {
    const result = validateVendor(
      source('id: cirrane\nname: C\nquestionnaireVersion: 1.0.0\nanswers:\n  INV-01: "yes"\n'),
      "cirrane",
      await load(),
      "2026-11-01",
    );
    expect(result.issues.map(formatIssue)).toEqual(['v.yaml line 5: answers.INV-01: expected object, got "yes"']);
  });
});
