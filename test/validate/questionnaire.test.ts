import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/load/input-issue.js";
import { CURRENT_QUESTIONNAIRE } from "../../src/load/package-files.js";
import { parseYaml, type YamlSource } from "../../src/load/yaml-file.js";
import { NOT_APPLICABLE, UNKNOWN, validateQuestionnaire } from "../../src/validate/questionnaire.js";

/**
 * A minimal questionnaire; `questions` and `gates` are appended at the end. Lines: 12 `questions:`, 13 DEL-01,
 * 14 the first appended line.
 */
const base = (extra = "") => `id: q
version: 1.0.0
title: Test questionnaire
published: "2026-01-01"
answerSets:
  ynp:
    - { value: "yes", label: "Yes", points: 0 }
    - { value: "no", label: "No", points: 100 }
domains:
  - { id: DEL, title: Deletion, summary: S, weight: 1 }
  - { id: NET, title: Network, summary: S, weight: 2 }
questions:
  - { id: DEL-01, domain: DEL, agentKind: operator, text: T, help: H, why: W, ask: A, answers: ynp }
${extra}`;

const question = (id: string, domain: string, answers: string) =>
  `  - { id: ${id}, domain: ${domain}, agentKind: operator, text: T, help: H, why: W, ask: A, answers: ${answers} }\n`;
const inlineOptions = (id: string, values: [string, number][]) =>
  `  - id: ${id}\n    domain: DEL\n    agentKind: operator\n    text: T\n    help: H\n    why: W\n    ask: A\n    answers:\n${values.map(([v, p]) => `      - { value: "${v}", label: L, points: ${p} }\n`).join("")}`;
const gate = (questionId: string, answers: string) =>
  `gates:\n  - { id: G-TEST, question: ${questionId}, answers: ${answers}, minRating: high, title: T }\n`;

function source(text: string): YamlSource {
  const parsed = parseYaml(text, "q.yaml");
  if (!parsed.source) throw new Error(parsed.issues.map(formatIssue).join("\n"));
  return parsed.source;
}
const errors = (text: string) => validateQuestionnaire(source(text)).issues.map(formatIssue);

describe("validateQuestionnaire", () => {
  it("resolves answer sets and finds each question's worst option", () => {
    const result = validateQuestionnaire(
      source(
        base(
          inlineOptions("DEL-02", [
            ["a", 0],
            ["b", 70],
            ["c", 40],
          ]) + gate("DEL-01", '["no"]'),
        ),
      ),
    );
    expect(result.issues).toEqual([]);
    const q = result.questionnaire;
    expect(
      q?.questions.map((x) => [
        x.id,
        x.options.map((o) => o.value).join("/"),
        x.worst.value,
        x.allowNotApplicable,
        x.weight,
      ]),
    ).toEqual([
      ["DEL-01", "yes/no", "no", false, 1],
      ["DEL-02", "a/b/c", "b", false, 1],
    ]);
    expect(q?.gates).toEqual([{ id: "G-TEST", question: "DEL-01", answers: ["no"], minRating: "high", title: "T" }]);
    expect(q?.domains.map((d) => [d.id, d.frameworks])).toEqual([
      ["DEL", []],
      ["NET", []],
    ]);
  });

  it("accepts the shipped questionnaire", async () => {
    const result = validateQuestionnaire(source(await readFile(CURRENT_QUESTIONNAIRE, "utf8")));
    expect(result.issues).toEqual([]);
    expect(result.questionnaire?.version).toBe("1.0.0");
    for (const g of result.questionnaire?.gates ?? []) {
      const q = result.questionnaire?.questions.find((x) => x.id === g.question);
      expect(g.answers).toContain(q?.worst.value);
    }
  });

  it("reports a question in an unknown domain, with the defined domains", () => {
    expect(errors(base(question("SEC-01", "SEC", "ynp")))).toEqual([
      "q.yaml line 14: questions[1].domain: unknown domain SEC; defined: DEL, NET",
    ]);
  });

  it("reports a question id that does not start with its domain", () => {
    expect(errors(base(question("NET-02", "DEL", "ynp")))).toEqual([
      "q.yaml line 14: questions[1].id: question id NET-02 must start with its domain DEL-",
    ]);
  });

  it("reports a question defined twice", () => {
    expect(errors(base(question("DEL-01", "DEL", "ynp")))).toEqual([
      "q.yaml line 14: questions[1].id: question DEL-01 is defined twice",
    ]);
  });

  it("reports a domain defined twice", () => {
    expect(errors(base().replace("  - { id: NET, title: Network", "  - { id: DEL, title: Network"))).toEqual([
      "q.yaml line 11: domains[1].id: domain DEL is defined twice",
    ]);
  });

  it("reports an unknown answer set, with the defined sets", () => {
    expect(errors(base(question("DEL-02", "DEL", "yes-no")))).toEqual([
      'q.yaml line 14: questions[1].answers: unknown answer set "yes-no"; defined: ynp',
    ]);
  });

  it("reports answers that are neither a set id nor a list of options", () => {
    expect(errors(base(question("DEL-02", "DEL", "5")))).toEqual([
      "q.yaml line 14: questions[1].answers: expected string, got 5 (or one of the other accepted forms)",
    ]);
  });

  it("reports a gate on an unknown question", () => {
    expect(errors(base(gate("DEL-09", '["no"]')))).toEqual([
      "q.yaml line 15: gates[0].question: unknown question DEL-09",
    ]);
  });

  it("reports a gate answer that the question does not have", () => {
    expect(errors(base(gate("DEL-01", '["no", maybe]')))).toEqual([
      'q.yaml line 15: gates[0].answers: "maybe" is not an answer of DEL-01; allowed: yes, no',
    ]);
  });

  it("reports a gate that would let an answer as bad as a listed one escape", () => {
    // b (70) is listed; c ties with the worst (100) and a sits above b: both must fire the gate too.
    const q =
      base(
        inlineOptions("DEL-02", [
          ["ok", 0],
          ["b", 70],
          ["a", 80],
          ["c", 100],
          ["d", 100],
        ]),
      ) + gate("DEL-02", '["b", "d"]');
    expect(errors(q)).toEqual([
      'q.yaml line 28: gates[0].answers: must also list "a", "c": an answer at least as bad as one the gate lists (or an unanswered question) must not escape it',
    ]);
  });

  it("reports a gate that leaves out the worst answer", () => {
    expect(errors(base(gate("DEL-01", '["yes"]')))).toEqual([
      'q.yaml line 15: gates[0].answers: must also list "no": an answer at least as bad as one the gate lists (or an unanswered question) must not escape it',
    ]);
  });

  it("reports the reserved answer values unknown and na", () => {
    expect(UNKNOWN).toBe("unknown");
    expect(NOT_APPLICABLE).toBe("na");
    expect(
      errors(
        base(
          inlineOptions("DEL-02", [
            ["yes", 0],
            ["unknown", 100],
          ]),
        ),
      ),
    ).toEqual([
      'q.yaml line 22: questions[1].answers: "unknown" is reserved: every question accepts unknown, and na where allowNotApplicable is true',
    ]);
    expect(
      errors(
        base(
          inlineOptions("DEL-02", [
            ["yes", 0],
            ["na", 100],
          ]),
        ),
      ),
    ).toEqual([
      'q.yaml line 22: questions[1].answers: "na" is reserved: every question accepts unknown, and na where allowNotApplicable is true',
    ]);
  });

  it("reports a reserved value in an answer set at each question using it", () => {
    expect(errors(base(question("DEL-02", "DEL", "ynp")).replace('value: "no"', 'value: "unknown"'))).toEqual([
      'q.yaml line 13: questions[0].answers: "unknown" is reserved: every question accepts unknown, and na where allowNotApplicable is true',
      'q.yaml line 14: questions[1].answers: "unknown" is reserved: every question accepts unknown, and na where allowNotApplicable is true',
    ]);
  });

  it("reports repeated answer values", () => {
    expect(
      errors(
        base(
          inlineOptions("DEL-02", [
            ["yes", 0],
            ["yes", 100],
          ]),
        ),
      ),
    ).toEqual(["q.yaml line 22: questions[1].answers: answer values repeat"]);
  });

  it("reports schema errors with field and line, and returns no questionnaire", () => {
    const result = validateQuestionnaire(
      source(base().replace("version: 1.0.0", 'version: "1.0"').replace("weight: 2", "weight: 0")),
    );
    expect(result.questionnaire).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      'q.yaml line 2: version: "1.0" must be a semantic version such as 1.0.0',
      "q.yaml line 11: domains[1].weight: 0 is too small; must be > 0",
    ]);
  });

  it("reports every semantic error at once", () => {
    expect(errors(base(question("SEC-01", "SEC", "nope") + gate("DEL-01", '["yes"]')))).toEqual([
      "q.yaml line 14: questions[1].domain: unknown domain SEC; defined: DEL, NET",
      'q.yaml line 14: questions[1].answers: unknown answer set "nope"; defined: ynp',
      'q.yaml line 16: gates[0].answers: must also list "no": an answer at least as bad as one the gate lists (or an unanswered question) must not escape it',
    ]);
  });
});
