import { cleanText } from "../load/clean-text.js";
import { VERSION_COLUMN, instructionLines, type Form } from "./columns.js";
import { csvCell } from "./cells.js";

/**
 * The form as CSV: the same columns as the Answers sheet (header = keys, row N+1 = question N) plus the
 * questionnaire version on every row, so a filled CSV says what it answered. `\n` line ends, trailing newline.
 */
export function formToCsv(form: Form): string {
  const keys = [...form.columns.map((c) => c.key), VERSION_COLUMN];
  const lines = [keys.join(",")];
  for (const { values } of form.rows) {
    const all: Record<string, string> = { ...values, [VERSION_COLUMN]: form.questionnaire.version };
    lines.push(keys.map((k) => csvCell(all[k] ?? "")).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown: untrusted text is HTML-escaped (Markdown renderers pass HTML through) and Markdown syntax escaped. */
export function markdownText(value: string): string {
  return cleanText(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1")
    .replace(/\r\n?|\n/g, "<br>");
}

export function formToMarkdown(form: Form): string {
  const q = form.questionnaire;
  const out: string[] = [`# ${markdownText(q.title)}`, ""];
  out.push(
    `- Questionnaire: ${markdownText(q.id)}`,
    `- Version: ${markdownText(q.version)}`,
    `- Published: ${markdownText(q.published)}`,
  );
  if (form.vendor) {
    out.push(`- Vendor: ${markdownText(form.vendor.id)} (${markdownText(form.vendor.name)})`);
    if (form.vendor.answeredAt) out.push(`- Answered on: ${markdownText(form.vendor.answeredAt)}`);
  }
  out.push("", "## How to answer", "");
  for (const line of instructionLines(form)) out.push(`- ${markdownText(line)}`);
  out.push("", "## Answers", "");
  out.push(`| ${form.columns.map((c) => markdownText(c.title)).join(" | ")} |`);
  out.push(`|${form.columns.map(() => "---").join("|")}|`);
  for (const { values } of form.rows)
    out.push(`| ${form.columns.map((c) => markdownText(values[c.key] ?? "")).join(" | ")} |`);
  return `${out.join("\n")}\n`;
}

/** HTML text: every character that could start markup or end an attribute is escaped, invisible characters go. */
export function htmlText(value: string): string {
  return cleanText(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .4rem;vertical-align:top;text-align:left;white-space:pre-wrap}
th{background:#dce6f1;position:sticky;top:0}td.edit{background:#fffbe6}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:bold}`;

/**
 * A self-contained HTML page: inline CSS, no scripts, no links, no external requests (a Content-Security-Policy
 * forbids them), every value escaped.
 */
export function formToHtml(form: Form): string {
  const q = form.questionnaire;
  const facts: [string, string][] = [
    ["Questionnaire", q.id],
    ["Version", q.version],
    ["Published", q.published],
  ];
  if (form.vendor) {
    facts.push(["Vendor", `${form.vendor.id} (${form.vendor.name})`]);
    if (form.vendor.answeredAt) facts.push(["Answered on", form.vendor.answeredAt]);
  }
  const head = form.columns.map((c) => `<th scope="col">${htmlText(c.title)}</th>`).join("");
  const rows = form.rows
    .map(
      ({ values }) =>
        `<tr>${form.columns.map((c) => `<td${c.editable ? ' class="edit"' : ""}>${htmlText(values[c.key] ?? "")}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(q.title)} (v${htmlText(q.version)})</title>
<style>${CSS}</style>
</head>
<body>
<h1>${htmlText(q.title)}</h1>
<dl>${facts.map(([k, v]) => `<dt>${htmlText(k)}</dt><dd>${htmlText(v)}</dd>`).join("")}</dl>
<h2>How to answer</h2>
<ul>
${instructionLines(form)
  .map((l) => `<li>${htmlText(l)}</li>`)
  .join("\n")}
</ul>
<h2>Answers</h2>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
