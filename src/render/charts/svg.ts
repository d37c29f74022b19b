/**
 * Charts reach the template as finished geometry: rectangles, lines, polylines and labels with their coordinates,
 * so the template only places SVG elements (no arithmetic, no markup built from strings). Fills are classes that
 * map to patterns as well as colours, so a chart printed in grayscale still tells its series apart.
 */
export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
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
}

export interface ChartMarker {
  x: number;
  y: number;
  /** A circle for a month that met the commitment, a triangle for one that missed it. */
  shape: "circle" | "triangle";
  circle: boolean;
  /** Triangle points, precomputed. */
  points: string;
}

export interface ChartView {
  id: string;
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
  legend: { x: number; y: number; label: string; cls: string; textX: number; textY: number }[];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function emptyChart(id: string, width: number, height: number, title: string, desc: string): ChartView {
  return { id, width, height, title, desc, rects: [], lines: [], texts: [], polylines: [], markers: [], legend: [] };
}

/** Series fills in order: solid, hatched, dotted, cross-hatched; the CSS gives each a pattern and a grey level. */
export const SERIES = ["s0", "s1", "s2", "s3"] as const;
export const seriesClass = (i: number) => SERIES[i % SERIES.length]!;
