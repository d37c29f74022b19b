import type { Rating } from "../schema/common.js";
import { RATINGS } from "../schema/common.js";
import type { VendorResult } from "../schema/result.js";
import type { WorkspaceVendor } from "../schema/workspace.js";
import type { ScoringConfig } from "./config.js";
import { roundTo } from "./round.js";

const LEVEL_BY_CRITICALITY: Record<WorkspaceVendor["criticality"], Rating> = {
  low: "low",
  medium: "moderate",
  high: "high",
  critical: "critical",
};

/**
 * Inherent exposure: how much the buyer depends on the vendor, before any control. The workload's criticality sets
 * the level; running in a single region with no failover raises it one step, since nothing absorbs an outage.
 */
export function assessExposure(
  v: WorkspaceVendor,
  residual: Rating,
  downtimeCostPerHour: number,
  cfg: ScoringConfig,
): Pick<VendorResult, "inherent" | "priority"> {
  const base = LEVEL_BY_CRITICALITY[v.criticality];
  const level = v.singleRegion ? RATINGS[Math.min(RATINGS.indexOf(base) + 1, RATINGS.length - 1)]! : base;
  const outageShare = cfg.outageShares[v.criticality];
  return {
    inherent: {
      criticality: v.criticality,
      singleRegion: v.singleRegion,
      monthlySpend: v.monthlySpend,
      level,
      outageShare,
      referenceOutageCost: roundTo(downtimeCostPerHour * outageShare * cfg.referenceOutageHours, 2),
    },
    priority: cfg.priorityMatrix[level][residual],
  };
}
