import type { Incident } from "../schema/incident.js";
import type { Result, VendorResult } from "../schema/result.js";
import { RESULT_SCHEMA_VERSION, result as resultSchema } from "../schema/result.js";
import type { Workspace } from "../schema/workspace.js";
import { incidentFile } from "../load/layout.js";
import type { InputFile } from "../load/workspace.js";
import type { IncidentSink } from "../validate/incident-source.js";
import type { ValidVendor, ValidWorkspace } from "../validate/workspace.js";
import { describeMethodology, resolveConfig } from "./config.js";
import { IncidentAggregate } from "./incident-aggregate.js";
import { incidentAnswers, withIncidentDomain } from "./incident-signals.js";
import { summarizeIncidents } from "./incidents.js";
import { recommend } from "./recommendation.js";
import { slaMonths } from "./sla/period.js";
import { regulatoryGaps } from "./sla/regulatory.js";
import { DEFAULT_SCENARIO, runScenario } from "./sla/scenarios.js";
import { vendorSla } from "./sla/vendor-sla.js";
import { scoreVendor } from "./vendor.js";

export interface ScoreOptions {
  /** ISO instant the result speaks for; the caller derives it from SOURCE_DATE_EPOCH or the as-of date. */
  generatedAt: string;
  toolVersion: string;
}

/**
 * One aggregate per vendor, ready to take incidents as the validated source is folded into it. Created from the
 * validated YAML alone, so the CSV rows never need to be held in memory.
 */
export class IncidentAggregates implements IncidentSink {
  readonly byVendor: ReadonlyMap<string, IncidentAggregate>;

  constructor(ws: Workspace, vendors: readonly Pick<ValidVendor, "config" | "file">[], asOfEnd: number) {
    const months = slaMonths(asOfEnd);
    this.byVendor = new Map(
      vendors.map((v) => [v.config.id, new IncidentAggregate(v.config, v.file.sla, months, asOfEnd)]),
    );
  }

  add(incident: Incident): void {
    this.byVendor.get(incident.vendor)?.add(incident);
  }
}

/** What scoring takes from the incident files: the folded aggregates and the files' digests. */
export interface ScoredIncidents {
  aggregates: IncidentAggregates;
  inputs: readonly InputFile[];
}

/** Folds the workspace's incident files into fresh aggregates (throws InputError for any bad row). */
export async function foldIncidents(valid: ValidWorkspace, onFile?: (file: string) => void): Promise<ScoredIncidents> {
  const aggregates = new IncidentAggregates(valid.workspace, valid.vendors, valid.asOfEnd);
  const { inputs } = await valid.incidents.fold(aggregates, onFile);
  return { aggregates, inputs };
}

/**
 * The whole workspace, scored: a pure function of the validated input and its folded incidents.
 */
export function scoreWorkspace(valid: ValidWorkspace, incidents: ScoredIncidents, options: ScoreOptions): Result {
  const { workspace: ws } = valid;
  const q = withIncidentDomain(valid.questionnaire);
  const cfg = resolveConfig(ws, q);
  const scenarios = ws.scenarios ?? [DEFAULT_SCENARIO];
  const inputs = [...valid.inputs, ...incidents.inputs].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const vendors = valid.vendors.map((v): VendorResult => {
    const agg = incidents.aggregates.byVendor.get(v.config.id)!;
    const supplied = inputs.some((i) => i.path === incidentFile(v.config.id));
    const controls = scoreVendor(v, q, cfg, ws, incidentAnswers(agg, ws.asOf, supplied));
    const basis = {
      monthlySpend: v.config.monthlySpend,
      downtimeCostPerHour: ws.downtimeCostPerHour,
      outageShare: controls.inherent.outageShare,
    };
    return {
      ...controls,
      incidents: summarizeIncidents(agg),
      sla: vendorSla(agg, v.file.sla, basis),
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
    inputs,
    methodology: describeMethodology(cfg, q),
    vendors,
    recommendation: recommend(vendors),
  });
}
