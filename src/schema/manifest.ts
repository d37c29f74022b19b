import { z } from "zod";
import { KINDS, PAPERS } from "./documents.js";

/**
 * The sidecar manifest written next to every PDF (`<name>.pdf.manifest.json`) and embedded in it: what the report
 * was computed from and the digests that let `caution verify` prove, years later, that nothing changed.
 */
export const MANIFEST_SCHEMA_VERSION = "1.0.0";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in lower-case hex");

export const manifest = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  tool: z.object({ name: z.literal("caution"), version: z.string() }),
  reportId: z.string().describe("Stable id of the report: derived from the result digest and the kind."),
  kind: z.enum(KINDS),
  vendor: z.string().nullable().describe("The vendor id of a vendor report."),
  paper: z.enum(PAPERS),
  generatedAt: z.string(),
  asOf: z.string(),
  questionnaire: z.object({ id: z.string(), version: z.string() }),
  thresholds: z.object({ moderate: z.number(), high: z.number(), critical: z.number() }),
  domainWeights: z.record(z.string(), z.number()),
  inputs: z.array(z.object({ path: z.string(), sha256, bytes: z.number().int() })),
  result: z.object({ file: z.string().describe("Name of the JSON result attached to the PDF."), sha256 }),
  pdf: z
    .object({ file: z.string(), sha256, bytes: z.number().int() })
    .describe("Digest of the PDF as written; absent from the copy embedded in the PDF itself."),
});

/** The manifest as embedded in the PDF: everything but the PDF's own digest, which cannot be known inside it. */
export const embeddedManifest = manifest.omit({ pdf: true });

export type Manifest = z.infer<typeof manifest>;
export type EmbeddedManifest = z.infer<typeof embeddedManifest>;
