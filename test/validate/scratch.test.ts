import { it } from "vitest";
import { tempDir, writeIn, CSV_HEADER, csvRow } from "./workspace-fixture.js";
import { readCsv, newCsvSource } from "../../src/load/csv-file.js";
import { INCIDENT_COLUMNS } from "../../src/schema/incident.js";
import type { InputIssue } from "../../src/load/input-issue.js";

const cases: [string, string | Buffer][] = [
  ["unclosed-mid", CSV_HEADER + csvRow("c", "A") + csvRow("c", "B", { title: '"unclosed' }) + csvRow("c", "C") + csvRow("c", "D")],
  ["blank", CSV_HEADER + csvRow("c", "A") + "\n\n" + csvRow("c", "B")],
  ["hdr-bad-with-rows", CSV_HEADER.replace("vendor,", "vendr,") + csvRow("c", "A") + csvRow("c", "B")],
  ["hdr-only", CSV_HEADER],
  ["hdr-spaces", CSV_HEADER.replace(/,/g, " , ") + csvRow("c", "A")],
  ["no-trailing-nl", CSV_HEADER + csvRow("c", "A").trimEnd()],
  ["whitespace", "   \n"],
  ["nl", CSV_HEADER + csvRow("c", "A", { title: '"a\nb\nc"' }) + csvRow("c", "B")],
];
for (const [name, content] of cases) {
  it(name, async () => {
    const dir = await tempDir();
    const p = await writeIn(dir, "x.csv", content);
    const src = newCsvSource("x.csv");
    const issues: InputIssue[] = [];
    const recs = [];
    for await (const r of readCsv(p, src, INCIDENT_COLUMNS, issues)) recs.push({ row: r.row, line: r.line, id: r.values.id, title: r.values.title });
    console.log(`### ${name}\n${JSON.stringify(recs)}\n${JSON.stringify(issues)}\n${JSON.stringify(src)}`);
  });
}
