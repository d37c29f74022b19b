import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
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
    const r = caution(["report", "samples/demo", "--out", out, "--format", "html,pdf,json", "-q"], { CAUTION_BROWSER: "/nonexistent" });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("caution: The browser named by CAUTION_BROWSER does not exist: /nonexistent");
    expect(r.stderr).toContain("apt-get install chromium-headless-shell");
    expect(r.stderr).toContain("--browser <path> or CAUTION_BROWSER=<path>");
    expect(snapshot(out)).toEqual(before);
    expect(temporaries(out)).toEqual([]);
  });

  it("--browser names a program that is not a browser: exit 3, says it could not start, points to doctor", () => {
    const { out, before } = earlierReport();
    const r = caution(["report", "samples/demo", "--out", out, "--format", "html,pdf", "--browser", "/bin/false", "-q"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^caution: Could not start the browser at \/bin\/false \(option\): Failed to launch the browser process: Code: 1\. Run `caution doctor` to check it\.$/m);
    expect(r.stderr).not.toContain("internal error");
    expect(snapshot(out)).toEqual(before);
  });

  it("a bad CAUTION_PDF_TIMEOUT is refused with what is allowed (exit 3)", () => {
    const out = join(tempDir(), "out");
    const r = caution(["report", "samples/demo", "--out", out, "--format", "pdf", "-q"], { CAUTION_PDF_TIMEOUT: "soon" });
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

  it("the browser started while the workspace was read is closed again when the input is bad", async () => {
    // A stand-in that records the browser's pid and then becomes the real browser (exec keeps the pid).
    const real = (await findBrowser(undefined, {})).path;
    const dir = tempDir("caution-wrapper-");
    const pidFile = join(dir, "pid");
    const wrapper = join(dir, real.includes("headless-shell") ? "chromium-headless-shell" : "chromium");
    writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec '${real}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const out = join(tempDir(), "out");
    const r = caution(["report", broken(), "--out", out, "--format", "pdf", "-q"], { CAUTION_BROWSER: wrapper });
    expect(r.code).toBe(2);
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, "utf8"));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await waitFor(() => !alive(), 3_000)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
