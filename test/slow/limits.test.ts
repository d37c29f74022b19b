import { cpSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INCIDENT_COLUMNS } from "../../src/schema/incident.js";
import { tempDir } from "../support/cli.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { manyVendorWorkspace } from "../bench/many-vendors.mjs";
import { DEMO } from "../support/demo.js";
import { measuredCaution } from "../support/measured.js";

/** A demo workspace with one more incident file of `rows` copies of `row`, written in chunks. */
async function workspaceWith(rows: number, row: string): Promise<string> {
  const dir = join(tempDir("caution-limits-"), "ws");
  cpSync(DEMO, dir, { recursive: true });
  const out = createWriteStream(join(dir, "incidents", "hostile.csv"));
  out.write(`${INCIDENT_COLUMNS.join(",")}\n`);
  const chunk = row.repeat(1_000_000);
  for (let done = 0; done < rows; done += 1_000_000) {
    if (!out.write(rows - done >= 1_000_000 ? chunk : row.repeat(rows - done)))
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return dir;
}

describe("hostile incident files end in exit 2, fast, in bounded memory", () => {
  it("30,000,000 malformed rows (60 MB) take no longer and no more memory than 1,000", async () => {
    const small = measuredCaution(["validate", await workspaceWith(1_000, "x\n"), "-q"]);
    const huge = measuredCaution(["validate", await workspaceWith(30_000_000, "x\n"), "-q"]);
    console.log(
      `malformed rows: 1,000 -> ${small.seconds.toFixed(1)} s, ${small.peakMb.toFixed(0)} MB; 30,000,000 -> ${huge.seconds.toFixed(1)} s, ${huge.peakMb.toFixed(0)} MB`,
    );
    for (const r of [small, huge]) expect(r.code, r.stderr.slice(0, 500)).toBe(2);
    expect(huge.stderr).toContain("the rest of the file was not read");
    expect(huge.seconds).toBeLessThan(60);
    expect(huge.peakMb).toBeLessThan(300);
    expect(huge.peakMb).toBeLessThan(small.peakMb * 1.5);
  });
});

describe("thousands of vendors", () => {
  it("2,500 vendors validate and score --json in bounded memory, the result streamed whole", async () => {
    const dir = manyVendorWorkspace(PACKAGE_ROOT, join(tempDir("caution-many-"), "ws"), 2_500);
    const validate = measuredCaution(["validate", dir, "-q"]);
    const score = measuredCaution(["score", dir, "--json", "-q"]);
    console.log(
      `2,500 vendors: validate ${validate.seconds.toFixed(1)} s, ${validate.peakMb.toFixed(0)} MB; score --json ${score.seconds.toFixed(1)} s, ${score.peakMb.toFixed(0)} MB, ${(score.stdout.length / 1e6).toFixed(0)} MB of JSON`,
    );
    expect(validate.code, validate.stderr).toBe(0);
    expect(score.code, score.stderr).toBe(0);
    const result = JSON.parse(score.stdout) as { vendors: unknown[]; recommendation: { ranking: string[] } };
    expect(result.vendors).toHaveLength(2_500);
    expect(result.recommendation.ranking).toHaveLength(2_500);
    expect(validate.peakMb).toBeLessThan(400);
    expect(score.peakMb).toBeLessThan(600);
  });
});
