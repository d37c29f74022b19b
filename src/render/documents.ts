import type { Result } from "../schema/result.js";
import { cleanText } from "./sanitize.js";
import type { ReportView } from "./view/model.js";

import { KINDS, type Kind, type Paper } from "../schema/documents.js";

export { FORMATS, KINDS, PAPERS, type Format, type Kind, type Paper } from "../schema/documents.js";

/** One document to render: which kind, for which vendor, under which file name. */
export interface DocumentSpec {
  kind: Kind;
  vendorId: string | null;
  /** File name without extension. */
  name: string;
  title: string;
  /** Shown in the running header. */
  headerTitle: string;
}

/** What each kind shows; the template reads these flags and nothing else decides what appears. */
export interface DocumentFlags {
  kind: Kind;
  kindTitle: string;
  glance: boolean;
  verdictDetails: boolean;
  executiveSla: boolean;
  /** "Since the last assessment" for every provider up front (executive); the full report has it per provider. */
  sinceSummary: boolean;
  /** The recommendation lists each provider's conditions (the executive summary has them under "Ask next"). */
  conditions: boolean;
  /** The inputs with their digests as a table; the executive summary names them in a sentence to stay on two pages. */
  inputsTable: boolean;
  /** A table of contents with page numbers after the cover (full report). */
  contents: boolean;
  comparison: boolean;
  recommendation: boolean;
  fullMethodology: boolean;
  /**
   * Whether the comparison, each vendor section and the methodology start a page. They do not: a forced break left
   * the page before it a quarter full (issue 14); headings are kept with what follows them instead.
   */
  sectionPageBreaks: boolean;
}

/** The running header and footer of every printed page, as plain text (the template writes them into CSS). */
export interface RunningText {
  header: string;
  footer: string;
}

/** A line of the full report's table of contents; `page` is filled from the printed PDF's outline. */
export interface ContentsEntry {
  title: string;
  anchor: string;
  /** 0 for a section, 1 for a part of one. */
  depth: number;
  page: string;
}

export type DocumentContext = ReportView & {
  doc: DocumentFlags;
  contents: ContentsEntry[];
  pageSize: string;
  documentTitle: string;
  running: RunningText;
};

const KIND_TITLE: Record<Kind, string> = {
  full: "Full report",
  executive: "Executive summary",
  comparison: "Providers compared",
  vendor: "Vendor report",
};

/** The documents for the requested kinds, in a fixed order so output names and progress repeat. */
export function planDocuments(result: Result, kinds: readonly Kind[]): DocumentSpec[] {
  const org = cleanText(result.workspace.organisation);
  const specs: DocumentSpec[] = [];
  for (const kind of KINDS.filter((k) => kinds.includes(k))) {
    if (kind === "vendor") {
      for (const v of result.vendors) {
        const name = cleanText(v.name);
        specs.push({
          kind,
          vendorId: v.id,
          name: `caution-vendor-${v.id}`,
          title: `AI-agent outage risk: ${name}`,
          headerTitle: `${org} · ${name}`,
        });
      }
    } else {
      const name = kind === "full" ? "caution-report" : `caution-${kind}`;
      const title =
        kind === "full" ? "AI-agent outage risk" : `AI-agent outage risk: ${KIND_TITLE[kind].toLowerCase()}`;
      specs.push({ kind, vendorId: null, name, title, headerTitle: `${org} · ${KIND_TITLE[kind]}` });
    }
  }
  return specs;
}

/**
 * What one document shows. `reportId` identifies it in the running footer, on every page of the PDF and of the
 * HTML when a browser prints it (see archive/manifest computeReportId).
 */
export function documentContext(view: ReportView, spec: DocumentSpec, paper: Paper, reportId: string): DocumentContext {
  const k = spec.kind;
  return {
    ...view,
    title: spec.title,
    documentTitle: `${spec.title}: ${view.organisation}, as of ${view.asOf}`,
    running: {
      header: spec.headerTitle,
      footer: `caution ${view.toolVersion} · as of ${view.asOf} · report ${reportId}`,
    },
    vendors: k === "full" ? view.vendors : k === "vendor" ? view.vendors.filter((v) => v.id === spec.vendorId) : [],
    contents: k === "full" ? fullContents(view) : [],
    pageSize: paper === "letter" ? "letter" : "A4",
    doc: {
      kind: k,
      kindTitle: KIND_TITLE[k],
      glance: k !== "vendor",
      verdictDetails: k === "full" || k === "executive",
      executiveSla: k === "executive" || k === "full",
      sinceSummary: k === "executive",
      conditions: k !== "executive",
      contents: k === "full",
      inputsTable: k !== "executive",
      comparison: k === "full" || k === "comparison",
      recommendation: k === "full" || k === "comparison" || k === "executive",
      // The comparison is for deciding between providers: it carries the short method, the full and vendor reports
      // the whole of it.
      fullMethodology: k === "full" || k === "vendor",
      sectionPageBreaks: false,
    },
  };
}

/**
 * The full report's sections in print order, titled exactly as their headings are (the PDF outline is matched by
 * title to find their pages: see withContentsPages).
 */
function fullContents(view: ReportView): ContentsEntry[] {
  const e = (title: string, anchor: string, depth = 0): ContentsEntry => ({ title, anchor, depth, page: "" });
  return [
    e("Verdict", "verdict"),
    e("What the SLAs would pay", "sla-gap"),
    e("Reasons and next steps", "reasons"),
    e("Providers side by side", "comparison"),
    e("Recommendation", "recommendation", 1),
    e("Contract terms side by side", "contract-terms", 1),
    e("Domain scores", "domain-chart", 1),
    ...view.vendors.map((v) => e(v.name, v.anchor)),
    e("Methodology", "methodology"),
  ];
}

/**
 * The contents with the page each section landed on: the outline entries (title, page) in document order are
 * walked once, each contents line taking the next entry with its title. A title not found keeps an empty page.
 */
export function withContentsPages(
  contents: readonly ContentsEntry[],
  outline: readonly { title: string; page: number | null }[],
): ContentsEntry[] {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  let at = 0;
  return contents.map((c) => {
    const i = outline.findIndex((o, k) => k >= at && norm(o.title) === norm(c.title));
    if (i < 0) return c;
    at = i + 1;
    const page = outline[i]!.page;
    return { ...c, page: page === null ? "" : String(page) };
  });
}
