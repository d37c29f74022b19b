/** The documents `caution report` writes: one list of each, for the CLI flags, the renderer and the manifest. */

/** The report kinds: one combined document (`full`), and the three cuts for their readers. */
export const KINDS = ["executive", "vendor", "comparison", "full"] as const;
export type Kind = (typeof KINDS)[number];

/** What `caution report --format` writes: the HTML documents, their PDFs, the JSON result. */
export const FORMATS = ["html", "pdf", "json"] as const;
export type Format = (typeof FORMATS)[number];

export const PAPERS = ["a4", "letter"] as const;
export type Paper = (typeof PAPERS)[number];
