import { InputError } from "../load/input-issue.js";
import { readYamlSource } from "../load/yaml-file.js";
import { result as resultSchema, type Result } from "../schema/result.js";
import { yamlLocator, zodIssuesToInput } from "../validate/zod-issues.js";

/** A saved result can hold thousands of incidents; anything past this is not a caution result. */
const MAX_RESULT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a saved JSON result (the contract between scoring and rendering) and checks it against the result schema.
 * JSON is YAML, so the YAML reader gives every error a line number.
 */
export async function readResultFile(path: string): Promise<Result> {
  const parsed = await readYamlSource(path, path, MAX_RESULT_BYTES);
  if (!parsed.source) throw new InputError(parsed.issues);
  const checked = resultSchema.safeParse(parsed.source.data, { reportInput: true });
  if (!checked.success) throw new InputError(zodIssuesToInput(resultSchema, checked.error, yamlLocator(parsed.source)));
  return checked.data;
}
