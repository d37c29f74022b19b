import { compareIssues, InputError, type InputIssue } from "../load/input-issue.js";
import type { IncidentFileRef, InputFile } from "../load/workspace.js";
import type { Incident } from "../schema/incident.js";
import { DuplicateFilter } from "./duplicate-filter.js";
import { findDuplicates, validateIncidentFile, type IncidentContext } from "./incidents.js";

/** Where valid incidents go as they stream out of the CSV files: a counter, the scoring aggregates. */
export interface IncidentSink {
  add(incident: Incident): void;
}

/** What a fold of the incident files yields besides what the sink gathered: each file's digest, for the manifest. */
export interface FoldedIncidents {
  inputs: InputFile[];
}

/**
 * The workspace's incident files, not yet read. Folding streams every file once, validates every row and hands
 * each valid incident to the sink, so a million rows never sit in memory; it throws one InputError listing every
 * problem in the files. A source can be folded more than once (each fold reads the files again).
 */
export interface IncidentSource {
  readonly files: readonly IncidentFileRef[];
  fold(sink: IncidentSink, onFile?: (file: string) => void): Promise<FoldedIncidents>;
  /** Every problem in the files, without throwing: for a run that already failed elsewhere and lists all errors. */
  check(onFile?: (file: string) => void): Promise<InputIssue[]>;
}

const DISCARD: IncidentSink = { add: () => undefined };

export function incidentSource(files: readonly IncidentFileRef[], context: IncidentContext): IncidentSource {
  const read = async (sink: IncidentSink, onFile?: (file: string) => void) => {
    const issues: InputIssue[] = [];
    const inputs: InputFile[] = [];
    const duplicates = new DuplicateFilter();
    const add = sink.add.bind(sink);
    for (const ref of files) {
      onFile?.(ref.file);
      const { source, issues: found } = await validateIncidentFile(ref, context, duplicates, add);
      issues.push(...found);
      if (source.sha256) inputs.push({ path: ref.relative, sha256: source.sha256, bytes: source.bytes });
    }
    if (duplicates.suspects.size > 0) issues.push(...(await findDuplicates(files, duplicates.suspects)));
    return { issues, inputs };
  };
  return {
    files,
    async fold(sink, onFile) {
      const { issues, inputs } = await read(sink, onFile);
      if (issues.length > 0) throw new InputError(issues.sort(compareIssues));
      return { inputs };
    },
    async check(onFile) {
      return (await read(DISCARD, onFile)).issues;
    },
  };
}

/**
 * A source over incidents already in memory (a program that builds a workspace itself, a test): folding hands each
 * to the sink; they were validated when they were made, so there is nothing to report and no file to digest.
 */
export function listSource(incidents: readonly Incident[]): IncidentSource {
  return {
    files: [],
    async fold(sink) {
      for (const incident of incidents) sink.add(incident);
      return { inputs: [] };
    },
    async check() {
      return [];
    },
  };
}
