import { compareIssues, InputError, type InputIssue } from "../load/input-issue.js";
import { workloadIssues } from "./workloads.js";
import { vendorFile, WORKSPACE_FILE } from "../load/layout.js";
import { isoDate } from "../schema/common.js";
import { readVendorFile, type InputFile, type LoadedWorkspace } from "../load/workspace.js";
import type { YamlSource } from "../load/yaml-file.js";
import type { VendorFile } from "../schema/vendor.js";
import { workspace as workspaceSchema, type Workspace, type WorkspaceVendor } from "../schema/workspace.js";
import { incidentSource, type IncidentSource } from "./incident-source.js";
import { validateQuestionnaire, type ValidQuestionnaire } from "./questionnaire.js";
import { loadSlaCatalogue, type LoadedSlaCatalogue } from "./sla-catalogue.js";
import { usesCatalogue } from "./sla.js";
import { validateVendor } from "./vendor.js";
import { yamlLocator, zodIssuesToInput } from "./zod-issues.js";

/** One vendor, read and checked: its line in caution.yaml and its answers file. */
export interface ValidVendor {
  config: WorkspaceVendor;
  file: VendorFile;
}

/**
 * A vendor of a valid workspace. Its answers file passed every check but is not kept: scoring reads it again when it
 * reaches the vendor (`read`), so a workspace of ten thousand vendors never holds ten thousand answer files. Its
 * SLA terms are kept, because folding the incidents needs them for every vendor at once.
 */
export interface VendorEntry {
  config: WorkspaceVendor;
  sla: VendorFile["sla"];
  read(): Promise<ValidVendor>;
}

/** An entry over a vendor already in memory (a program that builds a workspace itself, a test). */
export function vendorEntry(vendor: ValidVendor): VendorEntry {
  return { config: vendor.config, sla: vendor.file.sla, read: async () => vendor };
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
  vendors: VendorEntry[];
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

  if (workspace) issues.push(...workloadIssues(workspace, locateWs));

  // caution's SLA catalogue is read only when a vendor file takes its terms from it.
  let catalogue: LoadedSlaCatalogue | "unreadable" | undefined;
  const catalogueFor = async (data: unknown) => {
    if (catalogue || !usesCatalogue((data as { sla?: unknown } | undefined)?.sla)) return catalogue;
    try {
      catalogue = await loadSlaCatalogue();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      issues.push(...err.issues);
      catalogue = "unreadable";
    }
    return catalogue;
  };

  // Vendor files are read one at a time and only their validated content is kept: ten thousand parsed YAML
  // documents would not fit in memory.
  const inputs = [...loaded.inputs];
  const files = new Map(loaded.vendors.map((v) => [v.expectedId, v]));
  const vendors: VendorEntry[] = [];
  for (const [i, config] of ctx.vendors.entries()) {
    const ref = files.get(config.id);
    if (!ref) {
      issues.push({
        ...locateWs(["vendors", i, "id"]),
        field: `vendors[${i}].id`,
        message: `no answers file for ${config.id}: expected ${vendorFile(config.id)} in the workspace`,
      });
      continue;
    }
    // A vendor listed twice is reported once above; its file is read and checked once.
    if (seenIds.get(config.id) !== i) continue;
    const read = await readVendorFile(ref);
    issues.push(...read.issues);
    if (read.input) inputs.push(read.input);
    if (!read.source || !questionnaire) continue;
    const cat = await catalogueFor(read.source.data);
    const check = (source: YamlSource) =>
      validateVendor(source, config.id, questionnaire, ctx.asOf, cat === "unreadable" ? undefined : cat?.catalogue);
    const v = check(read.source);
    issues.push(...v.issues);
    if (v.vendor && workspace && read.input) {
      const entry = workspace.vendors[i]!;
      const digest = read.input.sha256;
      vendors.push({
        config: entry,
        sla: v.vendor.sla,
        read: async () => {
          // The same bytes as checked, or the run stops: a file edited meanwhile was never validated.
          const again = await readVendorFile(ref);
          const checked = again.source && again.input?.sha256 === digest ? check(again.source) : undefined;
          if (!checked?.vendor)
            throw new InputError([
              { file: ref.file, message: "changed while caution was reading the workspace; run caution again" },
            ]);
          return { config: entry, file: checked.vendor };
        },
      });
    }
  }
  if (loaded.workspace) {
    for (const ref of loaded.vendors) {
      if (seenIds.has(ref.expectedId)) continue;
      issues.push({
        file: ref.file,
        message: `vendor ${ref.expectedId} is not listed under vendors: in ${WORKSPACE_FILE}; add it there (with monthlySpend and criticality) or remove the file`,
      });
      // Its syntax errors too, so one run lists every error.
      issues.push(...(await readVendorFile(ref)).issues);
    }
  } else {
    // caution.yaml unreadable: the vendor list is unknown, but each file's own read and syntax errors still count.
    for (const ref of loaded.vendors) issues.push(...(await readVendorFile(ref)).issues);
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
  // A result computed with catalogue terms names the catalogue it used.
  if (catalogue && catalogue !== "unreadable" && vendors.some((v) => v.sla?.provenance?.catalogue))
    inputs.push(catalogue.input);
  inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { workspace, asOfEnd, questionnaire, vendors, inputs, incidents };
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
