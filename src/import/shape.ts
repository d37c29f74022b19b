import { isObject, own, type JsonObject } from "./records.js";

/**
 * What a record of each JSON format has that the others lack. Used two ways: an importer refuses an input in which
 * no record has its format's shape, and the refusal names the format the input does look like.
 */
export const LOOKS_LIKE = {
  statuspage: {
    fields: ["impact", "incident_updates", "shortlink", "scheduled_for"],
    what: "a Statuspage incidents.json: use --format statuspage",
  },
  gcp: {
    fields: ["begin", "external_desc", "status_impact", "most_recent_update"],
    what: "a Google Cloud incidents.json: use --format gcp",
  },
  aws: {
    fields: ["arn", "event_log", "impacted_services"],
    what: "an AWS Health events file: use --format aws",
  },
} as const satisfies Record<string, { fields: readonly string[]; what: string }>;

export type JsonFormat = keyof typeof LOOKS_LIKE;

export function hasAnyField(record: JsonObject, fields: readonly string[]): boolean {
  return fields.some((f) => own(record, f) !== undefined);
}

/** Up to this many records are looked at to guess a format: enough for any real file, bounded for a hostile one. */
const SNIFFED = 1000;

/** What a parsed JSON input looks like, for a refusal's hint; undefined when nothing fits. */
export function guessJsonFormat(data: unknown, except?: JsonFormat | "aws-legacy"): string | undefined {
  if (isObject(data)) {
    if (
      except !== "statuspage" &&
      (Array.isArray(own(data, "incidents")) || Array.isArray(own(data, "scheduled_maintenances")))
    )
      return LOOKS_LIKE.statuspage.what;
    if (except !== "aws-legacy" && (Array.isArray(own(data, "current")) || Array.isArray(own(data, "archive"))))
      return "the AWS Service Health Dashboard data.json: use --format aws";
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const sample = data.slice(0, SNIFFED).filter(isObject);
  for (const [format, shape] of Object.entries(LOOKS_LIKE) as [JsonFormat, (typeof LOOKS_LIKE)[JsonFormat]][]) {
    if (format !== except && sample.some((r) => hasAnyField(r, shape.fields))) return shape.what;
  }
  return undefined;
}
