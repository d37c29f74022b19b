import type { Incident } from "../schema/incident.js";
import type { Result, VendorResult } from "../schema/result.js";
import { RESULT_SCHEMA_VERSION, result as resultSchema } from "../schema/result.js";
import type { Workspace } from "../schema/workspace.js";
import type { ValidVendor, ValidWorkspace } from "../validate/workspace.js";
import { describeMethodology, resolveConfig } from "./config.js";
import { IncidentAggregate } from "./incident-aggregate.js";
import { incidentAnswers, withIncidentDomain } from "./incident-signals.js";
import { summarizeIncidents } from "./incidents.js";
import { slaMonths } from "./sla/period.js";
import { regulatoryGaps } from "./sla/regulatory.js";
import { DEFAULT_SCENARIO, runScenario } from "./sla/scenarios.js";
import { DEFAULT_SLA_ASSUMPTIONS } from "./sla/impact.js";
import { vendorSla } from "./sla/vendor-sla.js";
import { scoreVendor } from "./vendor.js";

export interface ScoreOptions {
  /** ISO instant the result speaks for; the caller derives it from SOURCE_DATE_EPOCH or the as-of date. */
  generatedAt: string;
  toolVersion: string;
}

/**
 * One aggregate per vendor, ready to take incidents as they stream out of validation. Created from the validated
 * YAML alone, so the CSV rows never need to be held in memory.
 */
export function createIncidentAggregates(
  ws: Workspace,
  vendors: readonly Pick<ValidVendor, "config" | "file">[],
  asOfEnd: number,
): Map<string, IncidentAggregate> {
  const months = slaMonths(asOfEnd);
  return new Map(vendors.map((v) => [v.config.id, new IncidentAggregate(v.config, v.file.sla, months, asOfEnd)]));
}

/**
 * The whole workspace, scored: a pure function of the validated input. `aggregates` holds the incidents when they
 * were streamed; otherwise `valid.incidents` is folded in here.
 */
export function scoreWorkspace(
  valid: ValidWorkspace,
  options: ScoreOptions,
  aggregates?: Map<string, IncidentAggregate>,
): Result {
  const { workspace: ws } = valid;
  const aggs = aggregates ?? foldIncidents(valid, valid.incidents);
  const q = withIncidentDomain(valid.questionnaire);
  const cfg = resolveConfig(ws, q);
  const scenarios = ws.scenarios ?? [DEFAULT_SCENARIO];
  const assumptions = ws.slaAssumptions ?? DEFAULT_SLA_ASSUMPTIONS;
  const vendors = valid.vendors.map((v): VendorResult => {
    const agg = aggs.get(v.config.id) ?? createIncidentAggregates(ws, [v], valid.asOfEnd).get(v.config.id)!;
    const supplied = valid.inputs.some((i) => i.path === `incidents/${v.config.id}.csv`);
    const controls = scoreVendor(v, q, cfg, ws, incidentAnswers(agg, ws.asOf, supplied));
    const basis = {
      monthlySpend: v.config.monthlySpend,
      downtimeCostPerHour: ws.downtimeCostPerHour,
      outageShare: controls.inherent.outageShare,
    };
    return {
      ...controls,
      incidents: summarizeIncidents(agg),
      sla: vendorSla(agg, v.file.sla, basis, assumptions),
      scenarios: scenarios
        .filter((s) => !s.vendors || s.vendors.includes(v.config.id))
        .map((s) => runScenario(s, v.config, v.file.sla, basis)),
      regulatory: regulatoryGaps(ws.regulations, v.file.sla),
    };
  });
  // Passing the result through its own schema puts every key in contract order and proves the output keeps the
  // contract; a saved result read back (`report --from-result`) then serialises to the same bytes.
  return resultSchema.parse({
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: "caution", version: options.toolVersion },
    generatedAt: options.generatedAt,
    workspace: {
      organisation: ws.organisation,
      currency: ws.currency,
      downtimeCostPerHour: ws.downtimeCostPerHour,
      asOf: ws.asOf,
      failOn: ws.failOn ?? null,
    },
    inputs: valid.inputs,
    methodology: {
      ...describeMethodology(cfg, q),
      slaAssumptions: { ...assumptions, source: ws.slaAssumptions ? "workspace" : "default" },
    },
    vendors,
  });
}

function foldIncidents(valid: ValidWorkspace, incidents: readonly Incident[]): Map<string, IncidentAggregate> {
  const aggs = createIncidentAggregates(valid.workspace, valid.vendors, valid.asOfEnd);
  for (const i of incidents) aggs.get(i.vendor)?.add(i);
  return aggs;
}
