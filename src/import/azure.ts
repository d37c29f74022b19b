import { findUtcWindows } from "./azure-window.js";
import { formatUtc, utcMillis } from "./instant.js";
import { monthNumber } from "./pacific-time.js";
import { cut, decodeEntities, singleLine } from "./plain-text.js";
import { finishTitle, httpsOrNull, importRecords, nameList, type JsonObject, type Mapped } from "./records.js";
import { readRss, type RssItem } from "./rss.js";
import type { CanonicalIncident, ImportContext, ImportResult } from "./types.js";

/**
 * Azure status RSS (the live feed, or its history with Post Incident Reviews). The feed has no fields for times,
 * severity, services or regions: the impact window is read from the text Azure writes under "What happened?" (a
 * PIR), "Summary of impact:" (before 2019) or "Impact Statement:" (a live update). `pubDate` is when Azure
 * published the item, never when the impact started or ended; for a PIR it is when the review was published.
 */
export const AZURE_HISTORY = "https://azure.status.microsoft/en-us/status/history/";

/** Where the impact window is stated. */
const SECTIONS = /(?:what happened\??|summary of impact:?|impact statement:?)/i;
/** How much text after the heading is searched: the window is in its first sentence. */
const SECTION_CHARS = 4000;
/** Azure tracking ids: `VSG1-B90`, `1K80-N_8`. */
const TRACKING_ID = /\b([A-Z0-9]{3,4}-[A-Z0-9_]{3})\b/;

/**
 * A PIR is written for Azure's "largest, most impactful service issues", so its windows count as major; other
 * items (live updates) as minor. The feed states no severity of its own.
 */
export const AZURE_SEVERITY: Record<"review" | "update", CanonicalIncident["severity"]> = {
  review: "major",
  update: "minor",
};

/** Azure region display names recognised in <category> elements (the feed's only structured place for them). */
const REGIONS = new Set(
  [
    "East US",
    "East US 2",
    "East US 3",
    "West US",
    "West US 2",
    "West US 3",
    "Central US",
    "North Central US",
    "South Central US",
    "West Central US",
    "Canada Central",
    "Canada East",
    "Brazil South",
    "Brazil Southeast",
    "Mexico Central",
    "Chile Central",
    "North Europe",
    "West Europe",
    "UK South",
    "UK West",
    "France Central",
    "France South",
    "Germany West Central",
    "Germany North",
    "Norway East",
    "Norway West",
    "Sweden Central",
    "Switzerland North",
    "Switzerland West",
    "Poland Central",
    "Italy North",
    "Spain Central",
    "Austria East",
    "Belgium Central",
    "Denmark East",
    "Southeast Asia",
    "East Asia",
    "Australia East",
    "Australia Southeast",
    "Australia Central",
    "Central India",
    "South India",
    "West India",
    "Japan East",
    "Japan West",
    "Korea Central",
    "Korea South",
    "UAE North",
    "UAE Central",
    "South Africa North",
    "Qatar Central",
    "Israel Central",
    "Indonesia Central",
    "Malaysia West",
    "New Zealand North",
    "Taiwan North",
    "Global",
  ].map((r) => r.toLowerCase()),
);

export function importAzure(text: string, ctx: ImportContext): ImportResult {
  const channel = readRss(text, ctx.file);
  const records: JsonObject[] = channel.items.map((item) => ({ item }));
  return importRecords(records, {
    ctx,
    what: "an Azure status item",
    looksLike: (r) => {
      const item = r.item as RssItem;
      return item.title !== "" || item.description !== "";
    },
    shapeHint: "title or description",
    id: (r) => trackingId(r.item as RssItem),
    updatedAt: (r) => {
      const ms = rfc822((r.item as RssItem).pubDate);
      return ms === undefined ? null : { ms, utc: formatUtc(ms) };
    },
    map: (r, id) => mapItem(r.item as RssItem, id, ctx.vendor),
  });
}

/** The tracking id from the title, the link (`?trackingId=`), the guid or the text; else the guid itself. */
function trackingId(item: RssItem): string {
  for (const text of [item.title, item.link, item.guid, cut(item.description, SECTION_CHARS)]) {
    const m = TRACKING_ID.exec(decodeEntities(text));
    if (m) return m[1]!;
  }
  return singleLine(item.guid);
}

function isReview(item: RssItem, text: string): boolean {
  return (
    /\b(post incident review|PIR|RCA)\b/.test(`${item.title} ${item.categories.join(" ")}`) ||
    /what happened\??/i.test(text)
  );
}

function mapItem(item: RssItem, id: string, vendor: string): Mapped {
  const text = htmlText(item.description);
  const heading = SECTIONS.exec(text);
  if (!heading)
    return {
      skip: 'has no "What happened?", "Summary of impact" or "Impact Statement" text to take the impact window from (pubDate is when it was published, not when the impact was)',
    };
  const section = text.slice(heading.index + heading[0].length, heading.index + heading[0].length + SECTION_CHARS);
  const windows = findUtcWindows(section);
  const first = windows[0];
  if (!first)
    return {
      skip: `states no impact window in UTC after "${singleLine(heading[0])}" (e.g. "Between 09:00 UTC and 10:30 UTC on 5 May 2026")`,
    };
  const review = isReview(item, text);
  const published = rfc822(item.pubDate);
  const regions = item.categories.filter((c) => REGIONS.has(c.trim().toLowerCase()));
  const services = item.categories.filter((c) => !REGIONS.has(c.trim().toLowerCase()));
  const incident: CanonicalIncident = {
    vendor,
    id,
    title: finishTitle(item.title),
    startedAt: formatUtc(first.startMs),
    resolvedAt: first.endMs === null ? null : formatUtc(first.endMs),
    severity: AZURE_SEVERITY[review ? "review" : "update"],
    services: nameList(services.map(singleLine)),
    regions: nameList(regions.map(singleLine)),
    cause: "unknown",
    aiAgentInvolved: "unknown",
    sourceUrl:
      httpsOrNull(item.link) ?? httpsOrNull(`${AZURE_HISTORY}?trackingId=${encodeURIComponent(id)}`) ?? AZURE_HISTORY,
    rcaPublishedAt: review && published !== undefined && published >= first.startMs ? formatUtc(published) : null,
  };
  // One item may state several windows ("Between ... and ... and Between ... and ..."): each becomes a row, the
  // second and later with "-2", "-3" after the tracking id, so the time between two windows is not counted.
  const more = windows.slice(1).map((w, i) => ({
    ...incident,
    id: `${id}-${i + 2}`,
    startedAt: formatUtc(w.startMs),
    resolvedAt: w.endMs === null ? null : formatUtc(w.endMs),
  }));
  const notes = more.length > 0 ? [`states ${windows.length} impact windows; written as ${windows.length} rows`] : [];
  return { incident, more, notes };
}

/** HTML to text, keeping line breaks between blocks so headings stay apart from what follows. */
export function htmlText(html: string): string {
  const bounded = html.length > 100_000 ? html.slice(0, 100_000) : html;
  const text = bounded
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|table|strong|b)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, " ");
  return decodeEntities(text)
    .split("\n")
    .map((line) => singleLine(line))
    .filter((line) => line !== "")
    .join("\n");
}

/** An RSS date ("Thu, 23 Jul 2026 16:29:09 Z", "... GMT", "... +0000") as epoch ms; undefined when unreadable. */
export function rfc822(value: string): number | undefined {
  const m =
    /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|GMT|UTC|UT|[+-]\d{4})$/.exec(
      value.trim(),
    );
  if (!m) return undefined;
  const month = monthNumber(m[2]!);
  if (month === undefined) return undefined;
  const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = utcMillis(year, month, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  const zone = m[7]!;
  if (!/^[+-]/.test(zone)) return ms;
  const sign = zone[0] === "-" ? -1 : 1;
  return ms - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
}
