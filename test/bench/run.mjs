// npm run bench: every benchmark in turn, each in its own process so one does not warm or load the other.
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const script of ["incidents.mjs", "render.mjs", "startup.mjs", "vendors.mjs", "risk.mjs"]) {
  const r = spawnSync(process.execPath, [join(here, script)], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
