import { isAlias, isNode, LineCounter, parseDocument, visit, type Alias, type Document } from "yaml";
import type { InputIssue } from "./input-issue.js";
import { MAX_YAML_BYTES, readTextFile } from "./text-file.js";

/** A parsed YAML document that can still say on which line any field stands. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Aliases are legitimate in YAML but a few hundred expand into a billion nodes ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, file: string): { source?: YamlSource; issues: InputIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const issues: InputIssue[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    const line = err.linePos?.[0]?.line;
    issues.push({ file, ...(line ? { line } : {}), message: `YAML ${describeYamlError(err.code, err.message)}` });
  }
  if (doc.errors.length > 0) return { issues };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const at = aliasBombLine(doc, lineCounter);
    issues.push({ file, ...(at ? { line: at } : {}), message: `YAML ${err instanceof Error ? err.message : String(err)}${at ? " (aliases of aliases from this line on)" : ""}` });
    return { issues };
  }
  if (data === null || data === undefined) {
    issues.push({ file, message: "file holds no YAML document" });
    return { issues };
  }
  return { source: { file, data, lineOf: (path) => lineOf(doc, lineCounter, path) }, issues };
}

/**
 * Where an alias bomb starts: the first alias to a node that itself holds aliases (each level multiplies the
 * copies), else the first alias. toJS only says that the count was exceeded, not where.
 */
function aliasBombLine(doc: Document, counter: LineCounter): number | undefined {
  let first: Alias | undefined;
  let nested: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      const target = node.resolve(doc);
      let holdsAlias = false;
      if (target) visit(target, { Alias: () => ((holdsAlias = true), visit.BREAK) });
      if (holdsAlias) {
        nested = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const node = nested ?? first;
  return node && isAlias(node) && node.range ? counter.linePos(node.range[0]).line : undefined;
}

function describeYamlError(code: string, message: string): string {
  // The library's first line is the useful part (the rest repeats the source with a caret); the position is
  // reported separately as the issue's line.
  const first = (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
  if (code === "DUPLICATE_KEY") return `duplicate key: ${first}`;
  return `syntax error: ${first}`;
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Reads and parses one YAML (or JSON) file; every problem becomes an InputIssue (not found, size, encoding, syntax). */
export async function readYamlSource(path: string, shown = path, maxBytes = MAX_YAML_BYTES): Promise<{ source?: YamlSource; text?: string; issues: InputIssue[] }> {
  const text = await readTextFile(path, shown, maxBytes);
  if (!text.ok) return { issues: [text.issue] };
  const parsed = parseYaml(text.text, shown);
  return { ...parsed, text: text.text };
}
