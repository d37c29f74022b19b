import type { Command } from "commander";
import { jsonSchema, SCHEMA_KINDS, type SchemaKind } from "../../schema/json-schema.js";
import { writeOutputs } from "../../write/atomic.js";
import { EXIT } from "../../run/exit-codes.js";
import { run, UsageError } from "../run.js";

export function registerSchema(program: Command): void {
  const kinds = Object.keys(SCHEMA_KINDS) as SchemaKind[];
  program
    .command("schema")
    .description(`print the JSON Schema of an input file (${kinds.join(", ")}), or write them all with --write`)
    .argument("[kind]", kinds.join(" | "))
    .option("--write <dir>", "write every schema into this folder")
    .action((kind: string | undefined, opts: { write?: string }) =>
      run(async () => {
        if (opts.write) {
          const written = await writeOutputs(
            opts.write,
            kinds.map((k) => ({ name: SCHEMA_KINDS[k].file, data: jsonSchema(k) })),
          );
          for (const path of written) process.stderr.write(`caution: wrote ${path}\n`);
          return EXIT.ok;
        }
        if (!kind || !kinds.includes(kind as SchemaKind))
          throw new UsageError(`schema: name a kind: ${kinds.join(", ")}`);
        process.stdout.write(jsonSchema(kind as SchemaKind));
        return EXIT.ok;
      }),
    );
}
