import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cents, creditAmount, creditPercent, uptimePercent } from "../../../src/score/sla/credits.js";
import { terms } from "./fixtures.js";

const month = fc.constantFrom(40_320, 41_760, 43_200, 44_640);

describe("SLA arithmetic properties", () => {
  it("more downtime never raises uptime and never lowers the credit", () => {
    const t = terms();
    fc.assert(
      fc.property(month, fc.nat(50_000), fc.nat(50_000), (m, a, b) => {
        const [less, more] = [Math.min(a, b, m), Math.min(Math.max(a, b), m)];
        expect(uptimePercent(more, m)).toBeLessThanOrEqual(uptimePercent(less, m));
        expect(creditPercent(uptimePercent(more, m), t)).toBeGreaterThanOrEqual(
          creditPercent(uptimePercent(less, m), t),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("a credit on a half cent rounds up, and still does not exceed the cap rounded the same way", () => {
    const t = terms({ creditCapPercent: 100, eligibleSpendShare: 1 });
    expect(creditAmount(100, 49_999.905, t)).toBe(49_999.91);
    expect(creditAmount(100, 49_999.905, t)).toBeLessThanOrEqual(cents(49_999.905));
  });

  it("credits never exceed the cap", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (uptime, cap, share, spend) => {
          const t = terms({ creditCapPercent: cap, eligibleSpendShare: share });
          const pct = creditPercent(uptime, t);
          expect(pct).toBeLessThanOrEqual(cap);
          // Both sides in cents, rounded the same way: "+ 0.005" in floating point fell a hair short of a half cent
          // that rounds up (49,999.905 -> 49,999.91 against a bound of 49,999.909999999996).
          expect(creditAmount(pct, spend, t)).toBeLessThanOrEqual(cents((cap / 100) * spend * share));
        },
      ),
      { numRuns: 500 },
    );
  });
});
