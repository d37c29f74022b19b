import type { Command } from "commander";
import { formatCatalogue, listCatalogue } from "../../render/catalogue.js";
import { EXIT } from "../../run/exit-codes.js";
import { loadSlaCatalogue } from "../../validate/sla-catalogue.js";
import { run } from "../run.js";

export function registerCatalogue(program: Command): void {
  program
    .command("catalogue")
    .description("list caution's catalogue of published SLA terms (use one with `sla: { from: <id> }`)")
    .option("--json", "print the entries as JSON")
    .action((opts: { json?: boolean }) =>
      run(async () => {
        const { catalogue } = await loadSlaCatalogue();
        const rows = listCatalogue(catalogue);
        process.stdout.write(
          opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatCatalogue(rows, catalogue.compiled),
        );
        return EXIT.ok;
      }),
    );
}
