import { InputError } from "../load/input-issue.js";
import { readYamlSource } from "../load/yaml-file.js";
import { RESULT_SCHEMA_VERSION, result as resultSchema, type Result } from "../schema/result.js";
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
  const data = parsed.source.data as { schemaVersion?: unknown } | null;
  const version = typeof data === "object" && data !== null ? data.schemaVersion : undefined;
  if (typeof version === "string" && version !== RESULT_SCHEMA_VERSION)
    // An older result lacks fields this version needs; one line that says what to do, not one per missing field.
    throw new InputError([
      {
        file: path,
        line: 1,
        message: `is a result of schema ${version}; this caution reads ${RESULT_SCHEMA_VERSION}. Score that workspace again with this caution (caution score <workspace> --json > result.json) and use the new file`,
      },
    ]);
  const checked = resultSchema.safeParse(parsed.source.data, { reportInput: true });
  if (!checked.success) throw new InputError(zodIssuesToInput(resultSchema, checked.error, yamlLocator(parsed.source)));
  return checked.data;
}
