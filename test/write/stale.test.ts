import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deadPid } from "../support/processes.js";
import { removeStaleTemporaries, temporaryName } from "../../src/write/stale.js";

describe("removeStaleTemporaries", () => {
  it("removes caution's temporaries of dead processes and old ones, and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "caution-stale-"));
    const dead = temporaryName("caution-report.pdf", await deadPid());
    const mineFresh = temporaryName("caution-report.html");
    const mineOld = temporaryName("caution-result.json");
    // Another machine's fresh temporary (a shard writing to a shared volume): its process cannot be asked.
    const otherHost = temporaryName("caution-vendor-a.pdf", await deadPid(), "0badc0de");
    const others = ["caution-report.pdf", ".hidden.tmp", ".caution-notapid-x.tmp", "notes.txt", otherHost];
    for (const name of [dead, mineFresh, mineOld, ...others]) writeFileSync(join(dir, name), "x");
    const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir, mineOld), twoHoursAgo, twoHoursAgo);
    expect((await removeStaleTemporaries(dir)).sort()).toEqual([dead, mineOld].sort());
    expect(readdirSync(dir).sort()).toEqual([mineFresh, ...others].sort());
  });

  it("names temporaries after the machine and the process: .caution-<host>-<pid>-<name>.tmp", () => {
    expect(temporaryName("a.pdf", 42, "0badc0de")).toBe(".caution-0badc0de-42-a.pdf.tmp");
    expect(temporaryName("a.pdf", 42)).toMatch(/^\.caution-[0-9a-f]{8}-42-a\.pdf\.tmp$/);
  });
});
