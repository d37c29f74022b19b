import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";
import { mountRefused, mountTmpfs, type Mount } from "../hardening/mounts.js";
import { CliProcess, killGroup, snapshot, temporaries, waitFor } from "../hardening/support.js";

/**
 * The browser fails while a batch of PDFs prints: `caution report samples/demo` with every kind (6 PDFs, two at a
 * time), and the test kills, freezes or interrupts it after the first "printed 1/" line. Whatever happens, the run
 * ends complete (exit 0, every file) or with exit 3, a clear message and nothing written; no Chromium process of
 * the run outlives it, and no temporary file is left, in the output folder or in the temp folder (where the
 * browser's profile lives).
 */
const ALL_FILES = [
  ...[
    "caution-comparison",
    "caution-executive",
    "caution-report",
    "caution-vendor-altavale",
    "caution-vendor-cirrane",
    "caution-vendor-quarrion",
  ].flatMap((n) => [`${n}.html`, `${n}.pdf`, `${n}.pdf.manifest.json`]),
  "caution-result.json",
].sort();

/** An output folder that already holds an earlier report (JSON only, so it differs from what the run would write). */
function withEarlierReport(): { out: string; before: Record<string, string> } {
  const out = tempDir("caution-faults-");
  expect(caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]).code).toBe(0);
  return { out, before: snapshot(out) };
}

const start = (out: string, env: NodeJS.ProcessEnv = {}) =>
  new CliProcess(["report", "samples/demo", "--out", out, "--format", "html,pdf,json"], env);

async function firstPrinted(cli: CliProcess): Promise<void> {
  expect(await cli.waitForStderr(/caution: printed 1\/6/), cli.stderr).toBe(true);
}

async function leader(cli: CliProcess, not?: number): Promise<number> {
  let pgid: number | undefined;
  const found = await waitFor(
    () => {
      const l = cli.browserLeader();
      if (l && l.pgid !== not) pgid = l.pgid;
      return pgid !== undefined;
    },
    20_000,
    10,
  );
  expect(found, `no browser below the CLI\n${cli.stderr}`).toBe(true);
  return pgid!;
}

describe("browser faults during a batch", () => {
  it("killed once mid-batch: relaunched once, the run completes (or ends with exit 3 and nothing written)", async () => {
    const { out, before } = withEarlierReport();
    const cli = start(out);
    await firstPrinted(cli);
    killGroup(await leader(cli), "SIGKILL");
    await cli.done();
    if (cli.code === 0) {
      expect(cli.stderr).toMatch(
        /the browser failed \(it closed unexpectedly \(crashed or was killed\)\); relaunching it once/,
      );
      expect(readdirSync(out).sort()).toEqual(ALL_FILES);
    } else {
      expect(cli.code).toBe(3);
      expect(cli.stderr).toMatch(/^caution: the browser failed again .*nothing was written/m);
      expect(snapshot(out)).toEqual(before);
    }
    expect(temporaries(out)).toEqual([]);
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
    expect(cli.browserGroups.size).toBe(2);
  });

  it("killed again after the relaunch: exit 3 with a clear message, nothing written, earlier report untouched", async () => {
    const { out, before } = withEarlierReport();
    const cli = start(out);
    await firstPrinted(cli);
    const first = await leader(cli);
    killGroup(first, "SIGKILL");
    expect(await cli.waitForStderr(/relaunching it once/)).toBe(true);
    killGroup(await leader(cli, first), "SIGKILL");
    await cli.done();
    expect(cli.code, cli.stderr).toBe(3);
    // Killed while printing again, or already while it was starting: either way one relaunch was all it got.
    expect(cli.stderr).toMatch(
      /^caution: the browser failed (again while printing a PDF \(it closed unexpectedly \(crashed or was killed\)\) after one relaunch|while printing a PDF \(it closed unexpectedly \(crashed or was killed\)\) and could not be relaunched \(it was killed or crashed while starting\)); giving up, nothing was written\. Run `caution doctor` to check the browser\.$/m,
    );
    expect(cli.stderr.match(/relaunching it once/g)).toHaveLength(1);
    expect(cli.stderr).not.toContain("internal error");
    expect(snapshot(out)).toEqual(before);
    expect(temporaries(out)).toEqual([]);
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
  });

  it("hung (frozen with SIGSTOP): given up after CAUTION_PDF_TIMEOUT, killed, relaunched once, the run completes", async () => {
    const { out } = withEarlierReport();
    const cli = start(out, { CAUTION_PDF_TIMEOUT: "10" });
    await firstPrinted(cli);
    const frozen = await leader(cli);
    killGroup(frozen, "SIGSTOP");
    await cli.done();
    expect(cli.stderr).toMatch(/the browser failed \(it did not answer within 10 s\); relaunching it once/);
    expect(cli.code, cli.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(ALL_FILES);
    // The frozen browser was killed (SIGKILL ends a stopped process too), not left stopped.
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
  });

  it("Ctrl-C (SIGINT) mid-batch: exit 130 at once, browser gone, no temporary file, earlier report untouched", async () => {
    const { out, before } = withEarlierReport();
    const cli = start(out);
    await firstPrinted(cli);
    await leader(cli);
    const sent = Date.now();
    cli.child.kill("SIGINT");
    await cli.done();
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(cli.code, cli.stderr).toBe(130);
    expect(cli.stderr).toContain(
      "caution: interrupted; the browser was stopped and this run's temporary files are removed; earlier reports are untouched",
    );
    expect(cli.stderr).not.toMatch(/internal error|relaunching/);
    expect(snapshot(out)).toEqual(before);
    expect(temporaries(out)).toEqual([]);
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
  });

  it("SIGTERM mid-batch: exit 143, the same cleanup", async () => {
    const { out, before } = withEarlierReport();
    const cli = start(out);
    await firstPrinted(cli);
    cli.child.kill("SIGTERM");
    await cli.done();
    expect(cli.code, cli.stderr).toBe(143);
    expect(snapshot(out)).toEqual(before);
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
  });

  it("a normal run leaves no Chromium behind either", async () => {
    const out = tempDir();
    const cli = await start(out).done();
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.browserGroups.size).toBe(1);
    expect(await cli.leftovers()).toEqual([]);
    expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
  });

  describe.skipIf(mountRefused !== undefined)(
    `a read-only output folder with PDFs${mountRefused ? ` (skipped: ${mountRefused})` : ""}`,
    () => {
      let ro: Mount;
      beforeAll(() => {
        ro = mountTmpfs("ro,size=64k");
      });
      afterAll(() => ro?.unmount());

      it("exit 3 after rendering, a clear message, no partial file, no browser left", async () => {
        const cli = await start(ro.dir).done();
        expect(cli.code, cli.stderr).toBe(3);
        expect(cli.stderr).toMatch(/^caution: cannot write to .*: the file system is read-only; nothing was written/m);
        expect(readdirSync(ro.dir)).toEqual([]);
        expect(await cli.leftovers()).toEqual([]);
        expect(cli.tempLeftovers(), "browser profile left in the temp folder").toEqual([]);
      });
    },
  );
});
