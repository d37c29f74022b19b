import { appendFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegister } from "../../../src/findings/register.js";
import { hoursAndMinutes, withSilentFinding } from "../../../src/score/sla/silent-finding.js";
import type { Finding } from "../../../src/schema/result.js";
import { tempDir } from "../../support/cli.js";
import { DEMO, scoreDemo } from "../../support/demo.js";

/**
 * Cirrane's SLA is silent on outages caused by the provider's own AI agents and counts major and critical impact.
 * One major outage of its Kubernetes control plane in eu-west-1, caused by its AI agent, 08:00 to 10:45 UTC on
 * 10 May 2026: 165 minutes, inside the SLA period (November 2025 to October 2026, the twelve months before the
 * as-of date) and the buyer's services and regions.
 */
async function withAgentOutage() {
  const dir = join(tempDir("caution-silent-"), "ws");
  cpSync(DEMO, dir, { recursive: true });
  appendFileSync(
    join(dir, "incidents", "cirrane.csv"),
    "cirrane,CIR-26-9001,Control plane deleted by remediation agent,2026-05-10T08:00:00Z,2026-05-10T10:45:00Z,major,kubernetes-control-plane,eu-west-1,ai-agent,yes,,\n",
  );
  return scoreDemo(dir);
}

describe("downtime the SLA is silent on", () => {
  it("becomes a Moderate finding saying the minutes are claimable but contestable, with an ask", async () => {
    const result = await withAgentOutage();
    const cirrane = result.vendors.find((v) => v.id === "cirrane")!;
    expect(cirrane.sla.silentExclusionMinutes).toBe(165);
    const f = cirrane.findings.find((x) => x.id === "cirrane/SLA-SILENT")!;
    expect(f).toMatchObject({
      questionId: "SLA-SILENT",
      source: "sla-terms",
      basis: "sla-silent",
      severity: "moderate",
      contribution: 0,
      gate: null,
    });
    expect(f.answerLabel).toBe(
      "2 h 45 min of downtime the SLA is silent on (the provider's own AI agents): claimable, but contestable",
    );
    expect(f.comment).toContain("2 h 45 min (165 min) of downtime affecting you in November 2025 to October 2026");
    expect(f.comment).toContain("The SLA does not exclude them");
    expect(f.comment).toContain("The provider can contest the claim");
    expect(f.ask).toContain("Claim credits for the 2 h 45 min the SLA does not exclude");
    // After every Moderate and worse finding, before the Low ones.
    const at = cirrane.findings.indexOf(f);
    expect(cirrane.findings.slice(0, at).every((x) => x.severity !== "low")).toBe(true);
    expect(cirrane.findings.slice(at + 1).every((x) => x.severity === "low")).toBe(true);
    // It is a row of the register like any other.
    expect(buildRegister(result).rows.find((r) => r.id === "cirrane/SLA-SILENT")?.severity).toBe("Moderate");
  });

  it("is absent when no downtime fell on a cause the SLA is silent on (the demo as it is)", async () => {
    const demo = await scoreDemo();
    for (const v of demo.vendors) {
      expect(v.sla.silentExclusionMinutes).toBe(0);
      expect(v.findings.some((f) => f.source === "sla-terms")).toBe(false);
    }
  });
});

describe("hoursAndMinutes and placement", () => {
  it("words durations", () => {
    expect([0, 45, 60, 165, 645].map(hoursAndMinutes)).toEqual(["0 min", "45 min", "1 h", "2 h 45 min", "10 h 45 min"]);
  });

  it("puts the SLA finding last when every other finding is at least as severe", () => {
    const f = (severity: Finding["severity"]) => ({ severity }) as Finding;
    const sla = f("moderate");
    expect(withSilentFinding([f("high"), f("moderate")], sla).indexOf(sla)).toBe(2);
    expect(withSilentFinding([f("high"), f("low")], sla).indexOf(sla)).toBe(1);
    expect(withSilentFinding([], null)).toEqual([]);
  });
});
