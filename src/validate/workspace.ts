import { compareIssues, InputError, type InputIssue } from "../load/input-issue.js";
import { vendorFile, WORKSPACE_FILE } from "../load/layout.js";
import { isoDate } from "../schema/common.js";
import type { InputFile, LoadedWorkspace } from "../load/workspace.js";
import type { VendorFile } from "../schema/vendor.js";
import { workspace as workspaceSchema, type Workspace, type WorkspaceVendor } from "../schema/workspace.js";
import { incidentSource, type IncidentSource } from "./incident-source.js";
import { validateQuestionnaire, type ValidQuestionnaire } from "./questionnaire.js";
import { validateVendor } from "./vendor.js";
import { yamlLocator, zodIssuesToInput } from "./zod-issues.js";

export interface ValidVendor {
  config: WorkspaceVendor;
  file: VendorFile;
}

/**
 * A workspace whose YAML files passed every check, with its incident files as a source still to fold: scoring folds
 * them into its aggregates, `caution validate` only counts them. Both read every row once.
 */
export interface ValidWorkspace {
  workspace: Workspace;
  /** End of the as-of day, UTC, epoch ms (exclusive): the instant "now" means in every computation. */
  asOfEnd: number;
  questionnaire: ValidQuestionnaire;
  vendors: ValidVendor[];
  /** caution.yaml, the questionnaire and the vendor files with their digests; the fold adds the incident files'. */
  inputs: InputFile[];
  incidents: IncidentSource;
}

export const DAY_MS = 86_400_000;

/**
 * Validates everything a loaded workspace holds and throws one InputError listing every problem, so a user fixes
 * them in one pass. When a YAML file is invalid the incident files are checked too before it throws; when the YAML
 * files are valid, the incident files' rows are checked as they are folded.
 */
export async function validateWorkspace(
  loaded: LoadedWorkspace,
  onFile?: (file: string) => void,
): Promise<ValidWorkspace> {
  const issues: InputIssue[] = [...loaded.issues];
  const fail = () => new InputError([...issues].sort(compareIssues));

  let questionnaire: ValidQuestionnaire | undefined;
  if (loaded.questionnaire) {
    const q = validateQuestionnaire(loaded.questionnaire);
    issues.push(...q.issues);
    questionnaire = q.questionnaire;
  }

  let workspace: Workspace | undefined;
  if (loaded.workspace) {
    const parsed = workspaceSchema.safeParse(loaded.workspace.data, { reportInput: true });
    if (parsed.success) workspace = parsed.data;
    else issues.push(...zodIssuesToInput(workspaceSchema, parsed.error, yamlLocator(loaded.workspace)));
  }

  // Even when caution.yaml is invalid, the vendor files and incidents are still checked against what can be read
  // from it, so one run lists every error.
  const ctx = workspace ? { ...workspace, vendorsKnown: true } : salvage(loaded.workspace?.data);
  const locateWs = loaded.workspace ? yamlLocator(loaded.workspace) : () => ({ file: WORKSPACE_FILE });
  const seenIds = new Map<string, number>();
  ctx.vendors.forEach((v, i) => {
    if (seenIds.has(v.id))
      issues.push({
        ...locateWs(["vendors", i, "id"]),
        field: `vendors[${i}].id`,
        message: `vendor ${v.id} is listed twice (first as vendors[${seenIds.get(v.id)}])`,
      });
    else seenIds.set(v.id, i);
  });

  const files = new Map(loaded.vendors.map((v) => [v.expectedId, v]));
  const vendors: ValidVendor[] = [];
  ctx.vendors.forEach((config, i) => {
    const entry = files.get(config.id);
    if (!entry) {
      issues.push({
        ...locateWs(["vendors", i, "id"]),
        field: `vendors[${i}].id`,
        message: `no answers file for ${config.id}: expected ${vendorFile(config.id)} in the workspace`,
      });
      return;
    }
    // A vendor listed twice is reported once above; its file is checked once.
    // Read or parse errors are already listed.
    if (!entry.source || !questionnaire || seenIds.get(config.id) !== i) return;
    const v = validateVendor(entry.source, config.id, questionnaire, ctx.asOf);
    issues.push(...v.issues);
    if (v.vendor && workspace) vendors.push({ config: workspace.vendors[i]!, file: v.vendor });
  });
  if (loaded.workspace) {
    for (const entry of loaded.vendors) {
      if (!seenIds.has(entry.expectedId)) {
        issues.push({
          file: entry.file,
          message: `vendor ${entry.expectedId} is not listed under vendors: in ${WORKSPACE_FILE}; add it there (with monthlySpend and criticality) or remove the file`,
        });
      }
    }
  }

  const asOfEnd = Date.parse(`${ctx.asOf}T00:00:00Z`) + DAY_MS;
  const incidents = incidentSource(loaded.incidentFiles, {
    // When caution.yaml could not be read, the vendor list is unknown: checking vendor ids would only add noise.
    vendorIds: ctx.vendorsKnown ? new Set(seenIds.keys()) : null,
    asOfEnd: Number.isNaN(asOfEnd) ? Infinity : asOfEnd,
    asOf: ctx.asOf,
  });
  if (issues.length > 0 || !workspace || !questionnaire) {
    issues.push(...(await incidents.check(onFile)));
    throw fail();
  }
  return { workspace, asOfEnd, questionnaire, vendors, inputs: [...loaded.inputs], incidents };
}

/** What can still be read from an invalid caution.yaml: the vendor ids and the as-of date, where well-formed. */
function salvage(data: unknown): { vendors: { id: string }[]; asOf: string; vendorsKnown: boolean } {
  const raw = (typeof data === "object" && data !== null ? data : {}) as { vendors?: unknown; asOf?: unknown };
  const vendors = Array.isArray(raw.vendors)
    ? raw.vendors.flatMap((v: unknown) =>
        typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string"
          ? [{ id: (v as { id: string }).id }]
          : [],
      )
    : [];
  // A date the schema refuses (2026-02-30, which Date.parse would roll over into March) dates nothing: checking
  // incidents against it would only add errors that are not there.
  const asOf = isoDate.safeParse(raw.asOf).success ? (raw.asOf as string) : "9999-12-31";
  return { vendors, asOf, vendorsKnown: Array.isArray(raw.vendors) };
}
