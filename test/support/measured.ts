import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { CLI, tempDir } from "./cli.js";

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident memory of the CLI process, in MB. */
  peakMb: number;
}

/** Runs the built CLI and measures its wall time and peak memory (from the process itself, at exit). */
export function measuredCaution(args: string[], env: NodeJS.ProcessEnv = {}): Measured {
  const rusage = join(tempDir("caution-rusage-"), "rusage.json");
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ["--import", join(PACKAGE_ROOT, "test/support/rusage-register.mjs"), CLI, ...args],
    {
      cwd: PACKAGE_ROOT,
      encoding: "utf8",
      env: { ...process.env, SOURCE_DATE_EPOCH: "", CAUTION_RUSAGE: rusage, ...env },
      timeout: 300_000,
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - start) / 1000;
  const usage = JSON.parse(readFileSync(rusage, "utf8")) as { maxRSS: number };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds, peakMb: usage.maxRSS / 1024 };
}
