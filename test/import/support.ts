import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
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
