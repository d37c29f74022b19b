import type { Result, VendorResult } from "../../schema/result.js";
import { cleanText } from "../sanitize.js";
import { bar, emptyChart, MAX_SERIES, round1, seriesClass, type ChartView } from "./svg.js";

/** Providers in groups of at most `size`, in the result's order: one comparison table and one chart per group. */
export function providerGroups(vendors: readonly VendorResult[], size = MAX_SERIES): VendorResult[][] {
  const groups: VendorResult[][] = [];
  for (let i = 0; i < vendors.length; i += size) groups.push(vendors.slice(i, i + size));
  return groups;
}

/**
 * Domain scores (0-100) per provider as grouped horizontal bars, one group per domain, values written at the bars.
 * One chart shows at most four providers, so each has a look of its own and the chart fits on a page; `part` names
 * the slice ("providers 5-8 of 18") when there are more.
 */
export function domainChart(
  result: Result,
  vendors: readonly VendorResult[],
  id: string,
  part: string | null,
): ChartView {
  if (vendors.length > MAX_SERIES)
    throw new Error(`a domain chart shows at most ${MAX_SERIES} providers, got ${vendors.length}`);
  const domains = result.methodology.domainWeights;
  const labelW = 190;
  const plotW = 300;
  const barH = 7;
  const groupGap = 6;
  const groupH = vendors.length * barH + groupGap;
  const top = 24 + Math.ceil(vendors.length / 2) * 14;
  const height = top + domains.length * groupH + 22;
  const width = labelW + plotW + 50;
  const desc = domains
    .map(
      (d) =>
        `${d.id} ${d.title}: ${vendors.map((v) => `${cleanText(v.name)} ${scoreText(v.domains.find((x) => x.id === d.id)?.score ?? null)}`).join(", ")}`,
    )
    .join("; ");
  const title = `Domain scores by provider (0 best, 100 worst)${part === null ? "" : `, ${part}`}`;
  const chart = emptyChart(id, width, height, title, `${title}. ${desc}.`);
  vendors.forEach((v, i) => {
    const x = (i % 2) * 250;
    const y = 10 + Math.floor(i / 2) * 14;
    chart.legend.push({
      swatch: bar(x, y, 12, 10, seriesClass(i), true),
      label: cleanText(v.name),
      textX: x + 16,
      textY: y + 9,
    });
  });
  // Gridlines at 0, 25, 50, 75, 100 with the default band edges labelled.
  for (const t of [0, 25, 50, 75, 100]) {
    const x = labelW + (t / 100) * plotW;
    chart.lines.push({ x1: x, y1: top - 4, x2: x, y2: height - 18, cls: t === 0 ? "axis" : "grid" });
    chart.texts.push({ x, y: height - 6, text: String(t), anchor: "middle", cls: "c-tick" });
  }
  domains.forEach((d, di) => {
    const gy = top + di * groupH;
    chart.texts.push({
      x: labelW - 6,
      y: gy + (vendors.length * barH) / 2 + 3,
      text: `${d.id} ${d.title}`,
      anchor: "end",
      cls: "c-label",
    });
    vendors.forEach((v, vi) => {
      const score = v.domains.find((x) => x.id === d.id)?.score ?? null;
      const y = gy + vi * barH;
      const w = score === null ? 0 : round1((score / 100) * plotW);
      chart.rects.push(bar(labelW, y, w, barH - 1, seriesClass(vi), true));
      chart.texts.push({
        x: labelW + w + 3,
        y: y + barH - 1.5,
        text: scoreText(score),
        anchor: "start",
        cls: "c-value",
      });
    });
  });
  return chart;
}

const scoreText = (s: number | null) => (s === null ? "n/a" : s.toFixed(1));
