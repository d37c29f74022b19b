import type { Command } from "commander";
import { loadWorkspace } from "../../load/workspace.js";
import { validateWorkspace } from "../../validate/workspace.js";
import { EXIT } from "../../run/exit-codes.js";
import { stderrProgress } from "../progress.js";
import { run } from "../run.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a workspace and list every error with its file, line or row, and field")
    .argument("<workspace>", "workspace folder (holds caution.yaml)")
    .option("-q, --quiet", "no progress on stderr")
    .action((dir: string, opts: { quiet?: boolean }) =>
      run(async () => {
        const progress = stderrProgress(Boolean(opts.quiet));
        // Only counted: validating a million rows must not hold them in memory.
        let count = 0;
        const valid = await validateWorkspace(await loadWorkspace(dir), {
          onProgress: (m) => progress.step(m),
          incidentSink: () => () => (count += 1),
        });
        process.stdout.write(
          `${dir}: valid: ${valid.vendors.length} vendors, ${valid.questionnaire.questions.length} questions (questionnaire ${valid.questionnaire.version}), ${count} incidents in ${valid.inputs.filter((i) => i.path.startsWith("incidents/")).length} files\n`,
        );
        return EXIT.ok;
      }),
    );
}
