import { formatDate, formatDuration, formatInstant, formatMoney, formatScore, ratingLabel } from "../render/format.js";
import { capitalise } from "../common/text.js";
import type { AssessmentDiff, VendorDiff } from "../schema/diff.js";

/**
 * The diff in words, once, for every output: `caution diff` as Markdown or HTML, and the "Since the last
 * assessment" section of the reports. Plain strings; each output escapes them its own way.
 */
export interface DiffSection {
  heading: string;
  /** One line: what happened to the rating, the score and the uncovered loss. */
  headline: string;
  items: string[];
  answers: { questionId: string; question: string; old: string; new: string }[];
}

export interface DiffWords {
  title: string;
  basis: string;
  sections: DiffSection[];
  unchanged: string[];
}

const rating = (r: string | null) => (r === null ? "none" : ratingLabel(r));
const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `-${text}` : text);

function answerText(a: VendorDiff["answers"][number]["old"]): string {
  if (a === null) return "not asked";
  if (a.status === "unanswered") return "not answered";
  if (a.status === "unknown") return "don't know";
  if (a.status === "not-applicable") return "not applicable";
  return a.answerLabel;
}

export function diffWords(diff: AssessmentDiff): DiffWords {
  const cur = diff.new.currency;
  const money = (n: number | null, c = cur) => (n === null ? "none" : formatMoney(n, c));
  const sections: DiffSection[] = [];
  const unchanged: string[] = [];
  for (const v of diff.vendors) {
    if (!v.changed) {
      unchanged.push(v.name);
      continue;
    }
    const parts: string[] = [];
    if (v.presence === "added") parts.push(`new in this assessment, rated ${rating(v.rating.new)}`);
    else if (v.presence === "removed") parts.push("no longer assessed");
    else {
      parts.push(
        v.rating.old === v.rating.new
          ? `rating ${rating(v.rating.new)} (unchanged)`
          : `rating ${rating(v.rating.old)} → ${rating(v.rating.new)}`,
      );
      const delta = v.score.delta ?? 0;
      parts.push(
        `score ${formatScore(v.score.old ?? 0)} → ${formatScore(v.score.new ?? 0)} (${signed(delta, formatScore(Math.abs(delta)))})`,
      );
    }
    const items: string[] = [];
    if (v.priority.old !== v.priority.new && v.presence === "both")
      items.push(`Priority ${rating(v.priority.old)} → ${rating(v.priority.new)}.`);
    for (const g of v.gatesFired) items.push(`Gate fired: ${g.title} (${g.id}, question ${g.questionId}).`);
    for (const g of v.gatesCleared) items.push(`Gate cleared: ${g.title} (${g.id}, question ${g.questionId}).`);
    if (v.findingsOpened.length > 0)
      items.push(`New findings (${v.findingsOpened.length}): ${v.findingsOpened.join(", ")}.`);
    if (v.findingsClosed.length > 0)
      items.push(`Findings resolved (${v.findingsClosed.length}): ${v.findingsClosed.join(", ")}.`);
    for (const t of v.slaTerms) items.push(`SLA term changed: ${t.term}: ${t.old} → ${t.new}.`);
    for (const i of v.newIncidents)
      items.push(
        `New incident ${i.id}: ${i.title}, ${i.severity}, started ${formatInstant(i.startedAt)}, ${i.open ? "still open" : formatDuration(i.durationMinutes)}${i.affects ? "" : " (does not affect your services and regions)"}.`,
      );
    const u = v.uncovered;
    if (u.delta !== null && u.delta !== 0)
      items.push(
        `Loss the SLA leaves uncovered: ${money(u.old, diff.old.currency)} → ${money(u.new)} (${signed(u.delta, money(Math.abs(u.delta)))}).`,
      );
    else if (v.presence === "both" && diff.currencyChanged)
      items.push(
        `Loss the SLA leaves uncovered: ${money(u.old, diff.old.currency)} → ${money(u.new)} (currencies differ; no difference is computed).`,
      );
    sections.push({
      heading: v.name,
      headline: `${capitalise(parts.join(", "))}.`,
      items,
      answers: v.answers.map((a) => ({
        questionId: a.questionId,
        question: a.question ?? "",
        old: answerText(a.old),
        new: answerText(a.new),
      })),
    });
  }
  return {
    title: `What changed: ${diff.new.organisation}`,
    basis: `From the assessment as of ${formatDate(diff.old.asOf)} (${diff.old.file}, ${diff.old.questionnaire}) to the assessment as of ${formatDate(diff.new.asOf)} (${diff.new.file}, ${diff.new.questionnaire}).`,
    sections,
    unchanged,
  };
}

/** Names joined into a sentence that ends with one full stop, even after "Inc.". */
export function sentence(names: readonly string[]): string {
  const text = names.join(", ");
  return text.endsWith(".") ? text : `${text}.`;
}
