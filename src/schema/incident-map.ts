import { IANAZone } from "luxon";
import { z } from "zod";
import { CAUSES, SEVERITIES } from "./incident.js";

/**
 * The mapping file of `caution incidents import --format csv --map <file>`: how any incident log CSV (an SRE
 * spreadsheet, a ticketing export) becomes canonical rows. It names the source column for each canonical column,
 * the time zone of timestamps written without an offset, and the vocabulary of the log's impact and cause values.
 */

/** A source column, as its header reads (matched after trimming, case-sensitively). */
const header = z.string().trim().min(1, "must name a column").max(200, "must be at most 200 characters");
/** One column, or several whose values are joined (e.g. a "Service" and a "Component" column). */
const headers = z.union([header, z.array(header).min(1, "needs at least one column").max(10, "at most 10 columns")]);

/** Keys of a vocabulary: the log's own words, compared trimmed and case-insensitively. */
const word = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const MAP_COLUMNS = [
  "id",
  "title",
  "started_at",
  "resolved_at",
  "severity",
  "services",
  "regions",
  "cause",
  "ai_agent_involved",
  "source_url",
  "rca_published_at",
  "is_maintenance",
] as const;

export const incidentMap = z
  .strictObject({
    $schema: z.string().optional(),
    columns: z
      .strictObject({
        id: header.describe("column holding the incident id (unique per vendor)"),
        title: header.optional().describe("column holding the title; without it rows are titled (no title)"),
        started_at: header.describe("column holding when the impact started"),
        resolved_at: header.optional().describe("column holding when it ended; empty = still open"),
        severity: header.optional().describe("column holding the impact, read through `severity` below"),
        services: headers.optional().describe("column(s) listing affected services"),
        regions: headers.optional().describe("column(s) listing affected regions"),
        cause: header.optional().describe("column holding the cause, read through `cause` below"),
        ai_agent_involved: header.optional().describe("column saying whether an AI agent was involved"),
        source_url: header.optional().describe("column holding an https link to the incident or postmortem"),
        rca_published_at: header.optional().describe("column holding when the root-cause report was published"),
        is_maintenance: header.optional().describe("column marking planned work (yes/true/1/y/x)"),
      })
      .describe("canonical column -> the log's column header"),
    timezone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone, e.g. Europe/Berlin or UTC")
      .optional()
      .describe("time zone of timestamps written without an offset; without it such timestamps are refused"),
    timeFormat: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Luxon format of the timestamps, e.g. "dd.MM.yyyy HH:mm" or "M/d/yyyy h:mm a" (SSS for milliseconds, ZZ for an offset); default ISO 8601',
      ),
    severity: z
      .record(word, z.enum(SEVERITIES))
      .optional()
      .describe("impact vocabulary: the log's value -> none, minor, major, critical or maintenance"),
    defaultSeverity: z
      .enum(SEVERITIES)
      .optional()
      .describe("severity of every row when the log has no severity column"),
    cause: z
      .record(word, z.enum(CAUSES))
      .optional()
      .describe("cause vocabulary: the log's value -> a caution cause; other values are written unknown"),
    listSeparator: z
      .string()
      .min(1)
      .max(3)
      .default(";")
      .describe("what separates names in a services or regions cell of the log"),
    delimiter: z.enum([",", ";", "\t", "|"]).default(",").describe("the log's field delimiter"),
  })
  .superRefine((map, ctx) => {
    if (map.columns.severity === undefined && map.defaultSeverity === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["defaultSeverity"],
        message: "is required when columns has no severity: say which impact the log's incidents had",
      });
    if (map.timeFormat !== undefined && map.timezone === undefined && !/(^|[^'])Z/.test(map.timeFormat))
      ctx.addIssue({
        code: "custom",
        path: ["timezone"],
        message: "is required: timeFormat has no offset token (Z, ZZ or ZZZ), so the time zone must be given",
      });
  });

export type IncidentMap = z.output<typeof incidentMap>;
