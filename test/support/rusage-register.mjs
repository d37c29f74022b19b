// `node --import ./test/support/rusage-register.mjs dist/cli.js ...`: when the process exits, its resource usage
// (peak RSS among it) is written to the file CAUTION_RUSAGE names, for tests that bound a run's memory.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.CAUTION_RUSAGE) writeFileSync(process.env.CAUTION_RUSAGE, JSON.stringify(process.resourceUsage()));
});
