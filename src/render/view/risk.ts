import type { Result, VendorResult } from "../../schema/result.js";
import { exceedanceChart } from "../charts/exceedance-chart.js";
import type { ChartView } from "../charts/svg.js";
import { formatMoney } from "../format.js";
import { clean } from "./common.js";

/** The risk simulation of one provider, worded for the vendor section (docs/risk-model.md). */
export interface VendorRiskView {
  rows: { label: string; value: string }[];
  chart: ChartView | null;
  asks: { ask: string; before: string; after: string; drop: string }[];
  note: string;
}

/** What the executive summary and the comparison show of the simulation. */
export interface ReportRiskView {
  /** The top asks of each provider, largest P95 drop first. */
  negotiateFirst: { name: string; ask: string; drop: string }[];
  portfolio: {
    rows: { label: string; value: string }[];
    workloads: { name: string; providers: string; failover: string; mean: string; p95: string }[];
    providers: { id: string; share: string }[];
    chart: ChartView | null;
  } | null;
  note: string;
}

/** How many asks per provider "Negotiate first" lists. */
export const NEGOTIATE_FIRST = 2;

const ASSUMPTION =
  "Simulated years, not a forecast: outage frequency and durations come from the incident record weighed with a stated prior, and the AI-agent outage rate from the control score and gates by an assumed mapping (docs/risk-model.md), which the buyer can change in caution.yaml.";

export function vendorRiskView(v: VendorResult, currency: string): VendorRiskView | null {
  const r = v.risk;
  if (!r) return null;
  const m = (x: number) => formatMoney(x, currency);
  const se = (x: number) => `± ${formatMoney(x, currency)}`;
  return {
    rows: [
      { label: "Uncovered loss, last 12 months (record)", value: m(v.sla.annual.uncovered) },
      { label: "Uncovered loss, typical year (median)", value: m(r.annualUncovered.p50) },
      {
        label: "Uncovered loss, average year",
        value: `${m(r.annualUncovered.mean)} (${se(r.annualUncovered.standardError.mean)})`,
      },
      {
        label: "Uncovered loss, 1-in-20-year (P95)",
        value: `${m(r.annualUncovered.p95)} (${se(r.annualUncovered.standardError.p95)})`,
      },
      { label: "Uncovered loss, 1-in-100-year (P99)", value: m(r.annualUncovered.p99) },
      { label: "SLA credits, 1-in-20-year (P95)", value: m(r.annualCredits.p95) },
      {
        label: "Outages a year assumed (AI-agent)",
        value: `${r.model.outagesPerYear.toFixed(2)} (${r.model.aiAgentOutagesPerYear.toFixed(2)}; the mapping alone ${r.model.aiAgentPriorPerYear.toFixed(2)})`,
      },
      { label: "Simulated years, seed", value: `${r.iterations.toLocaleString("en")}, ${clean(r.seed)}` },
    ],
    chart: exceedanceChart(
      [
        { label: "Loss", points: r.exceedance.map((p) => ({ probability: p.probability, amount: p.loss })) },
        {
          label: "Uncovered by the SLA",
          points: r.exceedance.map((p) => ({ probability: p.probability, amount: p.uncovered })),
        },
      ],
      currency,
      `chart-exceedance-${v.id}`,
      "How bad a bad year gets: annual loss exceedance",
    ),
    asks: r.asks.map((a) => ({
      ask: a.ask,
      before: m(a.p95Before),
      after: m(a.p95After),
      drop: m(a.p95Before - a.p95After),
    })),
    note: ASSUMPTION,
  };
}

export function reportRiskView(result: Result): ReportRiskView | null {
  const cur = result.workspace.currency;
  const m = (x: number) => formatMoney(x, cur);
  const simulated = result.vendors.filter((v) => v.risk);
  if (simulated.length === 0) return null;
  const p = result.portfolio ?? null;
  const names = new Map(result.vendors.map((v) => [v.id, clean(v.name)]));
  return {
    negotiateFirst: simulated.flatMap((v) =>
      v
        .risk!.asks.filter((a) => a.p95After < a.p95Before)
        .slice(0, NEGOTIATE_FIRST)
        .map((a) => ({ name: clean(v.name), ask: a.ask, drop: m(a.p95Before - a.p95After) })),
    ),
    portfolio: p
      ? {
          rows: [
            { label: "Uncovered loss, average year", value: m(p.annualUncovered.mean) },
            { label: "Uncovered loss, 1-in-20-year (P95)", value: m(p.annualUncovered.p95) },
            { label: "Uncovered loss, 1-in-100-year (P99)", value: m(p.annualUncovered.p99) },
          ],
          workloads: p.workloads.map((w) => ({
            name: clean(w.name),
            providers: w.providers.map((id) => names.get(id) ?? clean(id)).join(" → "),
            failover: w.failover,
            mean: m(w.annualUncovered.mean),
            p95: m(w.annualUncovered.p95),
          })),
          providers: p.providers.map((x) => ({
            id: names.get(x.id) ?? clean(x.id),
            share: `${Math.round(x.p95Share * 100)}%`,
          })),
          chart: exceedanceChart(
            [{ label: "Portfolio, uncovered", points: p.exceedance }],
            cur,
            "chart-exceedance-portfolio",
            "Portfolio: annual uncovered loss exceedance",
          ),
        }
      : null,
    note: ASSUMPTION,
  };
}
