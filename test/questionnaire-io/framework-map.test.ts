import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, InputError } from "../../src/load/input-issue.js";
import {
  covers,
  frameworkMapCsv,
  frameworkMapMarkdown,
  mapFrameworks,
} from "../../src/questionnaire-io/framework-map.js";
import { loadCatalogue } from "../../src/questionnaire-io/load.js";
import { tempDir } from "../support/cli.js";
import { failure, questionnaire } from "./support.js";

describe("framework catalogue and coverage map", () => {
  it("matches a reference to a control by prefix at a non-alphanumeric boundary", () => {
    const art14 = { ref: "EU AI Act Art. 14", title: "Human oversight" };
    expect(covers("EU AI Act Art. 14", art14)).toBe(true);
    expect(covers("EU AI Act Art. 14(4)(e)", art14)).toBe(true);
    expect(covers("EU AI Act Art. 1", art14)).toBe(false);
    expect(covers("EU AI Act Art. 140", art14)).toBe(false);
    expect(covers("OWASP LLM06:2025", { ref: "OWASP LLM06", title: "Excessive Agency" })).toBe(true);
    expect(covers("NIST AI RMF MEASURE 2.1", { ref: "NIST AI RMF MEASURE 2", title: "t" })).toBe(true);
    expect(covers("ISO 42001 A.10", { ref: "ISO 42001 A.1", title: "t" })).toBe(false);
    expect(
      covers("ISO/IEC 42001 A.4", { ref: "ISO 42001 A.4", title: "t", match: ["ISO 42001 A.4", "ISO/IEC 42001 A.4"] }),
    ).toBe(true);
  });

  it("ships a catalogue with the controls of the design notes", async () => {
    const catalogue = await loadCatalogue();
    const refs = catalogue.frameworks.flatMap((f) => f.controls.map((c) => c.ref));
    expect(refs).toEqual(
      expect.arrayContaining([
        "OWASP LLM06",
        ...Array.from({ length: 10 }, (_, i) => `OWASP Agentic ASI${String(i + 1).padStart(2, "0")}`),
        "NIST AI RMF GOVERN 1.6",
        "NIST AI RMF MANAGE 2.3",
        "NIST AI RMF MANAGE 2.4",
        "NIST AI RMF MANAGE 3.1",
        "NIST AI RMF MEASURE 2",
        "ISO 42001 A.4",
        "ISO 42001 A.6.2.6",
        "ISO 42001 A.6.2.8",
        "ISO 42001 A.8.4",
        "ISO 42001 A.9",
        "ISO 42001 A.10",
        "EU AI Act Art. 12",
        "EU AI Act Art. 14",
        "EU AI Act Art. 19",
        "EU AI Act Art. 26",
        "EU AI Act Art. 73",
        "DORA Art. 9",
        "DORA Art. 19",
        "DORA Art. 24",
        "DORA Art. 25",
        "DORA Art. 28",
        "DORA Art. 30",
      ]),
    );
  });

  it("lists the questions covering each control, and the controls no question covers", async () => {
    const map = mapFrameworks(await questionnaire(), await loadCatalogue());
    const control = (ref: string) => map.frameworks.flatMap((f) => f.controls).find((c) => c.control.ref === ref)!;
    expect(control("NIST AI RMF MANAGE 2.4").questions).toEqual(["STP-01", "STP-02", "STP-03", "STP-04"]);
    expect(control("NIST AI RMF MANAGE 2.4").domains).toEqual(["STP"]);
    expect(control("EU AI Act Art. 14").questions).toContain("STP-01"); // via Art. 14(4)(e)
    expect(control("DORA Art. 30").questions).toEqual(expect.arrayContaining(["CON-01", "CON-05", "INV-04", "TRN-05"]));
    for (const gap of [
      "OWASP Agentic ASI04",
      "OWASP Agentic ASI05",
      "OWASP Agentic ASI06",
      "OWASP Agentic ASI07",
      "OWASP Agentic ASI09",
      "NIST AI RMF MANAGE 2.3",
      "NIST AI RMF MANAGE 3.1",
      "ISO 42001 A.9",
      "ISO 42001 A.10",
      "DORA Art. 28",
    ]) {
      expect(control(gap).questions, gap).toEqual([]);
      expect(control(gap).domains, gap).toEqual([]);
    }
    expect(map.other).toEqual([]);

    const md = frameworkMapMarkdown(map);
    expect(md).toContain("# Framework coverage of caution-ai-agent-controls 1.0.0");
    expect(md).toContain(
      "| NIST AI RMF MANAGE 2.4 | Supersede, disengage or deactivate AI systems | STP-01, STP-02, STP-03, STP-04 | STP |",
    );
    expect(md).toContain(
      "Not covered yet: OWASP Agentic ASI04 (Agentic Supply Chain Vulnerabilities); OWASP Agentic ASI05",
    );
    expect(md).toMatch(
      /## DORA, Regulation \(EU\) 2022\/2554[\s\S]*Not covered yet: DORA Art\. 28 \(Managing ICT third-party risk\)\./,
    );

    const csv = frameworkMapCsv(map).split("\n");
    expect(csv[0]).toBe("framework,control,title,covered,questions,domains");
    expect(csv).toContain(
      'nist-ai-rmf,NIST AI RMF MANAGE 2.4,"Supersede, disengage or deactivate AI systems",yes,STP-01;STP-02;STP-03;STP-04,STP',
    );
    expect(csv).toContain("dora,DORA Art. 28,Managing ICT third-party risk,no,,");
  });

  it("lists references outside the catalogue", async () => {
    const map = mapFrameworks(await questionnaire(), {
      frameworks: [{ id: "dora", title: "DORA", controls: [{ ref: "DORA Art. 30", title: "Contracts" }] }],
    });
    expect(map.other.find((o) => o.ref === "NIS2 Art. 23")?.questions).toContain("TRN-01");
    expect(frameworkMapMarkdown(map)).toContain("## Other references");
  });

  it("validates the catalogue file", async () => {
    const path = join(tempDir(), "catalogue.yaml");
    writeFileSync(
      path,
      "frameworks:\n  - id: a\n    title: A\n    controls:\n      - { ref: X 1, title: one }\n      - { ref: X 1, title: again }\n",
    );
    const err = await failure(loadCatalogue(path));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues.map(formatIssue)).toEqual([
      `${path} line 6: frameworks[0].controls[1].ref: control X 1 is listed twice`,
    ]);
  });
});
