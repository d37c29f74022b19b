import type { Result } from "../../schema/result.js";
import { formatDate, formatInstant, formatMoney, plural } from "../format.js";
import { clean } from "./common.js";
import { comparisonGroups, type ComparisonGroup } from "./comparison.js";
import { executiveScenarioHeading, executiveSla, verdict, type ExecutiveSlaRow, type VerdictView } from "./cover.js";
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
  currency: string;
  downtimeCost: string;
  verdicts: VerdictView[];
  comparison: { groups: ComparisonGroup[]; recommendation: RecommendationView };
  executiveSla: ExecutiveSlaRow[];
  executiveScenarioHeading: string;
  vendors: VendorView[];
  methodology: MethodologyView;
  risk: ReportRiskView | null;
}

export function buildViewModel(result: Result): ReportView {
  const cur = result.workspace.currency;
  const vendors = result.vendors;
  const conditions = new Map(result.recommendation.actions.map((a) => [a.vendor, a.conditions]));
  return {
    title: "AI-agent outage risk",
    subtitle: `${clean(result.workspace.organisation)}: ${plural(vendors.length, "cloud provider")} assessed`,
    organisation: clean(result.workspace.organisation),
    asOf: formatDate(result.workspace.asOf),
    generatedAt: formatInstant(result.generatedAt),
    toolVersion: result.tool.version,
    questionnaire: `${result.methodology.questionnaire.title} v${result.methodology.questionnaire.version}`,
    currency: cur,
    downtimeCost: formatMoney(result.workspace.downtimeCostPerHour, cur),
    verdicts: vendors.map((v) => verdict(v, conditions.get(v.id) ?? [])),
    comparison: { groups: comparisonGroups(result), recommendation: recommendationView(result) },
    executiveSla: executiveSla(result),
    executiveScenarioHeading: executiveScenarioHeading(result),
    vendors: vendors.map((v) => vendorView(v, result)),
    methodology: methodology(result),
    risk: reportRiskView(result),
  };
}
