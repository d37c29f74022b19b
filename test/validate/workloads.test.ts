import { describe, expect, it } from "vitest";
import { CAUTION_YAML, demoWorkspace } from "./workspace-fixture.js";

async function errors(workloads: string): Promise<string[]> {
  const ws = await demoWorkspace();
  await ws.write("caution.yaml", `${CAUTION_YAML}workloads:\n${workloads}`);
  return ws.run();
}

describe("validateWorkspace: workloads", () => {
  it("names an unknown provider id, its line and the vendor ids that would do", async () => {
    // CAUTION_YAML has 15 lines: "workloads:" is line 16, the providers line 19.
    expect(
      await errors(
        "  - id: portal\n    name: Portal\n    providers: [altavale, altavle]\n    failover: active-active\n",
      ),
    ).toEqual([
      "ws/caution.yaml line 19: workloads[0].providers[1]: workload portal names provider altavle, which is not a vendor in caution.yaml; use one of: altavale, cirrane, quarrion",
    ]);
  });

  it("asks for failoverMinutes with active-passive and a second provider with any failover", async () => {
    const got = await errors(
      "  - id: portal\n    name: Portal\n    providers: [altavale]\n    failover: active-passive\n",
    );
    expect(got.join("\n")).toContain("needs failoverMinutes");
    expect(got.join("\n")).toContain("needs at least two providers");
  });

  it("rejects a workload id listed twice", async () => {
    const one = "  - id: portal\n    name: Portal\n    providers: [altavale]\n";
    expect((await errors(one + one)).join("\n")).toContain("workload portal is listed twice (first as workloads[0])");
  });
});
