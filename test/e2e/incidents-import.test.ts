import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { caution, tempDir, type CliRun } from "../support/cli.js";

const FIXTURES = join(PACKAGE_ROOT, "test", "import", "fixtures");
const MODULE = join(PACKAGE_ROOT, "dist", "cli", "commands", "incidents.js");

/**
 * The built command, mounted on a program configured like src/cli.ts (exit 2 for commander's usage errors). Once
 * src/cli.ts registers `incidents`, `caution(["incidents", "import", ...])` runs the same code.
 */
const HARNESS = `
import { Command } from "commander";
import { pathToFileURL } from "node:url";
const { registerIncidents } = await import(pathToFileURL(process.env.CAUTION_INCIDENTS_MODULE).href);
const program = new Command().name("caution").showHelpAfterError().exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
registerIncidents(program);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

/** Whether the built caution lists the `incidents` command (src/cli.ts registers it). */
const wired = /^\s+incidents\b/m.test(caution(["--help"]).stdout);

function importCli(args: string[]): CliRun {
  if (wired) return caution(["incidents", "import", ...args]);
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", HARNESS, "incidents", "import", ...args], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    env: { ...process.env, CAUTION_INCIDENTS_MODULE: MODULE },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("caution incidents import (built CLI)", () => {
  it("prints the canonical CSV for a Statuspage file and reports skips on stderr, exit 0", () => {
    const r = importCli([join(FIXTURES, "statuspage-incidents.json"), "--format", "statuspage", "--vendor", "nimbus"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIXTURES, "statuspage-expected.csv"), "utf8"));
    expect(r.stderr.split("\n").filter((l) => l.startsWith("caution: skipped "))).toHaveLength(4);
    expect(r.stderr).toContain("caution: imported 7 incidents, skipped 4\n");
  });

  it("writes --out for a Google Cloud file", () => {
    const out = join(tempDir(), "incidents", "google-cloud.csv");
    const r = importCli([
      join(FIXTURES, "gcp-incidents.json"),
      "--format",
      "gcp",
      "--vendor",
      "google-cloud",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(FIXTURES, "gcp-expected.csv"), "utf8"));
  });

  it("exits 2 for a bad --format, a bad --vendor, a missing option and a file of the other format", () => {
    const sp = join(FIXTURES, "statuspage-incidents.json");
    const format = importCli([sp, "--format", "rss", "--vendor", "nimbus"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("caution: --format rss: allowed formats are statuspage, gcp, aws, azure, csv");
    const vendor = importCli([sp, "--format", "statuspage", "--vendor", "Nimbus Cloud"]);
    expect(vendor.code).toBe(2);
    expect(vendor.stderr).toContain("caution: --vendor Nimbus Cloud: must be a lower-case slug");
    expect(importCli([sp, "--vendor", "nimbus"]).code).toBe(2);
    const shape = importCli([sp, "--format", "gcp", "--vendor", "nimbus"]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain(
      `${sp}: expected a Google Cloud incidents.json (a JSON array of incidents), found an object; it looks like a Statuspage incidents.json: use --format statuspage`,
    );
    expect(shape.stdout).toBe("");
  });
});
