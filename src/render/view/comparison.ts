import type { Result, VendorResult } from "../../schema/result.js";
import { domainChart, providerGroups } from "../charts/domain-chart.js";
import type { ChartView } from "../charts/svg.js";
import { formatDuration, formatHours, formatMoney, formatScore, ratingLabel } from "../format.js";
import { anchorOf, badge, clean, percent, type Badge } from "./common.js";
import { termsMatrix, type TermsMatrixView } from "./contract-terms.js";

/**
 * The side-by-side comparison for at most four providers: a table that fits the page width and a chart in which
 * each provider has a look of its own. More providers give more groups, each a complete table and chart.
 */
export interface ComparisonGroup {
  /** "Providers 5-8 of 18" when there is more than one group, else null. */
  caption: string | null;
  vendors: { name: string; anchor: string }[];
  /** Columns of the table (measure + one per provider), for full-width group rows. */
  columns: number;
  rows: ComparisonRow[];
  terms: TermsMatrixView;
  chart: ChartView;
}

export interface ComparisonRow {
  label: string;
  group: boolean;
  /** Each part on a line of its own, wrapping as needed (gates, notes); otherwise "a / b", each kept on one line. */
  wrap: boolean;
  cells: ComparisonCell[];
}

export interface ComparisonCell {
  /** Figures printed "a / b", each kept on one line. */
  parts: string[];
  badge: Badge | null;
}

export function comparisonGroups(result: Result): ComparisonGroup[] {
  const groups = providerGroups(result.vendors);
  let first = 1;
  return groups.map((vs, i) => {
    const range = vs.length === 1 ? `Provider ${first}` : `Providers ${first}-${first + vs.length - 1}`;
    const caption = groups.length > 1 ? `${range} of ${result.vendors.length}` : null;
    first += vs.length;
    return {
      caption,
      vendors: vs.map((v) => ({ name: clean(v.name), anchor: anchorOf(v.id) })),
      columns: vs.length + 1,
      rows: comparisonRows(result, vs),
      terms: termsMatrix(result, vs),
      chart: domainChart(
        result,
        vs,
        groups.length > 1 ? `chart-domains-${i + 1}` : "chart-domains",
        caption === null ? null : caption.toLowerCase(),
      ),
    };
  });
}

function comparisonRows(result: Result, vs: readonly VendorResult[]): ComparisonRow[] {
  const cur = result.workspace.currency;
  const row = (label: string, cell: (v: VendorResult) => ComparisonCell, wrap = false): ComparisonRow => ({
    label,
    group: false,
    wrap,
    cells: vs.map(cell),
  });
  const text = (t: string): ComparisonCell => ({ parts: [t], badge: null });
  const rows: ComparisonRow[] = [
    row("Rating", (v) => ({ parts: [], badge: badge(v.rating) })),
    row("Risk score (0-100)", (v) => text(formatScore(v.score))),
    row("Inherent exposure", (v) => ({ parts: [], badge: badge(v.inherent.level) })),
    row("Priority", (v) => ({ parts: [], badge: badge(v.priority) })),
    row(
      "Gates fired",
      (v) => ({ parts: v.gates.length === 0 ? ["none"] : v.gates.map((g) => `${clean(g.title)}.`), badge: null }),
      true,
    ),
    row("Answered / evidenced", (v) =>
      text(`${v.coverage.answered} / ${v.coverage.evidenced} of ${v.coverage.questions}`),
    ),
    row("Monthly spend", (v) => text(formatMoney(v.inherent.monthlySpend, cur))),
    row(
      `Loss in a ${result.methodology.referenceOutageHours} h outage (set by how critical your workloads on it are, not by the provider)`,
      (v) => ({
        parts: [
          formatMoney(v.inherent.referenceOutageCost, cur),
          `${ratingLabel(v.inherent.criticality)} workloads: ${Math.round(v.inherent.outageShare * 100)}% of the downtime cost`,
        ],
        badge: null,
      }),
      true,
    ),
    row("Incidents affecting you (all / major / AI agent)", (v) =>
      text(`${v.incidents.affecting} / ${v.incidents.major} / ${v.incidents.aiAgentInvolved}`),
    ),
    row("Downtime affecting you, 12 months", (v) => text(formatHours(v.incidents.downtimeMinutes))),
    row("SLA uptime commitment", (v) => text(v.sla.terms ? `${v.sla.terms.uptimeCommitment}%` : "no terms recorded")),
    row("Loss / SLA credits, 12 months", (v) => ({
      parts: [formatMoney(v.sla.annual.loss, cur), formatMoney(v.sla.annual.credits, cur)],
      badge: null,
    })),
    row("Share of loss the SLA covered", (v) =>
      text(v.sla.annual.coverageRatio === null ? "no loss" : percent(v.sla.annual.coverageRatio)),
    ),
    row(
      "Largest single incident's share of the loss",
      (v) => {
        const c = v.lossConcentration;
        if (!c) return text("no loss");
        return {
          parts: [
            `${percent(c.share)}${c.dominant ? " (most of the loss)" : ""}`,
            `${clean(c.title)}${c.open ? " (open)" : ""}`,
          ],
          badge: null,
        };
      },
      true,
    ),
    ...scenarioRows(result, vs, cur),
    { label: "Domain scores (0-100, higher is riskier)", group: true, wrap: false, cells: [] },
  ];
  for (const d of result.methodology.domainWeights) {
    rows.push(
      row(`${d.id} ${d.title}`, (v) => {
        const ds = v.domains.find((x) => x.id === d.id);
        if (!ds || ds.score === null || ds.rating === null) return text("n/a");
        return { parts: [formatScore(ds.score)], badge: badge(ds.rating) };
      }),
    );
  }
  return rows;
}

/** A scenario's cause in words (the incident record's cause ids), for the comparison's row labels. */
const CAUSE_WORDS: Record<string, string> = {
  "ai-agent": "the provider's own AI agent",
  "customer-agent": "the provider's AI agent acting with your credentials",
  customer: "your own action",
  change: "a change",
  capacity: "a capacity shortage",
  hardware: "a hardware failure",
  network: "a network failure",
  software: "a software fault",
  security: "a security incident",
  external: "an external event",
  unknown: "an unknown cause",
};

/** One row per scenario any provider has, so every group of the comparison lists the same rows. */
function scenarioRows(result: Result, vs: readonly VendorResult[], cur: string): ComparisonRow[] {
  const ids = [...new Set(result.vendors.flatMap((v) => v.scenarios.map((s) => s.id)))];
  return ids.map((id) => {
    const sc = result.vendors.flatMap((v) => v.scenarios).find((s) => s.id === id);
    return {
      label: sc
        ? `What if: ${formatDuration(sc.downtimeMinutes)} outage caused by ${CAUSE_WORDS[sc.cause] ?? sc.cause} (credit / loss)`
        : id,
      group: false,
      wrap: false,
      cells: vs.map((v) => {
        const sc = v.scenarios.find((s) => s.id === id);
        if (!sc) return { parts: ["n/a"], badge: null };
        return {
          parts: [sc.claimable ? formatMoney(sc.creditAmount, cur) : "not claimable", formatMoney(sc.loss, cur)],
          badge: null,
        };
      }),
    };
  });
}
