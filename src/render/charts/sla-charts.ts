import type { SlaSummary } from "../../schema/result.js";
import { formatMoney, formatMonth, formatPercent } from "../format.js";
import { bar, emptyChart, round1, type ChartView } from "./svg.js";

/**
 * Monthly SLA uptime as a line against the commitment (dashed). Months that missed it carry a triangle, months that
 * met it a circle, so the verdict survives grayscale. The axis starts just below the worst month.
 */
export function uptimeChart(sla: SlaSummary, id: string): ChartView | null {
  if (sla.months.length === 0) return null;
  const commitment = sla.terms?.uptimeCommitment ?? null;
  const values = sla.months.map((m) => m.uptimePercent);
  const lowest = Math.min(...values, commitment ?? 100);
  // A floor on a round step below the lowest value, so small differences near 100% stay visible.
  const floor = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
  const left = 48;
  const plotW = 440;
  const plotH = 120;
  const top = 20;
  const width = left + plotW + 12;
  const height = top + plotH + 30;
  const x = (i: number) => round1(left + (i + 0.5) * (plotW / sla.months.length));
  const y = (v: number) => round1(top + ((100 - v) / (100 - floor || 1)) * plotH);
  const desc = `Monthly SLA uptime${commitment === null ? "" : ` against the commitment of ${commitment}%`}: ${sla.months
    .map(
      (m) =>
        `${formatMonth(m.month)} ${formatPercent(m.uptimePercent)}${m.meetsCommitment || commitment === null ? "" : " (missed)"}`,
    )
    .join(", ")}.`;
  const chart = emptyChart(id, width, height, "Monthly uptime as the SLA counts it", desc);
  for (const t of [floor, round1((floor + 100) / 2), 100]) {
    chart.lines.push({ x1: left, y1: y(t), x2: left + plotW, y2: y(t), cls: "grid" });
    chart.texts.push({ x: left - 4, y: y(t) + 3, text: `${t}%`, anchor: "end", cls: "c-tick" });
  }
  if (commitment !== null) {
    chart.lines.push({ x1: left, y1: y(commitment), x2: left + plotW, y2: y(commitment), cls: "commitment" });
    // Named in a key above the plot: a label on the line itself would sit on the months plotted near it.
    chart.lines.push({ x1: left + plotW - 118, y1: 7, x2: left + plotW - 96, y2: 7, cls: "commitment" });
    chart.texts.push({
      x: left + plotW - 92,
      y: 10,
      text: `commitment ${commitment}%`,
      anchor: "start",
      cls: "c-note",
    });
  }
  chart.polylines.push({ points: sla.months.map((m, i) => `${x(i)},${y(m.uptimePercent)}`).join(" "), cls: "series" });
  sla.months.forEach((m, i) => {
    const missed = commitment !== null && !m.meetsCommitment;
    const cx = x(i);
    const cy = y(m.uptimePercent);
    chart.markers.push({
      x: cx,
      y: cy,
      shape: missed ? "triangle" : "circle",
      circle: !missed,
      points: `${cx},${round1(cy - 4.5)} ${round1(cx - 4.5)},${round1(cy + 3.5)} ${round1(cx + 4.5)},${round1(cy + 3.5)}`,
    });
    chart.texts.push({ x: cx, y: height - 8, text: formatMonth(m.month).slice(0, 3), anchor: "middle", cls: "c-tick" });
  });
  return chart;
}

/** Business loss against SLA credit, month by month: paired bars on one scale, the amounts written where non-zero. */
export function lossCreditChart(sla: SlaSummary, currency: string, id: string): ChartView | null {
  const max = Math.max(0, ...sla.months.map((m) => Math.max(m.loss, m.creditAmount)));
  if (max === 0) return null;
  const left = 8;
  const plotW = 480;
  const plotH = 110;
  const top = 26;
  const width = left + plotW + 12;
  const height = top + plotH + 22;
  const slot = plotW / sla.months.length;
  const barW = round1(slot * 0.36);
  const h = (v: number) => round1((v / max) * plotH);
  const base = top + plotH;
  const desc = `Business loss against SLA credit per month (${currency}): ${sla.months
    .filter((m) => m.loss > 0 || m.creditAmount > 0)
    .map(
      (m) =>
        `${formatMonth(m.month)} loss ${formatMoney(m.loss, currency)}, credit ${formatMoney(m.creditAmount, currency)}`,
    )
    .join(
      "; ",
    )}. Year: loss ${formatMoney(sla.annual.loss, currency)}, credits ${formatMoney(sla.annual.credits, currency)}.`;
  const chart = emptyChart(id, width, height, "Business loss against SLA credit", desc);
  chart.legend.push({ swatch: bar(left, 4, 12, 10, "s0", false), label: "Loss", textX: left + 16, textY: 13 });
  chart.legend.push({
    swatch: bar(left + 80, 4, 12, 10, "s1", false),
    label: "SLA credit",
    textX: left + 96,
    textY: 13,
  });
  chart.lines.push({ x1: left, y1: base, x2: left + plotW, y2: base, cls: "axis" });
  sla.months.forEach((m, i) => {
    const x0 = round1(left + i * slot + slot * 0.12);
    const lh = h(m.loss);
    const ch = h(m.creditAmount);
    chart.rects.push(bar(x0, round1(base - lh), barW, lh, "s0", false));
    chart.rects.push(
      bar(round1(x0 + barW + 1), round1(base - ch), barW, Math.max(ch, m.creditAmount > 0 ? 0.8 : 0), "s1", false),
    );
    chart.texts.push({
      x: round1(left + (i + 0.5) * slot),
      y: height - 6,
      text: formatMonth(m.month).slice(0, 3),
      anchor: "middle",
      cls: "c-tick",
    });
    if (m.loss > 0)
      chart.texts.push({
        x: round1(x0 + barW / 2),
        y: round1(base - lh - 3),
        text: compact(m.loss),
        anchor: "middle",
        cls: "c-value",
      });
  });
  return chart;
}

/** 1,177,500 -> "1.18M", 75,000 -> "75k": short labels that fit above a bar; exact figures are in the table. */
function compact(v: number): string {
  if (v >= 1_000_000) return `${(v / 1_000_000).toFixed(2)}M`;
  if (v >= 1_000) return `${Math.round(v / 1_000)}k`;
  return String(Math.round(v));
}
