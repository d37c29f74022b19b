import type { InputIssue } from "../load/input-issue.js";
import type { CatalogueEntry, SlaCatalogue } from "../schema/sla-catalogue.js";
import {
  CONFIDENCES,
  slaFromCatalogue,
  slaSource,
  slaTerms,
  TERM_KEYS,
  uniformConfidence,
  type Confidence,
  type ResolvedSlaTerms,
  type TermConfidence,
} from "../schema/sla.js";
import { entryConfidence, findEntry } from "./sla-catalogue.js";
import { zodIssuesToInput } from "./zod-issues.js";

type Locate = (path: readonly PropertyKey[]) => Pick<InputIssue, "file" | "line" | "row">;
const NESTED = new Set(["measurement", "exclusions", "notification"]);

/** Whether a vendor file's raw `sla` names a catalogue entry (then the catalogue must be loaded to validate it). */
export function usesCatalogue(rawSla: unknown): boolean {
  return isRecord(rawSla) && "from" in rawSla;
}

/**
 * Checks a vendor file's `sla` and resolves it into full terms: written out, or `from:` a catalogue entry with
 * overrides. Issues name the vendor file, the line and the `sla.` field; where a term comes from the catalogue, the
 * issue points at `sla.from` and says what the entry lacks and how to supply it.
 */
export function validateVendorSla(
  rawSla: unknown,
  locate: Locate,
  catalogue: SlaCatalogue | undefined,
): { terms?: ResolvedSlaTerms; issues: InputIssue[] } {
  if (rawSla === undefined) return { issues: [] };
  const at = (path: readonly PropertyKey[]) => ["sla", ...path];
  const relocate = (l: Locate) => (path: readonly PropertyKey[]) => l(at(path));
  if (!usesCatalogue(rawSla)) {
    const parsed = slaTerms.safeParse(rawSla, { reportInput: true });
    if (parsed.success) return { terms: parsed.data, issues: [] };
    return { issues: prefix(zodIssuesToInput(slaTerms, parsed.error, relocate(locate))) };
  }

  const raw = rawSla as Record<string, unknown>;
  const shape = slaFromCatalogue.safeParse(raw, { reportInput: true });
  const issues = shape.success ? [] : prefix(zodIssuesToInput(slaFromCatalogue, shape.error, relocate(locate)));
  const from = raw.from;
  if (typeof from !== "string") return { issues };
  if (!catalogue)
    return {
      issues: [
        ...issues,
        { ...locate(at(["from"])), field: "sla.from", message: "the SLA catalogue could not be read" },
      ],
    };
  const found = findEntry(catalogue, from);
  if (!found.entry) {
    const hint = found.suggestions.length > 0 ? `did you mean ${found.suggestions.join(" or ")}? ` : "";
    issues.push({
      ...locate(at(["from"])),
      field: "sla.from",
      message: `"${from}" is not in caution's SLA catalogue; ${hint}entries: ${catalogue.entries.map((e) => e.id).join(", ")} (caution catalogue lists them)`,
    });
    return { issues };
  }
  if (issues.length > 0) return { issues };

  const entry = found.entry;
  const overrideSource = raw.source === undefined ? undefined : slaSource.parse(raw.source);
  const overridden = new Set(Object.keys(raw).filter((k) => k !== "from" && k !== "source"));
  // An entry for a service with no published SLA resolves to no terms, unless the file writes its own.
  if (!entry.published && !overridden.has("uptimeCommitment")) return { issues: [] };

  const merged: Record<string, unknown> = { ...entryTerms(entry, catalogue.compiled) };
  for (const key of overridden) {
    const value = raw[key];
    merged[key] = NESTED.has(key) && isRecord(merged[key]) && isRecord(value) ? { ...merged[key], ...value } : value;
  }
  // Terms the entry lacks and scoring needs, not written in the file: each says what to do, all in one run.
  const lacking: InputIssue[] = [];
  for (const [key, note] of Object.entries(entry.missing)) {
    if (!REQUIRED.has(key) || written(raw, key)) continue;
    lacking.push({
      ...locate(at(["from"])),
      field: `sla.${key}`,
      message: `is required, and the catalogue entry ${entry.id} does not record it. ${note}`,
    });
  }
  const parsed = slaTerms.safeParse(merged, { reportInput: true });
  if (!parsed.success || lacking.length > 0) {
    // A field the file wrote is located in the file; a field the entry gave (or lacks) at `sla.from`.
    const fromFile = (path: readonly PropertyKey[]) =>
      overridden.has(String(path[0])) ? locate(at(path)) : locate(at(["from"]));
    const reported = new Set(lacking.map((i) => i.field));
    const others = parsed.success ? [] : prefix(zodIssuesToInput(slaTerms, parsed.error, fromFile));
    return { issues: [...lacking, ...others.filter((i) => !reported.has(i.field))] };
  }
  return {
    terms: {
      ...parsed.data,
      provenance: {
        catalogue: {
          id: entry.id,
          provider: entry.provider,
          service: entry.service,
          lastUpdated: entry.lastUpdated?.date ?? null,
          sourceUrl: entry.sourceUrl,
        },
        termConfidence: termConfidence(entry, raw, overrideSource?.confidence),
      },
    },
    issues: [],
  };
}

/** The entry as written-out terms: the values it records, its document as the source. */
export function entryTerms(entry: CatalogueEntry, compiled: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    source: {
      document: sourceDocument(entry),
      url: entry.sourceUrl,
      date: /^\d{4}-\d{2}-\d{2}$/.test(entry.lastUpdated?.date ?? "") ? entry.lastUpdated!.date : compiled,
      confidence: entryConfidence(entry),
    },
    service: entry.service,
  };
  for (const key of TERM_KEYS) {
    const t = entry.terms[key];
    if (t) out[key] = structuredClone(t.value);
  }
  return out;
}

/** The document's title, with what is known of its date when the date alone cannot say it. */
function sourceDocument(entry: CatalogueEntry): string {
  const d = entry.lastUpdated?.date;
  if (!d) return `${entry.document} (undated page, as read for caution's catalogue)`;
  if (d.length === 7) return `${entry.document} (${d} edition, as cited)`;
  return entry.document;
}

/** Each term's confidence: the entry's, an override's source's (unverified without one), unverified if defaulted. */
function termConfidence(
  entry: CatalogueEntry,
  raw: Record<string, unknown>,
  overrideConfidence: Confidence | undefined,
): TermConfidence {
  const out = uniformConfidence("unverified");
  const over = overrideConfidence ?? "unverified";
  for (const key of TERM_KEYS) {
    const recorded = entry.terms[key]?.confidence;
    const written = key in raw;
    if (written && recorded && NESTED.has(key)) out[key] = lower(recorded, over);
    else if (written) out[key] = over;
    else if (recorded) out[key] = recorded;
  }
  return out;
}

const lower = (a: Confidence, b: Confidence) => CONFIDENCES[Math.max(CONFIDENCES.indexOf(a), CONFIDENCES.indexOf(b))]!;

/** Terms scoring cannot do without; an entry may lack others (scoring then uses caution's stated default). */
const REQUIRED = new Set(["uptimeCommitment", "creditTiers", "exclusions", "measurement.creditMultiplier"]);

function written(raw: Record<string, unknown>, key: string): boolean {
  const [top, sub] = key.split(".") as [string, string | undefined];
  if (sub === undefined) return raw[top] !== undefined;
  const nested = raw[top];
  return isRecord(nested) && nested[sub] !== undefined;
}

const prefix = (issues: InputIssue[]) =>
  issues.map((i) => ({ ...i, field: i.field === undefined || i.field === "(document)" ? "sla" : `sla.${i.field}` }));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
