import { formatMoney } from "../format.js";
import { emptyChart, round1, type ChartView } from "./svg.js";

/** One curve: the amounts the result gives at each exceedance probability (vendors[].risk.exceedance). */
export interface ExceedanceSeries {
  label: string;
  points: readonly { probability: number; amount: number }[];
}

/** Line styles in order: solid, dashed, dotted: apart in grayscale. Markers: circles, triangles, none. */
const STYLES = ["series", "series-dashed", "series-dotted"] as const;

/**
 * A loss exceedance curve: the annual amount (x, linear, in the currency) exceeded with each probability (y, log
 * scale, 1 in 2 years at the top down to 1 in 1,000). The points come from the result; this only maps them to
 * coordinates. Up to three curves (e.g. loss and uncovered loss); the 1-in-20 line is marked.
 */
export function exceedanceChart(
  series: readonly ExceedanceSeries[],
  currency: string,
  id: string,
  title: string,
): ChartView | null {
  const shown = series.slice(0, STYLES.length).filter((s) => s.points.length > 1);
  const max = Math.max(0, ...shown.flatMap((s) => s.points.map((p) => p.amount)));
  if (shown.length === 0 || max === 0) return null;
  const probs = shown.flatMap((s) => s.points.map((p) => p.probability));
  const pTop = Math.max(...probs);
  const pBottom = Math.min(...probs);
  const left = 58;
  const plotW = 420;
  const top = 22;
  const plotH = 130;
  const width = left + plotW + 16;
  const height = top + plotH + 36;
  const niceMax = niceCeiling(max);
  const x = (v: number) => round1(left + (v / niceMax) * plotW);
  const span = Math.log10(pTop) - Math.log10(pBottom) || 1;
  const y = (p: number) => round1(top + ((Math.log10(pTop) - Math.log10(p)) / span) * plotH);
  const desc = `${title} (${currency}): ${shown
    .map(
      (s) =>
        `${s.label}: ${s.points.map((p) => `1 in ${oneIn(p.probability)} years ${formatMoney(p.amount, currency)}`).join(", ")}`,
    )
    .join("; ")}.`;
  const chart = emptyChart(id, width, height, title, desc);
  // Probability gridlines at 1 in 2, 10, 20, 100, 1,000 years where the curve reaches.
  for (const p of [0.5, 0.1, 0.05, 0.01, 0.001]) {
    if (p > pTop || p < pBottom) continue;
    chart.lines.push({ x1: left, y1: y(p), x2: left + plotW, y2: y(p), cls: p === 0.05 ? "commitment" : "grid" });
    chart.texts.push({ x: left - 4, y: y(p) + 3, text: `1 in ${oneIn(p)}`, anchor: "end", cls: "c-tick" });
  }
  for (let k = 0; k <= 4; k++) {
    const v = (niceMax * k) / 4;
    chart.lines.push({ x1: x(v), y1: top, x2: x(v), y2: top + plotH, cls: "grid" });
    chart.texts.push({ x: x(v), y: top + plotH + 11, text: compactMoney(v), anchor: "middle", cls: "c-tick" });
  }
  chart.lines.push({ x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, cls: "axis" });
  chart.lines.push({ x1: left, y1: top, x2: left, y2: top + plotH, cls: "axis" });
  chart.texts.push({
    x: left + plotW / 2,
    y: height - 4,
    text: `Annual amount (${currency})`,
    anchor: "middle",
    cls: "c-label",
  });
  chart.texts.push({ x: 4, y: 12, text: "Exceeded once in … years (log scale)", anchor: "start", cls: "c-label" });
  shown.forEach((s, i) => {
    chart.polylines.push({
      points: s.points.map((p) => `${x(p.amount)},${y(p.probability)}`).join(" "),
      cls: STYLES[i]!,
    });
    if (i < 2)
      for (const p of s.points) {
        const cx = x(p.amount);
        const cy = y(p.probability);
        chart.markers.push({
          x: cx,
          y: cy,
          shape: i === 0 ? "circle" : "triangle",
          circle: i === 0,
          points: `${cx},${round1(cy - 4)} ${round1(cx - 4)},${round1(cy + 3)} ${round1(cx + 4)},${round1(cy + 3)}`,
        });
      }
    // Key above the plot, right-aligned: a line sample and the label.
    const kx = left + plotW - 150;
    const ky = 6 + i * 9;
    chart.lines.push({ x1: kx, y1: ky, x2: kx + 18, y2: ky, cls: STYLES[i]! });
    chart.texts.push({ x: kx + 22, y: ky + 3, text: s.label, anchor: "start", cls: "c-legend" });
  });
  chart.texts.push({ x: left + plotW - 2, y: y(0.05) - 3, text: "1 in 20 years (P95)", anchor: "end", cls: "c-note" });
  return chart;
}

/** 0.05 -> "20", 0.001 -> "1,000". */
function oneIn(p: number): string {
  return Math.round(1 / p).toLocaleString("en");
}

/** The smallest of a few round multiples of 10^k at or above v, each splitting into four round steps. */
function niceCeiling(v: number): number {
  const k = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10]) if (m * k >= v) return m * k;
  return 10 * k;
}

function compactMoney(v: number): string {
  if (v >= 1_000_000) return `${+(v / 1_000_000).toFixed(2)}M`;
  if (v >= 1_000) return `${Math.round(v / 1_000)}k`;
  return String(Math.round(v));
}
