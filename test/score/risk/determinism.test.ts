import { describe, expect, it } from "vitest";
import { caution } from "../../support/cli.js";

describe("risk figures are reproducible", () => {
  it("twice the same bytes from the CLI; --seed changes the draws, not the shape", () => {
    const args = ["score", "samples/demo", "--json", "--iterations", "2000"];
    const a = caution(args);
    const b = caution(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const r = JSON.parse(a.stdout);
    for (const v of r.vendors) {
      const u = v.risk.annualUncovered;
      expect(u.p50).toBeLessThanOrEqual(u.p90);
      expect(u.p90).toBeLessThanOrEqual(u.p95);
      expect(u.p95).toBeLessThanOrEqual(u.p99);
      const drops = v.risk.asks.map((x: { p95Before: number; p95After: number }) => x.p95Before - x.p95After);
      expect(drops).toEqual([...drops].sort((x, y) => y - x));
    }
    expect(r.portfolio.workloads.map((w: { id: string }) => w.id)).toEqual(["claims-platform", "broker-portal"]);
    const [single, multi] = r.portfolio.workloads;
    expect(multi.annualUncovered.p95).toBeLessThan(single.annualUncovered.p95);
    const seeded = caution([...args, "--seed", "42"]);
    expect(seeded.stdout).not.toBe(a.stdout);
    expect(JSON.parse(seeded.stdout).vendors[0].risk.seed).toBe("42");
    expect(caution([...args, "--seed", "42"]).stdout).toBe(seeded.stdout);
  }, 120_000);

  it("a wrong --iterations is a usage error (exit 2) naming the flag", () => {
    const r = caution(["score", "samples/demo", "--iterations", "10"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--iterations 10");
  });
});
