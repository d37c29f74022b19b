import { z } from "zod";
import { slug, text } from "./common.js";
import { questionId } from "./questionnaire.js";

const semver = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a semantic version such as 1.0.0");

/**
 * How the question ids of one questionnaire version map onto the next. A question id not named here is the same
 * question in both versions (same id, same meaning). Every list is about one step only; longer jumps chain steps.
 */
export const versionMapping = z
  .strictObject({
    from: semver.describe("The older version, e.g. 0.9.0."),
    to: semver.describe("The next version, e.g. 1.0.0."),
    note: text(600).optional(),
    renamed: z.record(questionId, questionId).default({}).describe("Old id -> new id; the answer carries over."),
    split: z
      .record(questionId, z.array(questionId).min(2))
      .default({})
      .describe("Old id -> the new ids it became; the old answer applies to each of them."),
    removed: z.array(questionId).default([]).describe("Old ids with no successor; their answers are dropped."),
    changed: z
      .array(questionId)
      .default([])
      .describe(
        "New ids whose meaning changed: an answer given to the older version does not carry over, the question shows as unanswered.",
      ),
    added: z.array(questionId).default([]).describe("New ids with no predecessor: unanswered after the mapping."),
    values: z
      .record(questionId, z.record(slug, slug))
      .default({})
      .describe("New id -> { old answer value: new answer value } for answer options that were renamed."),
  })
  .superRefine((m, ctx) => {
    if (m.from === m.to) ctx.addIssue({ code: "custom", path: ["to"], message: `must differ from from (${m.from})` });
    const seen = new Map<string, string>();
    const claim = (id: string, where: string, path: PropertyKey[]) => {
      const first = seen.get(id);
      if (first)
        ctx.addIssue({
          code: "custom",
          path: [...path],
          message: `${id} is already listed under ${first}; an old id maps one way only`,
        });
      else seen.set(id, where);
    };
    for (const id of Object.keys(m.renamed)) claim(id, "renamed", ["renamed", id]);
    for (const id of Object.keys(m.split)) claim(id, "split", ["split", id]);
    m.removed.forEach((id, i) => claim(id, "removed", ["removed", i]));
    const targets = new Map<string, string>();
    const target = (id: string, source: string, path: PropertyKey[]) => {
      const first = targets.get(id);
      // zod prefixes an issue's path in place: every issue gets its own copy.
      if (first)
        ctx.addIssue({
          code: "custom",
          path: [...path],
          message: `${id} is the successor of both ${first} and ${source}; merges are not supported`,
        });
      else targets.set(id, source);
      if (m.added.includes(id))
        ctx.addIssue({
          code: "custom",
          path: [...path],
          message: `${id} is listed as added, so it cannot also succeed ${source}`,
        });
    };
    for (const [from, to] of Object.entries(m.renamed)) target(to, from, ["renamed", from]);
    for (const [from, to] of Object.entries(m.split)) to.forEach((id, i) => target(id, from, ["split", from, i]));
  });

export const mappingFile = z
  .strictObject({
    $schema: z.string().optional(),
    questionnaire: slug.describe("The questionnaire id these mappings belong to."),
    mappings: z.array(versionMapping).default([]),
  })
  .superRefine((file, ctx) => {
    const from = new Map<string, number>();
    file.mappings.forEach((m, i) => {
      if (from.has(m.from))
        ctx.addIssue({
          code: "custom",
          path: ["mappings", i, "from"],
          message: `a mapping from ${m.from} is already given (mappings[${from.get(m.from)}])`,
        });
      else from.set(m.from, i);
    });
  });

/**
 * The controls of public frameworks that questions may cite. A question's (or domain's) framework reference covers
 * a control when it equals one of the control's `match` prefixes (default: its `ref`) or continues it after a
 * non-alphanumeric character: "EU AI Act Art. 14(4)(e)" covers "EU AI Act Art. 14", "OWASP LLM06:2025" covers
 * "OWASP LLM06", but "EU AI Act Art. 1" does not cover "EU AI Act Art. 14".
 */
export const frameworkControl = z.strictObject({
  ref: text(120).describe("How questions cite the control, e.g. 'NIST AI RMF MANAGE 2.4'."),
  title: text(200),
  match: z.array(text(120)).min(1).optional().describe("Reference prefixes that cover the control; default: the ref."),
});

export const framework = z.strictObject({
  id: slug,
  title: text(200),
  source: text(300).optional().describe("Where the framework is published."),
  controls: z.array(frameworkControl).min(1),
});

export const frameworkCatalogue = z
  .strictObject({
    $schema: z.string().optional(),
    frameworks: z.array(framework).min(1),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    const refs = new Set<string>();
    c.frameworks.forEach((f, i) => {
      if (ids.has(f.id))
        ctx.addIssue({ code: "custom", path: ["frameworks", i, "id"], message: `framework ${f.id} is listed twice` });
      ids.add(f.id);
      f.controls.forEach((control, j) => {
        if (refs.has(control.ref))
          ctx.addIssue({
            code: "custom",
            path: ["frameworks", i, "controls", j, "ref"],
            message: `control ${control.ref} is listed twice`,
          });
        refs.add(control.ref);
      });
    });
  });

export type VersionMapping = z.infer<typeof versionMapping>;
export type MappingFile = z.infer<typeof mappingFile>;
export type FrameworkControl = z.infer<typeof frameworkControl>;
export type Framework = z.infer<typeof framework>;
export type FrameworkCatalogue = z.infer<typeof frameworkCatalogue>;
