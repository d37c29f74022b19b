import type { Result } from "../schema/result.js";
import type { OutputFile } from "../write/atomic.js";
import { renderHtml } from "./html/render-html.js";
import { BrowserSession } from "./pdf/browser-session.js";
import { findBrowser } from "./pdf/find-browser.js";
import { stampPdf } from "./pdf/pdf-metadata.js";
import { buildViewModel } from "./view-model.js";

export const FORMATS = ["html", "pdf", "json"] as const;
export type Format = (typeof FORMATS)[number];

export const OUTPUT_NAMES: Record<Format, string> = {
  html: "caution-report.html",
  pdf: "caution-report.pdf",
  json: "caution-result.json",
};

export interface RenderOptions {
  browser?: string;
  step: (message: string) => void;
}

/** The JSON twin of the report: the scoring result exactly as the contract in the README describes it. */
export function resultJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * Renders every requested format in memory; nothing touches the disk here, so a failure in the PDF step cannot
 * leave an HTML file from this run next to an older PDF.
 */
export async function renderReport(result: Result, formats: readonly Format[], options: RenderOptions): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  const view = buildViewModel(result);
  const html = formats.includes("html") || formats.includes("pdf") ? renderHtml(view) : "";
  if (formats.includes("html")) out.push({ name: OUTPUT_NAMES.html, data: html });
  if (formats.includes("pdf")) {
    const choice = findBrowser(options.browser);
    options.step(`rendering PDF with ${choice.path} (${choice.source})`);
    const session = await BrowserSession.launch(choice);
    try {
      const raw = await session.pdf(html, {
        headerTitle: `${view.title}: ${view.organisation}`,
        footerLeft: `caution ${result.tool.version} · as of ${view.asOf}`,
      });
      const pdf = await stampPdf(
        raw,
        {
          title: `${view.title}: ${view.organisation}, as of ${view.asOf}`,
          author: view.organisation,
          subject: `AI-agent permission controls, incident record and rating of ${result.vendors.map((v) => v.name).join(", ")}`,
          keywords: ["caution", "AI agent", "cloud", "outage risk", "SLA", ...result.vendors.map((v) => v.name)],
          creator: `caution ${result.tool.version}`,
          date: new Date(result.generatedAt),
        },
        html,
      );
      out.push({ name: OUTPUT_NAMES.pdf, data: pdf });
    } finally {
      await session.close();
    }
  }
  if (formats.includes("json")) out.push({ name: OUTPUT_NAMES.json, data: resultJson(result) });
  return out;
}
