import { describe, expect, it } from "vitest";
import { exceedanceChart } from "../../../src/render/charts/exceedance-chart.js";

const points = (scale: number) =>
  [0.5, 0.1, 0.05, 0.01, 0.001].map((probability, i) => ({ probability, amount: scale * (i + 1) }));

describe("exceedanceChart", () => {
  it("maps probability on a log scale: 1 in 2 at the top, 1 in 1,000 at the bottom, 1 in 20 between", () => {
    const c = exceedanceChart([{ label: "Loss", points: points(1000) }], "EUR", "x", "T")!;
    const tick = (t: string) => c.texts.find((x) => x.text === t)!.y;
    expect(tick("1 in 2")).toBeLessThan(tick("1 in 10"));
    expect(tick("1 in 10")).toBeLessThan(tick("1 in 20"));
    expect(tick("1 in 1,000")).toBeGreaterThan(tick("1 in 100"));
    // log10(2)..log10(1000): 1 in 20 sits (log 20 - log 2) / (log 1000 - log 2) of the way down.
    const frac = (tick("1 in 20") - tick("1 in 2")) / (tick("1 in 1,000") - tick("1 in 2"));
    expect(frac).toBeCloseTo(Math.log10(10) / Math.log10(500), 2);
  });

  it("labels both axes with the currency and tells two curves apart without colour", () => {
    const c = exceedanceChart(
      [
        { label: "Loss", points: points(2000) },
        { label: "Uncovered", points: points(1500) },
      ],
      "EUR",
      "x",
      "T",
    )!;
    expect(c.texts.map((t) => t.text)).toContain("Annual amount (EUR)");
    expect(c.texts.some((t) => t.text.includes("log scale"))).toBe(true);
    expect(new Set(c.polylines.map((p) => p.cls)).size).toBe(2);
    expect(new Set(c.markers.map((m) => m.shape))).toEqual(new Set(["circle", "triangle"]));
    expect(c.desc).toContain("1 in 20 years EUR");
  });

  it("draws nothing without an amount", () => {
    expect(exceedanceChart([{ label: "Loss", points: points(0) }], "EUR", "x", "T")).toBeNull();
  });
});
