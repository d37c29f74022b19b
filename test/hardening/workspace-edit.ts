import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parseDocument } from "yaml";

/** Changes fields of a YAML file in place, keeping the rest (comments included) as it was. */
export function editYaml(path: string, changes: [path: (string | number)[], value: unknown][]): void {
  const doc = parseDocument(readFileSync(path, "utf8"));
  for (const [p, value] of changes) doc.setIn(p, value);
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
}

/** A CSV cell, always quoted: whatever the text holds (commas, quotes, line breaks) stays one field. */
export const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** Reads a workspace's incident CSV as header + rows of strings. */
export function readIncidents(ws: string, vendor: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = parseCsv(readFileSync(join(ws, "incidents", `${vendor}.csv`), "utf8")) as string[][];
  return { header, rows };
}

export function writeIncidents(
  ws: string,
  vendor: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  writeFileSync(join(ws, "incidents", `${vendor}.csv`), csvText([header, ...rows]));
}

/** Sets columns of one data row (0 = first after the header). */
export function editIncident(ws: string, vendor: string, index: number, values: Record<string, string>): void {
  const { header, rows } = readIncidents(ws, vendor);
  const row = rows[index];
  if (!row) throw new Error(`no incident row ${index} in ${vendor}.csv`);
  for (const [column, value] of Object.entries(values)) {
    const i = header.indexOf(column);
    if (i < 0) throw new Error(`no column ${column}`);
    row[i] = value;
  }
  writeIncidents(ws, vendor, header, rows);
}
