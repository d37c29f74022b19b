import { z } from "zod";
import { assessmentDiff } from "./diff.js";
import { incidentMap } from "./incident-map.js";
import { frameworkCatalogue, mappingFile } from "./mapping.js";
import { questionnaire } from "./questionnaire.js";
import { result } from "./result.js";
import { slaCatalogue } from "./sla-catalogue.js";
import { vendorFile } from "./vendor.js";
import { workspace } from "./workspace.js";

/**
 * JSON Schema for each file a user edits, generated from the zod schemas so the two can never disagree. Editors
 * pick them up via `$schema` (or yaml-language-server) and complete and check the files as they are typed.
 */
export const SCHEMA_KINDS = {
  workspace: { schema: workspace, file: "caution.schema.json", title: "caution workspace (caution.yaml)" },
  vendor: { schema: vendorFile, file: "vendor.schema.json", title: "caution vendor answers (vendors/<id>.yaml)" },
  questionnaire: { schema: questionnaire, file: "questionnaire.schema.json", title: "caution questionnaire" },
  result: { schema: result, file: "result.schema.json", title: "caution JSON result" },
  mappings: {
    schema: mappingFile,
    file: "mappings.schema.json",
    title: "caution questionnaire version mappings (questionnaires/mappings.yaml)",
  },
  frameworks: {
    schema: frameworkCatalogue,
    file: "frameworks.schema.json",
    title: "caution framework catalogue (questionnaires/framework-catalogue.yaml)",
  },
  "sla-catalogue": {
    schema: slaCatalogue,
    file: "sla-catalogue.schema.json",
    title: "caution SLA catalogue (questionnaires/sla-catalogue.yaml)",
  },
  diff: { schema: assessmentDiff, file: "diff.schema.json", title: "caution diff --format json" },
  "incident-map": {
    schema: incidentMap,
    file: "incident-map.schema.json",
    title: "caution incident log mapping (caution incidents import --format csv --map <file>)",
  },
} as const;

export type SchemaKind = keyof typeof SCHEMA_KINDS;

export function jsonSchema(kind: SchemaKind): string {
  const entry = SCHEMA_KINDS[kind];
  const io = kind === "result" || kind === "diff" ? "output" : "input";
  const generated = z.toJSONSchema(entry.schema, { io, target: "draft-2020-12", unrepresentable: "any" });
  return `${JSON.stringify({ ...generated, title: entry.title }, null, 2)}\n`;
}
