import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { CLI, tempDir } from "../support/cli.js";

/**
 * Every command starts by loading src/cli.ts and what it imports statically. Puppeteer, ExcelJS and pdf-lib take
 * 0.15-0.25 s each to load, so they are imported where they are used (`await import(...)`), never on the static
 * path: `caution --version`, `validate` or `score` do not pay for them. This walks the static imports of the
 * sources (value imports only; `import type` is erased) from the entry point.
 */
const HEAVY = ["puppeteer", "exceljs", "pdf-lib", "pdfjs-dist", "pkijs", "asn1js"];

function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"([^"]+)";/gms)) out.push(m[1]!);
  return out;
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith(".")) queue.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!spec.startsWith("node:"))
        packages.add(spec.split("/")[0]!.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  }
  return { files, packages };
}

describe("start-up", () => {
  it("loads no heavy library on the static import path of the CLI", () => {
    const { files, packages } = reachable(join(PACKAGE_ROOT, "src", "cli.ts"));
    expect(files.size).toBeGreaterThan(30);
    expect(packages).toContain("commander");
    expect([...packages].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it("would notice one: the walk finds pdf-lib behind the archive reader", () => {
    const { packages } = reachable(join(PACKAGE_ROOT, "src", "archive", "verify.ts"));
    expect(packages).toContain("pdf-lib");
  });
});

/** Every module the built CLI loads for these arguments (static and dynamic imports), from Node's module hooks. */
function loadedModules(args: string[]): string[] {
  const trace = join(tempDir(), "modules.txt");
  const r = spawnSync(
    process.execPath,
    ["--import", join(PACKAGE_ROOT, "test/support/trace-register.mjs"), CLI, ...args],
    {
      cwd: PACKAGE_ROOT,
      encoding: "utf8",
      env: { ...process.env, CAUTION_TRACE: trace, SOURCE_DATE_EPOCH: "" },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return [
    ...new Set(
      readFileSync(trace, "utf8")
        .split("\n")
        .filter((l) => l !== ""),
    ),
  ];
}

describe("what a command loads", () => {
  const RENDERING = /\/dist\/render\/|\/node_modules\/(handlebars|puppeteer|puppeteer-core|exceljs|pdf-lib)\//;

  it.each([["--version"], ["validate", "samples/demo", "-q"], ["score", "samples/demo", "--json", "-q"]])(
    "caution %s loads nothing of rendering: no render/, Handlebars, Puppeteer, ExcelJS or pdf-lib",
    (...args) => {
      const modules = loadedModules(args);
      expect(modules.some((m) => m.includes("/dist/score/") || m.includes("/dist/cli.js"))).toBe(true);
      expect(modules.filter((m) => RENDERING.test(m))).toEqual([]);
    },
  );

  it("would notice: report loads the renderer and Handlebars", () => {
    const out = tempDir();
    const modules = loadedModules(["report", "samples/demo", "--out", out, "--format", "html", "-q"]);
    expect(modules.some((m) => m.includes("/dist/render/"))).toBe(true);
    expect(modules.some((m) => m.includes("/node_modules/handlebars/"))).toBe(true);
  });
});
