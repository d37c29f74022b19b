import { describe, expect, it } from "vitest";
import { result as resultSchema, RESULT_SCHEMA_VERSION } from "../../src/schema/result.js";
import type { Workspace } from "../../src/schema/workspace.js";
import { foldIncidents, scoreWorkspace } from "../../src/score/workspace.js";
import { listSource } from "../../src/validate/incident-source.js";
import { vendorEntry, type ValidWorkspace } from "../../src/validate/workspace.js";
import {
  AS_OF_END,
  claim,
  evidenced,
  FRESH,
  incident,
  smallQuestionnaire,
  vendor,
  vendorConfig,
  workspace,
} from "./fixtures.js";

/**
 * scoreWorkspace adds the computed incident-record domain INC (weight 2) to the questionnaire. Most tests weight it 0
 * so the figures stay those of the small questionnaire; one test keeps it.
 */
const NO_INC = { domainWeights: { INC: 0 } };

function valid(ws: Partial<Workspace> = {}): ValidWorkspace {
  const q = smallQuestionnaire();
  return {
    workspace: workspace({
      vendors: [
        vendorConfig({ id: "zeta", monthlySpend: 100, criticality: "low" }),
        vendorConfig({ id: "alpha", monthlySpend: 900, criticality: "critical", singleRegion: true }),
      ],
      scoring: NO_INC,
      ...ws,
    }),
    asOfEnd: AS_OF_END,
    questionnaire: q,
    vendors: [
      vendor({}, { id: "zeta", config: { criticality: "low", monthlySpend: 100 } }),
      vendor(
        { "DEL-01": evidenced("yes", FRESH), "DEL-02": claim("partial", FRESH), "LOG-01": evidenced("some", FRESH) },
        { id: "alpha", config: { criticality: "critical", singleRegion: true, monthlySpend: 900 } },
      ),
    ].map(vendorEntry),
    incidents: listSource([
      incident("a1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", { vendor: "alpha" }),
      incident("z1", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", { vendor: "zeta" }),
      incident("a2", "2026-03-03T10:00:00Z", "2026-03-03T12:00:00Z", { vendor: "alpha", severity: "major" }),
    ]),
    inputs: [{ path: "caution.yaml", sha256: "ab".repeat(32), bytes: 123 }],
  };
}

const OPTIONS = { generatedAt: "2026-03-31T00:00:00.000Z", toolVersion: "9.9.9" };

/** Folds the workspace's incidents and scores it, as the CLI does. */
async function scoreOf(v: ValidWorkspace, options = OPTIONS) {
  return scoreWorkspace(v, await foldIncidents(v), options);
}

describe("scoreWorkspace", () => {
  it("passes generatedAt, the tool version, the inputs and the workspace facts through", async () => {
    const r = await scoreOf(valid(), OPTIONS);
    expect(r.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(r.generatedAt).toBe("2026-03-31T00:00:00.000Z");
    expect(r.tool).toEqual({ name: "caution", version: "9.9.9" });
    expect(r.inputs).toEqual([{ path: "caution.yaml", sha256: "ab".repeat(32), bytes: 123 }]);
    expect(r.workspace).toEqual({
      organisation: "Test Buyer",
      currency: "EUR",
      downtimeCostPerHour: 10_000,
      asOf: "2026-03-31",
      failOn: null,
    });
  });

  it("passes failOn through when the workspace sets it", async () => {
    expect((await scoreOf(valid({ failOn: "high" }), OPTIONS)).workspace.failOn).toBe("high");
  });

  it("scores vendors in workspace order, not alphabetically", async () => {
    const r = await scoreOf(valid(), OPTIONS);
    expect(r.vendors.map((v) => v.id)).toEqual(["zeta", "alpha"]);
  });

  it("scores each vendor by hand: zeta unanswered 95, alpha (3*25 + 40)/4 = 28.75 -> 28.8", async () => {
    const [zeta, alpha] = (await scoreOf(valid(), OPTIONS)).vendors;
    expect(zeta?.score).toBe(95);
    expect(zeta?.rating).toBe("critical");
    expect(alpha?.score).toBe(28.8);
    expect(alpha?.rating).toBe("moderate");
    // alpha: critical + single region -> level critical; critical x moderate -> high
    expect(alpha?.priority).toBe("high");
    // zeta: low -> level low; low x critical -> moderate
    expect(zeta?.priority).toBe("moderate");
  });

  it("gives each vendor only its own incidents", async () => {
    const [zeta, alpha] = (await scoreOf(valid(), OPTIONS)).vendors;
    expect(zeta?.incidents.list.map((i) => i.id)).toEqual(["z1"]);
    expect(alpha?.incidents.list.map((i) => i.id)).toEqual(["a2", "a1"]); // newest first
    expect(alpha?.incidents.downtimeMinutes).toBe(180); // 60 + 120
  });

  it("applies the workspace's scoring overrides to every vendor and states them", async () => {
    const r = await scoreOf(
      valid({ scoring: { ...NO_INC, thresholds: { moderate: 10, high: 20, critical: 30 } } }),
      OPTIONS,
    );
    expect(r.methodology.thresholdsSource).toBe("workspace");
    expect(r.vendors[1]?.rating).toBe("high"); // 28.8 with 10/20/30
  });

  it("scores a vendor with no incident record as worst on the INC domain: alpha (3*25 + 1*40 + 2*100)/6 = 52.5", async () => {
    const v = valid({ scoring: {} });
    const r = await scoreOf({ ...v, incidents: listSource([]) }, OPTIONS);
    const alpha = r.vendors[1];
    expect(alpha?.domains.map((d) => [d.id, d.weight, d.score])).toEqual([
      ["DEL", 3, 25],
      ["LOG", 1, 40],
      ["INC", 2, 100],
    ]);
    expect(alpha?.score).toBe(52.5);
    expect(alpha?.trail.filter((t) => t.source === "incident-record").map((t) => [t.questionId, t.status])).toEqual([
      ["INC-01", "unanswered"],
      ["INC-02", "unanswered"],
      ["INC-03", "unanswered"],
      ["INC-04", "unanswered"],
    ]);
    expect(r.vendors[0]?.score).toBe(96.7); // zeta: (300 + 80 + 200)/6 = 96.67
  });

  it("produces a result that passes the result schema", async () => {
    expect(resultSchema.safeParse(await scoreOf(valid(), OPTIONS)).success).toBe(true);
  });

  it("is a pure function: the same input gives the same result", async () => {
    expect(await scoreOf(valid(), OPTIONS)).toEqual(await scoreOf(valid(), OPTIONS));
  });
});
