import type { Result } from "./result.js";

/** The JSON result exactly as `score --json` prints it, `report` writes it and the PDFs carry it. */
export function resultJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
