import { beforeAll, describe, expect, it } from "vitest";
import { renderDocuments } from "../../src/render/report.js";
import { fewWords, findingsTable } from "../../src/render/view/findings-table.js";
import type { Finding, Result, VendorResult } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

let demo: Result;
beforeAll(async () => {
  demo = await scoreDemo();
});

describe("fewWords", () => {
  it("keeps a short first sentence whole and drops the rest", () => {
    expect(fewWords("Ask for the RCA. Then more.", 40)).toBe("Ask for the RCA");
  });

  it("does not end a sentence at an abbreviation", () => {
    expect(fewWords("Negotiate a cap (e.g. a multiple of fees) for outages.", 80)).toBe(
      "Negotiate a cap (e.g. a multiple of fees) for outages",
    );
  });

  it("cuts at a word before the limit, with an ellipsis, never longer than the limit", () => {
    const out = fewWords("Require named-human approval for failovers and fleet-wide restarts of services", 40);
    expect(out).toBe("Require named-human approval for…");
    expect([...out].length).toBeLessThanOrEqual(40);
  });
});

describe("findingsTable", () => {
  it("has one row per finding, in order, with id and severity, and counts by severity", () => {
    const v = demo.vendors[2]!;
    const t = findingsTable(v);
    expect(t.rows.map((r) => r.id)).toEqual(v.findings.map((f) => f.id));
    expect(t.rows[0]!.severity).toEqual({ value: v.findings[0]!.severity, label: expect.any(String) });
    const n = (s: Finding["severity"]) => v.findings.filter((f) => f.severity === s).length;
    expect(t.summary).toContain(`${v.findings.length} findings`);
    if (n("high") > 0) expect(t.summary).toContain(`${n("high")} High`);
  });

  it("says why there is no answer instead of the worst option's label", () => {
    const base = demo.vendors[0]!.findings[0]!;
    const v = { findings: [{ ...base, basis: "unanswered", answerLabel: "No" }] } as unknown as VendorResult;
    expect(findingsTable(v).rows[0]!.finding).toBe("Not answered");
  });

  it("is absent for a vendor without findings", () => {
    expect(findingsTable({ findings: [] } as unknown as VendorResult).has).toBe(false);
  });

  it("stands in the vendor report before the detailed findings", () => {
    const doc = renderDocuments(demo, ["vendor"], "a4")[0]!;
    const at = doc.html.indexOf("Findings at a glance");
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(doc.html.indexOf("Findings and contract asks"));
    expect(doc.html).toContain(demo.vendors[0]!.findings[0]!.id);
  });
});
