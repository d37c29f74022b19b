import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { TEMPLATE_DIR } from "../../load/package-files.js";
import type { DocumentContext } from "../documents.js";
import { cssString } from "../sanitize.js";

type Template = (context: unknown) => string;

let compiled: Template | undefined;

/**
 * A private Handlebars instance with strict templates: a field missing from the view model is an error, never an
 * empty cell in a report someone relies on. The one helper escapes text for a CSS string (the running header and
 * footer); templates cannot compute: every figure arrives finished in the view model. No triple-stash anywhere,
 * so everything is escaped.
 */
function template(dir = TEMPLATE_DIR): Template {
  if (compiled && dir === TEMPLATE_DIR) return compiled;
  const hb = Handlebars.create();
  const options = { strict: true, noEscape: false } as const;
  hb.registerHelper("css-string", (value: unknown) => {
    if (typeof value !== "string") throw new Error("css-string needs a string");
    return new hb.SafeString(cssString(value));
  });
  for (const name of readdirSync(join(dir, "partials")).filter((f) => f.endsWith(".hbs")).sort()) {
    hb.registerPartial(name.replace(/\.hbs$/, ""), hb.compile(readFileSync(join(dir, "partials", name), "utf8"), options));
  }
  const main = hb.compile(readFileSync(join(dir, "report.hbs"), "utf8"), options);
  const css = readFileSync(join(dir, "report.css"), "utf8");
  const render: Template = (view) => main({ ...(view as object), css: new hb.SafeString(css) });
  if (dir === TEMPLATE_DIR) compiled = render;
  return render;
}

/** The self-contained HTML report: inline CSS, no scripts, no external references. */
export function renderHtml(view: DocumentContext): string {
  return template()(view);
}
