import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importIncidentsCommand, registerIncidents, type ImportOptions } from "../../src/cli/commands/incidents.js";
import { UsageError } from "../../src/run/errors.js";
import { runCommand } from "../support/run.js";
import { InputError } from "../../src/load/input-issue.js";
import { MAX_JSON_BYTES } from "../../src/import/read-json.js";
import { tempDir } from "../support/cli.js";
import { fixturePath, fixtureText } from "./support.js";

async function runImport(file: string, opts: ImportOptions) {
  return runCommand((run) => importIncidentsCommand(run, file, opts));
}

async function failure(file: string, opts: ImportOptions): Promise<Error> {
  try {
    await runImport(file, opts);
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the command to fail");
}

const SP = fixturePath("statuspage-incidents.json");
const GCP = fixturePath("gcp-incidents.json");

describe("caution incidents import", () => {
  it("writes the Statuspage CSV to stdout and every skip plus a summary to stderr", async () => {
    const r = await runImport(SP, { format: "statuspage", vendor: "nimbus" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fixtureText("statuspage-expected.csv"));
    expect(r.stderr).toBe(
      [
        'caution: skipped mt7z0q3n5v8p: scheduled maintenance has not started (status "scheduled")',
        "caution: skipped d1u2p3l4i5c6: duplicate id; kept the copy updated at 2026-03-05T19:30:00Z",
        "caution: skipped e9n8d7b6f5o4: resolved_at 2026-02-02T09:00:00Z is before started_at 2026-02-02T10:00:00Z",
        'caution: skipped n0o1f2f3s4e5: started_at "2026-01-20T14:00:00" has no UTC offset (Z or ±hh:mm)',
        "caution: imported 7 incidents, skipped 4",
        "",
      ].join("\n"),
    );
  });

  it("writes the Google Cloud CSV", async () => {
    const r = await runImport(GCP, { format: "GCP", vendor: "google-cloud" });
    expect(r.stdout).toBe(fixtureText("gcp-expected.csv"));
    expect(r.stderr).toBe(
      [
        "caution: skipped Eb4Fc7Gd0He3If6Jg9Kh: end 2026-02-20T09:30:00Z is before begin 2026-02-20T10:00:00Z",
        "caution: skipped Dp1Fq4Gr7Hs0It3Ju6Kv: duplicate id; kept the copy updated at 2026-01-15T12:15:00Z",
        "caution: imported 6 incidents, skipped 2",
        "",
      ].join("\n"),
    );
  });

  it("says '1 incident' and writes the header alone for an empty history", async () => {
    const file = join(tempDir(), "one.json");
    writeFileSync(file, JSON.stringify([{ id: "x1", begin: "2026-03-01T10:00:00Z", severity: "low" }]));
    expect((await runImport(file, { format: "gcp", vendor: "g" })).stderr).toBe(
      "caution: imported 1 incident, skipped 0\n",
    );
    writeFileSync(file, "[]");
    const empty = await runImport(file, { format: "gcp", vendor: "g" });
    expect(empty.stdout).toBe(
      "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url,rca_published_at\n",
    );
    expect(empty.stderr).toBe("caution: imported 0 incidents, skipped 0\n");
  });

  it("writes --out atomically, creating the folder and leaving no temporary file", async () => {
    const dir = join(tempDir(), "incidents");
    const out = join(dir, "nimbus.csv");
    const r = await runImport(SP, { format: "statuspage", vendor: "nimbus", out });
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("caution: imported 7 incidents, skipped 4\n");
    expect(readFileSync(out, "utf8")).toBe(fixtureText("statuspage-expected.csv"));
    expect(readdirSync(dir)).toEqual(["nimbus.csv"]);
  });

  it("refuses a bad --format or --vendor as a usage error", async () => {
    for (const format of ["rss", "", undefined]) {
      const err = await failure(SP, { format, vendor: "nimbus" });
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toBe(`--format ${format ?? ""}: allowed formats are statuspage, gcp, aws, azure, csv`);
    }
    for (const vendor of ["Nimbus", "nimbus cloud", "-nimbus", "", "a".repeat(64), "nimbus/../x", undefined]) {
      const err = await failure(SP, { format: "statuspage", vendor });
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toBe(
        `--vendor ${vendor ?? ""}: must be a lower-case slug (a-z, 0-9, -), at most 63 characters, as in caution.yaml`,
      );
    }
  });

  it("refuses an --out that is a folder or the input file", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    expect((await failure(SP, { format: "statuspage", vendor: "nimbus", out: join(dir, "sub") })).message).toMatch(
      /is a folder; give a file name/,
    );
    expect((await failure(SP, { format: "statuspage", vendor: "nimbus", out: `${dir}/` })).message).toMatch(
      /give a file name/,
    );
    expect((await failure(SP, { format: "statuspage", vendor: "nimbus", out: SP })).message).toMatch(
      /is the input file/,
    );
  });

  it("exits with an input error naming the file for invalid JSON, a wrong shape or a file over 50 MiB", async () => {
    const dir = tempDir();
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "incidents": [\n    {"id": "a",}\n  ]\n}\n');
    const syntax = await failure(broken, { format: "statuspage", vendor: "nimbus" });
    expect(syntax).toBeInstanceOf(InputError);
    expect((syntax as InputError).issues).toEqual([
      { file: broken, line: 3, message: "invalid JSON: unexpected character '}' at column 16 (character 35)" },
    ]);

    const shape = await failure(GCP, { format: "statuspage", vendor: "nimbus" });
    expect((shape as InputError).issues).toEqual([
      {
        file: GCP,
        message:
          'expected a Statuspage incidents.json (an object with "page" and "incidents"), found an array; it looks like a Google Cloud incidents.json: use --format gcp',
      },
    ]);

    const big = join(dir, "big.json");
    writeFileSync(big, "");
    truncateSync(big, MAX_JSON_BYTES + 1); // sparse: never read, refused on its size
    const size = await failure(big, { format: "gcp", vendor: "g" });
    expect((size as InputError).issues).toEqual([
      { file: big, message: `file is ${MAX_JSON_BYTES + 1} bytes; the limit is ${MAX_JSON_BYTES} bytes` },
    ]);

    const missing = await failure(join(dir, "nope.json"), { format: "gcp", vendor: "g" });
    expect((missing as InputError).issues).toEqual([{ file: join(dir, "nope.json"), message: "file not found" }]);
  });

  it("writes nothing to --out when the input is invalid", async () => {
    const dir = tempDir();
    const out = join(dir, "out", "x.csv");
    await failure(GCP, { format: "statuspage", vendor: "nimbus", out });
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("registerIncidents", () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs the registered command in-process; run() ends with process.exit, caught here as the exit code. */
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stdout += String(chunk);
      const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      cb?.();
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stderr += String(chunk);
      const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      cb?.();
      return true;
    });
    class Exit extends Error {
      constructor(readonly code: number) {
        super(`exit ${code}`);
      }
    }
    vi.spyOn(process, "exit").mockImplementation((code?: string | number | null) => {
      throw new Exit(Number(code ?? 0));
    });
    const program = new Command().name("caution").exitOverride((err) => {
      throw new Exit(err.exitCode === 0 ? 0 : 2);
    });
    registerIncidents(program);
    try {
      await program.parseAsync(args, { from: "user" });
    } catch (err) {
      if (err instanceof Exit) return { code: err.code, stdout, stderr };
      throw err;
    } finally {
      vi.restoreAllMocks();
    }
    throw new Error("the command did not exit");
  }

  it("adds `incidents import` and exits 0 with the CSV on stdout", async () => {
    const r = await cli(["incidents", "import", GCP, "--format", "gcp", "--vendor", "google-cloud"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fixtureText("gcp-expected.csv"));
    expect(r.stderr).toContain("caution: imported 6 incidents, skipped 2\n");
  });

  it("exits 2 for a bad --vendor, an invalid file or a missing option", async () => {
    const bad = await cli(["incidents", "import", GCP, "--format", "gcp", "--vendor", "Google"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("caution: --vendor Google: must be a lower-case slug");
    const shape = await cli(["incidents", "import", SP, "--format", "gcp", "--vendor", "nimbus"]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain(`${SP}: expected a Google Cloud incidents.json`);
    expect(shape.stderr).toContain("1 error in the input; nothing was written.");
    const missing = await cli(["incidents", "import", SP, "--format", "statuspage"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--vendor <id>' not specified");
  });
});
