import { describe, expect, it } from "vitest";
import { findUtcWindows } from "../../src/import/azure-window.js";
import { importAzure, rfc822 } from "../../src/import/azure.js";
import { formatCanonicalCsv } from "../../src/import/canonical-csv.js";
import { formatUtc } from "../../src/import/instant.js";
import { MAX_XML_DEPTH } from "../../src/import/rss.js";
import { ctx, fixtureText, inputIssues, parseRows } from "./support.js";

const windows = (text: string) =>
  findUtcWindows(text).map((w) => [formatUtc(w.startMs), w.endMs === null ? null : formatUtc(w.endMs)]);

/** An RSS document with the given items' XML. */
const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Azure Status</title>${items}</channel></rss>`;
const item = (description: string, extra = "") =>
  `<item><title>PIR - Example (Tracking ID ABC1-XY2)</title><description><![CDATA[${description}]]></description><pubDate>Tue, 04 Nov 2025 18:21:07 Z</pubDate>${extra}</item>`;

describe("Azure status history RSS", () => {
  const result = importAzure(fixtureText("azure-status-history.xml"), ctx("azure", "history.xml"));

  it("produces exactly the hand-checked CSV, with every skip and note listed", () => {
    expect(formatCanonicalCsv(result.incidents)).toBe(fixtureText("azure-expected.csv"));
    expect(result.skipped).toEqual([
      { id: "YKYN-BWZ", reason: "duplicate id; kept the copy updated at 2025-11-04T18:21:07Z" },
      {
        id: "QQ2M-7X1",
        reason:
          'has no "What happened?", "Summary of impact" or "Impact Statement" text to take the impact window from (pubDate is when it was published, not when the impact was)',
      },
    ]);
    expect(result.notes).toEqual([{ id: "1LG8-1X0", message: "states 2 impact windows; written as 2 rows" }]);
  });

  it("takes start and end from the stated window, never from pubDate; pubDate dates the review", () => {
    const byId = new Map(parseRows(formatCanonicalCsv(result.incidents)).map((r) => [r.id, r]));
    expect(byId.get("YKYN-BWZ")).toMatchObject({
      startedAt: Date.UTC(2025, 9, 29, 15, 45),
      resolvedAt: Date.UTC(2025, 9, 30, 0, 5),
      severity: "major",
      rcaPublishedAt: Date.UTC(2025, 10, 4, 18, 21, 7),
    });
    // Two windows two days apart: two rows, and the 45 hours between them are not downtime.
    expect(byId.get("1LG8-1X0")).toMatchObject({
      startedAt: Date.UTC(2024, 5, 11, 23, 52),
      resolvedAt: Date.UTC(2024, 5, 12, 2, 10),
    });
    expect(byId.get("1LG8-1X0-2")).toMatchObject({
      startedAt: Date.UTC(2024, 5, 13, 23, 30),
      resolvedAt: Date.UTC(2024, 5, 14, 0, 24),
    });
    // "Summary of impact" (before 2019), region and service from <category>.
    expect(byId.get("7T0C-9P8")).toMatchObject({ regions: ["West Europe"], services: ["Storage"] });
    // A live update: open, minor (a PIR is for Azure's most impactful issues, so major).
    expect(byId.get("KT3S-9V0")).toMatchObject({
      startedAt: Date.UTC(2026, 4, 29, 9, 39),
      resolvedAt: null,
      severity: "minor",
    });
  });

  it("reads the windows Azure writes, in UTC only", () => {
    expect(windows("Between 23:52 UTC on 11 June 2024 and 02:10 UTC on 12 June 2024, a platform update")).toEqual([
      ["2024-06-11T23:52:00Z", "2024-06-12T02:10:00Z"],
    ]);
    expect(windows("Between as early as 08:00 UTC and 13:20 UTC on 29 July 2022, customers")).toEqual([
      ["2022-07-29T08:00:00Z", "2022-07-29T13:20:00Z"],
    ]);
    expect(windows("Between 17:45 and 19:42 UTC on 06 Apr 2017, a subset")).toEqual([
      ["2017-04-06T17:45:00Z", "2017-04-06T19:42:00Z"],
    ]);
    expect(windows("From 09:39 UTC to 17:05 UTC on 29 May 2026, customers")).toEqual([
      ["2026-05-29T09:39:00Z", "2026-05-29T17:05:00Z"],
    ]);
    expect(windows("between 23:10 and 01:20 UTC on 7 May 2025")).toEqual([
      ["2025-05-06T23:10:00Z", "2025-05-07T01:20:00Z"],
    ]);
    expect(windows("Between 22:00 UTC on 31 December and 02:00 UTC on 1 January 2026")).toEqual([
      ["2025-12-31T22:00:00Z", "2026-01-01T02:00:00Z"],
    ]);
    expect(windows("Between 09:00 UTC on October 29, 2025 and 10:30 UTC on October 29, 2025")).toEqual([
      ["2025-10-29T09:00:00Z", "2025-10-29T10:30:00Z"],
    ]);
    expect(windows("Starting at 09:39 UTC on 29 May 2026, you have been identified")).toEqual([
      ["2026-05-29T09:39:00Z", null],
    ]);
    // No UTC, no year, an impossible date, a word that only looks like a month: nothing is guessed.
    expect(windows("Between 17:45 and 19:42 on 06 Apr 2017")).toEqual([]);
    expect(windows("Between 17:45 and 19:42 UTC on 06 Apr")).toEqual([]);
    expect(windows("Between 17:45 and 19:42 UTC on 31 Apr 2017")).toEqual([]);
    expect(windows("Between 17:45 and 19:42 UTC on 06 Decimal 2017")).toEqual([]);
  });

  it("parses RSS dates in their zone", () => {
    expect(rfc822("Tue, 04 Nov 2025 18:21:07 Z")).toBe(Date.UTC(2025, 10, 4, 18, 21, 7));
    expect(rfc822("Mon, 01 Aug 2022 22:40:00 +0200")).toBe(Date.UTC(2022, 7, 1, 20, 40));
    expect(rfc822("Mon, 10 Apr 2017 11:00:00 GMT")).toBe(Date.UTC(2017, 3, 10, 11));
    expect(rfc822("Mon, 31 Apr 2017 11:00:00 GMT")).toBeUndefined();
    expect(rfc822("yesterday")).toBeUndefined();
  });

  it("bounds what a feed can cost: no DTD, no deep nesting, only well-formed XML, only RSS", () => {
    const file = "feed.xml";
    const refuse = (text: string) => inputIssues(() => importAzure(text, ctx("azure", file)));
    expect(
      refuse(
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title></channel></rss>`,
      ),
    ).toEqual([
      {
        file,
        line: 1,
        message:
          "has a DOCTYPE: an RSS feed needs none, and caution reads no DTD (no entity can be declared in a feed)",
      },
    ]);
    const deep = `<rss><channel>${"<x>".repeat(MAX_XML_DEPTH)}${"</x>".repeat(MAX_XML_DEPTH)}</channel></rss>`;
    expect(refuse(deep)[0]!.message).toBe(`nests elements more than ${MAX_XML_DEPTH} deep: not an RSS feed`);
    expect(refuse(rss("<item><title>x</title>"))[0]!.message).toMatch(/^is not well-formed XML: /);
    expect(refuse(rss(item("&undefined;")).replace("<![CDATA[&undefined;]]>", "&undefined;"))[0]!.message).toMatch(
      /^is not well-formed XML: .*undefined entity/i,
    );
    expect(refuse("<html><body>Service unavailable</body></html>")).toEqual([
      { file, line: 1, message: "expected an RSS feed (<rss><channel>), found <html>" },
    ]);
  });

  it("exits 2 when the feed has items but none can be read; an empty channel is a healthy feed", () => {
    expect(importAzure(rss(""), ctx("azure"))).toEqual({ incidents: [], skipped: [], notes: [] });
    expect(inputIssues(() => importAzure(rss("<item><guid>x</guid></item>"), ctx("azure", "f.xml")))).toEqual([
      { file: "f.xml", message: "the one record does not look like an Azure status item (no title or description)" },
    ]);
  });

  it("reads the text, not the markup, and never interprets it", () => {
    const r = importAzure(
      rss(
        item(
          "<p><b>What happened?</b></p><p>Between 10:00 UTC and 11:00 UTC on 1 March 2026, <script>x</script>errors.</p>",
        ),
      ),
      ctx("azure"),
    );
    expect(r.incidents[0]).toMatchObject({
      id: "ABC1-XY2",
      startedAt: "2026-03-01T10:00:00Z",
      resolvedAt: "2026-03-01T11:00:00Z",
    });
  });
});
