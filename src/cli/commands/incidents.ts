import { resolve } from "node:path";
import type { Command } from "commander";
import { pullIncidents } from "../../import/pull/pull.js";
import { importReport, runImport } from "../../import/run-import.js";
import { IMPORT_FORMATS } from "../../import/types.js";
import { EXIT } from "../../run/exit-codes.js";
import { UsageError } from "../../run/errors.js";
import type { Run } from "../../run/run.js";
import { execute, globals } from "../execute.js";
import { parseFormat, parseVendorId } from "../flags.js";
import { parseOutFile, writeProduct } from "../out-file.js";

export interface ImportOptions {
  format?: string;
  vendor?: string;
  out?: string;
  map?: string;
}

/**
 * `caution incidents import`: reads the vendor file, maps it, writes the CSV to stdout or `--out`, and lists on
 * stderr every record left out and why. Throws UsageError or InputError (exit 2), WriteError (exit 3).
 */
export async function importIncidentsCommand(run: Run, file: string, opts: ImportOptions): Promise<number> {
  const format = parseFormat(opts.format, IMPORT_FORMATS);
  const vendor = parseVendorId(opts.vendor);
  const out = opts.out === undefined ? undefined : checkOut(opts.out, file);
  const { csv, result } = await runImport({ file, format, vendor, map: opts.map });
  const report = importReport(result);
  for (const line of report.slice(0, -1)) run.progress.note(line);
  await writeProduct(run, out, csv);
  run.progress.note(report.at(-1)!);
  return EXIT.ok;
}

export interface PullOptions {
  vendor?: string;
  into?: string;
  since?: string;
  timeout?: string;
}

/** `caution incidents pull`: the work is in import/pull; this passes the flags and prints what it says. */
export async function pullIncidentsCommand(run: Run, source: string, opts: PullOptions): Promise<number> {
  const vendor = parseVendorId(opts.vendor);
  const seconds = Number(opts.timeout ?? "30");
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600)
    throw new UsageError(`--timeout ${opts.timeout ?? ""}: give a number of seconds from 1 to 600`);
  const outcome = await pullIncidents({
    source,
    vendor,
    into: opts.into ?? ".",
    since: opts.since,
    fetch: { timeoutMs: seconds * 1000 },
    env: run.env,
    signal: run.signal,
  });
  for (const line of outcome.notes) run.progress.note(line);
  run.progress.done(outcome.done);
  return EXIT.ok;
}

export function registerIncidents(program: Command): void {
  const incidents = program.command("incidents").description("work with vendor incident histories");
  incidents
    .command("import")
    .description("turn a status page's feed or an incident log into canonical incident CSV (stdout, or --out)")
    .argument("<file>", "the feed saved from the vendor's status page, or an incident log CSV")
    .requiredOption(
      "--format <format>",
      "statuspage (Atlassian Statuspage v2, incident.io), gcp (Google Cloud Service Health), aws (AWS Health events or the legacy dashboard's data.json), azure (Azure status RSS), csv (any incident log, with --map)",
    )
    .option("--map <mapping.yaml>", "for --format csv: which column is which, time zone, impact vocabulary")
    .requiredOption("--vendor <id>", "vendor id as listed in caution.yaml, written into every row")
    .option("--out <csv>", "write the CSV to this file (atomically) instead of stdout")
    .action((file: string, opts: ImportOptions, cmd: Command) =>
      execute(globals(cmd), (run) => importIncidentsCommand(run, file, opts)),
    );
  incidents
    .command("pull")
    .description("fetch a provider's incident feed and merge it into incidents/<vendor>.csv of a workspace")
    .argument("<source>", "aws, azure, gcp, or a Statuspage base URL (e.g. https://www.githubstatus.com)")
    .requiredOption("--vendor <id>", "vendor id as listed in caution.yaml; the rows go to incidents/<id>.csv")
    .option("--into <workspace>", "the workspace folder", ".")
    .option("--since <date>", "leave out incidents that ended before this day (YYYY-MM-DD)")
    .option("--timeout <seconds>", "time limit per attempt (1-600)", "30")
    .action((source: string, opts: PullOptions, cmd: Command) =>
      execute(globals(cmd), (run) => pullIncidentsCommand(run, source, opts)),
    );
}

/** `--out` of an import: a file name, and not the file being imported. */
function checkOut(out: string, input: string): string {
  parseOutFile(out, "incidents/vendor.csv");
  if (resolve(out) === resolve(input))
    throw new UsageError(`--out ${out}: is the input file; write the CSV to another file`);
  return out;
}
