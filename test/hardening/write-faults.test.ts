import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caution, tempDir } from "../support/cli.js";
import { mountRefused, mountTmpfs, type Mount } from "./mounts.js";
import { escapeRegExp, snapshot, temporaries } from "./support.js";

/**
 * The output folder cannot take the report: a clear message, exit 3, no partial file, earlier reports untouched.
 * caution runs as root in CI, where permission bits stop nothing, so the faults are real ones: a file where a
 * folder should be, a read-only mount, a full disk.
 */
describe("an output folder that cannot be written", () => {
  it("a file where the folder should be: exit 3, says so, writes nothing", () => {
    const parent = join(tempDir(), "not-a-folder");
    writeFileSync(parent, "a file\n");
    const out = join(parent, "reports");
    const r = caution(["report", "samples/demo", "--out", out, "--format", "html,json", "-q"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(
        `^caution: cannot create output folder ${escapeRegExp(out)}: a file stands where a folder is needed; nothing was written`,
      ),
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a folder standing where a report goes: refused before anything is replaced", () => {
    const out = tempDir();
    expect(caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]).code).toBe(0);
    const before = snapshot(out);
    mkdirSync(join(out, "caution-report.html"));
    const r = caution(["report", "samples/demo", "--out", out, "--format", "html,json", "-q"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("a folder of that name is in the way; nothing was written");
    expect(snapshot(out)).toEqual(before);
    expect(temporaries(out)).toEqual([]);
  });

  describe.skipIf(mountRefused !== undefined)(
    `on tmpfs mounts${mountRefused ? ` (skipped: ${mountRefused})` : ""}`,
    () => {
      let ro: Mount;
      let full: Mount;
      let roBefore: Record<string, string>;
      let fullBefore: Record<string, string>;

      beforeAll(() => {
        // Earlier reports first, then the mount is made read-only / left too small for the next run.
        ro = mountTmpfs("size=1m");
        expect(
          caution(["report", "samples/demo", "--out", ro.dir, "--format", "html", "--kind", "executive", "-q"]).code,
        ).toBe(0);
        ro.remount("ro");
        roBefore = snapshot(ro.dir);
        full = mountTmpfs("size=128k");
        expect(
          caution(["report", "samples/demo", "--out", full.dir, "--format", "html", "--kind", "executive", "-q"]).code,
        ).toBe(0);
        fullBefore = snapshot(full.dir);
        expect(Object.keys(fullBefore)).toEqual(["caution-executive.html"]);
      });

      afterAll(() => {
        ro?.unmount();
        full?.unmount();
      });

      it("read-only: exit 3, 'the file system is read-only', earlier report untouched", () => {
        const r = caution(["report", "samples/demo", "--out", ro.dir, "--format", "html,json", "-q"]);
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(
          new RegExp(
            `^caution: cannot write to ${escapeRegExp(ro.dir)}: the file system is read-only; nothing was written`,
          ),
        );
        expect(snapshot(ro.dir)).toEqual(roBefore);
      });

      it("read-only, a new folder inside it: exit 3, cannot create it", () => {
        const out = join(ro.dir, "q4");
        const r = caution(["report", "samples/demo", "--out", out, "--format", "json", "-q"]);
        expect(r.code).toBe(3);
        expect(r.stderr).toContain(
          `cannot create output folder ${out}: the file system is read-only; nothing was written`,
        );
      });

      it("full disk (ENOSPC part-way through): exit 3, no partial or temporary file, earlier report untouched", () => {
        const r = caution(["report", "samples/demo", "--out", full.dir, "--format", "html,json", "-q"]);
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(
          new RegExp(
            `^caution: cannot write to ${escapeRegExp(full.dir)}: no space left on the device; nothing was written`,
          ),
        );
        expect(snapshot(full.dir)).toEqual(fullBefore);
        expect(temporaries(full.dir)).toEqual([]);
      });
    },
  );
});
