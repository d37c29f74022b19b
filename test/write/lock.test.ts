import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deadPid } from "../support/processes.js";
import { UsageError } from "../../src/run/errors.js";
import { LOCK_FILE, lockFolder } from "../../src/write/lock.js";

const folder = () => mkdtempSync(join(tmpdir(), "caution-lock-"));

describe("lockFolder", () => {
  it("holds the folder with this process's id until released", async () => {
    const dir = folder();
    const lock = await lockFolder(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    await lock[Symbol.asyncDispose]();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("makes a second run wait for the first, and gives up with exit 2 after the wait", async () => {
    const dir = folder();
    const first = await lockFolder(dir);
    const order: string[] = [];
    const second = lockFolder(dir, undefined, 5_000).then((l) => (order.push("second"), l));
    await new Promise((r) => setTimeout(r, 300));
    order.push("first released");
    await first[Symbol.asyncDispose]();
    await (await second)[Symbol.asyncDispose]();
    expect(order).toEqual(["first released", "second"]);

    const held = await lockFolder(dir);
    const err = await lockFolder(dir, undefined, 200).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(
      new RegExp(`is being written by another caution run \\(process ${process.pid} on .*\\); wait for it`),
    );
    await held[Symbol.asyncDispose]();
  });

  it("takes over a lock whose process is gone (a run killed with -9)", async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), host: hostname(), since: "x" }));
    const lock = await lockFolder(dir, undefined, 1_000);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    await lock[Symbol.asyncDispose]();
  });
});
