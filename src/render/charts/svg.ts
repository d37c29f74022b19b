/**
 * Charts reach the template as finished geometry: rectangles, lines, polylines and labels with their coordinates,
 * so the template only places SVG elements (no arithmetic, no markup built from strings). Each series has a fill
 * tone and a texture of its own, so a chart printed in grayscale still tells its series apart.
 */
export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The series class (s0-s3): fill tone in the CSS. */
  cls: string;
  /** The series texture drawn over the bar, or null for a plain fill. */
  texture: ChartTexture | null;
}

/**
 * A texture is one dashed line along the bar's long axis: stroked as wide as the bar, its dashes are stripes across
 * it; stroked thin, they are dots. SVG <pattern> fills would do the same, but Chromium prints every patterned bar
 * as a separate tiling image: a comparison of 18 providers took 1.4 s longer to print and grew from 0.3 to 1.1 MB.
 */
export interface ChartTexture {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Stroke width in user units; the dash pattern comes from the series class in the CSS. */
  width: number;
  cls: string;
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  cls: string;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: "start" | "middle" | "end";
  cls: string;
  /** Turned a quarter left about its position (a vertical axis title). */
  rotate?: boolean;
}

export interface ChartMarker {
  x: number;
  y: number;
  /** A circle for a month that met the commitment, a triangle for one that missed it, a diamond for excluded time. */
  shape: "circle" | "triangle" | "diamond";
  circle: boolean;
  /** Triangle points, precomputed. */
  points: string;
}

export interface ChartView {
  id: string;
  /** A class for the figure ("sla" for the SLA charts, sized for the text width), or "". */
  kind: string;
  width: number;
  height: number;
  title: string;
  /** The text alternative: what the chart shows, in words and figures. */
  desc: string;
  rects: ChartRect[];
  lines: ChartLine[];
  texts: ChartText[];
  polylines: { points: string; cls: string }[];
  markers: ChartMarker[];
  legend: { swatch: ChartRect; label: string; textX: number; textY: number }[];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function emptyChart(id: string, width: number, height: number, title: string, desc: string): ChartView {
  return {
    id,
    kind: "",
    width,
    height,
    title,
    desc,
    rects: [],
    lines: [],
    texts: [],
    polylines: [],
    markers: [],
    legend: [],
  };
}

/**
 * Series in order: solid dark, striped, dotted, hollow. Four looks that stay apart in grayscale; a chart never shows
 * more than four series, so no two series share a look (charts with more providers are split, see domain-chart).
 */
export const SERIES = ["s0", "s1", "s2", "s3"] as const;
export type Series = (typeof SERIES)[number];
export const MAX_SERIES = SERIES.length;
export const seriesClass = (i: number): Series => SERIES[i % SERIES.length]!;

/**
 * A bar of a series with its texture. Stripes run across the bar (a line along it, stroked as wide as the bar);
 * dots run along its middle. `horizontal` says which way the bar grows.
 */
export function bar(x: number, y: number, width: number, height: number, cls: Series, horizontal: boolean): ChartRect {
  return { x, y, width, height, cls, texture: textureOf(x, y, width, height, cls, horizontal) };
}

function textureOf(x: number, y: number, w: number, h: number, cls: Series, horizontal: boolean): ChartTexture | null {
  if (w <= 0 || h <= 0 || (cls !== "s1" && cls !== "s2")) return null;
  const thickness = horizontal ? h : w;
  // Dots keep clear of the bar's start so the first one is not cut by the outline.
  const inset = cls === "s2" ? Math.min(1, (horizontal ? w : h) / 2) : 0;
  const width = cls === "s1" ? thickness : round1(Math.min(1.6, thickness * 0.5));
  return horizontal
    ? {
        x1: round1(x + inset),
        y1: round1(y + h / 2),
        x2: round1(x + w),
        y2: round1(y + h / 2),
        width,
        cls: `c-tex-${cls}`,
      }
    : {
        x1: round1(x + w / 2),
        y1: round1(y + h - inset),
        x2: round1(x + w / 2),
        y2: round1(y),
        width,
        cls: `c-tex-${cls}`,
      };
}
