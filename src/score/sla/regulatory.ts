import type { RegulatoryGap } from "../../schema/result.js";
import type { SlaTerms } from "../../schema/sla.js";
import type { Regulation } from "../../schema/workspace.js";

/**
 * Reporting clocks a buyer must meet, and what each needs from the provider. Timings are from secondary sources
 * (see sla-and-regulation.md) and are labelled so in the report; anchors differ by regime.
 */
export interface Clock {
  regulation: Regulation;
  clock: string;
  requirement: string;
  /** What the buyer needs from the provider: a notice within the hours, or a root-cause report within them. */
  needs: "notice" | "rca";
  deadlineHours: number;
  confidence: "secondary";
  source: string;
}

export const CLOCKS: readonly Clock[] = [
  {
    regulation: "dora",
    clock: "DORA Art. 19 initial notification",
    requirement:
      "initial report of a major ICT incident within 4 h of classifying it as major, at most 24 h after becoming aware",
    needs: "notice",
    deadlineHours: 4,
    confidence: "secondary",
    source: "Regulation (EU) 2022/2554 Art. 19; RTS (EU) 2025/301",
  },
  {
    regulation: "dora",
    clock: "DORA Art. 19 final report",
    requirement: "final report with the root cause within one month",
    needs: "rca",
    deadlineHours: 30 * 24,
    confidence: "secondary",
    source: "Regulation (EU) 2022/2554 Art. 19; RTS (EU) 2025/301",
  },
  {
    regulation: "nis2",
    clock: "NIS2 Art. 23 early warning",
    requirement: "early warning of a significant incident within 24 h of becoming aware",
    needs: "notice",
    deadlineHours: 24,
    confidence: "secondary",
    source: "Directive (EU) 2022/2555 Art. 23",
  },
  {
    regulation: "nis2",
    clock: "NIS2 Art. 23 final report",
    requirement: "final report with the root cause one month after the incident notification",
    needs: "rca",
    deadlineHours: 30 * 24,
    confidence: "secondary",
    source: "Directive (EU) 2022/2555 Art. 23",
  },
  {
    regulation: "eu-ai-act",
    clock: "EU AI Act Art. 73 serious incident",
    requirement:
      "report within 2 days of a serious and irreversible disruption of critical infrastructure (15 days otherwise)",
    needs: "notice",
    deadlineHours: 48,
    confidence: "secondary",
    source: "Regulation (EU) 2024/1689 Art. 73",
  },
];

const hoursText = (h: number) => (h % 24 === 0 && h >= 48 ? `${h / 24} days` : `${h} h`);

/**
 * For each clock the buyer is under, whether the provider's committed notice or RCA time leaves room to meet it.
 * A commitment that is not contractual is a gap: DORA Art. 30 wants it in the written contract.
 */
export function regulatoryGaps(regulations: readonly Regulation[], terms: SlaTerms | undefined): RegulatoryGap[] {
  const n = terms?.notification;
  return CLOCKS.filter((c) => regulations.includes(c.regulation)).map((c) => {
    const committedHours =
      c.needs === "notice" ? n?.customerNoticeHours : n?.rcaDays === undefined ? undefined : n.rcaDays * 24;
    const what = c.needs === "notice" ? "notice of incidents affecting our services" : "a written root-cause report";
    const vendorCommitment =
      committedHours === undefined
        ? "no commitment"
        : `${c.needs === "notice" ? "notice" : "RCA"} within ${hoursText(committedHours)}${n?.contractual ? " (contractual)" : " (not contractual)"}`;
    const met = committedHours !== undefined && committedHours <= c.deadlineHours && n?.contractual === true;
    const ask = met
      ? null
      : `Commit in the contract to ${what} within ${hoursText(c.needs === "notice" ? Math.max(1, Math.floor(c.deadlineHours / 2)) : c.deadlineHours / 2)}, so we can meet the ${c.clock} (${hoursText(c.deadlineHours)}).`;
    return {
      regulation: c.regulation,
      clock: c.clock,
      requirement: c.requirement,
      deadlineHours: c.deadlineHours,
      vendorCommitment,
      status: met ? "met" : "gap",
      ask,
      confidence: c.confidence,
      source: c.source,
    };
  });
}
