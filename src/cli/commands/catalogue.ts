import type { Command } from "commander";
import { EXIT } from "../../run/exit-codes.js";
import type { Run } from "../../run/run.js";
import { loadSlaCatalogue } from "../../validate/sla-catalogue.js";
import { execute, globals } from "../execute.js";

/** `caution catalogue`: the entries of caution's SLA catalogue, as a table or as JSON. */
export async function catalogueCommand(run: Run, opts: { json?: boolean }): Promise<number> {
  // Loaded here, not at start-up: no other command needs render/.
  const { formatCatalogue, listCatalogue } = await import("../../render/catalogue.js");
  const { catalogue } = await loadSlaCatalogue();
  const rows = listCatalogue(catalogue);
  run.stdout(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatCatalogue(rows, catalogue.compiled));
  return EXIT.ok;
}

export function registerCatalogue(program: Command): void {
  program
    .command("catalogue")
    .description("list caution's catalogue of published SLA terms (use one with `sla: { from: <id> }`)")
    .option("--json", "print the entries as JSON")
    .action((opts: { json?: boolean }, cmd: Command) => execute(globals(cmd), (run) => catalogueCommand(run, opts)));
}
