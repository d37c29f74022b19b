import { describe, expect, it } from "vitest";
import { report } from "../../src/cli/execute.js";
import { InputError } from "../../src/load/input-issue.js";
import { EnvironmentError, InterruptedError, UsageError } from "../../src/run/errors.js";
import { EXIT } from "../../src/run/exit-codes.js";
import { WriteError } from "../../src/write/atomic.js";
import { RenderError, BrowserNotFoundError } from "../../src/render/pdf/errors.js";

function reported(err: unknown): { code: number; text: string } {
  let text = "";
  const code = report(err, (t) => (text += t));
  return { code, text };
}

describe("report: every error of the family ends the run with its own code and words", () => {
  it("lists every input issue, then the count, exit 2", () => {
    const r = reported(
      new InputError([
        { file: "ws/caution.yaml", line: 3, field: "currency", message: "must be an ISO 4217 code" },
        { file: "ws/incidents/a.csv", row: 7, field: "started_at", message: "must be a timestamp" },
      ]),
    );
    expect(r.code).toBe(EXIT.invalidInput);
    expect(r.text).toBe(
      "ws/caution.yaml line 3: currency: must be an ISO 4217 code\n" +
        "ws/incidents/a.csv row 7: started_at: must be a timestamp\n" +
        "caution: 2 errors in the input; nothing was written.\n",
    );
  });

  it.each([
    [new UsageError("--paper a5: allowed sizes are a4, letter"), EXIT.invalidInput],
    [new EnvironmentError("network down"), EXIT.internal],
    [new WriteError("cannot write to out: permission denied"), EXIT.internal],
    [new RenderError("the browser failed"), EXIT.internal],
    [new BrowserNotFoundError("no browser"), EXIT.internal],
  ])("%s -> exit %i with its message", (err, code) => {
    const r = reported(err);
    expect(r.code).toBe(code);
    expect(r.text).toBe(`caution: ${err.message}\n`);
  });

  it("an interrupt ends with 130 or 143 and prints nothing more (the signal handler already spoke)", () => {
    expect(reported(new InterruptedError("SIGINT"))).toEqual({ code: 130, text: "" });
    expect(reported(new InterruptedError("SIGTERM"))).toEqual({ code: 143, text: "" });
  });

  it("anything else is a bug in caution: exit 3, said so", () => {
    const r = reported(new TypeError("x is undefined"));
    expect(r.code).toBe(EXIT.internal);
    expect(r.text).toContain("caution: internal error: x is undefined\nThis is a bug in caution");
  });
});
