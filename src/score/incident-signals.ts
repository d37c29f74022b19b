import type { Domain } from "../schema/questionnaire.js";
import type { Answer } from "../schema/vendor.js";
import type { ResolvedQuestion, ValidQuestionnaire } from "../validate/questionnaire.js";
import { INCIDENT_DOMAIN_ID } from "./findings.js";
import type { IncidentAggregate } from "./incident-aggregate.js";

/**
 * The incident record scores like the questionnaire: four computed "answers" in an extra domain, INC, so every
 * point shows in the trail next to the vendor's own answers. The answer is derived from the incident files, which
 * count as evidence; with no incident record at all the questions are unanswered and score as worst.
 */
export const INCIDENT_DOMAIN: Domain = {
  id: INCIDENT_DOMAIN_ID,
  title: "Incident record",
  summary:
    "Few and short major incidents affecting the buyer, no AI-agent-caused outages, public root-cause reports within days.",
  weight: 2,
  frameworks: ["DORA Art. 28 (ICT third-party risk monitoring)", "NIST AI RMF MANAGE 3.1"],
};

const option = (value: string, label: string, points: number) => ({ value, label, points });

const base = { domain: INCIDENT_DOMAIN_ID, agentKind: "operator" as const, weight: 1, frameworks: ["DORA Art. 28"] };

export const INCIDENT_QUESTIONS: ResolvedQuestion[] = [
  {
    ...base,
    id: "INC-01",
    text: "How many major or critical incidents affected your services and regions in the last 12 months?",
    help: "Counted from the incident files: impact major or critical, in the SLA period, touching the buyer's services and regions.",
    why: "Each major incident is a day the SLA's promise was tested; a provider that has many will have more.",
    ask: "Ask for the root-cause reports of these incidents and the remediation status of each.",
    allowNotApplicable: false,
    options: [
      option("none", "None", 0),
      option("1-2", "1 or 2", 30),
      option("3-5", "3 to 5", 65),
      option("6-plus", "6 or more", 100),
    ],
    worst: option("6-plus", "6 or more", 100),
  },
  {
    ...base,
    id: "INC-02",
    text: "How long was the longest major incident that affected you?",
    help: "From start to resolution (open incidents to the as-of date).",
    why: "Long outages are where SLA credits fall furthest short of the business loss.",
    ask: "Ask what bounded the longest outage and what now limits recovery time (rollback, failover drills).",
    allowNotApplicable: false,
    options: [
      option("none", "No major incident", 0),
      option("under-1h", "Under 1 hour", 10),
      option("1-4h", "1 to 4 hours", 35),
      option("4-12h", "4 to 12 hours", 70),
      option("12h-plus", "12 hours or more", 100),
    ],
    worst: option("12h-plus", "12 hours or more", 100),
  },
  {
    ...base,
    id: "INC-03",
    text: "Did AI agents cause or worsen incidents that affected you?",
    help: "Incidents with ai_agent_involved = yes; an incident record that mostly cannot say (unknown) counts as opaque.",
    why: "An agent that has already caused an outage shows the controls the questionnaire asks about did not hold.",
    ask: "Ask for the post-incident report of each agent-involved incident: what the agent did, why, and what now stops it.",
    allowNotApplicable: false,
    options: [
      option("none", "No", 0),
      option("opaque", "Not known for most incidents", 40),
      option("one", "Yes, once", 70),
      option("several", "Yes, more than once", 100),
    ],
    worst: option("several", "Yes, more than once", 100),
  },
  {
    ...base,
    id: "INC-04",
    text: "How soon after resolution does the provider publish a root-cause report for major incidents?",
    help: "Median over major incidents, from the optional rca_published_at column; no report counts as never.",
    why: "Without a timely RCA the buyer cannot meet its own regulatory reporting clocks or judge whether it will recur.",
    ask: "Commit in the contract to a written root-cause report within 14 days of any major incident, naming AI-agent involvement.",
    allowNotApplicable: true,
    options: [
      option("within-7d", "Within 7 days", 0),
      option("within-14d", "Within 14 days", 30),
      option("within-30d", "Within 30 days", 60),
      option("later-or-never", "Later, or not at all", 100),
    ],
    worst: option("later-or-never", "Later, or not at all", 100),
  },
];

/** The questionnaire with the incident-record domain added, as scoring sees it. */
export function withIncidentDomain(q: ValidQuestionnaire): ValidQuestionnaire {
  return { ...q, domains: [...q.domains, INCIDENT_DOMAIN], questions: [...q.questions, ...INCIDENT_QUESTIONS] };
}

/**
 * The incident record's answers to the INC questions. A vendor with no incident rows has a clean record only if its
 * own file (incidents/<id>.csv) was supplied; otherwise nothing is known and the questions stay unanswered.
 */
export function incidentAnswers(agg: IncidentAggregate, asOf: string, recordSupplied: boolean): Record<string, Answer> {
  if (agg.total === 0 && !recordSupplied) return {};
  const evidence = [{ document: "Incident record in the workspace (incidents/*.csv)" }];
  const answer = (value: string, comment: string, reason?: string): Answer => ({
    answer: value,
    evidence,
    answeredAt: asOf,
    comment,
    ...(reason ? { reason } : {}),
  });
  const majors = agg.major;
  const longestH = agg.longestMajorMinutes / 60;
  const r = agg.rca;
  const answers: Record<string, Answer> = {
    "INC-01": answer(
      majors === 0 ? "none" : majors <= 2 ? "1-2" : majors <= 5 ? "3-5" : "6-plus",
      `${majors} major or critical incident${majors === 1 ? "" : "s"} in the period`,
    ),
    "INC-02": answer(
      majors === 0 ? "none" : longestH < 1 ? "under-1h" : longestH < 4 ? "1-4h" : longestH < 12 ? "4-12h" : "12h-plus",
      `longest major incident ${Math.round(agg.longestMajorMinutes)} minutes`,
    ),
    "INC-03": answer(
      agg.aiAgentInvolved >= 2
        ? "several"
        : agg.aiAgentInvolved === 1
          ? "one"
          : agg.affecting > 0 && agg.aiAgentUnknown * 2 > agg.affecting
            ? "opaque"
            : "none",
      `${agg.aiAgentInvolved} of ${agg.affecting} incidents involved an AI agent; ${agg.aiAgentUnknown} unknown`,
    ),
  };
  if (majors === 0) {
    answers["INC-04"] = answer(
      "na",
      "no major incident in the period",
      "No major incident in the period, so no RCA was due.",
    );
  } else {
    // The median bin: the bin in which the middle incident falls, counting from the fastest.
    const order: [keyof typeof r, string][] = [
      ["within7", "within-7d"],
      ["within14", "within-14d"],
      ["within30", "within-30d"],
      ["later", "later-or-never"],
      ["none", "later-or-never"],
    ];
    let seen = 0;
    let median = "later-or-never";
    for (const [bin, value] of order) {
      seen += r[bin];
      if (seen * 2 >= majors) {
        median = value;
        break;
      }
    }
    answers["INC-04"] = answer(
      median,
      `RCA timing of ${majors} major incidents: ${r.within7} within 7 days, ${r.within14} within 14, ${r.within30} within 30, ${r.later} later, ${r.none} none`,
    );
  }
  return answers;
}
