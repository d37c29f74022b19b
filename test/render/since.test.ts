import { beforeAll, describe, expect, it } from "vitest";
import { compareResults } from "../../src/diff/compare.js";
import { renderDocuments } from "../../src/render/report.js";
import { buildViewModel } from "../../src/render/view/model.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

let demo: Result;
beforeAll(async () => {
  demo = await scoreDemo();
});

function render(before: Result, after: Result) {
  const diff = compareResults({ file: "q3.json", result: before }, { file: "q4", result: after });
  return renderDocuments(after, ["executive", "vendor", "full"], "a4", undefined, buildViewModel(after, diff));
}

describe("Since the last assessment", () => {
  it("is in the executive summary (every provider) and in each vendor section (its own part)", () => {
    const after = structuredClone(demo);
    const t = after.vendors[1]!.trail.find((x) => x.status === "answered")!;
    t.answer = "other";
    t.answerLabel = "<b>Another</b> answer";
    const docs = render(demo, after);
    const html = (name: string) => docs.find((d) => d.spec.name === name)!.html;
    const exec = html("caution-executive");
    expect(exec).toContain("<h2>Since the last assessment</h2>");
    expect(exec).toContain(`<strong>${after.vendors[1]!.name}</strong>`);
    expect(exec).toContain(`<strong>${t.questionId}</strong>`);
    expect(exec).toContain("&lt;b&gt;Another&lt;/b&gt; answer");
    expect(exec).toContain("Unchanged: ");
    const changed = html(`caution-vendor-${after.vendors[1]!.id}`);
    expect(changed).toContain("<h3>Since the last assessment</h3>");
    expect(changed).toContain("Compared with the assessment as of 1 November 2026 (q3.json).");
    expect(html(`caution-vendor-${after.vendors[0]!.id}`)).toContain("Nothing changed for this provider.");
    // The full report has it in each vendor section, not as a second summary.
    const full = html("caution-report");
    expect(full.match(/Since the last assessment<\/h3>/g)).toHaveLength(after.vendors.length);
    expect(full).not.toContain("<h2>Since the last assessment</h2>");
  });

  it("is absent without --since", () => {
    for (const d of renderDocuments(demo, ["executive", "vendor"], "a4"))
      expect(d.html).not.toContain("Since the last assessment");
  });
});
