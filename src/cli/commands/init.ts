import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { PACKAGE_ROOT } from "../../load/package-files.js";
import { INCIDENT_COLUMNS } from "../../schema/incident.js";
import { loadCurrentQuestionnaire } from "../../questionnaire-io/load.js";
import { type ValidQuestionnaire, NOT_APPLICABLE, UNKNOWN } from "../../validate/questionnaire.js";
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
  if (existsSync(join(dir, "caution.yaml")) && !opts.force)
    throw new UsageError(`${join(dir, "caution.yaml")} exists; use --force to overwrite it`);
  const asOf = opts.asOf ?? run.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new UsageError(`--as-of ${asOf}: must be a date YYYY-MM-DD`);
  const questionnaire = await loadCurrentQuestionnaire();
  await writeOutputs(dir, [{ name: "caution.yaml", data: workspaceYaml(asOf) }], run);
  await writeOutputs(join(dir, "vendors"), [{ name: "example-cloud.yaml", data: vendorYaml(questionnaire) }], run);
  await writeOutputs(join(dir, "incidents"), [{ name: "example-cloud.csv", data: incidentCsv(asOf) }], run);
  run.progress.done(
    `wrote a starter workspace in ${dir}\n  next: fill in vendors/example-cloud.yaml (or rename it), then run: caution validate ${dir}`,
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

function workspaceYaml(asOf: string): string {
  return `# yaml-language-server: $schema=${schemaPath("caution.schema.json")}
# caution workspace: who you are, what an hour of outage costs you, and which cloud providers you depend on.
# Schema: run \`caution schema workspace\` (or see schemas/caution.schema.json in the caution package).
organisation: Example Organisation
currency: EUR                 # ISO 4217 code
downtimeCostPerHour: 50000    # what one hour of full outage costs your business
asOf: "${asOf}"            # the date this assessment speaks for; also the report date
# failOn: high                # default for --fail-on
# scoring:                    # risk appetite; every value here is printed in the report's methodology
#   thresholds: { moderate: 25, high: 50, critical: 75 }
#   domainWeights: { DEL: 4 }
#   questionWeights: { DEL-01: 3 }
#   unevidencedCredit: 0.5    # share of a favourable answer's credit kept without evidence (or when stale)
#   freshnessMonths: 12       # answers older than this are stale
vendors:
  - id: example-cloud         # matches vendors/example-cloud.yaml and the vendor column of incidents/*.csv
    monthlySpend: 20000
    criticality: high         # low | medium | high | critical: how critical the workloads you run there are
    singleRegion: false       # true when they run in one region with no failover
`;
}

function vendorYaml(q: ValidQuestionnaire): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaPath("vendor.schema.json")}`,
    `# Answers of one provider to ${q.title} (v${q.version}).`,
    "# Unanswered questions score as their worst answer. Uncomment a question and fill in its answer.",
    "# evidence: the document each answer rests on; favourable answers without it count only partly.",
    "id: example-cloud",
    "name: Example Cloud",
    `questionnaireVersion: ${q.version}`,
    '# answeredAt: "2026-01-31"   # when the vendor answered; the default date of every answer',
    "answers: {}",
    "# answers:",
  ];
  for (const domain of q.domains) {
    lines.push("#", `#   # ${domain.id} ${domain.title}`);
    for (const question of q.questions.filter((x) => x.domain === domain.id)) {
      const allowed = [
        ...question.options.map((o) => o.value),
        UNKNOWN,
        ...(question.allowNotApplicable ? [NOT_APPLICABLE] : []),
      ];
      lines.push(
        `#   # ${question.text.replace(/\s+/g, " ")}`,
        `#   ${question.id}:`,
        `#     answer: ${allowed.join(" | ")}`,
        '#     evidence: [{ document: "", section: "", url: "https://", date: "YYYY-MM-DD" }]',
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function incidentCsv(asOf: string): string {
  const day = asOf.slice(0, 8) + "01";
  return `${INCIDENT_COLUMNS.join(",")}\nexample-cloud,INC-1,Example: elevated error rates for block storage,${day}T09:00:00Z,${day}T10:30:00Z,minor,block-storage,eu-west-1,software,no,\n`;
}

/** Editors (yaml-language-server) complete and check the files against caution's own schemas. */
function schemaPath(file: string): string {
  return join(PACKAGE_ROOT, "schemas", file);
}
