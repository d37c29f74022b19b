// One measurement in a fresh process: "bare" streams the CSV through csv-parse alone; "caution" runs caution's
// loader, validation and per-vendor aggregation (what `caution score` does before scoring).
import { createReadStream, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";

const [mode, dir] = process.argv.slice(2);
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist");
const file = join(dir, "incidents", "big.csv");
// Modules load before the clock starts, as csv-parse does for the bare run: this measures ingestion, not startup.
const caution =
  mode === "bare"
    ? undefined
    : {
        ...(await import(join(dist, "load", "workspace.js"))),
        ...(await import(join(dist, "validate", "workspace.js"))),
        ...(await import(join(dist, "score", "workspace.js"))),
      };
const t0 = performance.now();
let incidents = 0;
if (mode === "bare") {
  const parser = createReadStream(file).pipe(parse({ columns: true }));
  for await (const _ of parser) incidents++;
} else {
  const { loadWorkspace, validateWorkspace, IncidentAggregates } = caution;
  const valid = await validateWorkspace(await loadWorkspace(dir));
  const aggregates = new IncidentAggregates(valid.workspace, valid.vendors, valid.asOfEnd);
  await valid.incidents.fold({
    add(i) {
      incidents++;
      aggregates.add(i);
    },
  });
}
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ ms, incidents, bytes: statSync(file).size, maxRss: process.resourceUsage().maxRSS * 1024 }),
);
