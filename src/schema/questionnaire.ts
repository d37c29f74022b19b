import { z } from "zod";
import { agentKind, rating, slug, text } from "./common.js";

/** Question ids look like DEL-01: the domain id, a dash, a number. Reports and spreadsheets sort by them. */
export const questionId = z.string().regex(/^[A-Z]{3}-\d{2}$/, "must look like DEL-01 (domain id, dash, two digits)");
export const domainId = z.string().regex(/^[A-Z]{3}$/, "must be three capital letters, e.g. DEL");

export const answerOption = z.strictObject({
  value: slug.describe("What a vendor file writes as its answer, e.g. `yes`."),
  label: text(120).describe("How the answer reads in a report."),
  points: z.number().min(0).max(100).describe("Risk points, 0 (best) to 100 (worst)."),
});

export const domain = z.strictObject({
  id: domainId,
  title: text(120),
  summary: text(600).describe("What a strong answer shows."),
  weight: z.number().positive().max(10).describe("Relative weight of the domain in a vendor's score."),
  frameworks: z.array(text(120)).default([]),
});

export const question = z.strictObject({
  id: questionId,
  domain: domainId,
  agentKind: agentKind.describe(
    "Which agent the question is about: the provider's own operator agents, agents it runs in the customer's tenancy, or the contract.",
  ),
  text: text(600),
  help: text(1200).describe("What the vendor should consider when answering, and what counts as evidence."),
  why: text(800).describe("Why the answer matters to the buyer; printed with the finding."),
  ask: text(800).describe("What to ask for in the contract or of the vendor when the answer is weak."),
  answers: z
    .union([slug, z.array(answerOption).min(2)])
    .describe("An answer set id from `answerSets`, or the options themselves."),
  allowNotApplicable: z.boolean().default(false).describe("Whether `na` (with a reason) is accepted."),
  weight: z.number().positive().max(10).default(1),
  frameworks: z.array(text(120)).default([]),
});

export const gate = z.strictObject({
  id: z.string().regex(/^G-[A-Z0-9-]{2,40}$/, "must look like G-DEL-UNAPPROVED"),
  question: questionId,
  answers: z
    .array(slug)
    .min(1)
    .describe("Answers that fire the gate. An unanswered question counts as its worst option."),
  minRating: rating.describe("The rating is at least this when the gate fires, whatever the score."),
  title: text(200),
});

export const questionnaire = z.strictObject({
  id: slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a semantic version such as 1.0.0"),
  title: text(200),
  published: z.iso.date(),
  answerSets: z.record(slug, z.array(answerOption).min(2)),
  domains: z.array(domain).min(1),
  questions: z.array(question).min(1),
  gates: z.array(gate).default([]),
});

export type AnswerOption = z.infer<typeof answerOption>;
export type Domain = z.infer<typeof domain>;
export type Question = z.infer<typeof question>;
export type Gate = z.infer<typeof gate>;
export type Questionnaire = z.infer<typeof questionnaire>;

/** The computed domain of incident-record signals (score/incident-signals.ts): no vendor is asked its questions. */
export const INCIDENT_DOMAIN_ID = "INC";
