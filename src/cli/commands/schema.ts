import type { Command } from "commander";
import { jsonSchema, SCHEMA_KINDS, type SchemaKind } from "../../schema/json-schema.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { writeOutputs } from "../../write/atomic.js";
import { execute, globals } from "../execute.js";

const KINDS = Object.keys(SCHEMA_KINDS) as SchemaKind[];

/** `caution schema`: one input file's JSON Schema on stdout, or all of them written into a folder. */
export async function schemaCommand(run: Run, kind: string | undefined, opts: { write?: string }): Promise<number> {
  if (opts.write) {
    const files = KINDS.map((k) => ({ name: SCHEMA_KINDS[k].file, data: jsonSchema(k) }));
    for (const path of await writeOutputs(opts.write, files, run)) run.progress.done(`wrote ${path}`);
    return EXIT.ok;
  }
  if (!kind || !KINDS.includes(kind as SchemaKind)) throw new UsageError(`schema: name a kind: ${KINDS.join(", ")}`);
  run.stdout(jsonSchema(kind as SchemaKind));
  return EXIT.ok;
}

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description(`print the JSON Schema of an input file (${KINDS.join(", ")}), or write them all with --write`)
    .argument("[kind]", KINDS.join(" | "))
    .option("--write <dir>", "write every schema into this folder")
    .action((kind: string | undefined, opts: { write?: string }, cmd: Command) =>
      execute(globals(cmd), (run) => schemaCommand(run, kind, opts)),
    );
}
