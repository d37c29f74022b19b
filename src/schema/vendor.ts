import { z } from "zod";
import { httpsUrl, isoDate, slug, text } from "./common.js";
import { questionId } from "./questionnaire.js";
import { slaFromCatalogue, slaTermsObject, type ResolvedSlaTerms } from "./sla.js";

export const evidence = z.strictObject({
  document: text(300).describe("The document the answer rests on, e.g. 'SOC 2 Type II report 2026'."),
  section: text(200).optional(),
  url: httpsUrl.optional(),
  date: isoDate.optional().describe("Date of the document."),
});

export const answer = z.strictObject({
  answer: slug.describe("One of the question's answer values, `na` (with a reason) or `unknown`."),
  evidence: z.array(evidence).default([]),
  answeredAt: isoDate.optional().describe("Defaults to the file's `answeredAt`."),
  reason: text(1000).optional().describe("Required for `na`."),
  comment: text(2000).optional(),
});

export const vendorFile = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  name: text(200),
  questionnaireVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a semantic version such as 1.0.0"),
  answeredAt: isoDate.optional().describe("When the vendor answered; the default for each answer."),
  contact: text(300).optional(),
  answers: z.record(questionId, answer).default({}),
  sla: z
    .union([slaFromCatalogue, slaTermsObject])
    .optional()
    .describe(
      "The SLA terms that apply to the buyer's use of this vendor: written out, or `from:` a catalogue entry with overrides.",
    ),
});

/** The vendor file without its SLA, which validation checks and resolves on its own (validate/sla.ts). */
export const vendorFileBody = vendorFile.extend({ sla: z.unknown().optional() });

export type Evidence = z.infer<typeof evidence>;
export type Answer = z.infer<typeof answer>;
/** A validated vendor file: its SLA resolved into full terms (with their provenance), or none. */
export type VendorFile = Omit<z.infer<typeof vendorFile>, "sla"> & { sla?: ResolvedSlaTerms };
