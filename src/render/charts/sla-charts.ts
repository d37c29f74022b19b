import type { SlaSummary } from "../../schema/result.js";
import { formatDuration, formatMoney, formatMonth, formatPercent } from "../format.js";
import { bar, emptyChart, round1, type ChartView } from "./svg.js";

/**
 * Both SLA charts are drawn 672 units wide, the text width of an A4 or Letter page at 96 units an inch, so they
 * print at full width with their labels at the size set in the CSS.
 */
export const SLA_CHART_WIDTH = 672;

/** Uptime on a scale of "nines": each step down (100%, 99.99%, 99.9%, 99%, 90%) is a tenfold longer outage. */
const TOP_DOWN = 0.001;
const log10 = Math.log10;

/**
 * Monthly SLA uptime against the commitment. The vertical scale is logarithmic in downtime ("nines"), so 99.99% sits
 * a full step below 100% and a commitment can never be mistaken for the top line. Months that missed the
 * commitment carry a triangle, months that met it a circle; a month with downtime the SLA excludes carries a
 * diamond and the excluded time in words, so a month of long excluded outages never reads as a clean 100%. All of it
 * survives grayscale.
 */
export function uptimeChart(sla: SlaSummary, id: string): ChartView | null {
  if (sla.months.length === 0) return null;
  const commitment = sla.terms?.uptimeCommitment ?? null;
  const worstDown = Math.max(
    ...sla.months.map((m) => 100 - m.uptimePercent),
    commitment === null ? 0 : 100 - commitment,
  );
  // The bottom is the first "nine" at or below the worst month, at least 99.9%.
  const bottomDown = [0.1, 1, 10, 100].find((d) => d >= worstDown - 1e-9) ?? 100;
  const left = 64;
  const right = 96;
  const top = 30;
  const plotH = 150;
  const width = SLA_CHART_WIDTH;
  const plotW = width - left - right;
  const height = top + plotH + 48;
  const slot = plotW / sla.months.length;
  const x = (i: number) => round1(left + (i + 0.5) * slot);
  const y = (uptime: number) => {
    const d = Math.max(TOP_DOWN, 100 - uptime);
    return round1(top + ((log10(d) - log10(TOP_DOWN)) / (log10(bottomDown) - log10(TOP_DOWN))) * plotH);
  };
  const desc = `Monthly SLA uptime${commitment === null ? "" : ` against the commitment of ${commitment}%`}, on a scale of nines: ${sla.months
    .map(
      (m) =>
        `${formatMonth(m.month)} ${formatPercent(m.uptimePercent)}${m.meetsCommitment || commitment === null ? "" : " (missed)"}${m.downtimeMinutes > m.slaDowntimeMinutes ? ` (${formatDuration(m.downtimeMinutes - m.slaDowntimeMinutes)} of downtime not counted by the SLA)` : ""}`,
    )
    .join(", ")}.`;
  const chart = { ...emptyChart(id, width, height, "Monthly uptime as the SLA counts it", desc), kind: "sla" };
  const ticks = [100, 99.99, 99.9, 99, 90, 0].filter((t) => 100 - t <= bottomDown + 1e-9);
  for (const t of ticks) {
    chart.lines.push({ x1: left, y1: y(t), x2: left + plotW, y2: y(t), cls: t === 100 ? "axis" : "grid" });
    chart.texts.push({ x: left - 5, y: y(t) + 3.5, text: `${t}%`, anchor: "end", cls: "c-tick" });
  }
  chart.texts.push({
    x: 12,
    y: round1(top + plotH / 2),
    text: "Uptime (% of the month)",
    anchor: "middle",
    cls: "c-axis-title",
    rotate: true,
  });
  if (commitment !== null) {
    const cy = y(commitment);
    chart.lines.push({ x1: left, y1: cy, x2: left + plotW, y2: cy, cls: "commitment" });
    chart.texts.push({
      x: left + plotW + 4,
      y: cy + 3.5,
      text: `commitment ${commitment}%`,
      anchor: "start",
      cls: "c-note",
    });
  }
  // The key, above the plot.
  chart.markers.push(marker(left + 4, 12, "circle"));
  chart.texts.push({ x: left + 12, y: 15.5, text: "met the commitment", anchor: "start", cls: "c-legend" });
  chart.markers.push(marker(left + 130, 12, "triangle"));
  chart.texts.push({ x: left + 138, y: 15.5, text: "missed it", anchor: "start", cls: "c-legend" });
  chart.markers.push(marker(left + 204, 12, "diamond"));
  chart.texts.push({
    x: left + 212,
    y: 15.5,
    text: "downtime the SLA excludes or does not count (still lost)",
    anchor: "start",
    cls: "c-legend",
  });
  if (commitment !== null) {
    chart.lines.push({ x1: left + 452, y1: 12, x2: left + 476, y2: 12, cls: "commitment" });
    chart.texts.push({ x: left + 480, y: 15.5, text: "commitment", anchor: "start", cls: "c-legend" });
  }
  chart.polylines.push({ points: sla.months.map((m, i) => `${x(i)},${y(m.uptimePercent)}`).join(" "), cls: "series" });
  // Labels of neighbouring months on the same side are staggered: a slot is narrower than "not counted".
  let previous = { i: -2, up: 0, level: 0 };
  sla.months.forEach((m, i) => {
    const missed = commitment !== null && !m.meetsCommitment;
    const cx = x(i);
    const cy = y(m.uptimePercent);
    chart.markers.push(marker(cx, cy, missed ? "triangle" : "circle"));
    // Downtime that affected you but that the SLA does not count: excluded by a clause, or an impact it does not
    // measure. The month may still read 100%; the diamond and the words say what it left out.
    const uncounted = Math.max(0, m.downtimeMinutes - m.slaDowntimeMinutes);
    if (uncounted > 0) {
      // Below a point in the upper half of the plot, above one in the lower half: never over the month labels.
      const up = cy > top + plotH / 2 ? -1 : 1;
      const level = previous.i === i - 1 && previous.up === up && previous.level === 0 ? 1 : 0;
      previous = { i, up, level };
      const shift = up * level * 32;
      chart.markers.push(marker(cx, round1(cy + up * 14), "diamond"));
      chart.texts.push({
        x: cx,
        y: round1((up > 0 ? cy + 30 : cy - 34) + shift),
        text: formatDuration(uncounted),
        anchor: "middle",
        cls: "c-value",
      });
      chart.texts.push({
        x: cx,
        y: round1((up > 0 ? cy + 40 : cy - 24) + shift),
        text: m.excludedMinutes > 0 ? "excluded" : "not counted",
        anchor: "middle",
        cls: "c-value",
      });
    }
    const [mon, year] = formatMonth(m.month).split(" ") as [string, string];
    chart.texts.push({ x: cx, y: top + plotH + 14, text: mon, anchor: "middle", cls: "c-tick" });
    chart.texts.push({ x: cx, y: top + plotH + 25, text: year, anchor: "middle", cls: "c-tick" });
  });
  chart.texts.push({
    x: round1(left + plotW / 2),
    y: height - 6,
    text: "Month (UTC)",
    anchor: "middle",
    cls: "c-axis-title",
  });
  return chart;
}

function marker(cx: number, cy: number, shape: "circle" | "triangle" | "diamond") {
  const r = 4.5;
  const points =
    shape === "triangle"
      ? `${cx},${round1(cy - r)} ${round1(cx - r)},${round1(cy + 3.5)} ${round1(cx + r)},${round1(cy + 3.5)}`
      : `${cx},${round1(cy - r)} ${round1(cx + r)},${cy} ${cx},${round1(cy + r)} ${round1(cx - r)},${cy}`;
  return { x: cx, y: cy, shape, circle: shape === "circle", points };
}

/** A round step for an axis: 1, 2 or 5 times a power of ten, giving at most about five ticks. */
export function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((k) => k * p >= raw) ?? 10) * p;
}

/**
 * Business loss against SLA credit, month by month: paired bars on one scale with a labelled axis in the currency,
 * and every non-zero amount written on its bar, so a credit too small to see against the loss is still read.
 */
export function lossCreditChart(sla: SlaSummary, currency: string, id: string): ChartView | null {
  const max = Math.max(0, ...sla.months.map((m) => Math.max(m.loss, m.creditAmount)));
  if (max === 0) return null;
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const left = 64;
  const right = 16;
  const top = 30;
  const plotH = 140;
  const width = SLA_CHART_WIDTH;
  const plotW = width - left - right;
  const height = top + plotH + 48;
  const slot = plotW / sla.months.length;
  const barW = round1(slot * 0.34);
  const h = (v: number) => round1((v / axisMax) * plotH);
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
  const chart = { ...emptyChart(id, width, height, "Business loss against SLA credit", desc), kind: "sla" };
  chart.legend.push({ swatch: bar(left + 4, 6, 12, 10, "s0", false), label: "Loss", textX: left + 20, textY: 15 });
  chart.legend.push({
    swatch: bar(left + 70, 6, 12, 10, "s1", false),
    label: "SLA credit (amount written above each bar)",
    textX: left + 86,
    textY: 15,
  });
  for (let t = 0; t <= axisMax + 1e-9; t += step) {
    const ty = round1(base - h(t));
    chart.lines.push({ x1: left, y1: ty, x2: left + plotW, y2: ty, cls: t === 0 ? "axis" : "grid" });
    chart.texts.push({ x: left - 5, y: ty + 3.5, text: compact(t), anchor: "end", cls: "c-tick" });
  }
  chart.texts.push({
    x: 12,
    y: round1(top + plotH / 2),
    text: `${currency} per month`,
    anchor: "middle",
    cls: "c-axis-title",
    rotate: true,
  });
  sla.months.forEach((m, i) => {
    const x0 = round1(left + i * slot + slot * 0.14);
    const x1 = round1(x0 + barW + 2);
    const lh = h(m.loss);
    // A credit paid is never drawn thinner than 2 units, so it shows against a large loss.
    const ch = m.creditAmount > 0 ? Math.max(h(m.creditAmount), 2) : 0;
    chart.rects.push(bar(x0, round1(base - lh), barW, lh, "s0", false));
    chart.rects.push(bar(x1, round1(base - ch), barW, ch, "s1", false));
    if (m.loss > 0)
      chart.texts.push({
        x: round1(x0 + barW / 2),
        y: round1(base - lh - 3),
        text: compact(m.loss),
        anchor: "middle",
        cls: "c-value",
      });
    if (m.creditAmount > 0)
      chart.texts.push({
        x: round1(x1 + barW / 2),
        y: round1(base - ch - 3),
        text: compact(m.creditAmount),
        anchor: "middle",
        cls: "c-value c-credit",
      });
    const [mon, year] = formatMonth(m.month).split(" ") as [string, string];
    chart.texts.push({ x: round1(left + (i + 0.5) * slot), y: base + 14, text: mon, anchor: "middle", cls: "c-tick" });
    chart.texts.push({ x: round1(left + (i + 0.5) * slot), y: base + 25, text: year, anchor: "middle", cls: "c-tick" });
  });
  chart.texts.push({
    x: round1(left + plotW / 2),
    y: height - 6,
    text: "Month (UTC)",
    anchor: "middle",
    cls: "c-axis-title",
  });
  return chart;
}

/** 1,177,500 -> "1.18M", 75,000 -> "75k", 18,500 -> "18.5k": short labels; exact figures are in the table. */
export function compact(v: number): string {
  if (v >= 1_000_000) return `${Number((v / 1_000_000).toFixed(2))}M`;
  if (v >= 10_000) return `${Math.round(v / 1_000)}k`;
  if (v >= 1_000) return `${Number((v / 1_000).toFixed(1))}k`;
  return String(Math.round(v));
}
