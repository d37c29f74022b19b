import type { Progress } from "./progress.js";
import { loadWorkspace } from "../load/workspace.js";
import type { Result } from "../schema/result.js";
import type { IncidentAggregate } from "../score/incident-aggregate.js";
import { createIncidentAggregates, scoreWorkspace } from "../score/workspace.js";
import { validateWorkspace } from "../validate/workspace.js";
import { VERSION } from "../version.js";

/**
 * The instant a result speaks for. SOURCE_DATE_EPOCH (the reproducible-builds convention) wins; otherwise the start
 * of the workspace's as-of date. Never the clock: the same inputs must give the same bytes.
 */
export function generatedAt(asOf: string, env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d{1,12}$/.test(epoch))
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    return new Date(Number(epoch) * 1000).toISOString().replace(".000Z", "Z");
  }
  return `${asOf}T00:00:00Z`;
}

/** load -> validate -> score. Throws InputError (exit 2) listing every problem in the workspace. */
export async function scoreWorkspaceDir(dir: string, progress: Progress): Promise<Result> {
  progress.step(`loading ${dir}`);
  const loaded = await loadWorkspace(dir);
  let aggregates: Map<string, IncidentAggregate> | undefined;
  const valid = await validateWorkspace(loaded, {
    onProgress: (m) => progress.step(m),
    // Incidents fold into per-vendor aggregates as they stream: memory does not grow with the files.
    incidentSink: (ws, vendors, asOfEnd) => {
      const aggs = createIncidentAggregates(ws, vendors, asOfEnd);
      aggregates = aggs;
      return (incident) => aggs.get(incident.vendor)?.add(incident);
    },
  });
  progress.step(
    `scoring ${valid.vendors.length} vendor${valid.vendors.length === 1 ? "" : "s"} against ${valid.questionnaire.questions.length} questions`,
  );
  return scoreWorkspace(valid, { generatedAt: generatedAt(valid.workspace.asOf), toolVersion: VERSION }, aggregates);
}
