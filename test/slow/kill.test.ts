import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";
import { deadPid } from "../support/processes.js";
import { temporaryName } from "../../src/write/stale.js";
import { CliProcess, temporaries } from "../hardening/support.js";

/**
 * kill -9 gives caution no chance to clean up. The browser is driven over a pipe, so it exits when caution dies;
 * what caution could not remove (the browser's profile, temporary files mid-write) a later run removes.
 */
describe("kill -9", () => {
  it("mid-print: no Chromium of the run survives it, and the next run removes the profile it left", async () => {
    const out = tempDir("caution-kill-");
    const cli = new CliProcess(["report", "samples/demo", "--out", out, "--format", "html,pdf,json"]);
    expect(await cli.waitForStderr(/caution: printed 1\/6/), cli.stderr).toBe(true);
    expect(cli.browserGroups.size).toBeGreaterThan(0);
    cli.child.kill("SIGKILL");
    await cli.done();
    expect(cli.signal).toBe("SIGKILL");
    expect(await cli.leftovers(5_000), "Chromium outlived caution").toEqual([]);
    const profiles = () => readdirSync(cli.tmp).filter((n) => n.startsWith("caution-chromium-"));
    expect(profiles()).toHaveLength(1);
    expect(temporaries(out)).toEqual([]);

    const next = caution(["report", "samples/demo", "--out", out, "--format", "pdf", "--kind", "executive", "-q"], {
      TMPDIR: cli.tmp,
    });
    expect(next.code, next.stderr).toBe(0);
    expect(profiles()).toEqual([]);
  });

  it("mid-write: the temporaries a killed run left are removed by the next run to that folder", async () => {
    const out = tempDir("caution-kill-");
    // What a run killed while writing leaves: temporaries named after its (now dead) process.
    const pid = await deadPid();
    const left = [temporaryName("caution-report.pdf", pid), temporaryName("caution-result.json", pid)];
    for (const name of left) writeFileSync(join(out, name), "partial");
    writeFileSync(join(out, "notes.txt"), "the user's own file");
    const next = caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["caution-result.json", "notes.txt"]);
  });
});

describe("two runs to the same --out at once", () => {
  it("leave one run's set: the folder never mixes files of both", async () => {
    const out = tempDir("caution-two-");
    const args = (paper: string) => ["report", "samples/demo", "--out", out, "--format", "pdf", "--paper", paper, "-q"];
    const runs = [new CliProcess(args("a4")), new CliProcess(args("letter"))];
    await Promise.all(runs.map((r) => r.done()));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const papers = readdirSync(out)
      .filter((n) => n.endsWith(".manifest.json"))
      .map((n) => (JSON.parse(readFileSync(join(out, n), "utf8")) as { paper: string }).paper);
    expect(papers).toHaveLength(6);
    expect(new Set(papers).size).toBe(1);
    expect(temporaries(out)).toEqual([]);
  });
});
