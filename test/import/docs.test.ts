import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_LEGACY_SEVERITY } from "../../src/import/aws-legacy.js";
import { AWS_SEVERITY } from "../../src/import/aws.js";
import { AZURE_SEVERITY } from "../../src/import/azure.js";
import { MAX_FEED_BYTES } from "../../src/import/feed-text.js";
import { GCP_BY_IMPACT, GCP_BY_SEVERITY } from "../../src/import/gcp.js";
import { DEFAULT_FETCH } from "../../src/import/pull/http.js";
import { FEEDS } from "../../src/import/pull/sources.js";
import { MAX_JSON_DEPTH } from "../../src/import/read-json.js";
import { ID_MAX, MAX_RECORDS, TITLE_MAX } from "../../src/import/records.js";
import { MAX_XML_DEPTH } from "../../src/import/rss.js";
import { STATUSPAGE_IMPACTS } from "../../src/import/statuspage.js";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { LIST_CELL_MAX, LIST_NAME_MAX } from "../../src/schema/incident.js";

/** docs/incidents.md restates the importers' tables and limits; these tests hold it to the code. */
const DOC = readFileSync(join(PACKAGE_ROOT, "docs", "incidents.md"), "utf8");
const n = (x: number) => x.toLocaleString("en-US");

function section(title: string): string {
  const start = DOC.indexOf(`\n${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const rest = DOC.slice(start + title.length + 2);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

describe("docs/incidents.md", () => {
  it("states every severity mapping exactly as the importers apply it, and no other", () => {
    const rows = [...section("### Severity").matchAll(/^\| `([\w-]+)` \| `([^`]+)`[^|]* \| (\w+) \|$/gm)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    const expected = [
      ...STATUSPAGE_IMPACTS.map((i) => `statuspage ${i} ${i}`),
      "statuspage maintenance maintenance",
      ...Object.entries(GCP_BY_IMPACT).map(([k, v]) => `gcp ${k} ${v}`),
      ...Object.entries(GCP_BY_SEVERITY).map(([k, v]) => `gcp ${k} ${v}`),
      ...Object.entries(AWS_SEVERITY).map(([k, v]) => `aws ${k} ${v}`),
      ...Object.entries(AWS_LEGACY_SEVERITY).map(([k, v]) => `aws-legacy ${k} ${v}`),
      ...Object.entries(AZURE_SEVERITY).map(([k, v]) => `azure ${k} ${v}`),
    ];
    expect(rows).toEqual(expected);
  });

  it("names the feed addresses pull reads", () => {
    const table = section("## `caution incidents pull`");
    for (const [source, feed] of Object.entries(FEEDS)) expect(table).toContain(`| \`${source}\` | \`${feed.url}\` |`);
  });

  it("states the limits the code enforces", () => {
    const limits = section("## Limits");
    const rows: [string, string][] = [
      ["a feed or log file, as read and once unpacked", `${n(MAX_FEED_BYTES)} bytes (${MAX_FEED_BYTES / 2 ** 20} MiB)`],
      ["records in one import", n(MAX_RECORDS)],
      ["JSON nesting", `${MAX_JSON_DEPTH} levels`],
      ["XML nesting", `${MAX_XML_DEPTH} levels`],
      ["a `services` or `regions` cell", `${n(LIST_CELL_MAX)} characters`],
      ["one name in such a list", `${LIST_NAME_MAX} characters`],
      ["a title", `${TITLE_MAX} characters`],
      ["an id", `${ID_MAX} characters`],
      ["pull: time per attempt (`--timeout`)", `${DEFAULT_FETCH.timeoutMs / 1000} s by default, 1-600`],
      ["pull: retries", `${DEFAULT_FETCH.retries}`],
      ["pull: first pause between attempts", `${DEFAULT_FETCH.backoffMs / 1000} s, doubling`],
    ];
    for (const [what, limit] of rows) expect(limits).toContain(`| ${what} | ${limit} |`);
  });
});
