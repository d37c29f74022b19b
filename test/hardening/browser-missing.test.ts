import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import { caution, tempDir } from "../support/cli.js";
import { demoCopy, snapshot, temporaries, waitFor } from "./support.js";

/** No usable browser: exit 3, what to do, and the output folder exactly as it was (even the HTML is not written). */
describe("no usable browser", () => {
  function earlierReport(): { out: string; before: Record<string, string> } {
    const out = tempDir();
    expect(caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]).code).toBe(0);
    return { out, before: snapshot(out) };
  }

  it("CAUTION_BROWSER names a browser that does not exist: exit 3 with the install hint", () => {
    const { out, before } = earlierReport();
    const r = caution(["report", "samples/demo", "--out", out, "--format", "html,pdf,json", "-q"], {
      CAUTION_BROWSER: "/nonexistent",
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("caution: The browser named by CAUTION_BROWSER does not exist: /nonexistent");
    expect(r.stderr).toContain("apt-get install chromium-headless-shell");
    expect(r.stderr).toContain("--browser <path> or CAUTION_BROWSER=<path>");
    expect(snapshot(out)).toEqual(before);
    expect(temporaries(out)).toEqual([]);
  });

  it("--browser names a program that is not a browser: exit 3, says it could not start, points to doctor", () => {
    const { out, before } = earlierReport();
    const r = caution([
      "report",
      "samples/demo",
      "--out",
      out,
      "--format",
      "html,pdf",
      "--browser",
      "/bin/false",
      "-q",
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^caution: Could not start the browser at \/bin\/false \(option\): it exited or crashed while starting \(is it Chrome or Chromium\?\)\. Run `caution doctor` to check it\.$/m,
    );
    expect(r.stderr).not.toContain("internal error");
    expect(snapshot(out)).toEqual(before);
  });

  it("a bad CAUTION_PDF_TIMEOUT is refused with what is allowed (exit 3)", () => {
    const out = join(tempDir(), "out");
    const r = caution(["report", "samples/demo", "--out", out, "--format", "pdf", "-q"], {
      CAUTION_PDF_TIMEOUT: "soon",
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('CAUTION_PDF_TIMEOUT must be a whole number of seconds from 1 to 3600, got "soon"');
  });

  /** A workspace with a vendor file that is not valid YAML: exit 2 once it is read. */
  const broken = () => demoCopy((d) => writeFileSync(join(d, "vendors", "cirrane.yaml"), "id: [unclosed\n"));

  it("bad input is reported first (exit 2) even when the browser is missing too", () => {
    const out = join(tempDir(), "out");
    const r = caution(["report", broken(), "--out", out, "--format", "pdf", "-q"], { CAUTION_BROWSER: "/nonexistent" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vendors\/cirrane\.yaml/);
    expect(r.stderr).not.toContain("/nonexistent");
    expect(existsSync(out)).toBe(false);
  });

  /** A stand-in that records its pid and then becomes `target` (exec keeps the pid). */
  function recordingBrowser(target: string, realName: boolean): { path: string; pid: () => number } {
    const dir = tempDir("caution-wrapper-");
    const pidFile = join(dir, "pid");
    const path = join(dir, realName && target.includes("headless-shell") ? "chromium-headless-shell" : "chromium");
    writeFileSync(path, `#!/bin/sh\necho $$ > '${pidFile}'\nexec ${target}\n`);
    chmodSync(path, 0o755);
    return { path, pid: () => Number(readFileSync(pidFile, "utf8")) };
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
    } catch {
      return false;
    }
  };

  it("the browser started while the workspace was read is closed properly when the input is bad: no process, no profile", async () => {
    const real = (await findBrowser(undefined, {})).path;
    const browser = recordingBrowser(`'${real}' "$@"`, true);
    const tmp = tempDir("caution-run-tmp-");
    const out = join(tempDir(), "out");
    const r = caution(["report", broken(), "--out", out, "--format", "pdf", "-q"], {
      CAUTION_BROWSER: browser.path,
      TMPDIR: tmp,
    });
    expect(r.code).toBe(2);
    expect(await waitFor(() => !alive(browser.pid()), 3_000)).toBe(true);
    // A browser killed at exit would leave its profile here; one closed properly leaves nothing.
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("bad input does not wait for a browser that hangs while starting", async () => {
    const browser = recordingBrowser("sleep 60", false);
    const tmp = tempDir("caution-run-tmp-");
    const started = performance.now();
    const r = caution(["report", broken(), "--out", join(tempDir(), "out"), "--format", "pdf", "-q"], {
      CAUTION_BROWSER: browser.path,
      TMPDIR: tmp,
    });
    expect(r.code).toBe(2);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await waitFor(() => !alive(browser.pid()), 3_000)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
