import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkNode, checkOutput, formatCheck } from "../../src/cli/commands/doctor.js";
import { caution, tempDir } from "../support/cli.js";
import { mountRefused, mountTmpfs } from "./mounts.js";

describe("caution doctor", () => {
  it("passes on this machine: Node, the browser with its version, a printed page, fonts, the output folder", () => {
    const out = join(tempDir(), "reports");
    const r = caution(["doctor", "--out", out]);
    expect(r.stderr).toContain("caution: everything needed to render reports works");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^ok {4}node: \d+\.\d+\.\d+ \(20\.19 or later needed\)$/);
    expect(r.stdout).toMatch(
      /^ok {4}browser: \S+ \((option|CAUTION_BROWSER|PUPPETEER_EXECUTABLE_PATH|puppeteer cache|system)\), .*\d+\.\d+/m,
    );
    expect(r.stdout).toMatch(
      /^ok {4}browser prints: launched in \d+ ms and printed a 1-page PDF \(\d+ bytes\) in \d+ ms$/m,
    );
    expect(r.stdout).toMatch(/^ok {4}fonts: (Liberation Sans|DejaVu Sans)/m);
    expect(r.stdout).toMatch(/^(ok|info) {2,4}pdf tools \(for the tests only\): /m);
    expect(r.stdout).toContain(`ok    output folder: ${out} does not exist yet; caution can create it in `);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });

  it("says how to get a browser when there is none (exit 3)", () => {
    const r = caution(["doctor", "--out", tempDir()], { CAUTION_BROWSER: "/nonexistent" });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("FAIL  browser: The browser named by CAUTION_BROWSER does not exist: /nonexistent");
    expect(r.stdout).toContain("fix: Install a Chrome or Chromium and run again:");
    expect(r.stdout).toContain("apt-get install chromium-headless-shell");
    expect(r.stdout).toContain("info  browser prints: not tried without a browser");
    expect(r.stderr).toContain("caution: 1 problem stops caution from rendering reports; each says how to fix it");
  });

  it("reports a browser that does not run (exit 3)", () => {
    const r = caution(["doctor", "--out", tempDir(), "--browser", "/bin/false"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^FAIL {2}browser prints: could not launch \/bin\/false and print a page: /m);
    expect(r.stdout).toMatch(/fix: run it by hand to see why: \/bin\/false --headless/);
  });

  it("reports an output folder it cannot write to, with the fix (exit 3)", () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x");
    const r = caution(["doctor", "--out", join(file, "reports")]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      `FAIL  output folder: cannot create ${join(file, "reports")}: ${file} is a file, not a folder`,
    );
    expect(r.stdout).toContain("fix: choose another folder with --out, or make this one writable");
  });

  it("checks the Node.js version against 20.19", () => {
    expect(checkNode("20.18.3").status).toBe("fail");
    expect(checkNode("20.18.3").fix).toContain("20.19 or later");
    expect(checkNode("20.19.0").status).toBe("ok");
    expect(checkNode("22.3.0").status).toBe("ok");
    expect(checkNode("18.20.4").status).toBe("fail");
  });

  it("proves write access by writing, and leaves nothing behind", async () => {
    const dir = tempDir();
    expect(await checkOutput(dir)).toMatchObject({ status: "ok", detail: `${dir} is writable` });
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(mountRefused !== undefined)(
    `sees a read-only mount that permission bits do not show to root${mountRefused ? ` (skipped: ${mountRefused})` : ""}`,
    async () => {
      const m = mountTmpfs("ro,size=64k");
      try {
        const check = await checkOutput(m.dir);
        expect(check).toMatchObject({
          status: "fail",
          detail: `cannot write to ${m.dir}: the file system is read-only`,
        });
        expect(formatCheck(check)).toBe(
          `FAIL  output folder: cannot write to ${m.dir}: the file system is read-only\n      fix: choose another folder with --out, or make this one writable\n`,
        );
      } finally {
        m.unmount();
      }
    },
  );
});
