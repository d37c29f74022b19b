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

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

/**
 * `caution catalogue` as text: one block per entry - id, provider, commitment, last update with its confidence and
 * how many terms are primary / secondary / unverified; then the service, the source and what is missing.
 */
export function formatCatalogue(rows: readonly CatalogueListing[], compiled: string): string {
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length)) + 2;
  const provWidth = Math.max(8, ...rows.map((r) => r.provider.length)) + 2;
  const lines = [
    `caution SLA catalogue, compiled ${compiled}: ${rows.length} entries. Terms: primary / secondary / unverified.`,
    "Use one in a vendor file with `sla: { from: <id> }`; re-read the live page before relying on any term.",
    "",
    `${pad("id", idWidth)}${pad("provider", provWidth)}${pad("uptime", 9)}${pad("last updated", 25)}terms`,
  ];
  for (const r of rows) {
    const updated = r.lastUpdated ? `${r.lastUpdated} (${r.lastUpdatedConfidence})` : "undated";
    const uptime = r.publishesSla ? (r.uptimeCommitment === null ? "?" : `${r.uptimeCommitment}%`) : "no SLA";
    const c = r.confidence;
    lines.push(
      `${pad(r.id, idWidth)}${pad(r.provider, provWidth)}${pad(uptime, 9)}${pad(updated, 25)}${c.primary} / ${c.secondary} / ${c.unverified}`,
      `${" ".repeat(idWidth)}${r.service}`,
      `${" ".repeat(idWidth)}${r.sourceUrl}`,
    );
    if (r.missing.length > 0) lines.push(`${" ".repeat(idWidth)}not published or not read: ${r.missing.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The entries as a Markdown table, for docs/sla-catalogue.md (a test keeps the page equal to the data). */
export function catalogueMarkdown(catalogue: SlaCatalogue): string {
  const rows = listCatalogue(catalogue);
  const lines = [
    "| id | provider | service | uptime | last updated | terms P / S / U | not in the catalogue |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const uptime = r.publishesSla ? (r.uptimeCommitment === null ? "?" : `${r.uptimeCommitment}%`) : "no SLA";
    const updated = r.lastUpdated ? `${r.lastUpdated} (${r.lastUpdatedConfidence})` : "undated";
    const c = r.confidence;
    lines.push(
      `| \`${r.id}\` | ${cell(r.provider)} | [${cell(r.service)}](${r.sourceUrl}) | ${uptime} | ${updated} | ${c.primary} / ${c.secondary} / ${c.unverified} | ${r.missing.join(", ") || "-"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
