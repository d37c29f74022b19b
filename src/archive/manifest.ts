import { createHash, type Hash } from "node:crypto";
import { basename } from "node:path";
import {
  embeddedManifest,
  manifest,
  MANIFEST_SCHEMA_VERSION,
  type EmbeddedManifest,
  type Manifest,
} from "../schema/manifest.js";
import type { Result } from "../schema/result.js";
import { sha256Hex } from "../load/digest.js";
import { RESULT_ATTACHMENT } from "./names.js";

export type ReportKind = Manifest["kind"];
export type Paper = Manifest["paper"];

export interface ManifestArgs {
  result: Result;
  /** The result exactly as serialised for the report and the attachment (`resultJson(result)`). */
  resultJson: string;
  kind: ReportKind;
  /** The vendor id of a `vendor` report; null or absent otherwise. */
  vendor?: string | null;
  paper: Paper;
}

export interface SidecarArgs extends ManifestArgs {
  /** The PDF's file name (a path is reduced to its base name, so manifests repeat across machines). */
  pdfFile: string;
  /** The final PDF bytes, as written. */
  pdfBytes: Uint8Array;
}

/**
 * SHA-256 state after the result's bytes. A batch hashes the same result (megabytes for many providers) for every
 * PDF's manifest, report id and document ID: it is hashed once and the state copied.
 */
let lastResult: { json: string; hash: Hash } | undefined;
function afterResult(resultJson: string): Hash {
  if (lastResult?.json !== resultJson) lastResult = { json: resultJson, hash: createHash("sha256").update(resultJson) };
  return lastResult.hash.copy();
}

/** SHA-256 of the result JSON, as the manifest records it. */
export function resultDigest(resultJson: string): string {
  return afterResult(resultJson).digest("hex");
}

/**
 * First 16 hex digits of SHA-256(resultJson + kind + (vendor ?? "") + paper): the same report always has the same id.
 */
export function computeReportId(
  resultJson: string,
  kind: ReportKind,
  vendor: string | null | undefined,
  paper: Paper,
): string {
  return afterResult(resultJson)
    .update(`${kind}${vendor ?? ""}${paper}`)
    .digest("hex")
    .slice(0, 16);
}

/** The manifest embedded in the PDF: everything but the PDF's own digest. */
export function buildEmbeddedManifest(args: ManifestArgs): EmbeddedManifest {
  const { result, resultJson, kind, paper } = args;
  const vendor = args.vendor ?? null;
  if (kind === "vendor" && vendor === null)
    throw new Error("buildEmbeddedManifest: a vendor report needs its vendor id");
  if (vendor !== null && !result.vendors.some((v) => v.id === vendor))
    throw new Error(`buildEmbeddedManifest: vendor "${vendor}" is not in the result`);
  const m = result.methodology;
  return embeddedManifest.parse({
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    reportId: computeReportId(resultJson, kind, vendor, paper),
    kind,
    vendor,
    paper,
    generatedAt: result.generatedAt,
    asOf: result.workspace.asOf,
    questionnaire: { id: m.questionnaire.id, version: m.questionnaire.version },
    thresholds: { moderate: m.thresholds.moderate, high: m.thresholds.high, critical: m.thresholds.critical },
    domainWeights: Object.fromEntries(m.domainWeights.map((d) => [d.id, d.weight])),
    inputs: result.inputs.map((i) => ({ path: i.path, sha256: i.sha256, bytes: i.bytes })),
    result: { file: RESULT_ATTACHMENT, sha256: resultDigest(resultJson) },
  });
}

/** The sidecar manifest: the embedded manifest plus the digest of the final PDF. */
export function buildManifest(args: SidecarArgs): Manifest {
  return withPdf(buildEmbeddedManifest(args), args.pdfFile, args.pdfBytes);
}

/** Adds the PDF's digest to an embedded manifest (when the caller already built one for the attachment). */
export function withPdf(embedded: EmbeddedManifest, pdfFile: string, pdfBytes: Uint8Array): Manifest {
  return manifest.parse({
    ...embedded,
    pdf: { file: basename(pdfFile), sha256: sha256Hex(pdfBytes), bytes: pdfBytes.length },
  });
}

/**
 * Stable serialisation: keys in the schema's order (zod rebuilds the object in shape order), 2-space indent,
 * trailing newline. The same manifest always gives the same bytes.
 */
export function serializeManifest(m: Manifest | EmbeddedManifest): string {
  const ordered = "pdf" in m ? manifest.parse(m) : embeddedManifest.parse(m);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
