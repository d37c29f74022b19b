import { describe, expect, it } from "vitest";
import { CONTRACT_TERMS, type ContractTerm } from "../../src/schema/result-terms.js";
import { contractTerms, contractTermsInput } from "../../src/score/contract-terms.js";
import { scoreDemo } from "../support/demo.js";

const values = (v: Partial<Record<ContractTerm, number>>) =>
  ({ ...Object.fromEntries(CONTRACT_TERMS.map((k) => [k, 1])), ...v }) as Record<ContractTerm, number>;

describe("contractTerms", () => {
  it("marks the provider holding the lowest value, and none when all are equal or there is one provider", () => {
    const rows = contractTerms([
      { id: "a", values: values({ liabilityCap: 24 }) },
      { id: "b", values: values({ liabilityCap: 3 }) },
    ]);
    expect(rows.find((r) => r.term === "liabilityCap")?.weaker).toEqual(["b"]);
    expect(rows.find((r) => r.term === "creditCap")?.weaker).toEqual([]);
    expect(contractTerms([{ id: "a", values: values({}) }]).every((r) => r.weaker.length === 0)).toBe(true);
  });

  it("ranks the demo's terms as written in its vendor files", async () => {
    const r = await scoreDemo();
    const weaker = Object.fromEntries(r.contractTerms.map((t) => [t.term, t.weaker]));
    // Cirrane commits 99.95% against 99.99%; caps its credit at 50% against 100%.
    expect(weaker.uptimeCommitment).toEqual(["cirrane"]);
    expect(weaker.creditCap).toEqual(["cirrane"]);
    // Claim windows 60, 30, 30 days.
    expect(weaker.claimWindow).toEqual(["cirrane", "quarrion"]);
    // Only Quarrion excludes its own agents (Cirrane is silent, Altavale counts them).
    expect(weaker.providerAgents).toEqual(["quarrion"]);
    // A 13 h outage in a 30-day month is 98.19% uptime: 25%, 25% and 30% credit.
    expect(weaker.creditTiers).toEqual(["altavale", "cirrane"]);
    // Every provider caps liability at 12 months of fees; Cirrane's and Quarrion's of the affected service only
    // (their answers), Altavale's of all services.
    expect(weaker.liabilityCap).toEqual(["cirrane", "quarrion"]);
    // Quarrion records no notification commitment at all; Cirrane's is not contractual.
    expect(weaker.notice).toEqual(["quarrion"]);
  });

  it("ranks a provider without SLA terms weakest on every term", async () => {
    const r = await scoreDemo();
    const bare = { ...r.vendors[0]!, id: "bare", sla: { ...r.vendors[0]!.sla, terms: null } };
    const rows = contractTerms([contractTermsInput(r.vendors[0]!), contractTermsInput(bare)]);
    expect(rows.filter((x) => x.term !== "regulatoryGaps").every((x) => x.weaker.join() === "bare")).toBe(true);
  });
});

describe("lossConcentration", () => {
  it("names the incident that makes the largest share of the loss and how it is priced", async () => {
    const r = await scoreDemo();
    const q = r.vendors.find((v) => v.id === "quarrion")!;
    // The open replication incident runs from 31 Oct 08:40 UTC to the end of the period: 920 of 2,860 minutes.
    expect(q.lossConcentration).toMatchObject({ incidentId: "QX-4Z9D6P", open: true, minutes: 920, dominant: false });
    expect(q.lossConcentration?.share).toBeCloseTo(920 / 2860, 4);
    expect(q.lossConcentration?.pricing).toContain("priced as a full outage");
    expect(q.lossConcentration?.pricing).toContain("still open");
    // Altavale's 74-minute incident is 74 of 154 minutes.
    expect(r.vendors[0]!.lossConcentration?.share).toBeCloseTo(74 / 154, 4);
  });

  it("counts methodology and coverage over the questionnaire's 54 questions, not the incident record's figures", async () => {
    const r = await scoreDemo();
    expect(r.methodology.questionnaire.questions).toBe(54);
    expect(r.vendors.map((v) => v.coverage.questions)).toEqual([54, 54, 54]);
  });
});
