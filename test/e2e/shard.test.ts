import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shardOf } from "../../src/render/shard.js";
import { caution, tempDir } from "../support/cli.js";

const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));

describe("caution report --shard i/n", () => {
  it("two shards together write exactly the files of one unsharded run, byte for byte", () => {
    const whole = tempDir();
    const parts = [tempDir(), tempDir()];
    const args = ["report", "samples/demo", "--format", "html,pdf,json", "-q"];
    expect(caution([...args, "--out", whole]).code).toBe(0);
    parts.forEach((out, i) => {
      const r = caution([...args, "--out", out, "--shard", `${i}/2`]);
      expect(r.code, r.stderr).toBe(0);
    });
    const [a, b] = parts.map(files);
    expect(Object.keys(a!).filter((f) => f in b!)).toEqual([]);
    expect(Object.keys(a!).length).toBeGreaterThan(0);
    expect(Object.keys(b!).length).toBeGreaterThan(0);
    expect({ ...a, ...b }).toEqual(files(whole));
  });

  it("assigns each document by its name alone, the same on every run", () => {
    expect(shardOf("caution-executive", 4)).toBe(shardOf("caution-executive", 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOf(`caution-vendor-v${i}`, 4)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });

  it("refuses a share it cannot take, with the form it wants (exit 2)", () => {
    for (const bad of ["2/2", "1", "a/b", "0/0"]) {
      const r = caution(["report", "samples/demo", "--out", tempDir(), "--shard", bad, "-q"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--shard ${bad}: give <i>/<n> with n shares and i counted from 0`);
    }
  });
});
