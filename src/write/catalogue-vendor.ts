import type { CatalogueEntry, SlaCatalogue } from "../schema/sla-catalogue.js";
import { TERM_KEYS } from "../schema/sla.js";
import { SLUG_PATTERN } from "../schema/common.js";
import { findEntry } from "../validate/sla-catalogue.js";

/** A vendor to write from a catalogue entry: its id and name in the workspace, and the `sla:` block of its file. */
export interface CatalogueVendor {
  id: string;
  name: string;
  entry: CatalogueEntry;
  /** YAML lines of the `sla:` block (with comments), ready to append to a vendor file. */
  slaLines: string[];
}

/** The workspace's vendor id for a provider: its name as a slug ("Microsoft Azure" -> "microsoft-azure"). */
export function providerVendorId(entry: CatalogueEntry): string {
  const id = entry.provider
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return SLUG_PATTERN.test(id) ? id : entry.id;
}

/**
 * The vendors for `caution init --provider <id>...`: one per catalogue entry, each named after its provider. One SLA
 * applies per vendor, so two entries of the same provider are refused, as is an unknown id (with the nearest).
 */
export function catalogueVendors(
  catalogue: SlaCatalogue,
  ids: readonly string[],
): { vendors: CatalogueVendor[]; errors: string[] } {
  const errors: string[] = [];
  const vendors: CatalogueVendor[] = [];
  for (const id of ids) {
    const found = findEntry(catalogue, id);
    const entry = found.entry;
    if (!entry) {
      const near =
        "suggestions" in found && found.suggestions.length > 0
          ? `did you mean ${found.suggestions.join(" or ")}? `
          : "";
      errors.push(`--provider ${id}: not in caution's SLA catalogue; ${near}caution catalogue lists the ids`);
      continue;
    }
    const vendorId = providerVendorId(entry);
    const twin = vendors.find((v) => v.id === vendorId);
    if (twin) {
      errors.push(
        `--provider ${id}: ${twin.entry.id} is already ${entry.provider}; a vendor has one SLA, so name the one for your main workload`,
      );
      continue;
    }
    vendors.push({ id: vendorId, name: entry.provider, entry, slaLines: slaBlock(entry) });
  }
  return { vendors, errors };
}

/**
 * The `sla:` block for an entry: `from: <id>`, then every term the catalogue records as a commented override with
 * its confidence, and what the entry lacks (required terms as prompts the file cannot do without).
 */
export function slaBlock(entry: CatalogueEntry): string[] {
  const updated = entry.lastUpdated
    ? `last updated ${entry.lastUpdated.date} (${entry.lastUpdated.confidence})`
    : "undated";
  const lines = [`# SLA terms from caution's catalogue: ${entry.document}, ${updated}.`, `# ${entry.sourceUrl}`];
  if (!entry.published)
    lines.push(`# ${entry.publishedNote ?? "The provider publishes no credit-backed SLA for this service."}`);
  lines.push(
    "# Each line below is the catalogue's value and how sure it is; uncomment one to replace it with your contract's,",
    "# and add `source:` (document, date, confidence) to say where your figures come from.",
    "sla:",
    `  from: ${entry.id}`,
  );
  for (const key of TERM_KEYS) {
    const t = entry.terms[key];
    if (!t) continue;
    lines.push(`  # ${key}: ${JSON.stringify(t.value)}   # ${t.confidence}`);
  }
  for (const [key, note] of Object.entries(entry.missing)) lines.push(`  # not in the catalogue: ${key}. ${note}`);
  return lines;
}
