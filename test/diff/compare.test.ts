import { beforeAll, describe, expect, it } from "vitest";
import { compareResults } from "../../src/diff/compare.js";
import { diffHtml, diffJson, diffMarkdown } from "../../src/diff/format.js";
import { assessmentDiff } from "../../src/schema/diff.js";
import type { Result } from "../../src/schema/result.js";
import { scoreDemo } from "../support/demo.js";

let demo: Result;
beforeAll(async () => {
  demo = await scoreDemo();
});

const clone = (r: Result): Result => structuredClone(r);
const diff = (a: Result, b: Result) => compareResults({ file: "old.json", result: a }, { file: "new.json", result: b });
const vendor = (r: Result, id: string) => r.vendors.find((v) => v.id === id)!;

describe("compareResults", () => {
  it("finds nothing between a result and itself", () => {
    const d = diff(demo, clone(demo));
    expect(d.vendors.map((v) => v.changed)).toEqual(demo.vendors.map(() => false));
    expect(diffMarkdown(d)).toContain("Nothing changed.");
  });

  it("names the provider and the question of a changed answer, old -> new", () => {
    const after = clone(demo);
    const t = vendor(after, "altavale").trail.find((x) => x.questionId === "INV-03")!;
    const before = vendor(demo, "altavale").trail.find((x) => x.questionId === "INV-03")!;
    Object.assign(t, { answer: "changed-value", answerLabel: "A changed answer", status: "answered" });
    const d = diff(demo, after);
    const v = d.vendors.find((x) => x.id === "altavale")!;
    expect(v.changed).toBe(true);
    expect(v.answers).toEqual([
      {
        questionId: "INV-03",
        question: expect.any(String) as string | null,
        old: { status: before.status, answer: before.answer, answerLabel: before.answerLabel },
        new: { status: "answered", answer: "changed-value", answerLabel: "A changed answer" },
      },
    ]);
    const md = diffMarkdown(d);
    expect(md).toContain("## Altavale Cloud SE");
    expect(md).toMatch(/\| INV-03 .*\| A changed answer \|/);
    expect(d.vendors.filter((x) => x.changed).map((x) => x.id)).toEqual(["altavale"]);
  });

  it("lists a gate cleared, with its title", () => {
    const before = clone(demo);
    const q = vendor(before, "quarrion");
    expect(q.gates.length).toBeGreaterThan(0);
    const after = clone(before);
    const cleared = vendor(after, "quarrion").gates.shift()!;
    const v = diff(before, after).vendors.find((x) => x.id === "quarrion")!;
    expect(v.gatesCleared).toEqual([{ id: cleared.id, title: cleared.title, questionId: cleared.questionId }]);
    expect(v.gatesFired).toEqual([]);
    expect(diffMarkdown(diff(before, after))).toContain(`Gate cleared: ${cleared.title} (${cleared.id}`);
    // The other way round it fired.
    expect(
      diff(after, before)
        .vendors.find((x) => x.id === "quarrion")!
        .gatesFired.map((g) => g.id),
    ).toEqual([cleared.id]);
  });

  it("lists a new incident and the change in uncovered loss to the cent", () => {
    const after = clone(demo);
    const c = vendor(after, "cirrane");
    c.incidents.list.unshift({
      ...c.incidents.list[0]!,
      id: "CIR-NEW-1",
      title: "Control plane down",
      startedAt: "2026-10-20T08:00:00.000Z",
      durationMinutes: 165,
      open: false,
      severity: "major",
    });
    const before = vendor(demo, "cirrane").sla.annual.uncovered;
    c.sla.annual.uncovered = before + 1234.56;
    const v = diff(demo, after).vendors.find((x) => x.id === "cirrane")!;
    expect(v.newIncidents.map((i) => [i.id, i.durationMinutes])).toEqual([["CIR-NEW-1", 165]]);
    expect(v.uncovered).toEqual({ old: before, new: before + 1234.56, delta: 1234.56 });
    const md = diffMarkdown(diff(demo, after));
    expect(md).toContain("New incident CIR-NEW-1: Control plane down, major, started 2026-10-20 08:00 UTC, 2 h 45 min");
    expect(md).toContain("(+EUR 1,235)");
  });

  it("lists a changed SLA term in words", () => {
    const after = clone(demo);
    const terms = vendor(after, "quarrion").sla.terms!;
    const old = terms.claimDeadlineDays;
    terms.claimDeadlineDays = 90;
    const v = diff(demo, after).vendors.find((x) => x.id === "quarrion")!;
    expect(v.slaTerms).toEqual([
      { term: "claim window", old: old === null ? "not stated" : `${old} days`, new: "90 days" },
    ]);
  });

  it("reports a rating change and providers added and removed", () => {
    const after = clone(demo);
    const a = vendor(after, "altavale");
    a.rating = "high";
    a.score = a.score + 10;
    after.vendors = after.vendors.filter((v) => v.id !== "cirrane");
    after.vendors.push({ ...structuredClone(a), id: "newco", name: "NewCo" });
    const d = diff(demo, after);
    expect(d.vendors.map((v) => [v.id, v.presence])).toEqual([
      ["altavale", "both"],
      ["quarrion", "both"],
      ["newco", "added"],
      ["cirrane", "removed"],
    ]);
    const alt = d.vendors[0]!;
    expect(alt.rating).toEqual({ old: "low", new: "high" });
    expect(alt.score.delta).toBe(10);
    expect(diffMarkdown(d)).toContain("Rating Low → High, score");
  });

  it("json keeps the diff schema; html escapes untrusted names and loads nothing", () => {
    const after = clone(demo);
    vendor(after, "altavale").name = '<img src="https://evil.example/x.png"> & <script>alert(1)</script>';
    vendor(after, "altavale").score += 1;
    const d = diff(demo, after);
    expect(assessmentDiff.safeParse(JSON.parse(diffJson(d))).success).toBe(true);
    const html = diffHtml(d);
    expect(html).not.toMatch(/<img|<script|<link|\ssrc="/);
    expect(html).toContain("&lt;img src=&quot;https://evil.example/x.png&quot;&gt; &amp; &lt;script&gt;");
    expect(html).toContain("default-src 'none'");
  });
});
