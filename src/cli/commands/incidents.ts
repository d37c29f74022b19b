import { statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { InputError } from "../../load/input-issue.js";
import { formatCanonicalCsv } from "../../import/canonical-csv.js";
import { importIncidents } from "../../import/import-incidents.js";
import { readJsonFile } from "../../import/read-json.js";
import { IMPORT_FORMATS, ImportShapeError, type ImportFormat } from "../../import/types.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { plural } from "../../shared/text.js";
import { writeOutputs } from "../../write/atomic.js";
import { execute, globals } from "../execute.js";
import { parseVendorId } from "../flags.js";

export interface ImportOptions {
  format?: string;
  vendor?: string;
  out?: string;
}

/**
 * `caution incidents import`: reads the vendor file, maps it, writes the CSV to stdout or `--out`, and lists on
 * stderr every record left out and why. Throws UsageError or InputError (exit 2), WriteError (exit 3).
 */
export async function importIncidentsCommand(run: Run, file: string, opts: ImportOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const vendor = parseVendorId(opts.vendor);
  const out = opts.out === undefined ? undefined : checkOut(opts.out, file);
  const data = await readJsonFile(file, file);
  let result;
  try {
    result = importIncidents(data, format, vendor);
  } catch (err) {
    if (err instanceof ImportShapeError) throw new InputError([{ file, message: err.message }]);
    throw err;
  }
  const csv = formatCanonicalCsv(result.incidents);
  for (const s of result.skipped) run.progress.note(`skipped ${s.id}: ${s.reason}`);
  if (out === undefined) run.stdout(csv);
  else await writeOutputs(dirname(out), [{ name: basename(out), data: csv }], run);
  run.progress.note(`imported ${plural(result.incidents.length, "incident")}, skipped ${result.skipped.length}`);
  return EXIT.ok;
}

export function registerIncidents(program: Command): void {
  const incidents = program.command("incidents").description("work with vendor incident histories");
  incidents
    .command("import")
    .description("turn a status page's incidents.json into canonical incident CSV (stdout, or --out)")
    .argument("<file>", "incidents.json saved from the vendor's status page")
    .requiredOption(
      "--format <format>",
      "statuspage (Atlassian Statuspage v2, incident.io) or gcp (Google Cloud Service Health)",
    )
    .requiredOption("--vendor <id>", "vendor id as listed in caution.yaml, written into every row")
    .option("--out <csv>", "write the CSV to this file (atomically) instead of stdout")
    .action((file: string, opts: ImportOptions, cmd: Command) =>
      execute(globals(cmd), (run) => importIncidentsCommand(run, file, opts)),
    );
}

export function parseFormat(value: string | undefined): ImportFormat {
  const v = (value ?? "").trim().toLowerCase();
  if (!(IMPORT_FORMATS as readonly string[]).includes(v))
    throw new UsageError(`--format ${value ?? ""}: allowed formats are ${IMPORT_FORMATS.join(", ")}`);
  return v as ImportFormat;
}

function checkOut(out: string, input: string): string {
  if (out.trim() === "" || /[/\\]$/.test(out))
    throw new UsageError(`--out ${out}: give a file name, e.g. incidents/vendor.csv`);
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (isDir)
    throw new UsageError(`--out ${out}: is a folder; give a file name, e.g. ${out.replace(/[/\\]+$/, "")}/vendor.csv`);
  if (resolve(out) === resolve(input))
    throw new UsageError(`--out ${out}: is the input file; write the CSV to another file`);
  return out;
}
