import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import { InputError, type InputIssue } from "../../src/load/input-issue.js";
import { incidentRow, type Incident } from "../../src/schema/incident.js";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), "utf8"));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** Reads the CSV back the way caution validate does and checks every row against the canonical schema. */
export function parseRows(csv: string): Incident[] {
  const records = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  return records.map((r) => {
    const parsed = incidentRow.safeParse(r);
    expect(parsed.error?.issues ?? [], `row ${r.id}`).toEqual([]);
    return parsed.data as Incident;
  });
}

export const MINUTE = 60_000;

/** What an importer is told: the vendor, and a file name its errors name. */
export function ctx(vendor: string, file = "feed.json"): { vendor: string; file: string } {
  return { vendor, file };
}

/** The issues of the InputError `fn` throws; fails the test when it throws anything else or nothing. */
export function inputIssues(fn: () => unknown): InputIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return [...err.issues];
    throw err;
  }
  throw new Error("expected an InputError");
}

/** The single message of the InputError `fn` throws. */
export function inputMessage(fn: () => unknown): string {
  const issues = inputIssues(fn);
  expect(issues).toHaveLength(1);
  return issues[0]!.message;
}
