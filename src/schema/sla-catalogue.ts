import { z } from "zod";
import { httpsUrl, isoDate, slug, text } from "./common.js";
import { confidence, creditTier, measurement, slaTermsFields, TERM_KEYS } from "./sla.js";

/** One published term: its value, how sure it is, and where it was read when not on the entry's page. */
const term = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value,
    confidence,
    sourceUrl: httpsUrl.optional().describe("Where this term was read, when not on the entry's sourceUrl."),
    note: text(800).optional().describe("What the source says, its limits, what to check."),
  });

export const catalogueTerms = z.strictObject({
  uptimeCommitment: term(slaTermsFields.uptimeCommitment).optional(),
  measurement: term(measurement).optional(),
  creditTiers: term(z.array(creditTier).min(1).max(20)).optional(),
  creditCapPercent: term(slaTermsFields.creditCapPercent.unwrap()).optional(),
  claimDeadlineDays: term(slaTermsFields.claimDeadlineDays.unwrap()).optional(),
  exclusions: term(slaTermsFields.exclusions).optional(),
  liabilityCapMonths: term(slaTermsFields.liabilityCapMonths.unwrap()).optional(),
  notification: term(slaTermsFields.notification.unwrap()).optional(),
});

export const catalogueEntry = z.strictObject({
  id: slug.describe("What a vendor file names in `sla: { from: <id> }`."),
  provider: text(100),
  service: text(200).describe("The service and the scope the terms cover."),
  document: text(300).describe("The title of the SLA document."),
  sourceUrl: httpsUrl,
  lastUpdated: z
    .strictObject({
      date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, "must be YYYY-MM-DD, or YYYY-MM where only the month is known"),
      confidence,
      note: text(600).optional(),
    })
    .nullable()
    .describe("The document's own last-updated date, as published; null when the page carries none."),
  lastUpdatedNote: text(600).optional().describe("Why the date is missing, where there is none."),
  published: z
    .boolean()
    .default(true)
    .describe("False: the provider publishes no credit-backed SLA for the service (a vendor file then has no terms)."),
  publishedNote: text(800).optional(),
  terms: catalogueTerms,
  missing: z
    .record(z.string().regex(/^[a-zA-Z.]+$/), text(600))
    .default({})
    .describe("Terms no source gave, each with what the buyer must do; they stay absent, never guessed."),
});

export const slaCatalogue = z
  .strictObject({
    $schema: z.string().optional(),
    catalogue: z.literal("caution-sla-catalogue"),
    compiled: isoDate.describe("When the catalogue was compiled: the date terms without their own date were read."),
    entries: z.array(catalogueEntry).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.entries.forEach((e, i) => {
      if (seen.has(e.id))
        ctx.addIssue({ code: "custom", path: ["entries", i, "id"], message: `${e.id} is listed twice` });
      seen.add(e.id);
      for (const key of Object.keys(e.missing)) {
        const top = key.split(".")[0]!;
        if (!(TERM_KEYS as readonly string[]).includes(top))
          ctx.addIssue({ code: "custom", path: ["entries", i, "missing", key], message: `${top} is not a term` });
        else if (!key.includes(".") && e.terms[top as keyof typeof e.terms] !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["entries", i, "missing", key],
            message: "the term is recorded, so it cannot be missing",
          });
      }
    });
  });

export type SlaCatalogue = z.output<typeof slaCatalogue>;
export type CatalogueEntry = z.output<typeof catalogueEntry>;
export type CatalogueTerms = CatalogueEntry["terms"];
