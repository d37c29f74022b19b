import { distance } from "fastest-levenshtein";
import { InputError } from "../load/input-issue.js";
import { readSlaCatalogue, SLA_CATALOGUE_FILE } from "../load/sla-catalogue.js";
import type { InputFile } from "../load/workspace.js";
import { slaCatalogue, type CatalogueEntry, type SlaCatalogue } from "../schema/sla-catalogue.js";
import { CONFIDENCES, TERM_KEYS, type Confidence } from "../schema/sla.js";
import { yamlLocator, zodIssuesToInput } from "./zod-issues.js";

export interface LoadedSlaCatalogue {
  catalogue: SlaCatalogue;
  input: InputFile;
}

/** Reads the shipped catalogue and checks it against its schema; any problem is an InputError. */
export async function loadSlaCatalogue(path = SLA_CATALOGUE_FILE): Promise<LoadedSlaCatalogue> {
  const { source, input } = await readSlaCatalogue(path);
  const parsed = slaCatalogue.safeParse(source.data, { reportInput: true });
  if (!parsed.success) throw new InputError(zodIssuesToInput(slaCatalogue, parsed.error, yamlLocator(source)));
  return { catalogue: parsed.data, input };
}

/** The least sure of the entry's recorded terms: what a one-word summary of the entry must say. */
export function entryConfidence(entry: CatalogueEntry): Confidence {
  let worst = 0;
  for (const key of TERM_KEYS) {
    const t = entry.terms[key];
    if (t) worst = Math.max(worst, CONFIDENCES.indexOf(t.confidence));
  }
  return CONFIDENCES[worst]!;
}

/** The entry for an id, or the closest ids to suggest (by edit distance, then name order). */
export function findEntry(
  catalogue: SlaCatalogue,
  id: string,
): { entry: CatalogueEntry } | { entry: undefined; suggestions: string[] } {
  const entry = catalogue.entries.find((e) => e.id === id);
  if (entry) return { entry };
  const scored = catalogue.entries
    .map((e) => ({ id: e.id, d: distance(id.slice(0, 100), e.id) }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
  const best = scored[0]?.d ?? Infinity;
  // A prefix such as "aws-ec2" names a family: every entry that starts with it is a good suggestion.
  const family = catalogue.entries.filter((e) => id.length >= 3 && e.id.startsWith(id)).map((e) => e.id);
  const near = scored.filter((s) => s.d === best && s.d <= Math.max(3, id.length / 2)).map((s) => s.id);
  return { entry: undefined, suggestions: family.length > 0 ? family : near };
}
