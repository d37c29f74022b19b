import type { AssessmentDiff, VendorDiff } from "../schema/diff.js";
import { DIFF_SCHEMA_VERSION } from "../schema/diff.js";
import { roundTo } from "../score/round.js";
import { cents } from "../score/sla/credits.js";
import type { Result, SlaSummary, VendorResult } from "../schema/result.js";

/** The two results compared, each with the name it was given on the command line. */
export interface Named {
  file: string;
  result: Result;
}

/**
 * What changed from one assessment to the next, per provider: rating and score, answers, gates, findings, SLA terms,
 * new incidents and the loss the SLA leaves uncovered. A pure function of the two results: nothing is recomputed,
 * so the diff says what the two reports said. Providers are matched by id.
 */
export function compareResults(before: Named, after: Named): AssessmentDiff {
  const currencyChanged = before.result.workspace.currency !== after.result.workspace.currency;
  const old = new Map(before.result.vendors.map((v) => [v.id, v]));
  const now = new Set(after.result.vendors.map((v) => v.id));
  const vendors = [
    ...after.result.vendors.map((v) => vendorDiff(old.get(v.id), v, currencyChanged)),
    ...before.result.vendors.filter((v) => !now.has(v.id)).map((v) => vendorDiff(v, undefined, currencyChanged)),
  ];
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    old: side(before),
    new: side(after),
    currencyChanged,
    vendors,
  };
}

function side({ file, result }: Named): AssessmentDiff["old"] {
  const q = result.methodology.questionnaire;
  return {
    file,
    organisation: result.workspace.organisation,
    asOf: result.workspace.asOf,
    generatedAt: result.generatedAt,
    currency: result.workspace.currency,
    questionnaire: `${q.id} ${q.version}`,
  };
}

const round1 = (n: number) => roundTo(n, 1);

function vendorDiff(a: VendorResult | undefined, b: VendorResult | undefined, currencyChanged: boolean): VendorDiff {
  const any = (b ?? a)!;
  const gatesA = new Map((a?.gates ?? []).map((g) => [g.id, g]));
  const gatesB = new Map((b?.gates ?? []).map((g) => [g.id, g]));
  const gate = (g: VendorResult["gates"][number]) => ({ id: g.id, title: g.title, questionId: g.questionId });
  const findingsA = new Set((a?.findings ?? []).map((f) => f.id));
  const findingsB = new Set((b?.findings ?? []).map((f) => f.id));
  const uncoveredOld = a?.sla.annual.uncovered ?? null;
  const uncoveredNew = b?.sla.annual.uncovered ?? null;
  const d: Omit<VendorDiff, "changed"> = {
    id: any.id,
    name: any.name,
    presence: a && b ? "both" : b ? "added" : "removed",
    rating: { old: a?.rating ?? null, new: b?.rating ?? null },
    score: {
      old: a?.score ?? null,
      new: b?.score ?? null,
      delta: a && b ? round1(b.score - a.score) : null,
    },
    priority: { old: a?.priority ?? null, new: b?.priority ?? null },
    answers: a && b ? changedAnswers(a, b) : [],
    gatesFired: [...gatesB.values()].filter((g) => !gatesA.has(g.id)).map(gate),
    gatesCleared: [...gatesA.values()].filter((g) => !gatesB.has(g.id)).map(gate),
    findingsOpened: [...findingsB].filter((id) => !findingsA.has(id)),
    findingsClosed: [...findingsA].filter((id) => !findingsB.has(id)),
    slaTerms: a && b ? termChanges(a.sla.terms, b.sla.terms) : [],
    newIncidents: a && b ? newIncidents(a, b) : [],
    uncovered: {
      old: uncoveredOld,
      new: uncoveredNew,
      delta:
        uncoveredOld !== null && uncoveredNew !== null && !currencyChanged ? cents(uncoveredNew - uncoveredOld) : null,
    },
    loss: { old: a?.sla.annual.loss ?? null, new: b?.sla.annual.loss ?? null },
    credits: { old: a?.sla.annual.credits ?? null, new: b?.sla.annual.credits ?? null },
  };
  const changed =
    d.presence !== "both" ||
    d.rating.old !== d.rating.new ||
    d.score.delta !== 0 ||
    d.priority.old !== d.priority.new ||
    d.answers.length + d.gatesFired.length + d.gatesCleared.length > 0 ||
    d.findingsOpened.length + d.findingsClosed.length + d.slaTerms.length + d.newIncidents.length > 0 ||
    d.uncovered.delta !== 0;
  return { ...d, changed };
}

/**
 * Answers come from each result's trail (one entry per question, the answer scored). A question only one result
 * asks (another questionnaire version) counts as changed, with the missing side null.
 */
function changedAnswers(a: VendorResult, b: VendorResult): VendorDiff["answers"] {
  const before = new Map(a.trail.map((t) => [t.questionId, t]));
  const after = new Map(b.trail.map((t) => [t.questionId, t]));
  const text = new Map([...a.findings, ...b.findings].map((f) => [f.questionId, f.question]));
  const order = [...b.trail.map((t) => t.questionId), ...a.trail.map((t) => t.questionId).filter((q) => !after.has(q))];
  const state = (t: VendorResult["trail"][number] | undefined) =>
    t ? { status: t.status, answer: t.answer, answerLabel: t.answerLabel } : null;
  return order
    .filter((q) => {
      const x = before.get(q);
      const y = after.get(q);
      return !x || !y || x.status !== y.status || x.answer !== y.answer;
    })
    .map((q) => ({
      questionId: q,
      question: text.get(q) ?? null,
      old: state(before.get(q)),
      new: state(after.get(q)),
    }));
}

type Terms = SlaSummary["terms"];

/** Each negotiable term in words, so a change reads as "30 days -> 60 days". */
function termWords(t: NonNullable<Terms>): [string, string][] {
  const opt = (v: number | null, unit: string) => (v === null ? "not stated" : `${v} ${unit}`);
  const n = t.notification;
  return [
    ["uptime commitment", `${t.uptimeCommitment}%`],
    ["downtime counted", t.countsImpact.join(", ")],
    ["measurement", t.measurement ?? "not stated"],
    ["measured as", t.measurementRule.method],
    ["credit tiers", t.creditTiers.map((c) => `below ${c.below}%: ${c.creditPercent}%`).join("; ")],
    ["credit cap", `${t.creditCapPercent}% of the month's fees`],
    ["claim window", opt(t.claimDeadlineDays, "days")],
    ["outages caused by the provider's AI agents", t.exclusions.providerAgents],
    ["outages by AI agents acting with your credentials", t.exclusions.customerCredentialAgents],
    ["force majeure excluded", t.exclusions.forceMajeure ? "yes" : "no"],
    ["liability cap", opt(t.liabilityCapMonths, "months of fees")],
    ["liability cap amount", t.liabilityCapAmount === null ? "not stated" : String(t.liabilityCapAmount)],
    ["incident notice", n ? opt(n.customerNoticeHours, "hours") : "not stated"],
    ["root-cause report", n ? opt(n.rcaDays, "days") : "not stated"],
    ["notice and RCA times contractual", n ? (n.contractual ? "yes" : "no") : "not stated"],
    ["source", `${t.source.document} (${t.source.date}, ${t.source.confidence})`],
  ];
}

function termChanges(a: Terms, b: Terms): VendorDiff["slaTerms"] {
  if (!a && !b) return [];
  if (!a || !b) return [{ term: "SLA terms", old: a ? "recorded" : "none", new: b ? "recorded" : "none" }];
  const before = new Map(termWords(a));
  return termWords(b)
    .filter(([term, value]) => before.get(term) !== value)
    .map(([term, value]) => ({ term, old: before.get(term) ?? "not stated", new: value }));
}

/**
 * Incidents the new result lists and the old one did not. Each result lists at most its 200 most recent incidents;
 * when the old list was cut short, an incident older than its oldest listed one may have been on record before,
 * so only incidents after that point count as new.
 */
function newIncidents(a: VendorResult, b: VendorResult): VendorDiff["newIncidents"] {
  const known = new Set(a.incidents.list.map((i) => i.id));
  const cut = a.incidents.listed < a.incidents.total ? a.incidents.list.map((i) => i.startedAt).sort()[0] : undefined;
  return b.incidents.list
    .filter((i) => !known.has(i.id) && (cut === undefined || i.startedAt > cut))
    .map((i) => ({
      id: i.id,
      title: i.title,
      startedAt: i.startedAt,
      durationMinutes: i.durationMinutes,
      severity: i.severity,
      open: i.open,
      affects: i.affects,
    }));
}
