import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";
import { DEMO } from "../support/demo.js";

/**
 * -q/--quiet is one option of the whole CLI: before or after any command's name (issue 11 found `answers import`,
 * `incidents import` and `caution -q <cmd>` refusing it). It silences progress, never the product or the errors.
 */
describe("-q / --quiet on every command", () => {
  const ws = () => {
    const dir = join(tempDir(), "ws");
    cpSync(DEMO, dir, { recursive: true });
    return dir;
  };
  const form = () => {
    const out = join(tempDir(), "form.csv");
    expect(caution(["questionnaire", "export", "--format", "csv", "--out", out, "-q"]).code).toBe(0);
    return out;
  };
  const commands: [string, () => string[]][] = [
    ["validate", () => ["validate", ws()]],
    ["score", () => ["score", ws(), "--json"]],
    [
      "incidents import",
      () => ["incidents", "import", "test/import/fixtures/gcp-incidents.json", "--format", "gcp", "--vendor", "x"],
    ],
    ["answers import", () => ["answers", "import", form(), "--vendor", "altavale", "--into", ws()]],
    ["questionnaire export", () => ["questionnaire", "export", "--format", "md"]],
    ["schema", () => ["schema", "workspace"]],
    ["catalogue", () => ["catalogue", "--json"]],
  ];

  it.each(commands)("%s takes -q before the command and after it, and prints no progress", (_name, args) => {
    for (const placed of [
      ["-q", ...args()],
      [...args(), "--quiet"],
    ]) {
      const r = caution(placed);
      expect(r.code, `${placed.join(" ")}\n${r.stderr}`).toBe(0);
      expect(r.stderr).not.toMatch(/caution: (loading|reading|scoring|wrote) /);
      // answers import writes the vendor file, not stdout.
      if (_name !== "answers import") expect(r.stdout.length).toBeGreaterThan(0);
    }
  });

  it("keeps printing errors when quiet", () => {
    const r = caution(["-q", "validate", join(tempDir(), "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere: folder not found; caution init .*nowhere writes a starter workspace there/);
  });
});
