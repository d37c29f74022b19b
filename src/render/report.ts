import type { AssessmentDiff } from "../schema/diff.js";
import type { Result } from "../schema/result.js";
import { resultJson } from "../schema/result-json.js";
import type { Resources } from "../run/resources.js";
import type { Progress } from "../run/run.js";
import type { OutputFile } from "../write/atomic.js";
import { buildEmbeddedManifest, serializeManifest, withPdf } from "../archive/manifest.js";
import { sidecarFileName } from "../archive/names.js";
import type { EmbeddedManifest } from "../schema/manifest.js";
import type { PdfSigner } from "../archive/sign.js";
import { outlinePages } from "./pdf/outline-pages.js";
import {
  documentContext,
  withContentsPages,
  type DocumentContext,
  FORMATS,
  planDocuments,
  type DocumentSpec,
  type Format,
  type Kind,
  type Paper,
} from "./documents.js";
import { renderHtml } from "./html/render-html.js";
import { findBrowser } from "./pdf/find-browser.js";
import { stampPdf } from "./pdf/pdf-metadata.js";
import { inOrder, PdfRenderer } from "./pdf/pdf-renderer.js";
import { inShard, type Shard } from "./shard.js";
import { buildViewModel, type ReportView } from "./view/model.js";

export { FORMATS, type Format };

export const RESULT_FILE = "caution-result.json";

/** Two pages at a time: on two cores that is ~1.4x the throughput of one (performance.md); more only contend. */
const PDF_CONCURRENCY = 2;

export interface RenderOptions {
  formats: readonly Format[];
  kinds: readonly Kind[];
  paper: Paper;
  browser?: string;
  progress: Pick<Progress, "step">;
  /** Aborted on Ctrl-C: the browser is killed at once and rendering stops. */
  signal?: AbortSignal;
  /** The run's resources: a browser started here is closed when the run ends, killed if the process exits first. */
  resources?: Resources;
  /** A browser already starting (startRenderer); renderReport closes it. Without one, it starts its own. */
  renderer?: EarlyRenderer;
  /** Print only this share of the documents (`--shard i/n`); the result is still the whole workspace's. */
  shard?: Shard;
  /** Signs every PDF (`--sign`): loaded and checked before anything is printed (archive/sign.ts loadSigner). */
  signer?: PdfSigner;
  /** What changed since an earlier result (`--since`): computed before rendering, printed as its own section. */
  since?: AssessmentDiff;
}

/** A browser being started before it is needed. */
export interface EarlyRenderer {
  /** Marked handled: a browser that cannot start is reported when the PDFs are due, after any error in the input. */
  ready: Promise<PdfRenderer>;
  /** Closes it, or stops it starting; waits at most CANCEL_WAIT_MS for a launch that hangs. */
  cancel(): Promise<void>;
}

/**
 * How long a cancelled launch may take to finish so its browser can be closed properly. Past that it is aborted
 * and left (PdfRenderer.start kills a browser whose start was aborted): bad input must not wait for a browser
 * that hangs. Should the process exit first, Puppeteer kills the browser and caution removes its profile.
 */
const CANCEL_WAIT_MS = 2_000;

/**
 * Finds and launches the browser for the PDFs. `caution report` calls it before scoring, so the browser starts
 * while the workspace is read (launching costs as much as scoring a small workspace).
 */
export function startRenderer(
  options: Pick<RenderOptions, "browser" | "signal" | "progress" | "resources">,
): EarlyRenderer {
  // Its own abort signal, so that cancelling stops the start; Ctrl-C (options.signal) aborts it too.
  const controller = new AbortController();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const ready = (async () => {
    const choice = await findBrowser(options.browser);
    return PdfRenderer.start(choice, {
      onRelaunch: (reason) => options.progress.step(`the browser failed (${reason}); relaunching it once`),
      signal: controller.signal,
      ...(options.resources ? { resources: options.resources } : {}),
    });
  })();
  ready.catch(() => undefined);
  const early: EarlyRenderer = {
    ready,
    async cancel() {
      // A launch about to finish is let finish and closed properly; one that hangs is aborted and not waited for.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">(
        (resolve) => (timer = setTimeout(() => resolve("timeout"), CANCEL_WAIT_MS)),
      );
      const outcome = await Promise.race([ready.catch(() => undefined), timedOut]);
      clearTimeout(timer);
      if (outcome === "timeout") controller.abort();
      else await outcome?.close();
    },
  };
  // Bad input, an error or an interrupt end the run before the PDFs: the browser goes with it.
  options.resources?.defer(() => discardRenderer(early));
  return early;
}

/** Closes a browser started early when it is not needed after all (bad input, no PDF to print). */
export async function discardRenderer(renderer: EarlyRenderer | undefined): Promise<void> {
  try {
    await renderer?.cancel();
  } catch {
    // Closing failed: the exit hook kills what is left (killAllBrowsers).
  }
}

export interface RenderedDocument {
  spec: DocumentSpec;
  /** The manifest the PDF carries; its report id is printed on every page, of the PDF and of the HTML. */
  embedded: EmbeddedManifest;
  html: string;
  /** What the HTML was made from: a document with contents is made again once its pages are known. */
  context: DocumentContext;
}

/**
 * The HTML of every requested document, exactly as written to disk and as printed to PDF (the full report's PDF
 * adds the page numbers of its contents, known only once printed).
 */
export function renderDocuments(
  result: Result,
  kinds: readonly Kind[],
  paper: Paper,
  json = resultJson(result),
  view = buildViewModel(result),
): RenderedDocument[] {
  return planDocuments(result, kinds).map((spec) => {
    const embedded = buildEmbeddedManifest({ result, resultJson: json, kind: spec.kind, vendor: spec.vendorId, paper });
    const context = documentContext(view, spec, paper, embedded.reportId);
    return { spec, embedded, html: renderHtml(context), context };
  });
}

/**
 * Renders every requested document and format in memory, with one browser for all PDFs. Nothing touches the disk
 * here, so a failure in a late PDF cannot leave this run's early files next to an older report.
 */
export async function renderReport(result: Result, options: RenderOptions): Promise<OutputFile[]> {
  let json: string;
  let view: ReportView;
  let docs: RenderedDocument[];
  try {
    json = resultJson(result);
    view = buildViewModel(result, options.since);
    docs = renderDocuments(result, options.kinds, options.paper, json, view).filter((d) =>
      inShard(d.spec.name, options.shard),
    );
  } catch (err) {
    await discardRenderer(options.renderer);
    throw err;
  }
  const out: OutputFile[] = [];
  const htmlOut = () => {
    if (options.formats.includes("html")) for (const d of docs) out.push({ name: `${d.spec.name}.html`, data: d.html });
  };
  if (!options.formats.includes("pdf") || docs.length === 0) {
    htmlOut();
    await discardRenderer(options.renderer);
  }
  if (options.formats.includes("pdf") && docs.length > 0) {
    const renderer = await (options.renderer ?? startRenderer(options)).ready;
    options.progress.step(
      `printing ${docs.length} PDF${docs.length === 1 ? "" : "s"} with ${renderer.choice.path} (${renderer.choice.source})`,
    );
    try {
      let done = 0;
      const pdfs = await inOrder(docs.length, PDF_CONCURRENCY, async (i, slot) => {
        const { spec, embedded } = docs[i]!;
        const id = embedded.reportId;
        let raw = await renderer.render(docs[i]!.html, { paper: options.paper }, slot);
        if (docs[i]!.context.contents.length > 0) {
          // Two passes: the first print says (in its outline) on which page each section landed; the contents
          // are filled in and the document printed again. Page numbers take no more room than the blanks they
          // replace, so nothing moves between the passes. The HTML file keeps its contents as links without
          // numbers (a screen has no pages), so it is the same whether or not a PDF is printed.
          const context = { ...docs[i]!.context };
          context.contents = withContentsPages(context.contents, await outlinePages(raw));
          raw = await renderer.render(renderHtml(context), { paper: options.paper }, slot);
        }
        const stamped = await stampPdf(
          raw,
          {
            title: `${spec.title}: ${view.organisation}, as of ${view.asOf}`,
            author: view.organisation,
            subject: `AI-agent outage risk (${spec.kind}${spec.vendorId ? `: ${spec.vendorId}` : ""}) from questionnaire ${result.methodology.questionnaire.version}; report ${id}`,
            keywords: [
              "caution",
              "AI agent",
              "cloud",
              "outage risk",
              "SLA",
              `report ${id}`,
              ...result.vendors.filter((v) => !spec.vendorId || v.id === spec.vendorId).map((v) => v.name),
            ],
            creator: `caution ${result.tool.version}`,
            date: new Date(result.generatedAt),
          },
          { resultJson: json, manifestJson: serializeManifest(embedded), reportId: id },
          options.signer ? { signatureBytes: options.signer.reservedBytes } : {},
        );
        const pdf = options.signer ? await options.signer.sign(stamped) : stamped.bytes;
        done += 1;
        options.progress.step(`printed ${done}/${docs.length}: ${spec.name}.pdf`);
        return { pdf, embedded };
      });
      htmlOut();
      docs.forEach((d, i) => {
        const { pdf, embedded } = pdfs[i]!;
        const name = `${d.spec.name}.pdf`;
        out.push({ name, data: pdf });
        out.push({ name: sidecarFileName(name), data: serializeManifest(withPdf(embedded, name, pdf)) });
      });
    } finally {
      await renderer.close();
    }
  }
  if (options.formats.includes("json") && inShard(RESULT_FILE, options.shard))
    out.push({ name: RESULT_FILE, data: json });
  return out;
}
