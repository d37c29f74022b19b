import { describe, expect, it } from "vitest";
import { InputError } from "../../src/load/input-issue.js";
import { loadWorkspace } from "../../src/load/workspace.js";
import type { Incident } from "../../src/schema/incident.js";
import { validateWorkspace } from "../../src/validate/workspace.js";
import { CSV_HEADER, csvRow, demoWorkspace } from "./workspace-fixture.js";

describe("the incident source a valid workspace hands back", () => {
  it("reads nothing until folded; each fold reads every file once and hands every valid incident on", async () => {
    const ws = await demoWorkspace();
    const valid = await validateWorkspace(await loadWorkspace(ws.dir));
    expect(valid.incidents.files.map((f) => f.relative)).toEqual([
      "incidents/altavale.csv",
      "incidents/cirrane.csv",
      "incidents/quarrion.csv",
    ]);
    const first: Incident[] = [];
    const files: string[] = [];
    const folded = await valid.incidents.fold({ add: (i) => first.push(i) }, (f) => files.push(ws.shown(f)));
    expect(first).toHaveLength(30);
    expect(files).toEqual(["ws/incidents/altavale.csv", "ws/incidents/cirrane.csv", "ws/incidents/quarrion.csv"]);
    expect(folded.inputs.map((i) => i.path)).toEqual(valid.incidents.files.map((f) => f.relative));
    let again = 0;
    await valid.incidents.fold({ add: () => (again += 1) });
    expect(again).toBe(30);
  });

  it("throws one InputError listing every bad row when folded, after handing on the good ones", async () => {
    const ws = await demoWorkspace();
    await ws.write(
      "incidents/cirrane.csv",
      CSV_HEADER +
        csvRow("cirrane", "OK-1") +
        csvRow("cirrane", "BAD-1", { started_at: "yesterday" }) +
        csvRow("nobody", "BAD-2"),
    );
    const valid = await validateWorkspace(await loadWorkspace(ws.dir));
    let good = 0;
    const err = await valid.incidents.fold({ add: () => (good += 1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues.map((i) => [i.row, i.field])).toEqual([
      [3, "started_at"],
      [4, "vendor"],
    ]);
    expect(good).toBeGreaterThan(0);
  });
});
