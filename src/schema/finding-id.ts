import { z } from "zod";

/**
 * A finding's id: `<vendor id>/<question id>`, e.g. `cirrane/CHG-02`. It is made only of what the buyer chose (the
 * vendor id in caution.yaml) and what the questionnaire fixes (the question id), never of an order or a count, so
 * the same weakness keeps its id from one assessment to the next and a register's owner, status and due date
 * (`findings:` in caution.yaml) stay attached to it. A question renamed by a new questionnaire version gets a new id.
 */
export const FINDING_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}\/[A-Z]{3}-(\d{2}|[A-Z]{1,10})$/;

export const FINDING_ID_MESSAGE =
  "must be a finding id, <vendor id>/<question id>, e.g. cirrane/CHG-02 (as `caution findings` lists it)";

export const findingId = z
  .string()
  .regex(FINDING_ID_PATTERN, FINDING_ID_MESSAGE)
  .describe("Stable across re-assessments: <vendor id>/<question id>.");

export function findingIdOf(vendorId: string, questionId: string): string {
  return `${vendorId}/${questionId}`;
}

export const FINDING_SOURCES = ["questionnaire", "incident-record", "sla-terms"] as const;
export const FINDING_BASES = ["gate", "unanswered", "unknown", "weak-answer", "unevidenced", "sla-silent"] as const;
