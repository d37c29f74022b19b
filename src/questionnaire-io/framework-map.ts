import type { Framework, FrameworkCatalogue, FrameworkControl } from "../schema/mapping.js";
import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import { csvCell } from "./cells.js";
import { markdownText } from "./export-text.js";

export interface ControlCoverage {
  control: FrameworkControl;
  /** Questions whose own `frameworks` cite the control, in questionnaire order. */
  questions: string[];
  /** Domains whose `frameworks` cite it. */
  domains: string[];
}

export interface FrameworkCoverage {
  framework: Framework;
  controls: ControlCoverage[];
}

export interface OtherReference {
  ref: string;
  questions: string[];
  domains: string[];
}

export interface FrameworkMap {
  questionnaire: { id: string; version: string };
  frameworks: FrameworkCoverage[];
  /** References that name no control of the catalogue (e.g. a framework it does not list). */
  other: OtherReference[];
}

/**
 * True when a reference covers the control: it equals one of the control's prefixes or continues one after a
 * character that is not a letter or digit ("EU AI Act Art. 14(4)(e)" covers "EU AI Act Art. 14"; "OWASP LLM06:2025"
 * covers "OWASP LLM06"; "EU AI Act Art. 1" covers neither "EU AI Act Art. 14" nor the reverse).
 */
export function covers(reference: string, control: FrameworkControl): boolean {
  const ref = reference.trim();
  return (control.match ?? [control.ref]).some(
    (prefix) => ref === prefix || (ref.startsWith(prefix) && /^[^A-Za-z0-9]/.test(ref.slice(prefix.length))),
  );
}

export function mapFrameworks(questionnaire: ValidQuestionnaire, catalogue: FrameworkCatalogue): FrameworkMap {
  const cites: { ref: string; question?: string; domain?: string }[] = [
    ...questionnaire.domains.flatMap((d) => d.frameworks.map((ref) => ({ ref, domain: d.id }))),
    ...questionnaire.questions.flatMap((q) => q.frameworks.map((ref) => ({ ref, question: q.id }))),
  ];
  const used = new Set<number>();
  const frameworks = catalogue.frameworks.map((framework) => ({
    framework,
    controls: framework.controls.map((control) => {
      const questions: string[] = [];
      const domains: string[] = [];
      cites.forEach((c, i) => {
        if (!covers(c.ref, control)) return;
        used.add(i);
        if (c.question && !questions.includes(c.question)) questions.push(c.question);
        if (c.domain && !domains.includes(c.domain)) domains.push(c.domain);
      });
      return { control, questions, domains };
    }),
  }));
  const other = new Map<string, OtherReference>();
  cites.forEach((c, i) => {
    if (used.has(i)) return;
    const entry = other.get(c.ref) ?? { ref: c.ref, questions: [], domains: [] };
    if (c.question && !entry.questions.includes(c.question)) entry.questions.push(c.question);
    if (c.domain && !entry.domains.includes(c.domain)) entry.domains.push(c.domain);
    other.set(c.ref, entry);
  });
  return {
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    frameworks,
    other: [...other.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)),
  };
}

const covered = (c: ControlCoverage) => c.questions.length > 0 || c.domains.length > 0;

export function frameworkMapMarkdown(map: FrameworkMap): string {
  const md = markdownText;
  const list = (ids: string[]) => (ids.length > 0 ? md(ids.join(", ")) : "-");
  const out: string[] = [
    `# Framework coverage of ${md(map.questionnaire.id)} ${md(map.questionnaire.version)}`,
    "",
    "Which questions (and domains) cite each control of the frameworks caution maps to, and which controls no question covers yet. Pointers for auditors, not claims of conformity.",
    "",
    "| Framework | Controls | Covered | Not covered |",
    "|---|---|---|---|",
  ];
  for (const f of map.frameworks) {
    const n = f.controls.filter(covered).length;
    out.push(`| ${md(f.framework.title)} | ${f.controls.length} | ${n} | ${f.controls.length - n} |`);
  }
  for (const f of map.frameworks) {
    out.push("", `## ${md(f.framework.title)}`, "");
    if (f.framework.source) out.push(`Source: ${md(f.framework.source)}`, "");
    out.push("| Control | Title | Questions | Domains |", "|---|---|---|---|");
    for (const c of f.controls.filter(covered))
      out.push(`| ${md(c.control.ref)} | ${md(c.control.title)} | ${list(c.questions)} | ${list(c.domains)} |`);
    const gaps = f.controls.filter((c) => !covered(c));
    out.push(
      "",
      gaps.length === 0
        ? "Not covered yet: none."
        : `Not covered yet: ${gaps.map((c) => `${md(c.control.ref)} (${md(c.control.title)})`).join("; ")}.`,
    );
  }
  if (map.other.length > 0) {
    out.push(
      "",
      "## Other references",
      "",
      "Cited by questions or domains but not a control of the catalogue.",
      "",
      "| Reference | Questions | Domains |",
      "|---|---|---|",
    );
    for (const o of map.other) out.push(`| ${md(o.ref)} | ${list(o.questions)} | ${list(o.domains)} |`);
  }
  return `${out.join("\n")}\n`;
}

export const MAP_CSV_COLUMNS = ["framework", "control", "title", "covered", "questions", "domains"] as const;

/** One row per catalogue control (covered yes/no), then references outside the catalogue (framework empty). */
export function frameworkMapCsv(map: FrameworkMap): string {
  const lines = [MAP_CSV_COLUMNS.join(",")];
  for (const f of map.frameworks) {
    for (const c of f.controls) {
      lines.push(
        [
          f.framework.id,
          c.control.ref,
          c.control.title,
          covered(c) ? "yes" : "no",
          c.questions.join(";"),
          c.domains.join(";"),
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  for (const o of map.other)
    lines.push(["", o.ref, "", "yes", o.questions.join(";"), o.domains.join(";")].map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}
