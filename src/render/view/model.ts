import type { AssessmentDiff } from "../../schema/diff.js";
import type { Result } from "../../schema/result.js";
import { formatDate, formatInstant, formatMoney, plural } from "../format.js";
import { clean } from "./common.js";
import { sinceVendorView, sinceView, type SinceView } from "./since.js";
import { comparisonGroups, type ComparisonGroup } from "./comparison.js";
import {
  executiveScenarioHeading,
  executiveSla,
  lossNotes,
  slaPeriod,
  verdict,
  type ExecutiveSlaRow,
  type VerdictView,
} from "./cover.js";
import { methodology, type MethodologyView } from "./methodology.js";
import { recommendationView, type RecommendationView } from "./recommendation.js";
import { reportRiskView, type ReportRiskView } from "./risk.js";
import { vendorView, type VendorView } from "./vendor.js";

export type { Badge, Link } from "./common.js";

/**
 * Everything a template prints, already worded and formatted, section by section as the template partials are:
 * cover (verdicts, executive SLA), comparison, recommendation, vendor sections, methodology. Templates only place it.
 */
export interface ReportView {
  title: string;
  subtitle: string;
  organisation: string;
  asOf: string;
  generatedAt: string;
  toolVersion: string;
  questionnaire: string;
  /** What changed since an earlier result (`report --since`), or null. */
  since: SinceView | null;
  currency: string;
  downtimeCost: string;
  verdicts: VerdictView[];
  comparison: { groups: ComparisonGroup[]; recommendation: RecommendationView };
  executiveSla: ExecutiveSlaRow[];
  /** The twelve months the SLA figures cover, e.g. "Nov 2025 to Oct 2026". */
  slaPeriod: string;
  /** Providers whose loss rests mostly on one incident, in words. */
  lossNotes: string[];
  executiveScenarioHeading: string;
  vendors: (VendorView & { since: SinceView | null })[];
  methodology: MethodologyView;
  risk: ReportRiskView | null;
}

export function buildViewModel(result: Result, since?: AssessmentDiff): ReportView {
  const cur = result.workspace.currency;
  const vendors = result.vendors;
  const actions = new Map(result.recommendation.actions.map((a) => [a.vendor, a]));
  return {
    title: "AI-agent outage risk",
    subtitle: `${clean(result.workspace.organisation)}: ${plural(vendors.length, "cloud provider")} assessed`,
    organisation: clean(result.workspace.organisation),
    asOf: formatDate(result.workspace.asOf),
    generatedAt: formatInstant(result.generatedAt),
    toolVersion: result.tool.version,
    questionnaire: `${result.methodology.questionnaire.title} v${result.methodology.questionnaire.version}`,
    since: since ? sinceView(since) : null,
    currency: cur,
    downtimeCost: formatMoney(result.workspace.downtimeCostPerHour, cur),
    verdicts: vendors.map((v) => verdict(v, actions.get(v.id))),
    comparison: { groups: comparisonGroups(result), recommendation: recommendationView(result) },
    executiveSla: executiveSla(result),
    slaPeriod: slaPeriod(result),
    lossNotes: lossNotes(result),
    executiveScenarioHeading: executiveScenarioHeading(result),
    vendors: vendors.map((v) => ({ ...vendorView(v, result), since: since ? sinceVendorView(since, v.id) : null })),
    methodology: methodology(result),
    risk: reportRiskView(result),
  };
}
