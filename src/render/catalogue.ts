import type { SlaCatalogue } from "../schema/sla-catalogue.js";
import { TERM_KEYS, type Confidence } from "../schema/sla.js";
import { entryConfidence } from "../validate/sla-catalogue.js";

/** One line of `caution catalogue`: what an entry covers, how old and how sure it is. */
export interface CatalogueListing {
  id: string;
  provider: string;
  service: string;
  document: string;
  lastUpdated: string | null;
  lastUpdatedConfidence: Confidence | null;
  sourceUrl: string;
  publishesSla: boolean;
  /** How many recorded terms are primary, secondary and unverified; and which terms no source gave. */
  confidence: { primary: number; secondary: number; unverified: number; lowest: Confidence };
  uptimeCommitment: number | null;
  missing: string[];
}

export function listCatalogue(catalogue: SlaCatalogue): CatalogueListing[] {
  return catalogue.entries.map((e) => {
    const counts = { primary: 0, secondary: 0, unverified: 0 };
    for (const key of TERM_KEYS) {
      const t = e.terms[key];
      if (t) counts[t.confidence] += 1;
    }
    return {
      id: e.id,
      provider: e.provider,
      service: e.service,
      document: e.document,
      lastUpdated: e.lastUpdated?.date ?? null,
      lastUpdatedConfidence: e.lastUpdated?.confidence ?? null,
      sourceUrl: e.sourceUrl,
      publishesSla: e.published,
      confidence: { ...counts, lowest: entryConfidence(e) },
      uptimeCommitment: e.terms.uptimeCommitment?.value ?? null,
      missing: Object.keys(e.missing),
    };
  });
}
