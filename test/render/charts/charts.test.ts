import { describe, expect, it } from "vitest";
import { domainChart, providerGroups } from "../../../src/render/charts/domain-chart.js";
import { lossCreditChart, uptimeChart } from "../../../src/render/charts/sla-charts.js";
import { bar } from "../../../src/render/charts/svg.js";
import { renderDocuments } from "../../../src/render/report.js";
import type { Result } from "../../../src/schema/result.js";
import { scoreDemo } from "../../support/demo.js";

/** The demo's three providers repeated under new ids and names, as a procurement comparing many would have. */
async function manyProviders(n: number): Promise<Result> {
  const demo = await scoreDemo();
  const vendors = Array.from({ length: n }, (_, i) => {
    const v = demo.vendors[i % demo.vendors.length]!;
    return { ...v, id: `p${i + 1}`, name: `Provider ${i + 1}` };
  });
  return { ...demo, vendors };
}

describe("bar textures", () => {
  it("stripes a horizontal bar across: a line along its middle, stroked as wide as the bar is high", () => {
    expect(bar(190, 40, 120, 6, "s1", true).texture).toEqual({
      x1: 190,
      y1: 43,
      x2: 310,
      y2: 43,
      width: 6,
      cls: "c-tex-s1",
    });
  });

  it("stripes a vertical bar across too: the line runs up its middle, as wide as the bar", () => {
    expect(bar(20, 50, 14.4, 60, "s1", false).texture).toEqual({
      x1: 27.2,
      y1: 110,
      x2: 27.2,
      y2: 50,
      width: 14.4,
      cls: "c-tex-s1",
    });
  });

  it("dots along the middle, clear of the bar's start, at most 1.6 units thick", () => {
    expect(bar(190, 40, 120, 6, "s2", true).texture).toEqual({
      x1: 191,
      y1: 43,
      x2: 310,
      y2: 43,
      width: 1.6,
      cls: "c-tex-s2",
    });
  });

  it("leaves solid and hollow bars, and empty ones, without a texture", () => {
    expect(bar(0, 0, 50, 6, "s0", true).texture).toBeNull();
    expect(bar(0, 0, 50, 6, "s3", true).texture).toBeNull();
    expect(bar(0, 0, 0, 6, "s1", true).texture).toBeNull();
  });
});

describe("domain charts", () => {
  it("groups providers four at a time, in order", async () => {
    const groups = providerGroups((await manyProviders(9)).vendors);
    expect(groups.map((g) => g.map((v) => v.id))).toEqual([["p1", "p2", "p3", "p4"], ["p5", "p6", "p7", "p8"], ["p9"]]);
  });

  it("gives each provider in a chart a look of its own, and refuses more than four", async () => {
    const result = await manyProviders(5);
    const chart = domainChart(result, result.vendors.slice(0, 4), "c", null);
    expect(chart.legend.map((l) => l.swatch.cls)).toEqual(["s0", "s1", "s2", "s3"]);
    expect(() => domainChart(result, result.vendors, "c", null)).toThrow(/at most 4 providers/);
  });

  it("draws one bar per provider and domain, its length the score on a 300-unit axis", async () => {
    const result = await scoreDemo();
    const chart = domainChart(result, result.vendors, "c", null);
    expect(chart.rects).toHaveLength(result.vendors.length * result.methodology.domainWeights.length);
    const quarrion = result.vendors[2]!;
    const del = quarrion.domains.find((d) => d.id === "DEL")!;
    const index = result.methodology.domainWeights.findIndex((d) => d.id === "DEL") * result.vendors.length + 2;
    expect(chart.rects[index]!.width).toBeCloseTo((del.score! / 100) * 300, 1);
  });
});

describe("loss against credit", () => {
  it("uses the same look for a series in the key as in the bars", async () => {
    const v = (await scoreDemo()).vendors[0]!;
    const chart = lossCreditChart(v.sla, "EUR", "c")!;
    const credit = chart.legend.find((l) => l.label.startsWith("SLA credit"))!.swatch;
    // Vertical bars: the key's swatch is striped the same way (horizontal stripes from a vertical line).
    expect(credit.texture).not.toBeNull();
    expect(credit.texture!.x1).toBe(credit.texture!.x2);
    const striped = chart.rects.filter((r) => r.cls === "s1" && r.texture);
    expect(striped.length).toBeGreaterThan(0);
    expect(striped.every((r) => r.texture!.x1 === r.texture!.x2)).toBe(true);
  });
});

describe("SLA charts that read (issue 14)", () => {
  it("labels both axes, with the currency, and writes months with their year", async () => {
    const v = (await scoreDemo()).vendors.find((x) => x.id === "quarrion")!;
    const loss = lossCreditChart(v.sla, "EUR", "c")!;
    const texts = loss.texts.map((t) => t.text);
    expect(texts).toContain("EUR per month");
    expect(texts).toContain("Month (UTC)");
    expect(texts).toEqual(expect.arrayContaining(["Nov", "2025", "Oct", "2026", "0", "500k", "1M"]));
    const up = uptimeChart(v.sla, "u")!;
    expect(up.texts.map((t) => t.text)).toEqual(expect.arrayContaining(["Uptime (% of the month)", "100%", "99.99%"]));
  });

  it("writes every credit on its bar and never draws a paid credit thinner than 2 units", async () => {
    const v = (await scoreDemo()).vendors.find((x) => x.id === "quarrion")!;
    const loss = lossCreditChart(v.sla, "EUR", "c")!;
    const credits = loss.rects.filter((r) => r.cls === "s1" && r.height > 0 && r.y < 200);
    expect(credits.length).toBe(v.sla.months.filter((m) => m.creditAmount > 0).length);
    expect(credits.every((r) => r.height >= 2)).toBe(true);
    expect(loss.texts.filter((t) => t.text === "4.1k").length).toBe(4);
  });

  it("marks a month whose downtime the SLA excludes, which otherwise reads 100%", async () => {
    const v = (await scoreDemo()).vendors.find((x) => x.id === "quarrion")!;
    const dec = v.sla.months.find((m) => m.month === "2025-12")!;
    expect(dec.uptimePercent).toBe(100);
    const up = uptimeChart(v.sla, "u")!;
    // One diamond in the key, one per month with uncounted downtime: Dec, Feb, Aug (excluded), Sep, Oct (not measured).
    expect(up.markers.filter((m) => m.shape === "diamond").length).toBe(1 + 5);
    expect(up.texts.map((t) => t.text)).toContain("13 h 5 min");
  });

  it("staggers the labels of neighbouring months so none touches another", async () => {
    const v = (await scoreDemo()).vendors.find((x) => x.id === "quarrion")!;
    const up = uptimeChart(v.sla, "u")!;
    const labels = up.texts.filter((t) => t.cls === "c-value");
    // Aug, Sep and Oct in a row: without staggering Sep's "not counted" sat on the same line as its neighbours'.
    expect(labels.length).toBeGreaterThanOrEqual(6);
    // "not counted" at 7.5 px is about 42 units wide, a label line about 9 high.
    for (const [i, a] of labels.entries())
      for (const b of labels.slice(i + 1))
        if (Math.abs(a.x - b.x) > 0 && Math.abs(a.x - b.x) < 44)
          expect(Math.abs(a.y - b.y), `${a.text} / ${b.text}`).toBeGreaterThanOrEqual(9);
  });

  it("puts the 99.99% commitment a full step below 100%, not on top of it", async () => {
    const v = (await scoreDemo()).vendors[0]!;
    const up = uptimeChart(v.sla, "u")!;
    const [top, commitment] = [up.texts.find((t) => t.text === "100%")!, up.texts.find((t) => t.text === "99.99%")!];
    expect(commitment.y - top.y).toBeGreaterThan(30);
    expect(up.width).toBe(672);
  });
});

describe("a comparison of many providers", () => {
  it("splits into tables and charts of at most four providers, each captioned, with no SVG patterns", async () => {
    const [doc] = renderDocuments(await manyProviders(9), ["comparison"], "a4");
    const html = doc!.html;
    expect(html.match(/<table class="compare">/g)).toHaveLength(3);
    // The domain charts (the comparison also holds the portfolio's exceedance chart).
    expect(html.match(/<title id="chart-domains[-\w]*-title">/g)).toHaveLength(3);
    expect(html).toContain("<caption>Providers 1-4 of 9</caption>");
    expect(html).toContain("<caption>Providers 5-8 of 9</caption>");
    expect(html).toContain("<caption>Provider 9 of 9</caption>");
    expect(html).toContain("Domain scores by provider (0 best, 100 worst), providers 5-8 of 9");
    expect(html).not.toContain("<pattern");
    for (let i = 1; i <= 9; i++) expect(html).toContain(`>Provider ${i}</a></th>`);
  });

  it("keeps one uncaptioned table and chart for four providers or fewer", async () => {
    const [doc] = renderDocuments(await manyProviders(4), ["comparison"], "a4");
    expect(doc!.html.match(/<table class="compare">/g)).toHaveLength(1);
    expect(doc!.html).not.toContain("<caption>Provider");
    expect(doc!.html).toContain('id="chart-domains-title"');
  });
});
