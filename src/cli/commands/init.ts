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
import { loadSlaCatalogue } from "../../validate/sla-catalogue.js";
import { catalogueVendors } from "../../write/catalogue-vendor.js";
import { examples, execute, globals } from "../execute.js";

export interface InitOptions {
  asOf?: string;
  force?: boolean;
  /** Catalogue entry ids: one vendor each, its file prefilled with `sla: { from: <id> }`. */
  provider?: string[];
}

/** `caution init`: a starter workspace that validates as written and says what to fill in. */
export async function initCommand(run: Run, dir: string, opts: InitOptions): Promise<number> {
  if (existsSync(join(dir, WORKSPACE_FILE)) && !opts.force)
    throw new UsageError(`${join(dir, WORKSPACE_FILE)} exists; use --force to overwrite it`);
  const asOf = opts.asOf ?? run.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new UsageError(`--as-of ${asOf}: must be a date YYYY-MM-DD`);
  const questionnaire = await loadCurrentQuestionnaire();
  // With --provider, one vendor per catalogue entry, its file prefilled with `sla: { from: <id> }`; else an example.
  const chosen = opts.provider
    ? catalogueVendors((await loadSlaCatalogue()).catalogue, opts.provider)
    : { vendors: [{ id: "example-cloud", name: "Example Cloud" }], errors: [] };
  if (chosen.errors.length > 0) throw new UsageError(chosen.errors.join("\n"));
  const ids = chosen.vendors.map((v) => v.id);
  const workspace = starterWorkspaceYaml({ asOf, vendorIds: ids, schema: schemaPath("caution.schema.json") });
  const vendorFiles = chosen.vendors.map((v) => ({
    name: `${v.id}.yaml`,
    data: starterVendorYaml(questionnaire, { ...v, schema: schemaPath("vendor.schema.json") }),
  }));
  await writeOutputs(dir, [{ name: WORKSPACE_FILE, data: workspace }], run);
  await writeOutputs(join(dir, VENDORS_DIR), vendorFiles, run);
  if (!opts.provider)
    await writeOutputs(
      join(dir, INCIDENTS_DIR),
      [{ name: `${ids[0]}.csv`, data: starterIncidentCsv(asOf, ids[0]!) }],
      run,
    );
  run.progress.done(
    opts.provider
      ? `wrote a workspace for ${ids.join(", ")} in ${dir}\n  next: add incidents/*.csv (caution incidents pull), answer ${ids.map(vendorFile).join(", ")}, then run: caution validate ${dir}`
      : `wrote a starter workspace in ${dir}\n  next: fill in ${vendorFile(ids[0]!)} (or rename it), then run: caution validate ${dir}`,
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
    .option("--provider <ids...>", "vendors prefilled from caution's SLA catalogue (caution catalogue lists the ids)")
    .addHelpText(
      "after",
      examples([
        ["caution init my-assessment", "a starter with one example provider"],
        ["caution init my-assessment --provider aws-ec2-region azure-vm-availability-zones", "from the SLA catalogue"],
      ]),
    )
    .action((dir: string, opts: InitOptions, cmd: Command) =>
      execute(globals(cmd), (run) => initCommand(run, dir, opts)),
    );
}

/** Editors (yaml-language-server) complete and check the files against caution's own schemas. */
function schemaPath(file: string): string {
  return join(PACKAGE_ROOT, "schemas", file);
}
