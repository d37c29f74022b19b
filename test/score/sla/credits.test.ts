import { describe, expect, it } from "vitest";
import { creditAmount, creditPercent, uptimePercent } from "../../../src/score/sla/credits.js";
import { terms } from "./fixtures.js";

describe("uptime and credit tiers", () => {
  it("states uptime as the SLA does: 100 x (1 - down / month)", () => {
    expect(uptimePercent(0, 43_200)).toBe(100);
    expect(uptimePercent(150, 43_200)).toBe(99.652777778); // 1 - 150/43200 = 0.996527777...
    expect(uptimePercent(780, 44_640)).toBe(98.252688172); // a 13 h outage in a 31-day month
  });

  it("puts a month exactly on a band edge in the band it starts", () => {
    // 432 of 43,200 minutes is exactly 99.0%: not below 99.0, so the 10% band (99.0 to below 99.99).
    expect(uptimePercent(432, 43_200)).toBe(99);
    expect(creditPercent(99, terms())).toBe(10);
    expect(creditPercent(98.999999, terms())).toBe(30);
  });

  it("earns each tier", () => {
    const t = terms();
    expect(creditPercent(100, t)).toBe(0);
    expect(creditPercent(99.99, t)).toBe(0); // meets the commitment exactly
    expect(creditPercent(99.989, t)).toBe(10);
    expect(creditPercent(97, t)).toBe(30);
    expect(creditPercent(94.9, t)).toBe(100);
  });

  it("never credits above the cap", () => {
    const t = terms({ creditCapPercent: 50 });
    expect(creditPercent(10, t)).toBe(50);
    expect(creditPercent(97, t)).toBe(30);
  });

  it("credits a share of the fee for the covered service, to the cent", () => {
    expect(creditAmount(10, 41_000, terms())).toBe(4_100);
    // 0.3 x 12345.67 x 0.4 = 1481.4804
    expect(creditAmount(30, 12_345.67, terms({ eligibleSpendShare: 0.4 }))).toBe(1_481.48);
  });
});
