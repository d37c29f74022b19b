import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import { answerChoices } from "./answer-choices.js";

export interface StarterVendorOptions {
  id: string;
  name: string;
  /** For editors (yaml-language-server): the vendor schema's path or URL. */
  schema?: string;
}

/** Comment lines are wrapped here, so the file reads in any editor without scrolling sideways. */
const WIDTH = 110;

/**
 * The vendor file `caution init` writes: valid as it stands (no answers and no SLA yet: every question scores as
 * unanswered, and the report says no SLA terms were recorded), with everything a buyer fills in written out as
 * comments to uncomment. Each question shows its text, its answer values with what they mean and how they score,
 * and an evidence line; the `sla:` block names and explains every field. Removing one "# " from a block's lines
 * (an editor's toggle-comment does it) makes that block live.
 */
export function starterVendorYaml(q: ValidQuestionnaire, opts: StarterVendorOptions): string {
  const out: string[] = [];
  if (opts.schema) out.push(`# yaml-language-server: $schema=${opts.schema}`);
  out.push(
    ...wrap(
      `Answers of one provider to ${q.title} (v${q.version}), and the SLA terms that apply to your use of it.`,
      WIDTH,
    ).map((l) => `# ${l}`),
    "#",
    "# How to fill it in",
    '# - Everything below the name is commented out. To use a block, remove one "# " from the start of each of its',
    "#   lines (most editors: select the lines, then Ctrl+/ or Cmd+/). Keep the indentation.",
    "# - A question left out, or answered unknown, scores as its worst answer: an empty file never looks safe.",
    "# - evidence: the document an answer rests on. A favourable answer without evidence counts only partly.",
    "# - Or let the vendor fill in a spreadsheet: caution questionnaire export --format xlsx --out form.xlsx,",
    `#   then caution answers import form.xlsx --vendor ${opts.id} writes the answers into this file.`,
    `id: ${opts.id}`,
    `name: ${JSON.stringify(opts.name)}`,
    `questionnaireVersion: ${q.version}`,
    '# contact: "Jane Roe, security@example.com"   # who answers questions about these answers',
    '# answeredAt: "2026-01-31"                    # when the vendor answered: the date of every answer without its own',
    "",
    ...slaBlock(),
    "",
    ...answersBlock(q),
  );
  return `${out.join("\n")}\n`;
}

function slaBlock(): string[] {
  const block = [
    "# The SLA terms that apply to your use of this provider. Without them the report says that no SLA terms",
    "# were recorded, and no outage cost is set against credits. (Where your caution version has an SLA catalogue,",
    "# `sla: { from: <catalogue id> }` takes the published terms of a provider instead of typing them here.)",
    "# sla:",
    "#   source:                           # where the terms come from",
    '#     document: "Example Cloud SLA"   # the SLA or agreement, as titled',
    '#     url: "https://example.com/sla"  # optional; https only',
    '#     date: "2026-01-31"              # the date of the version you read',
    "#     confidence: primary             # primary: you read the text | secondary: a summary | unverified",
    '#   service: "Compute, region-level"  # the service and scope the terms cover',
    "#   uptimeCommitment: 99.95           # the monthly uptime the provider commits to, in %",
    "#   measurement:",
    "#     countsImpact: [major, critical] # incident impacts the SLA counts as downtime (most ignore degradation)",
    "#   creditTiers:                      # the credit a month earns, in % of its fee, by the uptime reached",
    "#     - { below: 99.95, atLeast: 99.0, creditPercent: 10 }",
    "#     - { below: 99.0, atLeast: 95.0, creditPercent: 25 }",
    "#     - { below: 95.0, creditPercent: 100 }",
    "#   creditCapPercent: 100             # the most a month's credits can reach, in % of that month's fee",
    "#   eligibleSpendShare: 1             # the share of your monthly spend the SLA covers, 0 to 1",
    "#   claimDeadlineDays: 30             # optional: days after the month ends to file a claim",
    "#   exclusions:                       # per cause: counted | excluded (named as an exclusion) | silent",
    "#     providerAgents: silent          # outages caused by the provider's own AI agents",
    "#     customerCredentialAgents: excluded  # outages caused by AI agents acting with your credentials",
    "#     forceMajeure: true              # causes outside the provider's reasonable control are excluded",
    "#   liabilityCapMonths: 12            # optional: the liability cap, in months of fees",
    "#   notification:                     # optional",
    "#     customerNoticeHours: 24         # hours from detection to telling affected customers",
    "#     rcaDays: 14                     # days from resolution to a root-cause report",
    "#     contractual: false              # true when these commitments are in the contract, not only practice",
  ];
  return block;
}

function answersBlock(q: ValidQuestionnaire): string[] {
  const out = [
    "# The answers, one block per question. Keep `answer:` to one of the values listed under it.",
    "# answers:",
  ];
  for (const domain of q.domains) {
    out.push("#", `#   # ${domain.id} ${domain.title}`);
    for (const question of q.questions.filter((x) => x.domain === domain.id)) {
      const choices = answerChoices(question);
      const width = Math.max(...choices.map((c) => c.value.length));
      const points = new Map(question.options.map((o) => [o.value, o.points]));
      out.push("#");
      for (const line of wrap(question.text, WIDTH - 6)) out.push(`#   # ${line}`);
      out.push(`#   ${question.id}:`, "#     answer: unknown");
      for (const c of choices) {
        const p = points.get(c.value);
        const meaning = `${c.label}${c.note ? `: ${c.note}` : ""}${p === undefined ? "" : ` (${p} risk points)`}`;
        const lines = wrap(meaning, WIDTH - width - 10);
        out.push(`#     #   ${c.value.padEnd(width)}  ${lines[0]}`);
        for (const more of lines.slice(1)) out.push(`#     #   ${" ".repeat(width)}  ${more}`);
      }
      out.push(
        "#     # evidence:",
        '#     #   - { document: "SOC 2 report 2026", section: "CC7.2", url: "https://example.com/soc2", date: "2026-01-31" }',
      );
      if (question.allowNotApplicable) out.push('#     # reason: "Required for na: why the question does not apply."');
    }
  }
  return out;
}

function wrap(text: string, width: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}
