/**
 * Small hand-made questionnaires, vendors and workspaces for the scoring unit tests. Nothing here reads the real
 * questionnaire, so every expected number in the tests can be worked out by hand from the values below.
 *
 * The default questionnaire (`smallQuestionnaire`):
 *
 *   domain DEL  weight 3
 *     DEL-01  weight 2  yes 0 / partial 50 / no 100            gate G-DEL-UNAPPROVED: [no] -> critical
 *     DEL-02  weight 1  yes 0 / partial 50 / no 100            na allowed
 *   domain LOG  weight 1
 *     LOG-01  weight 1  full 10 / some 40 / none 80             na allowed; gate G-LOG-NONE: [none] -> moderate
 *
 * All unanswered: DEL = (2*100 + 1*100)/3 = 100, LOG = 80, vendor = (3*100 + 1*80)/4 = 95.
 */
import { incidentRow, type Incident } from "../../src/schema/incident.js";
import type { AnswerOption, Domain, Gate } from "../../src/schema/questionnaire.js";
import type { Answer } from "../../src/schema/vendor.js";
import {
  workspace as workspaceSchema,
  workspaceVendor as workspaceVendorSchema,
  type ScoringOverrides,
  type Workspace,
  type WorkspaceVendor,
} from "../../src/schema/workspace.js";
import { resolveConfig } from "../../src/score/config.js";
import { scoreVendor, type VendorControls } from "../../src/score/vendor.js";
import type { ResolvedQuestion, ValidQuestionnaire } from "../../src/validate/questionnaire.js";
import type { ValidVendor } from "../../src/validate/workspace.js";

export const AS_OF = "2026-03-31";
/** End of the as-of day, UTC, exclusive. */
export const AS_OF_END = Date.parse("2026-04-01T00:00:00Z");
/** With the default 12-month limit, answers dated on or after 2025-03-31 are fresh. */
export const FRESH = "2026-01-15";
export const STALE = "2024-06-01";

export const YNP: AnswerOption[] = [
  { value: "yes", label: "Yes", points: 0 },
  { value: "partial", label: "Partly", points: 50 },
  { value: "no", label: "No", points: 100 },
];

export const LOG_OPTIONS: AnswerOption[] = [
  { value: "full", label: "Full log", points: 10 },
  { value: "some", label: "Some actions", points: 40 },
  { value: "none", label: "No log", points: 80 },
];

export function domain(id: string, weight: number): Domain {
  return { id, title: `Domain ${id}`, summary: `What a strong ${id} answer shows.`, weight, frameworks: [] };
}

/** A resolved question; `worst` is picked as validation picks it (first option with the most points). */
export function question(
  id: string,
  options: AnswerOption[],
  extra: Partial<Omit<ResolvedQuestion, "id" | "options" | "worst">> = {},
): ResolvedQuestion {
  const worst = options.reduce((a, b) => (b.points > a.points ? b : a));
  return {
    id,
    domain: id.slice(0, 3),
    agentKind: "operator",
    text: `Question ${id}?`,
    help: `Help for ${id}.`,
    why: `Why ${id} matters.`,
    ask: `Ask about ${id}.`,
    allowNotApplicable: false,
    weight: 1,
    frameworks: [],
    ...extra,
    options,
    worst,
  };
}

export function gate(id: string, questionId: string, answers: string[], minRating: Gate["minRating"]): Gate {
  return { id, question: questionId, answers, minRating, title: `Gate ${id}` };
}

export function questionnaire(parts: {
  domains: Domain[];
  questions: ResolvedQuestion[];
  gates?: Gate[];
}): ValidQuestionnaire {
  return {
    id: "test-q",
    version: "1.0.0",
    title: "Test questionnaire",
    published: "2026-01-01",
    domains: parts.domains,
    questions: parts.questions,
    gates: parts.gates ?? [],
  };
}

export function smallQuestionnaire(opts: { gates?: boolean } = {}): ValidQuestionnaire {
  return questionnaire({
    domains: [domain("DEL", 3), domain("LOG", 1)],
    questions: [
      question("DEL-01", YNP, { weight: 2 }),
      question("DEL-02", YNP, { weight: 1, allowNotApplicable: true }),
      question("LOG-01", LOG_OPTIONS, { weight: 1, allowNotApplicable: true }),
    ],
    gates:
      opts.gates === false
        ? []
        : [gate("G-DEL-UNAPPROVED", "DEL-01", ["no"], "critical"), gate("G-LOG-NONE", "LOG-01", ["none"], "moderate")],
  });
}

/** An answer without evidence. `at` dates it; without `at` it takes the file's date (if any). */
export function claim(value: string, at?: string, extra: Partial<Answer> = {}): Answer {
  return { answer: value, evidence: [], ...(at === undefined ? {} : { answeredAt: at }), ...extra };
}

/** An answer citing one document. */
export function evidenced(value: string, at?: string, extra: Partial<Answer> = {}): Answer {
  return {
    answer: value,
    evidence: [{ document: "SOC 2 Type II report 2025", section: "CC8.1" }],
    ...(at === undefined ? {} : { answeredAt: at }),
    ...extra,
  };
}

export function na(reason = "No such agent"): Answer {
  return { answer: "na", evidence: [], reason, answeredAt: FRESH };
}

/**
 * Workspace and vendor entries go through the zod schemas, so defaults added to them later are filled in exactly as
 * validation fills them in.
 */
export function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return workspaceSchema.parse({
    organisation: "Test Buyer",
    currency: "EUR",
    downtimeCostPerHour: 10_000,
    asOf: AS_OF,
    vendors: [vendorConfig()],
    ...overrides,
  });
}

export function vendorConfig(c: Partial<WorkspaceVendor> = {}): WorkspaceVendor {
  return workspaceVendorSchema.parse({
    id: "acme",
    monthlySpend: 5_000,
    criticality: "medium",
    singleRegion: false,
    ...c,
  });
}

export function vendor(
  answers: Record<string, Answer>,
  opts: { id?: string; answeredAt?: string; config?: Partial<WorkspaceVendor>; contact?: string } = {},
): ValidVendor {
  const id = opts.id ?? "acme";
  return {
    config: vendorConfig({ id, ...opts.config }),
    file: {
      id,
      name: `Vendor ${id}`,
      questionnaireVersion: "1.0.0",
      ...(opts.answeredAt === undefined ? {} : { answeredAt: opts.answeredAt }),
      ...(opts.contact === undefined ? {} : { contact: opts.contact }),
      answers,
    },
  };
}

/** Scores one vendor's controls against a questionnaire with the workspace's scoring overrides. */
export function score(
  q: ValidQuestionnaire,
  answers: Record<string, Answer>,
  opts: {
    scoring?: ScoringOverrides;
    answeredAt?: string;
    config?: Partial<WorkspaceVendor>;
    ws?: Partial<Workspace>;
  } = {},
): VendorControls {
  const ws = workspace({ ...opts.ws, ...(opts.scoring === undefined ? {} : { scoring: opts.scoring }) });
  const v = vendor(answers, {
    ...(opts.answeredAt === undefined ? {} : { answeredAt: opts.answeredAt }),
    ...(opts.config === undefined ? {} : { config: opts.config }),
  });
  return scoreVendor(v, q, resolveConfig(ws, q), ws);
}

/** An incident as the CSV importer produces it (through the schema); `end` null means still open. */
export function incident(
  id: string,
  start: string,
  end: string | null,
  extra: {
    vendor?: string;
    severity?: Incident["severity"];
    aiAgentInvolved?: Incident["aiAgentInvolved"];
    cause?: Incident["cause"];
    services?: string;
    regions?: string;
    rcaPublishedAt?: string;
  } = {},
): Incident {
  return incidentRow.parse({
    vendor: extra.vendor ?? "acme",
    id,
    title: `Incident ${id}`,
    started_at: start,
    resolved_at: end ?? "",
    severity: extra.severity ?? "minor",
    services: extra.services ?? "compute",
    regions: extra.regions ?? "eu-west-1",
    cause: extra.cause ?? "",
    ai_agent_involved: extra.aiAgentInvolved ?? "no",
    source_url: "",
    ...(extra.rcaPublishedAt === undefined ? {} : { rca_published_at: extra.rcaPublishedAt }),
  });
}

/** Looks up a trail entry, failing loudly when the question is missing. */
export function trailOf(r: VendorControls, questionId: string): VendorControls["trail"][number] {
  const t = r.trail.find((x) => x.questionId === questionId);
  if (!t) throw new Error(`no trail entry for ${questionId}`);
  return t;
}

export function domainOf(r: VendorControls, id: string): VendorControls["domains"][number] {
  const d = r.domains.find((x) => x.id === id);
  if (!d) throw new Error(`no domain ${id}`);
  return d;
}

export function sumContributions(r: VendorControls): number {
  return r.trail.reduce((s, t) => s + t.contribution, 0);
}
