import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../load/package-files.js";

/** Strict templates: a field missing from the view model is an error, never an empty cell. Escaping stays on. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: false } as const;

/**
 * The templates precompiled by `npm run build` (template-cache-build.ts). Compiling them takes about 0.1 s of a
 * cold run; the cache is used only while its digest matches the template files, so an edited template is
 * compiled afresh.
 */
export const TEMPLATE_CACHE = join(PACKAGE_ROOT, "dist", "template-cache.cjs");

export interface TemplateSource {
  main: string;
  /** [name, source] in name order. */
  partials: [string, string][];
  css: string;
  /** SHA-256 over every file's name and text: what a precompiled cache must have been made from. */
  digest: string;
}

export function readTemplateSource(dir: string): TemplateSource {
  const partials = readdirSync(join(dir, "partials"))
    .filter((f) => f.endsWith(".hbs"))
    .sort()
    .map((f): [string, string] => [f.replace(/\.hbs$/, ""), readFileSync(join(dir, "partials", f), "utf8")]);
  const main = readFileSync(join(dir, "report.hbs"), "utf8");
  const css = readFileSync(join(dir, "report.css"), "utf8");
  const hash = createHash("sha256");
  for (const [name, text] of [
    ["report.hbs", main],
    ["report.css", css],
    ...partials.map(([n, t]) => [`partials/${n}.hbs`, t]),
  ])
    hash.update(`${name}\0${text}\0`);
  return { main, partials, css, digest: hash.digest("hex") };
}
