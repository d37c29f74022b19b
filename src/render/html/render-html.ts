import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import Handlebars from "handlebars";
import { TEMPLATE_DIR } from "../../load/package-files.js";
import type { DocumentContext } from "../documents.js";
import { cssString } from "../sanitize.js";
import { readTemplateSource, TEMPLATE_CACHE, TEMPLATE_OPTIONS } from "./template-source.js";

type Template = (context: unknown) => string;
type Spec = Parameters<typeof Handlebars.template>[0];

interface Precompiled {
  digest: string;
  main: Spec;
  partials: Record<string, Spec>;
}

let compiled: Template | undefined;

/** The build's precompiled templates, if they were made from exactly these files. */
function precompiled(digest: string): Precompiled | undefined {
  if (!existsSync(TEMPLATE_CACHE)) return undefined;
  const cache = createRequire(import.meta.url)(TEMPLATE_CACHE) as Precompiled;
  return cache.digest === digest ? cache : undefined;
}

/**
 * A private Handlebars instance with strict templates: a field missing from the view model is an error, never an
 * empty cell in a report someone relies on. The one helper escapes text for a CSS string (the running header and
 * footer); templates cannot compute: every figure arrives finished in the view model. No triple-stash anywhere,
 * so everything is escaped. caution's own templates come precompiled from the build when unchanged.
 */
export function compileTemplates(dir = TEMPLATE_DIR, useCache = dir === TEMPLATE_DIR): Template {
  if (compiled && dir === TEMPLATE_DIR && useCache) return compiled;
  const source = readTemplateSource(dir);
  const hb = Handlebars.create();
  hb.registerHelper("css-string", (value: unknown) => {
    if (typeof value !== "string") throw new Error("css-string needs a string");
    return new hb.SafeString(cssString(value));
  });
  const cache = useCache ? precompiled(source.digest) : undefined;
  for (const [name, text] of source.partials)
    hb.registerPartial(name, cache ? hb.template(cache.partials[name]!) : hb.compile(text, TEMPLATE_OPTIONS));
  const main: Template = cache ? hb.template(cache.main) : hb.compile(source.main, TEMPLATE_OPTIONS);
  const css = new hb.SafeString(source.css);
  const render: Template = (view) => main({ ...(view as object), css });
  if (dir === TEMPLATE_DIR && useCache) compiled = render;
  return render;
}

/** The self-contained HTML report: inline CSS, no scripts, no external references. */
export function renderHtml(view: DocumentContext): string {
  return compileTemplates()(view);
}
