import type { Incident } from "../schema/incident.js";
import type { Result, ResultHead, VendorResult } from "../schema/result.js";
import { RESULT_SCHEMA_VERSION, resultHead, vendorResult } from "../schema/result.js";
import type { Workspace } from "../schema/workspace.js";
import { incidentFile } from "../load/layout.js";
import type { InputFile } from "../load/workspace.js";
import type { IncidentSink } from "../validate/incident-source.js";
import type { VendorEntry, ValidWorkspace } from "../validate/workspace.js";
import { describeMethodology, resolveConfig } from "./config.js";
import { IncidentAggregate } from "./incident-aggregate.js";
import { incidentAnswers, withIncidentDomain } from "./incident-signals.js";
import { silentMinutesFinding, withSilentFinding } from "./sla/silent-finding.js";
import { summarizeIncidents } from "./incidents.js";
import { contractTerms, contractTermsInput, type ContractTermsInput } from "./contract-terms.js";
import { recommend, recommendationInput, type RecommendationInput } from "./recommendation.js";
import { lossConcentration } from "./sla/loss-concentration.js";
import { slaMonths } from "./sla/period.js";
import { regulatoryGaps } from "./sla/regulatory.js";
import { DEFAULT_SCENARIO, runScenario } from "./sla/scenarios.js";
import { DEFAULT_SLA_ASSUMPTIONS, impactErrorRate } from "./sla/impact.js";
import { vendorSla } from "./sla/vendor-sla.js";
import { scoreVendor } from "./vendor.js";
import { simulatePortfolio } from "./risk/portfolio.js";
import { seedFromInputs } from "./risk/prng.js";
import { resolveRiskSettings } from "./risk/settings.js";
import type { VendorSimulation } from "./risk/simulate.js";
import { vendorRisk } from "./risk/vendor-risk.js";

export interface ScoreOptions {
  /** ISO instant the result speaks for; the caller derives it from SOURCE_DATE_EPOCH or the as-of date. */
  generatedAt: string;
  toolVersion: string;
  /** --seed and --iterations: they win over caution.yaml's `risk:` block. */
  risk?: { seed?: string; iterations?: number };
}

/**
 * One aggregate per vendor, ready to take incidents as the validated source is folded into it. Created from the
 * validated YAML alone, so the CSV rows never need to be held in memory.
 */
export class IncidentAggregates implements IncidentSink {
  readonly byVendor: ReadonlyMap<string, IncidentAggregate>;

  constructor(ws: Workspace, vendors: readonly Pick<VendorEntry, "config" | "sla">[], asOfEnd: number) {
    const months = slaMonths(asOfEnd);
    this.byVendor = new Map(vendors.map((v) => [v.config.id, new IncidentAggregate(v.config, v.sla, months, asOfEnd)]));
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
 * A workspace being scored, in the order of the JSON result: the head (everything decided before any vendor), the
 * vendors one at a time as they are reached, then what needs all of them (the recommendation). Nothing holds every
 * vendor's result at once, so ten thousand vendors are scored in the memory of a few.
 */
export interface Scoring {
  head: ResultHead;
  /** Each vendor's result, in the workspace's order; iterate once. */
  vendors: AsyncIterable<VendorResult>;
  /** After the vendors: what is decided from all of them. */
  tail(): Pick<Result, "recommendation" | "contractTerms" | "portfolio">;
}

export function scoring(valid: ValidWorkspace, incidents: ScoredIncidents, options: ScoreOptions): Scoring {
  const { workspace: ws } = valid;
  const q = withIncidentDomain(valid.questionnaire);
  const cfg = resolveConfig(ws, q);
  const scenarios = ws.scenarios ?? [DEFAULT_SCENARIO];
  const assumptions = ws.slaAssumptions ?? DEFAULT_SLA_ASSUMPTIONS;
  const inputs = [...valid.inputs, ...incidents.inputs].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const supplied = new Set(inputs.map((i) => i.path));
  const risk = resolveRiskSettings(ws.risk, options.risk?.iterations, valid.vendors.length);
  const seed = options.risk?.seed ?? ws.risk?.seed ?? seedFromInputs(inputs);
  // Only the providers a workload names keep their simulated years, for the portfolio in tail().
  const inWorkloads = new Set((ws.workloads ?? []).flatMap((w) => w.providers));
  // Passing each part through its schema puts every key in contract order and proves the output keeps the
  // contract; a saved result read back (`report --from-result`) then serialises to the same bytes.
  const head = resultHead.parse({
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
    methodology: {
      ...describeMethodology(cfg, q),
      slaAssumptions: { ...assumptions, source: ws.slaAssumptions ? "workspace" : "default" },
      risk: { ...risk, source: ws.risk ? "workspace" : "default" },
    },
  });
  const summaries: RecommendationInput[] = [];
  const terms: ContractTermsInput[] = [];
  const years = new Map<string, VendorSimulation>();
  async function* vendors(): AsyncGenerator<VendorResult> {
    for (const entry of valid.vendors) {
      const v = await entry.read();
      const agg = incidents.aggregates.byVendor.get(v.config.id)!;
      const controls = scoreVendor(
        v,
        q,
        cfg,
        ws,
        incidentAnswers(agg, ws.asOf, supplied.has(incidentFile(v.config.id))),
      );
      const basis = {
        monthlySpend: v.config.monthlySpend,
        downtimeCostPerHour: ws.downtimeCostPerHour,
        outageShare: controls.inherent.outageShare,
      };
      const simulated = vendorRisk(
        {
          vendorId: v.config.id,
          agg,
          terms: v.file.sla,
          basis,
          errorRate: (impact) => impactErrorRate(impact, assumptions),
          score: controls.score,
          gatesFired: controls.gates.length,
        },
        risk,
        seed,
        inWorkloads.has(v.config.id),
      );
      if (simulated.years) years.set(v.config.id, simulated.years);
      const result = vendorResult.parse({
        ...controls,
        incidents: summarizeIncidents(agg),
        sla: vendorSla(agg, v.file.sla, basis, assumptions),
        scenarios: scenarios
          .filter((s) => !s.vendors || s.vendors.includes(v.config.id))
          .map((s) => runScenario(s, v.config, v.file.sla, basis)),
        regulatory: regulatoryGaps(ws.regulations, v.file.sla),
        lossConcentration: lossConcentration(agg),
        risk: simulated.risk,
      });
      // Downtime the SLA is silent on is a finding too, known only once the SLA figures are.
      result.findings = withSilentFinding(result.findings, silentMinutesFinding(v.config.id, v.file.sla, result.sla));
      summaries.push(recommendationInput(result));
      terms.push(contractTermsInput(result));
      yield result;
    }
  }
  return {
    head,
    vendors: vendors(),
    tail: () => {
      if (summaries.length !== valid.vendors.length) throw new Error("scoring: the vendors were not all scored");
      const workloads = (ws.workloads ?? []).map((w) => ({
        ...w,
        costPerHour: w.costPerHour ?? ws.downtimeCostPerHour * cfg.outageShares[w.criticality],
      }));
      return {
        recommendation: recommend(summaries),
        contractTerms: contractTerms(terms),
        portfolio: workloads.length > 0 ? simulatePortfolio(workloads, years, risk.iterations, seed) : null,
      };
    },
  };
}

/** The whole workspace scored into one Result: a pure function of the validated input and its folded incidents. */
export async function scoreWorkspace(
  valid: ValidWorkspace,
  incidents: ScoredIncidents,
  options: ScoreOptions,
): Promise<Result> {
  const run = scoring(valid, incidents, options);
  const vendors: VendorResult[] = [];
  for await (const v of run.vendors) vendors.push(v);
  return { ...run.head, vendors, ...run.tail() };
}
