import type { Result } from "../schema/result.js";
import { RESULT_SCHEMA_VERSION } from "../schema/result.js";
import type { ValidWorkspace } from "../validate/workspace.js";
import { describeMethodology, resolveConfig } from "./config.js";
import { scoreVendor } from "./vendor.js";

export interface ScoreOptions {
  /** ISO instant the result speaks for; the caller derives it from SOURCE_DATE_EPOCH or the as-of date. */
  generatedAt: string;
  toolVersion: string;
}

/** The whole workspace, scored: a pure function of the validated input. */
export function scoreWorkspace(valid: ValidWorkspace, options: ScoreOptions): Result {
  const { workspace: ws, questionnaire: q } = valid;
  const cfg = resolveConfig(ws, q);
  const byVendor = new Map<string, ValidWorkspace["incidents"][number][]>();
  for (const incident of valid.incidents) {
    const list = byVendor.get(incident.vendor) ?? [];
    list.push(incident);
    byVendor.set(incident.vendor, list);
  }
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: "caution", version: options.toolVersion },
    generatedAt: options.generatedAt,
    workspace: { organisation: ws.organisation, currency: ws.currency, downtimeCostPerHour: ws.downtimeCostPerHour, asOf: ws.asOf, failOn: ws.failOn ?? null },
    inputs: valid.inputs,
    methodology: describeMethodology(cfg, q),
    vendors: valid.vendors.map((v) => scoreVendor(v, q, cfg, ws, byVendor.get(v.file.id) ?? [], valid.asOfEnd)),
  };
}
