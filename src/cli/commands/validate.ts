import type { Command } from "commander";
import { loadWorkspace } from "../../load/workspace.js";
import { EXIT } from "../../run/exit-codes.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../common/text.js";
import { validateWorkspace } from "../../validate/workspace.js";
import { examples, execute, globals } from "../execute.js";

/** `caution validate`: every error in the workspace with its file, line or row, and field; exit 2 if any. */
export async function validateCommand(run: Run, dir: string): Promise<number> {
  const onFile = (file: string) => run.progress.step(`reading ${file}`);
  const valid = await validateWorkspace(await loadWorkspace(dir), onFile);
  // Only counted: validating a million rows must not hold them in memory.
  let count = 0;
  const { inputs } = await valid.incidents.fold({ add: () => (count += 1) }, onFile);
  run.stdout(
    `${dir}: valid: ${plural(valid.vendors.length, "vendor")}, ${plural(valid.questionnaire.questions.length, "question")} (questionnaire ${valid.questionnaire.version}), ${plural(count, "incident")} in ${plural(inputs.length, "file")}\n`,
  );
  return EXIT.ok;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a workspace and list every error with its file, line or row, and field")
    .argument("[workspace]", "workspace folder (holds caution.yaml)", ".")
    .addHelpText(
      "after",
      examples([
        ["caution validate", "the workspace in this folder"],
        ["caution validate my-assessment -q", "only the verdict, or every error"],
      ]),
    )
    .action((dir: string, _opts: unknown, cmd: Command) => execute(globals(cmd), (run) => validateCommand(run, dir)));
}
