import { describe, expect, it } from "vitest";
import { InterruptedError } from "../../src/run/errors.js";
import { EXIT } from "../../src/run/exit-codes.js";
import { createRun, throwIfInterrupted } from "../../src/run/run.js";

function captured(quiet = false) {
  const out = { stdout: "", stderr: "" };
  const run = createRun({
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    quiet,
    today: "2026-12-02",
  });
  return { run, out };
}

describe("createRun", () => {
  it("speaks one progress vocabulary on stderr: step and done are silenced by --quiet, notes never", () => {
    for (const quiet of [false, true]) {
      const { run, out } = captured(quiet);
      run.progress.step("reading incidents/a.csv");
      run.progress.note("skipped X: no start time");
      run.progress.done("wrote 3 files to reports");
      run.stdout("table\n");
      expect(out.stdout).toBe("table\n");
      expect(out.stderr).toBe(
        quiet
          ? "caution: skipped X: no start time\n"
          : "caution: reading incidents/a.csv\ncaution: skipped X: no start time\ncaution: wrote 3 files to reports\n",
      );
    }
  });

  it("aborts its signal with the InterruptedError of the signal received, once", () => {
    const { run } = captured();
    expect(() => throwIfInterrupted(run.signal)).not.toThrow();
    run.interrupt("SIGTERM");
    run.interrupt("SIGINT");
    expect(run.signal.aborted).toBe(true);
    expect(run.signal.reason).toBeInstanceOf(InterruptedError);
    expect((run.signal.reason as InterruptedError).exitCode).toBe(EXIT.terminated);
    expect(() => throwIfInterrupted(run.signal)).toThrow(InterruptedError);
  });

  it("releases its resources when disposed (await using)", async () => {
    const released: string[] = [];
    {
      await using run = captured().run;
      run.resources.defer(() => void released.push("browser"));
      expect(run.today).toBe("2026-12-02");
    }
    expect(released).toEqual(["browser"]);
  });
});
