import { z } from "zod";
import { isoDate, text } from "./common.js";
import { FINDING_ID_MESSAGE, FINDING_ID_PATTERN } from "./finding-id.js";

/** Where a finding stands in the buyer's own follow-up: the register's `status` column. */
export const FINDING_STATUSES = ["open", "in-progress", "accepted", "closed"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const findingTracking = z.strictObject({
  owner: text(200).optional().describe("Who follows the finding up (a name, a role, a team)."),
  status: z
    .enum(FINDING_STATUSES)
    .default("open")
    .describe("open (default), in-progress, accepted (the risk is accepted as it is) or closed."),
  due: isoDate.optional().describe("When the ask must be met, YYYY-MM-DD."),
});

/**
 * The follow-up of each finding, keyed by its stable id (`caution findings` lists them): owner, status and due date
 * survive re-assessments because the ids do. An entry whose finding is no longer in the assessment is not an error
 * (the vendor may have fixed it); `caution findings` notes it unless its status is closed.
 */
export const findingsSection = z
  .record(z.string(), findingTracking)
  // Checked here rather than as the record's key schema, so the message names the key and says what an id looks like.
  .superRefine(
    (section, ctx) => {
      for (const key of Object.keys(section))
        if (!FINDING_ID_PATTERN.test(key))
          ctx.addIssue({ code: "custom", path: [key], message: FINDING_ID_MESSAGE, input: key });
      // Also when an entry's fields are wrong, so one run lists every mistake of the section.
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .describe("Owner, status and due date of findings, by finding id (docs/findings-and-diff.md).");

export type FindingTracking = z.infer<typeof findingTracking>;
export type FindingsSection = z.infer<typeof findingsSection>;
