import { parse, type CsvError } from "csv-parse/sync";
import { InputError } from "../load/input-issue.js";
import { readYamlSource } from "../load/yaml-file.js";
import { CAUSES, SEVERITIES } from "../schema/incident.js";
import { incidentMap, type IncidentMap } from "../schema/incident-map.js";
import { yamlLocator, zodIssuesToInput } from "../validate/zod-issues.js";
import { formatUtc } from "./instant.js";
import { readLogTime, type TimeReading } from "./local-time.js";
import { singleLine } from "./plain-text.js";
import { finishTitle, httpsOrNull, importRecords, MAX_RECORDS, nameList, quote, type Mapped } from "./records.js";
import type { CanonicalIncident, ImportContext, ImportNote, ImportResult } from "./types.js";

/** Reads and checks a mapping file; every problem is an InputError naming the file, line and field. */
export async function loadIncidentMap(path: string): Promise<IncidentMap> {
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const parsed = incidentMap.safeParse(read.source.data, { reportInput: true });
  if (!parsed.success) throw new InputError(zodIssuesToInput(incidentMap, parsed.error, yamlLocator(read.source)));
  return parsed.data;
}

/** Longest record of a log: the canonical limit for a row (1 MiB), so a quote never closed cannot eat the file. */
const MAX_LOG_RECORD = 1024 * 1024;

const TRUE = new Set(["yes", "y", "true", "1", "x"]);
const FALSE = new Set(["no", "n", "false", "0", ""]);

interface LogRecord {
  line: number;
  values: Record<string, string>;
}

/** Any incident log CSV, read through its mapping file. */
export function importCsvLog(text: string, map: IncidentMap, ctx: ImportContext): ImportResult {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter: map.delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_LOG_RECORD,
      info: true,
      // The header plus one record past the limit: enough to know the limit was passed, without reading on.
      to: MAX_RECORDS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as CsvError & { lines?: number };
    throw new InputError([
      {
        file: ctx.file,
        ...(e.lines !== undefined ? { line: e.lines } : {}),
        message: `is not a readable CSV: ${e.code === "CSV_MAX_RECORD_SIZE" ? `a record is longer than ${MAX_LOG_RECORD} characters (a quote never closed?)` : e.message}`,
      },
    ]);
  }
  const [head, ...body] = rows;
  if (!head) return { incidents: [], skipped: [], notes: [] };
  const names = head.record.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((n, i) => (index.has(n) ? undefined : index.set(n, i)));
  const wanted = Object.values(map.columns).flatMap((c) => (Array.isArray(c) ? c : [c]));
  const missing = [...new Set(wanted.filter((c) => !index.has(c)))];
  if (missing.length > 0) {
    const seen = names
      .slice(0, 20)
      .map((n) => quote(n, 40))
      .join(", ");
    throw new InputError([
      {
        file: ctx.file,
        line: 1,
        message: `header lacks the column${missing.length === 1 ? "" : "s"} the mapping names: ${missing.map((m) => quote(m, 40)).join(", ")}; the header has ${seen}${names.length > 20 ? ", …" : ""}`,
      },
    ]);
  }
  const records: LogRecord[] = body.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries([...index].map(([name, i]) => [name, record[i] ?? ""])),
  }));
  const aside = new Aside();
  const how: TimeReading = { timezone: map.timezone, format: map.timeFormat };
  const result = importRecords(
    records.map((r) => ({ r })),
    {
      ctx,
      what: "an incident row",
      looksLike: () => true,
      shapeHint: "mapped columns",
      id: (o) => singleLine(cell((o.r as LogRecord).values, map.columns.id)),
      updatedAt: () => null,
      map: (o, id) => mapRow(o.r as LogRecord, id, map, how, ctx.vendor, aside),
    },
  );
  return { ...result, notes: [...result.notes, ...aside.notes(ctx.file)] };
}

function cell(values: Record<string, string>, column: string | undefined): string {
  return column === undefined ? "" : (values[column] ?? "").trim();
}

function cells(values: Record<string, string>, columns: string | string[] | undefined): string[] {
  if (columns === undefined) return [];
  return (Array.isArray(columns) ? columns : [columns]).map((c) => values[c] ?? "");
}

/** Looks a value up in a vocabulary, trimmed and case-insensitively. */
function lookup<T>(vocabulary: Record<string, T> | undefined, value: string): T | undefined {
  if (!vocabulary) return undefined;
  const key = value.trim().toLowerCase();
  for (const [word, mapped] of Object.entries(vocabulary)) if (word.trim().toLowerCase() === key) return mapped;
  return undefined;
}

function mapRow(row: LogRecord, id: string, map: IncidentMap, how: TimeReading, vendor: string, aside: Aside): Mapped {
  const c = map.columns;
  const at = `line ${row.line}`;
  const startText = cell(row.values, c.started_at);
  if (startText === "") return { skip: `${at}: ${c.started_at} is empty` };
  const start = readLogTime(startText, how, "floor");
  if (!start.ok) return { skip: `${at}: ${c.started_at} ${quote(startText)} ${start.problem}` };
  const endText = cell(row.values, c.resolved_at);
  let resolvedAt: string | null = null;
  if (endText !== "") {
    const end = readLogTime(endText, how, "ceil");
    if (!end.ok) return { skip: `${at}: ${c.resolved_at} ${quote(endText)} ${end.problem}` };
    if (end.ms < start.ms) return { skip: `${at}: ${c.resolved_at} ${end.utc} is before ${c.started_at} ${start.utc}` };
    resolvedAt = end.utc;
  }

  let severity: CanonicalIncident["severity"];
  const maintenance = cell(row.values, c.is_maintenance).toLowerCase();
  if (c.is_maintenance !== undefined && !TRUE.has(maintenance) && !FALSE.has(maintenance))
    return { skip: `${at}: ${c.is_maintenance} ${quote(maintenance)} is not yes/no (or true/false, 1/0, y/n, x)` };
  const raw = cell(row.values, c.severity);
  if (TRUE.has(maintenance)) severity = "maintenance";
  else if (c.severity === undefined) severity = map.defaultSeverity!;
  else {
    const mapped =
      lookup(map.severity, raw) ??
      (SEVERITIES as readonly string[]).find((s) => s === raw.toLowerCase()) ??
      (raw === "" ? map.defaultSeverity : undefined);
    if (mapped === undefined) {
      const known = [...Object.keys(map.severity ?? {}), ...SEVERITIES];
      return {
        skip: `${at}: ${c.severity} ${quote(raw)} is not in the mapping's severity vocabulary (${known.slice(0, 12).join(", ")})`,
      };
    }
    severity = mapped as CanonicalIncident["severity"];
  }

  const causeText = cell(row.values, c.cause);
  const cause =
    lookup(map.cause, causeText) ??
    (CAUSES as readonly string[]).find((x) => x === causeText.toLowerCase()) ??
    "unknown";
  if (causeText !== "" && cause === "unknown" && causeText.toLowerCase() !== "unknown") aside.add("cause", causeText);

  const involvedText = cell(row.values, c.ai_agent_involved).toLowerCase();
  const aiAgentInvolved =
    involvedText === "unknown" || involvedText === ""
      ? "unknown"
      : TRUE.has(involvedText)
        ? "yes"
        : FALSE.has(involvedText)
          ? "no"
          : "unknown";
  if (involvedText !== "" && aiAgentInvolved === "unknown" && involvedText !== "unknown")
    aside.add("ai_agent_involved", involvedText);

  const urlText = cell(row.values, c.source_url);
  const sourceUrl = urlText === "" ? null : httpsOrNull(urlText);
  if (urlText !== "" && sourceUrl === null) aside.add("source_url", urlText);

  const rcaText = cell(row.values, c.rca_published_at);
  let rcaPublishedAt: string | null = null;
  if (rcaText !== "") {
    const rca = readLogTime(rcaText, how, "floor");
    if (rca.ok && rca.ms >= start.ms) rcaPublishedAt = formatUtc(rca.ms);
    else aside.add("rca_published_at", rcaText);
  }

  const split = (values: string[]) => values.flatMap((v) => v.split(map.listSeparator)).map(singleLine);
  return {
    incident: {
      vendor,
      id,
      title: finishTitle(cell(row.values, c.title)),
      startedAt: start.utc,
      resolvedAt,
      severity,
      services: nameList(split(cells(row.values, c.services))),
      regions: nameList(split(cells(row.values, c.regions))),
      cause: cause as CanonicalIncident["cause"],
      aiAgentInvolved,
      sourceUrl,
      rcaPublishedAt,
    },
  };
}

/** Values written as `unknown` or left empty because the mapping cannot read them: one note per column, not per row. */
class Aside {
  private readonly seen = new Map<string, { count: number; examples: Set<string> }>();

  add(column: string, value: string): void {
    const entry = this.seen.get(column) ?? { count: 0, examples: new Set<string>() };
    entry.count += 1;
    if (entry.examples.size < 5) entry.examples.add(quote(value, 40));
    this.seen.set(column, entry);
  }

  notes(file: string): ImportNote[] {
    const written: Record<string, string> = {
      cause: "written as unknown; add them to the mapping's cause vocabulary",
      ai_agent_involved: "not yes/no; written as unknown",
      source_url: "not https links; left empty",
      rca_published_at: "not readable timestamps at or after the start; left empty",
    };
    return [...this.seen].map(([column, { count, examples }]) => ({
      id: file,
      message: `${count} row${count === 1 ? " has" : "s have"} a ${column} the mapping cannot read (${[...examples].join(", ")}): ${written[column] ?? "left out"}`,
    }));
  }
}
