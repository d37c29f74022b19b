import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { jsonSchema, SCHEMA_KINDS, type SchemaKind } from "../../src/schema/json-schema.js";

describe("exported JSON Schemas", () => {
  it.each(Object.keys(SCHEMA_KINDS) as SchemaKind[])("schemas/%s is the committed, current export", (kind) => {
    const committed = readFileSync(join(PACKAGE_ROOT, "schemas", SCHEMA_KINDS[kind].file), "utf8");
    // Regenerate with `npm run schemas` after changing a zod schema.
    expect(committed).toBe(jsonSchema(kind));
  });

  it("describes the vendor answer fields editors should complete", () => {
    const schema = JSON.parse(jsonSchema("vendor")) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual([
      "$schema",
      "id",
      "name",
      "questionnaireVersion",
      "answeredAt",
      "contact",
      "answers",
      "sla",
    ]);
    expect(schema.required).toEqual(["id", "name", "questionnaireVersion"]);
  });
});
