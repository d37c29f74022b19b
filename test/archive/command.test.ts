import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/run/errors.js";
import { runCommand } from "../support/run.js";
import { verifyCommand } from "../../src/cli/commands/verify.js";
import { CLI, caution, tempDir } from "../support/cli.js";
import { renderArchived, demoCopy, flipByte, scoreDir, writeArchive, type Archived } from "./fixture.js";

async function runVerify(pdf: string, opts: Parameters<typeof verifyCommand>[2] & { quiet?: boolean } = {}) {
  return runCommand((run) => verifyCommand(run, pdf, opts), { quiet: Boolean(opts.quiet) });
}

describe("caution verify", () => {
  let ws: string;
  let archived: Archived;
  let pdfPath: string;
  beforeAll(async () => {
    ws = demoCopy();
    archived = await renderArchived(await scoreDir(ws));
    pdfPath = writeArchive(archived);
  });

  it("prints `ok   <name>` for every check and returns 0 when all pass", async () => {
    const r = await runVerify(pdfPath, { inputs: ws });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain("ok   pdf parses");
    expect(lines).toContain("ok   sidecar matches pdf");
    expect(lines).toContain("ok   input questionnaire:caution-v1.yaml");
    expect(lines.every((l) => l.startsWith("ok   "))).toBe(true);
    expect(r.stderr).toMatch(/all \d+ checks passed/);
    expect((await runVerify(pdfPath, { quiet: true })).stderr).toBe("");
  });

  it("prints `FAIL <name>: <detail>` and returns 1 on a mismatch", async () => {
    const dir = tempDir("caution-verify-cmd-");
    const path = join(dir, "caution-report.pdf");
    writeFileSync(path, flipByte(archived.pdf, 100));
    const r = await runVerify(path, { manifest: `${pdfPath}.manifest.json` });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL sidecar matches pdf: the PDF has SHA-256 [0-9a-f]{64} \(\d+ bytes\), the sidecar records/m,
    );
    expect(r.stdout).toMatch(/^FAIL pdf is as caution wrote it: /m);
    expect(r.stderr).toMatch(/2 of \d+ checks failed/);
  });

  it("says when there is no sidecar, and checks the contents alone with --no-sidecar", async () => {
    const dir = tempDir("caution-verify-cmd-");
    const path = join(dir, "alone.pdf");
    writeFileSync(path, archived.pdf);
    const r = await runVerify(path);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL sidecar manifest: no sidecar manifest: the PDF's own bytes cannot be checked/m);
    const alone = await runVerify(path, { sidecar: false });
    expect(alone.code).toBe(0);
    expect(alone.stderr).toMatch(/--no-sidecar: .* own bytes were not checked/);
  });

  it("turns unusable arguments into a usage error (exit 2)", async () => {
    await expect(runVerify(join(tempDir(), "missing.pdf"))).rejects.toThrow(UsageError);
    await expect(runVerify(pdfPath, { inputs: join(tempDir(), "nope") })).rejects.toThrow(UsageError);
    await expect(runVerify(pdfPath, { manifest: join(tempDir(), "none.json") })).rejects.toThrow(UsageError);
  });

  // The built CLI (`npm test` builds first); skipped when dist/ predates the verify command.
  it.skipIf(!existsSync(join(CLI, "..", "cli", "commands", "verify.js")))("exits 0, 1 and 2 from the built CLI", () => {
    expect(caution(["verify", pdfPath, "--inputs", ws]).code).toBe(0);
    const changed = demoCopy();
    writeFileSync(join(changed, "caution.yaml"), "organisation: changed\n");
    const r = caution(["verify", pdfPath, "--inputs", changed, "-q"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL input caution\.yaml: changed: /m);
    expect(r.stderr).toBe("");
    const missing = caution(["verify", join(tempDir(), "missing.pdf")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^caution: cannot read the PDF .*missing\.pdf: file not found$/m);
  });
});
