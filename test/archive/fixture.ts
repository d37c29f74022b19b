import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFDocument, PDFName, PDFRawStream, StandardFonts } from "pdf-lib";
import {
  buildEmbeddedManifest,
  serializeManifest,
  withPdf,
  type Paper,
  type ReportKind,
} from "../../src/archive/manifest.js";
import { sidecarFileName } from "../../src/archive/names.js";
import { stampPdf } from "../../src/render/pdf/pdf-metadata.js";
import { renderReport } from "../../src/render/report.js";
import type { PdfSigner } from "../../src/archive/sign.js";
import { assessWorkspace } from "../../src/score/assess.js";
import type { Manifest } from "../../src/schema/manifest.js";
import type { Result } from "../../src/schema/result.js";
import { resultJson } from "../../src/schema/result-json.js";
import { tempDir } from "../support/cli.js";
import { DEMO } from "../support/demo.js";

/** The JSON result as caution serialises it. */
export const serializeResult = (result: Result): string => resultJson(result);

/** A temporary copy of samples/demo, so tests can change inputs. */
export function demoCopy(): string {
  const dir = join(tempDir("caution-archive-ws-"), "ws");
  cpSync(DEMO, dir, { recursive: true });
  return dir;
}

/** The real pipeline on a workspace folder: the Result's inputs are that folder's files. */
export function scoreDir(dir: string): Promise<Result> {
  return assessWorkspace(dir, { step() {} });
}

/** A small one-page PDF made with pdf-lib, with no clock in it. */
export async function simplePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 50, y: 780, size: 14, font });
  page.drawText("Archived report fixture: the content stream below carries this text.", {
    x: 50,
    y: 750,
    size: 10,
    font,
  });
  return doc.save({ useObjectStreams: false });
}

export interface Archived {
  pdf: Uint8Array;
  resultJson: string;
  manifestJson: string;
  sidecar: Manifest;
}

/**
 * What the report step does with a printed PDF: stampPdf (PDF/A metadata, fixed dates, derived ID, the result and
 * the embedded manifest attached), then the sidecar computed from the final bytes.
 */
export async function archive(
  raw: Uint8Array,
  result: Result,
  opts: { kind?: ReportKind; vendor?: string | null; paper?: Paper; pdfFile?: string } = {},
): Promise<Archived> {
  const resultJson = serializeResult(result);
  const embedded = buildEmbeddedManifest({
    result,
    resultJson,
    kind: opts.kind ?? "full",
    vendor: opts.vendor ?? null,
    paper: opts.paper ?? "a4",
  });
  const manifestJson = serializeManifest(embedded);
  const stamped = await stampPdf(
    raw,
    {
      title: `Archive test: ${result.workspace.organisation}`,
      author: result.workspace.organisation,
      subject: "caution archive test",
      keywords: ["caution", "test"],
      creator: `caution ${result.tool.version}`,
      date: new Date(result.generatedAt),
    },
    { resultJson, manifestJson, reportId: embedded.reportId },
  );
  const pdf = stamped.bytes;
  return { pdf, resultJson, manifestJson, sidecar: withPdf(embedded, opts.pdfFile ?? "caution-report.pdf", pdf) };
}

/**
 * A real report as `caution report` writes it (Chromium prints, caution stamps): the PDF, the JSON result, the
 * embedded manifest and the sidecar. Needs the browser (about a second).
 */
export async function renderArchived(
  result: Result,
  kind: "executive" | "full" | "comparison" | "vendor" = "executive",
  signer?: PdfSigner,
): Promise<Archived & { name: string }> {
  const files = await renderReport(result, {
    formats: ["pdf"],
    kinds: [kind],
    paper: "a4",
    progress: { step() {} },
    ...(signer ? { signer } : {}),
  });
  const pdfFile = files.find((f) => f.name.endsWith(".pdf"))!;
  const sidecar = files.find((f) => f.name === sidecarFileName(pdfFile.name))!;
  const pdf = pdfFile.data as Uint8Array;
  const { readArchive } = await import("../../src/archive/attach.js");
  const contents = await readArchive(pdf);
  const decode = (name: string) => new TextDecoder().decode(contents.files.get(name));
  return {
    name: pdfFile.name,
    pdf,
    resultJson: decode("caution-result.json"),
    manifestJson: decode("caution-manifest.json"),
    sidecar: JSON.parse(sidecar.data as string) as Manifest,
  };
}

/** Writes the PDF and its sidecar into a fresh folder; returns the PDF's path. */
export function writeArchive(
  archived: Archived,
  name = "caution-report.pdf",
  dir = tempDir("caution-archive-out-"),
): string {
  const path = join(dir, name);
  writeFileSync(path, archived.pdf);
  writeFileSync(join(dir, sidecarFileName(name)), serializeManifest(archived.sidecar));
  return path;
}

/** Where the first page's (still compressed) content stream sits in the file: [start, end). */
export async function contentStreamRange(pdf: Uint8Array): Promise<[number, number]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const contents = doc.getPage(0).node.get(PDFName.of("Contents"));
  let stream = contents ? doc.context.lookup(contents) : undefined;
  if (stream instanceof PDFArray) stream = stream.lookup(stream.size() - 1);
  if (!(stream instanceof PDFRawStream)) throw new Error("page 0 has no single raw content stream");
  const bytes = stream.getContents();
  const start = Buffer.from(pdf).indexOf(Buffer.from(bytes));
  if (start < 0 || Buffer.from(pdf).indexOf(Buffer.from(bytes), start + 1) >= 0)
    throw new Error("content stream not found exactly once");
  return [start, start + bytes.length];
}

/** A copy with one byte changed (XOR 0x20 keeps most bytes printable). */
export function flipByte(pdf: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(pdf);
  copy[at] = copy[at]! ^ 0x20;
  return copy;
}
