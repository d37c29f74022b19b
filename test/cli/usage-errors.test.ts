import { describe, expect, it } from "vitest";
import { caution } from "../support/cli.js";

// A wrong flag is exit 2 with the error and one line pointing at the help: the whole help printed under the error
// (commander's default) pushed the error off a terminal's screen.
describe("usage errors", () => {
  it.each([
    [["score", "--bogus"], "error: unknown option '--bogus'"],
    [["report", "--out"], "error: option '-o, --out <dir>' argument missing"],
    [["frobnicate"], "error: unknown command 'frobnicate'"],
  ])("caution %j: exit 2, the error, then one line of help", (args, first) => {
    const r = caution(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      first,
      "(caution --help lists the commands; caution <command> --help, its options and examples)",
    ]);
  });
});
