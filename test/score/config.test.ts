import { describe, expect, it } from "vitest";
import {
  DEFAULT_FRESHNESS_MONTHS,
  DEFAULT_UNEVIDENCED_CREDIT,
  describeMethodology,
  resolveConfig,
} from "../../src/score/config.js";
import { DEFAULT_THRESHOLDS } from "../../src/score/rating.js";
import { smallQuestionnaire, workspace } from "./fixtures.js";

const q = smallQuestionnaire();

describe("resolveConfig", () => {
  it("uses the published defaults and the questionnaire's weights when the workspace overrides nothing", () => {
    const cfg = resolveConfig(workspace(), q);
    expect(cfg.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(cfg.thresholdsSource).toBe("default");
    expect(cfg.unevidencedCredit).toBe(DEFAULT_UNEVIDENCED_CREDIT);
    expect(DEFAULT_UNEVIDENCED_CREDIT).toBe(0.5);
    expect(cfg.freshnessMonths).toBe(DEFAULT_FRESHNESS_MONTHS);
    expect(DEFAULT_FRESHNESS_MONTHS).toBe(12);
    expect([...cfg.domainWeights]).toEqual([
      ["DEL", 3],
      ["LOG", 1],
    ]);
    expect([...cfg.questionWeights]).toEqual([
      ["DEL-01", 2],
      ["DEL-02", 1],
      ["LOG-01", 1],
    ]);
  });

  it("applies the buyer's overrides and ignores ids the questionnaire does not have", () => {
    const cfg = resolveConfig(
      workspace({
        scoring: {
          thresholds: { moderate: 10, high: 20, critical: 30 },
          domainWeights: { LOG: 0, XYZ: 5 },
          questionWeights: { "DEL-02": 4, "XYZ-01": 2 },
          unevidencedCredit: 0.25,
          freshnessMonths: 6,
        },
      }),
      q,
    );
    expect(cfg.thresholds).toEqual({ moderate: 10, high: 20, critical: 30 });
    expect(cfg.thresholdsSource).toBe("workspace");
    expect([...cfg.domainWeights]).toEqual([
      ["DEL", 3],
      ["LOG", 0],
    ]);
    expect([...cfg.questionWeights]).toEqual([
      ["DEL-01", 2],
      ["DEL-02", 4],
      ["LOG-01", 1],
    ]);
    expect(cfg.unevidencedCredit).toBe(0.25);
    expect(cfg.freshnessMonths).toBe(6);
  });
});

describe("describeMethodology", () => {
  it("states the weights used next to the defaults and lists only question weights that differ", () => {
    const ws = workspace({ scoring: { domainWeights: { DEL: 5 }, questionWeights: { "DEL-01": 2, "LOG-01": 3 } } });
    const m = describeMethodology(resolveConfig(ws, q), q);
    expect(m.domainWeights).toEqual([
      { id: "DEL", title: "Domain DEL", weight: 5, default: 3 },
      { id: "LOG", title: "Domain LOG", weight: 1, default: 1 },
    ]);
    // DEL-01 is overridden with its own default (2), so it is not an override.
    expect(m.questionWeightOverrides).toEqual([{ questionId: "LOG-01", weight: 3, default: 1 }]);
  });

  it("prints the questionnaire, gates and constants a reader needs to redo the figures", () => {
    const m = describeMethodology(resolveConfig(workspace(), q), q);
    expect(m.questionnaire).toEqual({
      id: "test-q",
      version: "1.0.0",
      title: "Test questionnaire",
      published: "2026-01-01",
      questions: 3,
    });
    expect(m.gates).toEqual([
      {
        id: "G-DEL-UNAPPROVED",
        title: "Gate G-DEL-UNAPPROVED",
        questionId: "DEL-01",
        answers: ["no"],
        minRating: "critical",
      },
      { id: "G-LOG-NONE", title: "Gate G-LOG-NONE", questionId: "LOG-01", answers: ["none"], minRating: "moderate" },
    ]);
    expect(m.findingSeverity).toEqual({ moderate: 40, high: 75 });
    expect(m.referenceOutageHours).toBe(13);
    expect(m.thresholdsSource).toBe("default");
    expect(m.priorityMatrix.high.critical).toBe("critical");
  });
});
