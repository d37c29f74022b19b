import { loadWorkspace } from "../load/workspace.js";
import type { YamlSource } from "../load/yaml-file.js";
import type { Result } from "../schema/result.js";
import type { Workspace } from "../schema/workspace.js";
import { UsageError } from "../run/errors.js";
import type { Progress } from "../run/run.js";
import { validateWorkspace } from "../validate/workspace.js";
import { VERSION } from "../version.js";
import { foldIncidents, scoring, type ScoreOptions, type Scoring } from "./workspace.js";

/**
 * The instant a result speaks for. SOURCE_DATE_EPOCH (the reproducible-builds convention) wins; otherwise the start
 * of the workspace's as-of date. Never the clock: the same inputs must give the same bytes.
 */
export function generatedAt(asOf: string, env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d{1,12}$/.test(epoch))
      throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    return new Date(Number(epoch) * 1000).toISOString().replace(".000Z", "Z");
  }
  return `${asOf}T00:00:00Z`;
}

/**
 * load -> validate -> fold the incidents -> a scoring that yields each vendor as it is reached, with the validated
 * caution.yaml and its parsed source (line numbers) for commands that read more of it. Throws InputError (exit 2)
 * listing every problem before any vendor is scored.
 */
async function prepare(
  dir: string,
  progress: Pick<Progress, "step">,
  env: NodeJS.ProcessEnv,
  risk: ScoreOptions["risk"],
): Promise<{ scoring: Scoring; workspace: Workspace; source: YamlSource | undefined }> {
  progress.step(`loading ${dir}`);
  const onFile = (file: string) => progress.step(`reading ${file}`);
  const loaded = await loadWorkspace(dir);
  const valid = await validateWorkspace(loaded, onFile);
  const incidents = await foldIncidents(valid, onFile);
  const n = valid.vendors.length;
  progress.step(`scoring ${n} vendor${n === 1 ? "" : "s"} against ${valid.questionnaire.questions.length} questions`);
  const run = scoring(valid, incidents, {
    generatedAt: generatedAt(valid.workspace.asOf, env),
    toolVersion: VERSION,
    ...(risk ? { risk } : {}),
  });
  return { scoring: run, workspace: valid.workspace, source: loaded.workspace };
}

/** A scoring that yields each vendor as it is reached (see prepare). */
export async function startAssessment(
  dir: string,
  progress: Pick<Progress, "step">,
  env: NodeJS.ProcessEnv = process.env,
  risk?: ScoreOptions["risk"],
): Promise<Scoring> {
  return (await prepare(dir, progress, env, risk)).scoring;
}

/** The whole assessment as one Result (what the reports need). */
export async function assessWorkspace(
  dir: string,
  progress: Pick<Progress, "step">,
  env: NodeJS.ProcessEnv = process.env,
  risk?: ScoreOptions["risk"],
): Promise<Result> {
  return collect(await startAssessment(dir, progress, env, risk));
}

/**
 * The whole assessment, with the validated caution.yaml and its parsed source (for line numbers): what the findings
 * register needs to merge the buyer's `findings:` section into the result's findings.
 */
export async function assessWorkspaceWithConfig(
  dir: string,
  progress: Pick<Progress, "step">,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ result: Result; workspace: Workspace; source: YamlSource | undefined }> {
  const { scoring: run, workspace, source } = await prepare(dir, progress, env, undefined);
  return { result: await collect(run), workspace, source };
}

async function collect(run: Scoring): Promise<Result> {
  const vendors = [];
  for await (const v of run.vendors) vendors.push(v);
  return { ...run.head, vendors, ...run.tail() };
}
