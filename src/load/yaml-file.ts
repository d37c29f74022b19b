import { isAlias, isNode, LineCounter, parseDocument, visit, type Alias, type Document } from "yaml";
import type { InputIssue } from "./input-issue.js";
import { cachedData } from "./yaml-cache.js";
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
    const where =
      at === undefined ? "" : at.nested ? " (aliases of aliases from this line on)" : " (aliases from this line on)";
    issues.push({
      file,
      ...(at ? { line: at.line } : {}),
      message: `YAML ${err instanceof Error ? err.message : String(err)}${where}`,
    });
    return { issues };
  }
  if (data === null || data === undefined) {
    issues.push({ file, message: "file holds no YAML document" });
    return { issues };
  }
  // The document, with its node tree and positions, is not kept: a workspace of ten thousand vendor files would hold
  // gigabytes of it. Lines are needed only for an error message; the text is parsed again then.
  let positions: { doc: Document; counter: LineCounter } | undefined;
  const locate = (path: readonly PropertyKey[]) => {
    if (!positions) {
      const counter = new LineCounter();
      positions = { doc: parseDocument(text, { lineCounter: counter, uniqueKeys: true }), counter };
    }
    return lineOf(positions.doc, positions.counter, path);
  };
  return { source: { file, data, lineOf: locate }, issues };
}

/** Past this many aliases the search for the nested one stops: the file is refused either way. */
const MAX_ALIASES_SEARCHED = 10_000;

/**
 * Where an alias bomb starts: the first alias to a node that itself holds aliases (each such level multiplies the
 * copies), else the first alias. toJS only says that the count was exceeded, not where. One pass in document
 * order, with anchors recorded as they appear and each target's "holds an alias" worked out once, so a file of a
 * million flat aliases costs one walk, not a walk per alias.
 */
function aliasBombLine(doc: Document, counter: LineCounter): { line: number; nested: boolean } | undefined {
  const anchors = new Map<string, unknown>();
  const holdsAlias = new Map<unknown, boolean>();
  let first: Alias | undefined;
  let nested: Alias | undefined;
  let searched = 0;
  visit(doc, (_, node) => {
    if (isAlias(node)) {
      first ??= node;
      const target = anchors.get(node.source);
      if (target !== undefined) {
        let holds = holdsAlias.get(target);
        if (holds === undefined) {
          holds = false;
          if (isNode(target))
            visit(target, (__, inner) => (isAlias(inner) ? ((holds = true), visit.BREAK) : undefined));
          holdsAlias.set(target, holds);
        }
        if (holds) {
          nested = node;
          return visit.BREAK;
        }
      }
      if (++searched >= MAX_ALIASES_SEARCHED) return visit.BREAK;
      return undefined;
    }
    if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    return undefined;
  });
  const at = nested ?? first;
  return at?.range ? { line: counter.linePos(at.range[0]).line, nested: nested !== undefined } : undefined;
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

/**
 * Parses a file's text, or takes caution's own files from the build-time cache (yaml-cache.ts) when their bytes
 * are unchanged; their line positions are then parsed only if an error needs one.
 */
export function parseYamlFile(
  path: string,
  shown: string,
  text: string,
  bytes: Uint8Array,
  digest?: string,
): { source?: YamlSource; issues: InputIssue[] } {
  const cached = cachedData(path, bytes, digest);
  if (!cached) return parseYaml(text, shown);
  let full: YamlSource | undefined;
  return {
    source: { file: shown, data: cached.data, lineOf: (p) => (full ??= parseYaml(text, shown).source)?.lineOf(p) },
    issues: [],
  };
}

/**
 * Reads and parses one YAML (or JSON) file; every problem becomes an InputIssue (not found, size, encoding,
 * syntax).
 */
export async function readYamlSource(
  path: string,
  shown = path,
  maxBytes = MAX_YAML_BYTES,
): Promise<{ source?: YamlSource; text?: string; issues: InputIssue[] }> {
  const text = await readTextFile(path, shown, maxBytes);
  if (!text.ok) return { issues: [text.issue] };
  return { ...parseYamlFile(path, shown, text.text, text.bytes), text: text.text };
}
