import { describe, expect, it } from "vitest";
import { regulatoryGaps } from "../../../src/score/sla/regulatory.js";
import { terms } from "./fixtures.js";

describe("regulatory clocks", () => {
  it("is met when contractual notice and RCA times fit inside the clocks", () => {
    const t = terms({ notification: { customerNoticeHours: 2, rcaDays: 7, contractual: true } });
    expect(regulatoryGaps(["dora"], t).map((g) => [g.clock, g.status, g.vendorCommitment])).toEqual([
      ["DORA Art. 19 initial notification", "met", "notice within 2 h (contractual)"],
      ["DORA Art. 19 final report", "met", "RCA within 7 days (contractual)"],
    ]);
  });

  it("lists a gap with a contract ask when notice is too slow", () => {
    const t = terms({ notification: { customerNoticeHours: 6, rcaDays: 7, contractual: true } });
    const [initial] = regulatoryGaps(["dora"], t);
    expect(initial).toMatchObject({
      status: "gap",
      vendorCommitment: "notice within 6 h (contractual)",
      confidence: "secondary",
    });
    expect(initial?.ask).toBe(
      "Commit in the contract to notice of incidents affecting our services within 2 h, so we can meet the DORA Art. 19 initial notification (4 h).",
    );
  });

  it("counts a commitment that is not in the contract as a gap", () => {
    const t = terms({ notification: { customerNoticeHours: 12, rcaDays: 20, contractual: false } });
    expect(regulatoryGaps(["nis2"], t).map((g) => g.status)).toEqual(["gap", "gap"]);
  });

  it("has no commitment to compare without terms, and only the regimes declared", () => {
    expect(regulatoryGaps(["eu-ai-act"], undefined)).toEqual([
      expect.objectContaining({
        clock: "EU AI Act Art. 73 serious incident",
        status: "gap",
        vendorCommitment: "no commitment",
        deadlineHours: 48,
      }),
    ]);
    expect(regulatoryGaps([], terms())).toEqual([]);
  });
});
