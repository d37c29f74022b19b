import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { INCIDENTS_DIR, VENDORS_DIR, vendorFile, WORKSPACE_FILE } from "../../load/layout.js";
import { PACKAGE_ROOT } from "../../load/package-files.js";
import { loadCurrentQuestionnaire } from "../../questionnaire-io/load.js";
import { starterVendorYaml } from "../../questionnaire-io/starter-vendor.js";
import { starterIncidentCsv, starterWorkspaceYaml } from "../../questionnaire-io/starter-workspace.js";
import { writeOutputs } from "../../write/atomic.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { execute, globals } from "../execute.js";

export interface InitOptions {
  asOf?: string;
  force?: boolean;
}

/** `caution init`: a starter workspace that validates as written and says what to fill in. */
export async function initCommand(run: Run, dir: string, opts: InitOptions): Promise<number> {
  if (existsSync(join(dir, WORKSPACE_FILE)) && !opts.force)
    throw new UsageError(`${join(dir, WORKSPACE_FILE)} exists; use --force to overwrite it`);
  const asOf = opts.asOf ?? run.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new UsageError(`--as-of ${asOf}: must be a date YYYY-MM-DD`);
  const questionnaire = await loadCurrentQuestionnaire();
  const id = "example-cloud";
  const workspace = starterWorkspaceYaml({ asOf, vendorId: id, schema: schemaPath("caution.schema.json") });
  const vendor = starterVendorYaml(questionnaire, {
    id,
    name: "Example Cloud",
    schema: schemaPath("vendor.schema.json"),
  });
  await writeOutputs(dir, [{ name: WORKSPACE_FILE, data: workspace }], run);
  await writeOutputs(join(dir, VENDORS_DIR), [{ name: `${id}.yaml`, data: vendor }], run);
  await writeOutputs(join(dir, INCIDENTS_DIR), [{ name: `${id}.csv`, data: starterIncidentCsv(asOf, id) }], run);
  run.progress.done(
    `wrote a starter workspace in ${dir}\n  next: fill in ${vendorFile(id)} (or rename it), then run: caution validate ${dir}`,
  );
  return EXIT.ok;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("write a starter workspace: caution.yaml, a vendor answer form, an incident CSV")
    .argument("[dir]", "folder to create the workspace in", ".")
    .option("--as-of <date>", "the assessment date (YYYY-MM-DD); default today")
    .option("--force", "overwrite an existing caution.yaml")
    .action((dir: string, opts: InitOptions, cmd: Command) =>
      execute(globals(cmd), (run) => initCommand(run, dir, opts)),
    );
}

/** Editors (yaml-language-server) complete and check the files against caution's own schemas. */
function schemaPath(file: string): string {
  return join(PACKAGE_ROOT, "schemas", file);
}
