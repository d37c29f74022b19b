import { htmlText, markdownText } from "../questionnaire-io/export-text.js";
import { assessmentDiff, type AssessmentDiff } from "../schema/diff.js";
import { diffWords, sentence } from "./words.js";

export { DIFF_FORMATS, type DiffFormat } from "../schema/diff.js";

/** The diff as JSON, keys in contract order (passed through its schema), two-space indented. */
export function diffJson(diff: AssessmentDiff): string {
  return `${JSON.stringify(assessmentDiff.parse(diff), null, 2)}\n`;
}

/** Markdown: every text from the results escaped (vendor names and answer labels are untrusted). */
export function diffMarkdown(diff: AssessmentDiff): string {
  const w = diffWords(diff);
  const out = [`# ${markdownText(w.title)}`, "", markdownText(w.basis), ""];
  if (w.sections.length === 0) out.push("Nothing changed.", "");
  for (const s of w.sections) {
    out.push(`## ${markdownText(s.heading)}`, "", markdownText(s.headline), "");
    for (const i of s.items) out.push(`- ${markdownText(i)}`);
    if (s.items.length > 0) out.push("");
    if (s.answers.length > 0) {
      out.push("| question | old answer | new answer |", "|---|---|---|");
      for (const a of s.answers)
        out.push(
          `| ${markdownText(a.questionId)}${a.question ? ` ${markdownText(a.question)}` : ""} | ${markdownText(a.old)} | ${markdownText(a.new)} |`,
        );
      out.push("");
    }
  }
  if (w.unchanged.length > 0) out.push(`Unchanged: ${markdownText(sentence(w.unchanged))}`, "");
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#111;max-width:60rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:.3rem .4rem;vertical-align:top;text-align:left}th{background:#dce6f1}`;

/**
 * A self-contained page: inline CSS, no scripts, no links, nothing fetched (a Content-Security-Policy forbids it),
 * every text escaped.
 */
export function diffHtml(diff: AssessmentDiff): string {
  const w = diffWords(diff);
  const body: string[] = [`<h1>${htmlText(w.title)}</h1>`, `<p>${htmlText(w.basis)}</p>`];
  if (w.sections.length === 0) body.push("<p>Nothing changed.</p>");
  for (const s of w.sections) {
    body.push(`<h2>${htmlText(s.heading)}</h2>`, `<p>${htmlText(s.headline)}</p>`);
    if (s.items.length > 0) body.push(`<ul>${s.items.map((i) => `<li>${htmlText(i)}</li>`).join("")}</ul>`);
    if (s.answers.length > 0)
      body.push(
        `<table><thead><tr><th scope="col">Question</th><th scope="col">Old answer</th><th scope="col">New answer</th></tr></thead><tbody>${s.answers
          .map(
            (a) =>
              `<tr><td><strong>${htmlText(a.questionId)}</strong>${a.question ? ` ${htmlText(a.question)}` : ""}</td><td>${htmlText(a.old)}</td><td>${htmlText(a.new)}</td></tr>`,
          )
          .join("")}</tbody></table>`,
      );
  }
  if (w.unchanged.length > 0) body.push(`<p>Unchanged: ${htmlText(sentence(w.unchanged))}</p>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(w.title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
