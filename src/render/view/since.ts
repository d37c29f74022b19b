import { diffWords, sentence, type DiffSection } from "../../diff/words.js";
import type { AssessmentDiff } from "../../schema/diff.js";
import { formatDate } from "../format.js";
import { clean } from "./common.js";

/**
 * "Since the last assessment": what changed from the result given with `report --since`, worded by diff/words.ts
 * (the same words as `caution diff`). The diff is computed before rendering; this only places it. `top` is the
 * executive summary's section (every provider); a vendor section carries its own provider's part.
 */
export interface SinceView {
  top: boolean;
  title: string;
  basis: string;
  sections: DiffSection[];
  hasSections: boolean;
  unchanged: string | null;
}

const TITLE = "Since the last assessment";

function cleaned(s: DiffSection): DiffSection {
  return {
    heading: clean(s.heading),
    headline: clean(s.headline),
    items: s.items.map(clean),
    answers: s.answers.map((a) => ({
      questionId: clean(a.questionId),
      question: clean(a.question),
      old: clean(a.old),
      new: clean(a.new),
    })),
  };
}

/** Every provider, for the executive summary. */
export function sinceView(diff: AssessmentDiff): SinceView {
  const w = diffWords(diff);
  return {
    top: true,
    title: TITLE,
    basis: clean(w.basis),
    sections: w.sections.map(cleaned),
    hasSections: w.sections.length > 0,
    unchanged:
      w.unchanged.length === 0
        ? null
        : clean(`${w.sections.length === 0 ? "Nothing changed for" : "Unchanged"}: ${sentence(w.unchanged)}`),
  };
}

/** One provider's part, for its section of the vendor and full reports. */
export function sinceVendorView(diff: AssessmentDiff, vendorId: string): SinceView {
  const own = { ...diff, vendors: diff.vendors.filter((v) => v.id === vendorId) };
  const w = diffWords(own);
  return {
    top: false,
    title: TITLE,
    basis: clean(`Compared with the assessment as of ${formatDate(diff.old.asOf)} (${diff.old.file}).`),
    sections: w.sections.map((s) => ({ ...cleaned(s), heading: "" })),
    hasSections: w.sections.length > 0,
    unchanged: w.sections.length === 0 ? "Nothing changed for this provider." : null,
  };
}
