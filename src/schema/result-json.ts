import type { Result, ResultHead, VendorResult } from "./result.js";

/** The JSON result exactly as `score --json` prints it, `report` writes it and the PDFs carry it. */
export function resultJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** `JSON.stringify(value, null, 2)` placed `depth` levels deep: every line after the first indented to match. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/**
 * The same bytes as resultJson, written as it goes: the head, each vendor as it is scored, then the tail. A result of
 * ten thousand vendors is larger than the longest string JavaScript can hold, and need never be held whole.
 */
export async function* resultJsonChunks(
  head: ResultHead,
  vendors: AsyncIterable<VendorResult> | Iterable<VendorResult>,
  tail: () => Omit<Result, keyof ResultHead | "vendors">,
): AsyncGenerator<string> {
  let out = "{\n";
  for (const [key, value] of Object.entries(head)) out += `  ${JSON.stringify(key)}: ${nested(value, 1)},\n`;
  yield `${out}  "vendors": [`;
  let first = true;
  for await (const v of vendors) {
    yield `${first ? "" : ","}\n    ${nested(v, 2)}`;
    first = false;
  }
  out = first ? "]" : "\n  ]";
  for (const [key, value] of Object.entries(tail())) out += `,\n  ${JSON.stringify(key)}: ${nested(value, 1)}`;
  yield `${out}\n}\n`;
}
