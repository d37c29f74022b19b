import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { tempDir } from "../support/cli.js";

/**
 * caution installs like any npm CLI: the packed tarball, installed globally into a fresh prefix, runs from a
 * folder outside the repository. Puppeteer's install step must not try to download a browser (it cannot, here).
 */
function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 600_000 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe("npm pack + npm install -g", () => {
  it("gives a caution that runs init, validate, score and report from any folder", () => {
    const pack = tempDir("caution-pack-");
    const packed = sh("npm", ["pack", "--pack-destination", pack], PACKAGE_ROOT);
    expect(packed.code, packed.out).toBe(0);
    const tarball = readdirSync(pack).find((f) => f.endsWith(".tgz"))!;
    const prefix = join(pack, "prefix");
    const installed = sh(
      "npm",
      ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", join(pack, tarball)],
      pack,
    );
    expect(installed.code, installed.out).toBe(0);
    expect(installed.out).not.toMatch(/Failed to download|ERROR: Failed to set up/i);
    const bin = join(prefix, "bin", "caution");
    expect(existsSync(bin)).toBe(true);

    const elsewhere = tempDir("caution-elsewhere-");
    const run = (args: string[]) => sh(bin, args, elsewhere, { SOURCE_DATE_EPOCH: "" });
    expect(run(["--version"]).code).toBe(0);
    for (const args of [
      ["init", "ws", "--as-of", "2026-11-30"],
      ["validate", "ws", "-q"],
      ["score", "ws", "-q"],
      ["report", "ws", "--out", "out", "--kind", "executive", "-q"],
    ]) {
      const r = run(args);
      expect(r.code, `${args.join(" ")}\n${r.out}`).toBe(0);
    }
    expect(readdirSync(join(elsewhere, "out")).sort()).toEqual([
      "caution-executive.html",
      "caution-executive.pdf",
      "caution-executive.pdf.manifest.json",
      "caution-result.json",
    ]);
  });
});
