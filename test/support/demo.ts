import { join } from "node:path";
import { loadWorkspace } from "../../src/load/workspace.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import type { Result } from "../../src/schema/result.js";
import { foldIncidents, scoreWorkspace } from "../../src/score/workspace.js";
import { validateWorkspace } from "../../src/validate/workspace.js";

export const DEMO = join(PACKAGE_ROOT, "samples", "demo");

/** The demo workspace scored as the CLI would, with a fixed tool version so goldens do not churn on releases. */
export async function scoreDemo(dir = DEMO): Promise<Result> {
  const valid = await validateWorkspace(await loadWorkspace(dir));
  return scoreWorkspace(valid, await foldIncidents(valid), {
    generatedAt: `${valid.workspace.asOf}T00:00:00Z`,
    toolVersion: "0.0.0-test",
  });
}
