import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Result } from "../../src/schema/result.js";
import { caution, tempDir } from "../support/cli.js";

const WS = "samples/real-providers";

describe("samples/real-providers", () => {
  it("validates, and scores the real incidents by each provider's own SLA rule", () => {
    expect(caution(["validate", WS, "-q"]).code).toBe(0);
    const r = caution(["score", WS, "--json", "-q"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as Result;
    const vendor = (id: string) => result.vendors.find((v) => v.id === id)!;
    // The EC2 launch failures of 20 October 2025 (09:25-17:36 UTC, 491 minutes) were degradation: a loss, but
    // not "no external connectivity", so the Region-Level SLA counts nothing.
    expect(vendor("aws").sla.annual).toMatchObject({ downtimeMinutes: 491, slaDowntimeMinutes: 0, credits: 0 });
    // Google's 12 June 2025 API outage (17:51-01:18 UTC, 447 minutes of errors) under the Gemini SLA: 447 of
    // 43,200 minutes above 5% errors is 98.965277778%, the 25% tier of 40,000.
    expect(vendor("google-cloud").sla.months.find((m) => m.month === "2025-06")).toMatchObject({
      slaDowntimeMinutes: 447,
      uptimePercent: 98.965277778,
      creditPercent: 25,
      creditAmount: 10_000,
    });
    // The Azure Front Door outage touched none of the buyer's services (virtual machines).
    expect(vendor("microsoft-azure").sla.annual.downtimeMinutes).toBe(0);
    for (const v of result.vendors) {
      expect(v.sla.terms?.catalogue?.id).toBeTruthy();
      // Only TRN-01 has a public answer; every other questionnaire question is unanswered and scores as worst.
      const asked = v.trail.filter((t) => t.source === "questionnaire");
      expect(asked.filter((t) => t.status === "answered").map((t) => t.questionId)).toEqual(["TRN-01"]);
      expect(asked.filter((t) => t.status === "unanswered").every((t) => t.optionPoints === t.worstPoints)).toBe(true);
      expect(v.findings.filter((f) => f.basis === "unanswered").length).toBeGreaterThan(40);
    }
    expect(result.inputs.map((i) => i.path)).toContain("sla-catalogue:sla-catalogue.yaml");
  });

  it("renders", () => {
    const out = join(tempDir(), "out");
    const r = caution(["report", WS, "--out", out, "--format", "html", "--kind", "vendor", "-q"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
