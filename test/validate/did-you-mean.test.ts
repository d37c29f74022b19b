import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssue } from "../../src/load/input-issue.js";
import { comparable, didYouMean, nearest } from "../../src/validate/did-you-mean.js";
import { zodIssuesToInput } from "../../src/validate/zod-issues.js";

const DEL01 = [
  { value: "named-approval", aliases: ["No: a named human approves every such action in advance"] },
  { value: "runbook-stateless-only", aliases: ["Only pre-approved runbook steps on single stateless components"] },
  { value: "bounded-no-approval", aliases: ["Yes, within limits (resource count, region, rate)"] },
  { value: "unrestricted", aliases: ["Yes, without approval or limits"] },
  { value: "unknown", aliases: ["Don't know"] },
];

describe("did you mean", () => {
  it("compares without case, punctuation or spacing", () => {
    expect(comparable("  Named_Approval ")).toBe("named approval");
    expect(comparable("named-approval")).toBe("named approval");
    expect(comparable("Don’t know")).toBe("don t know");
  });

  it("suggests the value a typo, a spacing slip or a typed label stands for", () => {
    expect(nearest("named approval", DEL01)).toBe("named-approval");
    expect(nearest("named-aproval", DEL01)).toBe("named-approval");
    expect(nearest("unrestricted.", DEL01)).toBe("unrestricted");
    expect(nearest("yes, without approval or limit", DEL01)).toBe("unrestricted");
    expect(nearest("dont know", DEL01)).toBe("unknown");
    expect(didYouMean("named approval", DEL01)).toBe(" (did you mean `named-approval`?)");
  });

  it("does not guess when nothing is near, or the text is too short or too long to tell", () => {
    expect(nearest("sometimes", DEL01)).toBeUndefined();
    expect(nearest("c", [{ value: "a" }, { value: "b" }])).toBeUndefined();
    expect(nearest("", DEL01)).toBeUndefined();
    expect(nearest("x".repeat(5000), DEL01)).toBeUndefined();
    expect(didYouMean("sometimes", DEL01)).toBe("");
  });

  it("finds every candidate from its own value, deterministically", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/), { minLength: 1, maxLength: 8 }),
        (values) => {
          const candidates = values.map((value) => ({ value }));
          for (const v of values) {
            const hit = nearest(v, candidates);
            // Two values may compare equal (a-b and a--b); then the first of them wins, every time.
            expect(hit).toBe(values.find((w) => comparable(w) === comparable(v)));
          }
        },
      ),
    );
  });

  it("is offered for an enum value and an unknown field in any schema message", () => {
    const schema = z.strictObject({ criticality: z.enum(["low", "medium", "high", "critical"]) });
    const parsed = schema.safeParse({ criticality: "hgh", monthlySpend: 1 }, { reportInput: true });
    const lines = zodIssuesToInput(schema, parsed.error!, () => ({ file: "f.yaml", line: 1 })).map(formatIssue);
    expect(lines).toEqual([
      'f.yaml line 1: criticality: "hgh" is not allowed (did you mean `high`?); allowed: low, medium, high, critical',
      "f.yaml line 1: monthlySpend: unknown field; allowed: criticality",
    ]);
  });
});
