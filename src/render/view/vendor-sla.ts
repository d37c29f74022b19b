import type { Result, VendorResult } from "../../schema/result.js";
import { formatDate, formatDuration, formatInstant, formatMoney, formatMonth, formatPercent } from "../format.js";
import { safeHref } from "../sanitize.js";
import { clean, percent, type Link } from "./common.js";
import { claimWindowWords, creditCapWords, liabilityMonthsWords, stanceWords } from "./sla-words.js";

/** A provider's SLA as it applied to the period: its terms with their source, month by month, the year, the asks. */
export interface SlaView {
  period: string;
  hasTerms: boolean;
  source: string;
  sourceLink: Link | null;
  terms: { label: string; value: string }[];
  months: {
    month: string;
    downtime: string;
    slaDowntime: string;
    excluded: string;
    uptime: string;
    meets: string;
    credit: string;
    loss: string;
    uncovered: string;
    missed: boolean;
  }[];
  annual: { label: string; value: string }[];
  excluded: { id: string; title: string; started: string; duration: string; rule: string }[];
  hasExcluded: boolean;
  excludedNote: string | null;
  asks: string[];
  hasAsks: boolean;
  /** How much of the loss the largest incident makes and how it was priced; `dominant` when it is most of it. */
  concentration: { text: string; dominant: boolean } | null;
}

const CONFIDENCE_NOTE: Record<string, string> = {
  primary: "read from the primary text",
  secondary: "from a secondary source: check the provider's current terms before relying on it",
  unverified: "unverified: check the provider's current terms before relying on it",
};

/** Each SLA term is printed with how sure it is, so a secondary or unverified figure never reads as fact. */
const withConfidence =
  (confidence: Record<string, string>) =>
  ({ label, value, term }: { label: string; value: string; term?: string }) => ({
    label,
    value: term && confidence[term] ? `${value} (${confidence[term]})` : value,
  });

export function slaView(v: VendorResult, result: Result, period: string): SlaView {
  const cur = result.workspace.currency;
  const sla = v.sla;
  const t = sla.terms;
  return {
    period,
    hasTerms: t !== null,
    source: t
      ? `${clean(t.source.document)}, version of ${formatDate(t.source.date)}: ${CONFIDENCE_NOTE[t.source.confidence] ?? t.source.confidence}.`
      : "No SLA terms are recorded for this vendor: no credit is assumed.",
    sourceLink: t && t.source.url ? { text: clean(t.source.url), href: safeHref(t.source.url) } : null,
    terms: t
      ? [
          { label: "Covers", value: clean(t.service) },
          { label: "Uptime commitment", value: `${t.uptimeCommitment}% a month`, term: "uptimeCommitment" },
          {
            label: "Counts as downtime",
            value: `${t.countsImpact.join(", ")} impact${t.measurement ? `; ${clean(t.measurement)}` : ""}`,
            term: "measurement",
          },
          {
            label: "Credit tiers",
            value: t.creditTiers
              .map((x) => `${x.atLeast > 0 ? `${x.atLeast}% to ` : ""}below ${x.below}%: ${x.creditPercent}%`)
              .join("; "),
            term: "creditTiers",
          },
          {
            label: "Credit cap",
            value: creditCapWords(t),
            term: "creditCapPercent",
          },
          {
            label: "Claim window",
            value: claimWindowWords(t),
            term: "claimDeadlineDays",
          },
          { label: "Provider's AI agents", value: stanceWords(t.exclusions.providerAgents), term: "exclusions" },
          {
            label: "Agents with your credentials",
            value: stanceWords(t.exclusions.customerCredentialAgents),
            term: "exclusions",
          },
          {
            label: "Liability cap",
            value: liabilityMonthsWords(t, cur) ?? "not stated",
            term: "liabilityCapMonths",
          },
          {
            label: "Notification / RCA",
            value: t.notification
              ? `${t.notification.customerNoticeHours === null ? "no notice time" : `notice within ${t.notification.customerNoticeHours} h`}; ${t.notification.rcaDays === null ? "no RCA time" : `RCA within ${t.notification.rcaDays} days`}${t.notification.contractual ? " (contractual)" : " (not contractual)"}`
              : "no commitment",
            term: "notification",
          },
        ].map(withConfidence(t.termConfidence))
      : [],
    months: sla.months.map((m) => ({
      month: formatMonth(m.month),
      downtime: formatDuration(m.downtimeMinutes),
      slaDowntime: formatDuration(m.slaDowntimeMinutes),
      excluded: m.excludedMinutes > 0 ? formatDuration(m.excludedMinutes) : "",
      uptime: formatPercent(m.uptimePercent),
      meets: t === null ? "n/a" : m.meetsCommitment ? "yes" : "NO",
      credit: m.creditPercent > 0 ? `${m.creditPercent}% · ${formatMoney(m.creditAmount, cur)}` : "",
      loss: m.loss > 0 ? formatMoney(m.loss, cur) : "",
      uncovered: m.uncovered > 0 ? formatMoney(m.uncovered, cur) : "",
      missed: t !== null && !m.meetsCommitment,
    })),
    annual: [
      { label: "Downtime affecting you", value: formatDuration(sla.annual.downtimeMinutes) },
      { label: "Downtime the SLA counts", value: formatDuration(sla.annual.slaDowntimeMinutes) },
      { label: "Business loss", value: formatMoney(sla.annual.loss, cur) },
      { label: "SLA credits (if claimed in time)", value: formatMoney(sla.annual.credits, cur) },
      { label: "Uncovered", value: formatMoney(sla.annual.uncovered, cur) },
      {
        label: "Share covered",
        value: sla.annual.coverageRatio === null ? "no loss" : percent(sla.annual.coverageRatio),
      },
    ],
    excluded: sla.excluded.map((e) => ({
      id: clean(e.id),
      title: clean(e.title),
      started: formatInstant(e.startedAt),
      duration: formatDuration(e.minutes),
      rule: e.rule,
    })),
    hasExcluded: sla.excluded.length > 0,
    excludedNote:
      sla.excludedCount > sla.excluded.length
        ? `The ${sla.excluded.length} most recent of ${sla.excludedCount} excluded incidents are listed.`
        : null,
    asks: sla.asks,
    hasAsks: sla.asks.length > 0,
    concentration: v.lossConcentration
      ? {
          text: `${v.lossConcentration.dominant ? "Most of the loss comes from one incident: " : "The largest incident, "}"${clean(v.lossConcentration.title)}" (${clean(v.lossConcentration.incidentId)}, ${formatDuration(v.lossConcentration.minutes)}${v.lossConcentration.open ? ", still open" : ""}), makes ${percent(v.lossConcentration.share)} of the loss: ${v.lossConcentration.pricing}.`,
          dominant: v.lossConcentration.dominant,
        }
      : null,
  };
}
