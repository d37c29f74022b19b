import type { VendorRisk } from "../../schema/result-risk.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { IncidentAggregate } from "../incident-aggregate.js";
import { roundTo } from "../round.js";
import type { LossBasis, OutageSpan } from "../sla/month.js";
import { riskAsks } from "./asks.js";
import { vendorModel } from "./model.js";
import { streamKey } from "./prng.js";
import type { ResolvedRiskSettings } from "./settings.js";
import { simulateVendor, type VendorSimulation } from "./simulate.js";
import { distribution, exceedance, quantile } from "./stats.js";

export interface VendorRiskInput {
  vendorId: string;
  agg: IncidentAggregate;
  terms: SlaTerms | undefined;
  basis: LossBasis;
  errorRate: (impact: OutageSpan["impact"]) => number;
  score: number;
  gatesFired: number;
}

/** A vendor's risk figures, and its simulated years when a workload needs them for the portfolio. */
export function vendorRisk(
  input: VendorRiskInput,
  settings: ResolvedRiskSettings,
  seed: string,
  keepYears: boolean,
): { risk: VendorRisk; years: VendorSimulation | undefined } {
  const model = vendorModel(input.agg, input.errorRate, input.score, input.gatesFired, settings);
  const asks = riskAsks(input.terms, input.basis, settings);
  const sim = simulateVendor(
    model,
    input.terms,
    input.basis,
    asks,
    settings.iterations,
    streamKey(`${seed}\0vendor\0${input.vendorId}`),
    keepYears,
  );
  const uncovered = distribution(sim.uncovered);
  const lossCurve = exceedance(sim.loss);
  const uncoveredCurve = exceedance(sim.uncovered);
  const ranked = asks
    .map((a, i) => {
      const after = Float64Array.from(sim.askUncovered[i]!).sort();
      const d = distribution(after);
      return { ask: a.ask, p95Before: uncovered.p95, p95After: d.p95, meanAfter: d.mean, order: i };
    })
    // Largest drop in P95 first; equal drops by the larger drop in the mean, then the order asks are listed in.
    .sort((a, b) => a.p95After - b.p95After || a.meanAfter - b.meanAfter || a.order - b.order)
    .map(({ order: _, ...rest }) => rest);
  const risk: VendorRisk = {
    iterations: settings.iterations,
    seed,
    model: {
      recordOutages: model.recordOutages,
      outagesPerYear: roundTo(model.record.shape / model.record.rate, 4),
      medianOutageMinutes: roundTo(Math.exp(model.record.duration.mu), 1),
      aiAgentOutages: model.aiAgentOutages,
      aiAgentPriorPerYear: roundTo(model.aiAgentPriorRate, 4),
      aiAgentOutagesPerYear: roundTo(model.aiAgent.shape > 0 ? model.aiAgent.shape / model.aiAgent.rate : 0, 4),
    },
    annualLoss: distribution(sim.loss),
    annualCredits: distribution(sim.credits),
    annualUncovered: uncovered,
    exceedance: lossCurve.map((p, i) => ({
      probability: p.probability,
      loss: p.amount,
      uncovered: uncoveredCurve[i]!.amount,
    })),
    asks: ranked,
  };
  return { risk, years: keepYears ? sim : undefined };
}

export { quantile };
