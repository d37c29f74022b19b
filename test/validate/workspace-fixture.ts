import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { formatIssue, InputError } from "../../src/load/input-issue.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { INCIDENT_COLUMNS } from "../../src/schema/incident.js";
import { loadWorkspace } from "../../src/load/workspace.js";
import type { Incident } from "../../src/schema/incident.js";
import type { InputFile } from "../../src/load/workspace.js";
import { validateWorkspace, type ValidVendor, type ValidWorkspace } from "../../src/validate/workspace.js";

/** A valid workspace with its incident files read: every valid incident, and every input with its digest. */
export interface FoldedWorkspace extends Omit<ValidWorkspace, "incidents" | "vendors"> {
  vendors: ValidVendor[];
  incidents: Incident[];
}

/** Validates a workspace and folds its incidents into a list, as `caution validate` reads them. */
export async function foldedWorkspace(dir: string): Promise<FoldedWorkspace> {
  const valid = await validateWorkspace(await loadWorkspace(dir));
  const incidents: Incident[] = [];
  const folded = await valid.incidents.fold({ add: (i) => incidents.push(i) });
  const inputs: InputFile[] = [...valid.inputs, ...folded.inputs].sort((a, b) => (a.path < b.path ? -1 : 1));
  const vendors: ValidVendor[] = [];
  for (const entry of valid.vendors) vendors.push(await entry.read());
  return { ...valid, vendors, incidents, inputs };
}

export const DEMO_DIR = join(PACKAGE_ROOT, "samples", "demo");

export interface WorkspaceFixture {
  /** Absolute path of the temporary copy. */
  readonly dir: string;
  /** Overwrites (or creates) a file relative to the workspace. */
  write(rel: string, content: string | Uint8Array): Promise<void>;
  /** Appends to a file relative to the workspace. */
  append(rel: string, content: string | Uint8Array): Promise<void>;
  /** Reads a file of the workspace as UTF-8. */
  read(rel: string): Promise<string>;
  /** Replaces the first occurrence of `from` (which must occur) in a workspace file. */
  replace(rel: string, from: string, to: string): Promise<void>;
  remove(rel: string): Promise<void>;
  /** Loads and validates; returns the formatted issue lines with the temp dir shown as "ws" ([] when valid). */
  run(): Promise<string[]>;
  /** Loads, validates and folds the incident files into a list, expecting success. */
  valid(): Promise<FoldedWorkspace>;
  /** Replaces the temp dir by "ws" in any text. */
  shown(text: string): string;
}

/** A caution.yaml with known line numbers (the demo's own file carries comments that may change). */
export const CAUTION_YAML = `organisation: "Nordhafen Versicherung AG"
currency: EUR
downtimeCostPerHour: 180000
asOf: "2026-11-01"
vendors:
  - id: altavale
    monthlySpend: 185000
    criticality: critical
  - id: cirrane
    monthlySpend: 72000
    criticality: high
  - id: quarrion
    monthlySpend: 41000
    criticality: high
    singleRegion: true
`;

/** A small valid answers file for `id` against questionnaire 1.0.0, with known line numbers. */
export const vendorYaml = (id: string): string => `id: ${id}
name: "Cirrane Cloud B.V."
questionnaireVersion: 1.0.0
answeredAt: "2026-07-14"
answers:
  INV-01:
    answer: partial
  INV-03:
    answer: na
    reason: "No customer-facing agent."
  DEL-01:
    answer: runbook-stateless-only
    evidence:
      - { document: "Whitepaper 2026", url: "https://www.cirrane.example/wp.pdf", date: "2026-03-02" }
`;

/** The canonical incident CSV header line, with its line break. */
export const CSV_HEADER = `${INCIDENT_COLUMNS.join(",")}\n`;

/** One valid incident row for `vendor`; `fields` overrides columns by name. */
export function csvRow(vendor: string, id: string, fields: Partial<Record<string, string>> = {}): string {
  const values: Record<string, string> = {
    vendor,
    id,
    title: "Block storage errors",
    started_at: "2026-03-04T09:15:00Z",
    resolved_at: "2026-03-04T10:15:00Z",
    severity: "minor",
    services: "block-storage",
    regions: "eu-west-1",
    cause: "software",
    ai_agent_involved: "no",
    source_url: "https://status.example/inc",
    ...fields,
  };
  return `${INCIDENT_COLUMNS.map((c) => values[c] ?? "").join(",")}\n`;
}

/** "a, b, c": the fields a strict object schema accepts, as "unknown field" messages list them. */
export function allowedFields(schema: { shape: Record<string, unknown> }): string {
  return Object.keys(schema.shape)
    .filter((k) => k !== "$schema")
    .join(", ");
}

const created: string[] = [];

afterEach(async () => {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh copy of samples/demo in its own temp dir, removed after the test. */
export async function demoWorkspace(): Promise<WorkspaceFixture> {
  const dir = await mkdtemp(join(tmpdir(), "caution-ws-"));
  created.push(dir);
  await cp(DEMO_DIR, dir, { recursive: true });
  const at = (rel: string) => join(dir, rel);
  const shown = (text: string) => text.split(dir).join("ws");
  return {
    dir,
    shown,
    write: async (rel, content) => writeFile(at(rel), content),
    append: async (rel, content) => appendFile(at(rel), content),
    read: async (rel) => readFile(at(rel), "utf8"),
    replace: async (rel, from, to) => {
      const before = await readFile(at(rel), "utf8");
      if (!before.includes(from)) throw new Error(`fixture: ${rel} does not contain ${JSON.stringify(from)}`);
      await writeFile(at(rel), before.replace(from, to));
    },
    remove: async (rel) => rm(at(rel), { recursive: true, force: true }),
    run: async () => {
      try {
        await foldedWorkspace(dir);
        return [];
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return err.issues.map((issue) => shown(formatIssue(issue)));
      }
    },
    valid: async () => foldedWorkspace(dir),
  };
}

/** Makes a temp dir (removed after the test) for unit tests of the readers. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "caution-load-"));
  created.push(dir);
  return dir;
}

export async function writeIn(dir: string, rel: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, rel);
  await writeFile(path, content);
  return path;
}
