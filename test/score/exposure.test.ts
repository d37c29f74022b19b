import { describe, expect, it } from "vitest";
import { RATINGS, type Rating } from "../../src/schema/common.js";
import type { WorkspaceVendor } from "../../src/schema/workspace.js";
import { OUTAGE_SHARES, PRIORITY_MATRIX, REFERENCE_OUTAGE_HOURS, resolveConfig } from "../../src/score/config.js";
import { assessExposure } from "../../src/score/exposure.js";
import { ratingIndex } from "../../src/score/rating.js";
import { smallQuestionnaire, vendorConfig, workspace } from "./fixtures.js";

const cfg = resolveConfig(workspace(), smallQuestionnaire());
const v = (criticality: WorkspaceVendor["criticality"], singleRegion = false, monthlySpend = 5_000): WorkspaceVendor =>
  vendorConfig({ monthlySpend, criticality, singleRegion });

describe("assessExposure: inherent level", () => {
  it.each([
    ["low", "low"],
    ["medium", "moderate"],
    ["high", "high"],
    ["critical", "critical"],
  ] as const)("criticality %s gives level %s", (criticality, level) => {
    expect(assessExposure(v(criticality), "low", 1_000, cfg).inherent.level).toBe(level);
  });

  it.each([
    ["low", "moderate"],
    ["medium", "high"],
    ["high", "critical"],
    ["critical", "critical"], // already the top: stays critical
  ] as const)("single region raises %s one level to %s", (criticality, level) => {
    expect(assessExposure(v(criticality, true), "low", 1_000, cfg).inherent.level).toBe(level);
  });

  it("passes criticality, single region and monthly spend through", () => {
    expect(assessExposure(v("high", true, 12_345), "low", 1_000, cfg).inherent).toMatchObject({
      criticality: "high",
      singleRegion: true,
      monthlySpend: 12_345,
    });
  });
});

describe("assessExposure: reference outage cost", () => {
  it("uses the published shares and the 13-hour reference outage", () => {
    expect(OUTAGE_SHARES).toEqual({ low: 0.1, medium: 0.25, high: 0.5, critical: 1 });
    expect(REFERENCE_OUTAGE_HOURS).toBe(13);
  });

  it.each([
    ["low", 1_000, 0.1, 1_300], // 1000 * 0.1 * 13
    ["medium", 10_000, 0.25, 32_500], // 10000 * 0.25 * 13
    ["high", 10_000, 0.5, 65_000], // 10000 * 0.5 * 13
    ["critical", 10_000, 1, 130_000], // 10000 * 1 * 13
  ] as const)("criticality %s at %d/h: share %d, cost %d", (criticality, perHour, share, cost) => {
    const e = assessExposure(v(criticality), "low", perHour, cfg).inherent;
    expect(e.outageShare).toBe(share);
    expect(e.referenceOutageCost).toBe(cost);
  });

  it("does not let single region change the outage share", () => {
    expect(assessExposure(v("medium", true), "low", 10_000, cfg).inherent.outageShare).toBe(0.25);
  });

  it("rounds the cost to cents: 1234.567 * 1 * 13 = 16049.371 -> 16049.37", () => {
    expect(assessExposure(v("critical"), "low", 1234.567, cfg).inherent.referenceOutageCost).toBe(16049.37);
  });
});

describe("assessExposure: priority", () => {
  it.each([
    ["low", false, "critical", "moderate"], // level low x residual critical
    ["critical", false, "low", "moderate"], // level critical x residual low
    ["medium", false, "critical", "high"], // moderate x critical
    ["high", false, "critical", "critical"], // high x critical
    ["medium", false, "high", "moderate"], // moderate x high
    ["medium", true, "high", "high"], // single region: high x high
    ["low", false, "moderate", "low"], // low x moderate
  ] as const)(
    "criticality %s (single region %s) with residual %s has priority %s",
    (criticality, single, residual, priority) => {
      expect(assessExposure(v(criticality, single), residual, 1_000, cfg).priority).toBe(priority);
    },
  );

  it("reads the matrix from the config, rows = inherent level, columns = residual", () => {
    const flipped = {
      ...cfg,
      priorityMatrix: { ...PRIORITY_MATRIX, moderate: { ...PRIORITY_MATRIX.moderate, low: "critical" as Rating } },
    };
    expect(assessExposure(v("medium"), "low", 1_000, flipped).priority).toBe("critical");
    expect(assessExposure(v("low"), "moderate", 1_000, flipped).priority).toBe("low");
  });

  it("the published matrix never lowers priority for a weaker vendor or a more critical dependency", () => {
    for (const row of RATINGS) {
      for (let c = 1; c < RATINGS.length; c++) {
        expect(ratingIndex(PRIORITY_MATRIX[row][RATINGS[c]!])).toBeGreaterThanOrEqual(
          ratingIndex(PRIORITY_MATRIX[row][RATINGS[c - 1]!]),
        );
      }
    }
    for (const col of RATINGS) {
      for (let r = 1; r < RATINGS.length; r++) {
        expect(ratingIndex(PRIORITY_MATRIX[RATINGS[r]!][col])).toBeGreaterThanOrEqual(
          ratingIndex(PRIORITY_MATRIX[RATINGS[r - 1]!][col]),
        );
      }
    }
  });
});
