import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";
import { snapshot, temporaries } from "./support.js";

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
});
