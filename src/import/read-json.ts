import { InputError } from "../load/input-issue.js";
import { MAX_FEED_BYTES, readFeedFile } from "./feed-text.js";

/** Vendor incident histories are a few MiB at most (Google Cloud's full history is ~5 MiB); larger is a mistake. */
export const MAX_JSON_BYTES = MAX_FEED_BYTES;

/**
 * Arrays and objects nest at most this deep. Vendor feeds nest 5 deep; V8 parses a million levels without a stack
 * overflow, but it takes seconds, so a feed is refused at the first bracket past the limit before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Reads and parses a JSON file, or throws an InputError naming the file: unreadable, too large, not text (see
 * feed-text.ts: gzip and UTF-16 are read), nested too deep, or a syntax error (with its line, column and offset).
 */
export async function readJsonFile(path: string, displayPath: string, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const read = await readFeedFile(path, displayPath, maxBytes);
  return parseJsonText(read.text, displayPath);
}

export function parseJsonText(text: string, displayPath: string): unknown {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split("\n").length;
    throw new InputError([
      {
        file: displayPath,
        line,
        message: `nests arrays and objects more than ${MAX_JSON_DEPTH} deep (character ${deep + 1}): not an incident feed`,
      },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const offset = jsonErrorOffset(text) ?? v8Offset(err) ?? text.length;
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - (before.lastIndexOf("\n") + 1) + 1;
    const what =
      offset >= text.length
        ? "unexpected end of the file"
        : `unexpected ${describeChar(text.codePointAt(offset) ?? 0)}`;
    throw new InputError([
      { file: displayPath, line, message: `invalid JSON: ${what} at column ${column} (character ${offset + 1})` },
    ]);
  }
}

function v8Offset(err: unknown): number | undefined {
  const m = err instanceof Error ? /at position (\d+)/.exec(err.message) : null;
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function describeChar(code: number): string {
  if (
    code < 0x21 ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0x7f && code <= 0xa0) ||
    (code >= 0x2000 && code <= 0x206f) ||
    code === 0xfeff
  ) {
    return `character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `character '${String.fromCodePoint(code)}'`;
}

/**
 * Where the first JSON syntax error is, as a character offset into `text` (undefined when the text is valid JSON).
 * Iterative, so a file of a million "[" cannot overflow the stack. Only runs after JSON.parse has failed, to say
 * where: Node's own messages omit the position for some errors.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  const stack: ("{" | "[")[] = [];
  type State = "value" | "firstValue" | "key" | "firstKey" | "after";
  let state: State = "value";
  const skipSpace = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const scanString = (): number | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return i;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) return i + 1;
        if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i + 1;
          i += 6;
        } else return i + 1;
        continue;
      }
      i++;
    }
    return n;
  };
  const digits = () => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i - from;
  };
  const scanNumber = (): number | undefined => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else if (digits() === 0) return i;
    if (text[i] === ".") {
      i++;
      if (digits() === 0) return i;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (digits() === 0) return i;
    }
    return undefined;
  };
  for (;;) {
    skipSpace();
    if (state === "value" || state === "firstValue") {
      const c = text[i];
      if (state === "firstValue" && c === "]") {
        i++;
        stack.pop();
        state = "after";
        continue;
      }
      if (c === undefined) return i;
      if (c === "{" || c === "[") {
        i++;
        stack.push(c);
        state = c === "{" ? "firstKey" : "firstValue";
        continue;
      }
      let error: number | undefined;
      if (c === '"') error = scanString();
      else if (c === "-" || (c >= "0" && c <= "9")) error = scanNumber();
      else {
        const literal = ["true", "false", "null"].find((l) => text.startsWith(l, i));
        if (!literal) return i;
        i += literal.length;
      }
      if (error !== undefined) return error;
      state = "after";
      continue;
    }
    if (state === "key" || state === "firstKey") {
      if (state === "firstKey" && text[i] === "}") {
        i++;
        stack.pop();
        state = "after";
        continue;
      }
      if (text[i] !== '"') return i;
      const error = scanString();
      if (error !== undefined) return error;
      skipSpace();
      if (text[i] !== ":") return i;
      i++;
      state = "value";
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : undefined;
    if (text[i] === ",") {
      i++;
      state = top === "{" ? "key" : "value";
      continue;
    }
    if (text[i] === (top === "{" ? "}" : "]")) {
      i++;
      stack.pop();
      continue;
    }
    return i;
  }
}

/** Offset of the first `[` or `{` (outside strings) that opens a level deeper than `max`; undefined when none does. */
export function tooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return undefined;
}
