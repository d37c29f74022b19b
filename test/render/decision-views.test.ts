import { describe, expect, it } from "vitest";
import { lossNotes, priorityWhy, executiveSla, actionText } from "../../src/render/view/cover.js";
import { buildViewModel } from "../../src/render/view/model.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

describe("views that decide (issue 14)", () => {
  it("explains a priority above the rating by the workloads' criticality", async () => {
    const r = await scoreDemo();
    const altavale = r.vendors[0]!;
    expect(altavale.rating).toBe("low");
    expect(priorityWhy(altavale)).toBe(
      "Priority Moderate, above its Low rating, because it hosts your critical workloads (exposure Critical).",
    );
    const low = { ...altavale, priority: "low" as const, rating: "moderate" as const };
    expect(priorityWhy(low)).toMatch(/^Priority Low, below its Moderate rating, because/);
  });

  it("words each action from the recommendation", () => {
    expect(actionText({ vendor: "a", action: "use", conditions: [] })).toBe(
      "Use: no condition needed for critical workloads.",
    );
    expect(actionText({ vendor: "a", action: "use-with-conditions", conditions: ["x"] })).toBe(
      'Use with conditions: get the ask under "Ask next" agreed first.',
    );
    expect(actionText({ vendor: "a", action: "keep-critical-off", conditions: ["x", "y"] })).toBe(
      'Keep critical workloads off it until the 2 asks under "Ask next" are met.',
    );
  });

  it("says when one incident makes most of a provider's loss, and how it was priced", async () => {
    const r = await scoreDemo();
    expect(lossNotes(r)).toEqual([]);
    const q = r.vendors[2]!;
    const dominant: Result = {
      ...r,
      vendors: [
        ...r.vendors.slice(0, 2),
        { ...q, lossConcentration: { ...q.lossConcentration!, share: 0.74, dominant: true, minutes: 3600 } },
      ],
    };
    expect(lossNotes(dominant)).toEqual([
      'Quarrion Compute Inc.: 74.0% of the loss comes from one incident, "Elevated error rates for cross-region object storage replication" (2 d 12 h, still open): minor impact (a degradation), priced as a full outage at the full hourly downtime cost; still open at the as-of date, so counted to the end of the period.',
    ]);
  });

  it("marks SLA figures resting on secondary or unverified terms", async () => {
    const rows = executiveSla(await scoreDemo());
    expect(rows.map((x) => [x.terms, x.unsure])).toEqual([
      ["secondary source", true],
      ["unverified", true],
      ["secondary source", true],
    ]);
  });

  it("says no SLA terms are recorded instead of a zero credit when a provider has none", async () => {
    const r = structuredClone(await scoreDemo());
    r.vendors[1]!.sla.terms = null;
    const rows = executiveSla(r);
    expect(rows[1]!.credits).toBe("no SLA terms recorded");
    expect(rows[1]!.terms).toBe("none recorded");
    expect(rows[1]!.unsure).toBe(true);
    expect(rows[0]!.credits).toMatch(/^EUR [\d,]+$/);
  });

  it("uses no gate id in the verdicts, the recommendation or the comparison", async () => {
    const r = await scoreDemo();
    const view = buildViewModel(r);
    const words = JSON.stringify([view.verdicts, view.comparison.recommendation, view.comparison.groups[0]!.rows]);
    for (const g of r.methodology.gates) expect(words, g.id).not.toContain(g.id);
    expect(words).not.toContain("cause ai-agent");
  });
});
