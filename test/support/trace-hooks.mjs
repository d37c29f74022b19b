// Module hooks for the start-up test: every module the process loads is appended to the file CAUTION_TRACE names.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.CAUTION_TRACE) appendFileSync(process.env.CAUTION_TRACE, `${result.url}\n`);
  return result;
}
