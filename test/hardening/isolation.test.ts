import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "../../src/render/pdf/browser-session.js";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import { caution, tempDir, tool } from "../support/cli.js";
import { CliProcess, demoCopy, escapeRegExp, listen, snapshot, type Listener } from "./support.js";
import { editIncident, editYaml } from "./workspace-edit.js";

/**
 * security.md end to end: vendor-supplied text full of markup that would fetch from the network or read local
 * files goes through a real workspace and the real `caution report`; a listener on 127.0.0.1 proves nothing left
 * the page, and the PDF's text proves no local file was read into it.
 */
const SECRET_CONTENT = "CAUTION-LOCAL-SECRET-4b1d9e";

describe("hostile vendor text through `caution report --format html,pdf`", () => {
  let listener: Listener;
  let secret: string;
  let ws: string;
  let out: string;
  let run: CliProcess;
  let htmlFiles: string[];

  /**
   * Everything markup can do to reach out, pointed at the listener (tagged so a hit says where it came from) and at
   * the secret file.
   */
  const payload = (tag: string) =>
    [
      `<iframe src="${listener.base}/${tag}-iframe"></iframe><iframe src="file://${secret}"></iframe>`,
      `<img src="${listener.base}/${tag}-img"><img src="file://${secret}">`,
      `<div style="background:url(${listener.base}/${tag}-css)">x</div>`,
      `<style>@import url(${listener.base}/${tag}-import); body { background: url(file://${secret}) }</style>`,
      `<link rel="stylesheet" href="${listener.base}/${tag}-link">`,
      `<script src="${listener.base}/${tag}-script"></script><script>fetch("${listener.base}/${tag}-fetch")</script>`,
      `<meta http-equiv="refresh" content="0;url=${listener.base}/${tag}-refresh">`,
      `<a href="javascript:fetch('${listener.base}/${tag}-js')">js</a><a href="file://${secret}">file</a>`,
      `<object data="file://${secret}"></object><embed src="${listener.base}/${tag}-embed">`,
      `<svg onload="fetch('${listener.base}/${tag}-svg')"></svg>`,
    ].join(" ");

  beforeAll(async () => {
    listener = await listen();
    secret = join(tempDir("caution-secret-"), "secret.txt");
    writeFileSync(secret, `${SECRET_CONTENT}\n`);
    const short = (tag: string) => `<img src="${listener.base}/${tag}-img"><iframe src="file://${secret}"></iframe>`;
    ws = demoCopy((d) => {
      editYaml(join(d, "caution.yaml"), [
        [["organisation"], `Nordhafen <script>fetch("${listener.base}/org")</script>`],
        [
          ["scenarios"],
          [{ id: "ai-agent-13h", title: short("scenario"), hours: 13, cause: "ai-agent", impact: "critical" }],
        ],
      ]);
      editYaml(join(d, "vendors", "cirrane.yaml"), [
        // Bidi override and control characters too: they must be stripped, not just escaped.
        [["name"], `Cirrane\u202Egnp.exe\u0007 ${short("name")}`],
        [
          ["contact"],
          `<meta http-equiv="refresh" content="0;url=${listener.base}/contact-refresh"><a href="javascript:fetch('${listener.base}/contact-js')">x</a>`,
        ],
        [["answers", "DEL-02", "comment"], payload("comment")],
        [["answers", "DEL-01", "evidence", 0, "document"], short("evidence")],
        // A valid https URL that points at the listener: a link may be printed, never followed.
        [["answers", "DEL-01", "evidence", 0, "url"], `https://127.0.0.1:${listener.port}/evidence-url`],
        [["sla", "source", "document"], short("sla-document")],
        [["sla", "source", "url"], `https://127.0.0.1:${listener.port}/sla?"><iframe src="file://${secret}"></iframe>`],
      ]);
      editIncident(d, "cirrane", 1, {
        title: payload("incident").slice(0, 480),
        source_url: `https://127.0.0.1:${listener.port}/src?"><iframe src="${listener.base}/src-iframe"></iframe><img src="file://${secret}">`,
      });
    });
    out = join(tempDir(), "out");
    // Asynchronously: the listener must be able to answer while the CLI runs.
    run = await new CliProcess(["report", ws, "--out", out, "--format", "html,pdf"]).done();
    htmlFiles = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".html")) : [];
    // Anything the browser might still send after the run would arrive now.
    await new Promise((r) => setTimeout(r, 300));
  });

  afterAll(async () => {
    await listener?.close();
  });

  it("renders every kind", () => {
    expect(run.stderr).toContain("wrote");
    expect(run.code).toBe(0);
    expect(htmlFiles).toHaveLength(6);
    expect(readdirSync(out).filter((f) => f.endsWith(".pdf"))).toHaveLength(6);
  });

  it("sends nothing to the network: the listener saw no connection at all", () => {
    expect(listener.requests).toEqual([]);
    expect(listener.connections).toBe(0);
  });

  it("reads no local file: the secret is in no PDF's text and no HTML", () => {
    for (const f of readdirSync(out).filter((n) => n.endsWith(".pdf"))) {
      const text = tool("pdftotext", [join(out, f), "-"]);
      expect(text, f).not.toContain(SECRET_CONTENT);
      expect(text, f).not.toContain("LEAKED-FROM-SERVER");
    }
    for (const f of htmlFiles) expect(readFileSync(join(out, f), "utf8"), f).not.toContain(SECRET_CONTENT);
  });

  it("prints the markup as text: the reader sees it, nothing runs", () => {
    const text = tool("pdftotext", [join(out, "caution-report.pdf"), "-"]).replace(/\s+/g, " ");
    expect(text).toContain("<script>fetch(");
    expect(text).toContain(`<img src="${listener.base}/name-img">`);
    // The organisation also goes into Chromium's running header, which is HTML of its own.
    expect(text).toContain("Nordhafen <script>");
  });

  it("keeps all input markup escaped in the HTML: no element, handler or link from input survives", () => {
    for (const f of htmlFiles) {
      const html = readFileSync(join(out, f), "utf8");
      for (const tag of ["script", "iframe", "img", "object", "embed", "link", 'meta http-equiv="refresh"']) {
        expect(html, `${f}: <${tag}`).not.toMatch(new RegExp(`<${tag}[\\s>]`, "i"));
      }
      expect(html, f).not.toMatch(/\son(load|error|click|mouseover)\s*=/i);
      expect(html, f).not.toMatch(/href="(javascript|file|data|http):/i);
      // CSS (style elements and attributes) may only refer inside the document (SVG patterns, url(#id)).
      const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi), ...html.matchAll(/\sstyle="([^"]*)"/gi)]
        .map((m) => m[1])
        .join("\n");
      expect(css, f).not.toMatch(/url\((?!#)/i);
      expect(html.match(/<style[\s>]/gi), `${f}: one style element, the template's`).toHaveLength(1);
      for (const ch of ["\u202a", "\u202e", "\u2066", "\u2069", "\u0007"])
        expect(html.includes(ch), `${f}: U+${ch.charCodeAt(0).toString(16)}`).toBe(false);
      expect(html, f).toContain(
        `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`,
      );
    }
    const full = readFileSync(join(out, "caution-report.html"), "utf8");
    expect(full).toContain("&lt;iframe src&#x3D;&quot;file://");
    expect(full).toContain("Cirranegnp.exe");
    // An https link to the listener may be printed as a link, encoded so it cannot break out of its attribute.
    expect(full).toMatch(new RegExp(`href="https://127\\.0\\.0\\.1:${listener.port}/src\\?%22%3E%3Ciframe`));
  });

  it("makes the report pages request nothing at all (not even requests that would be refused)", async () => {
    const session = await BrowserSession.launch(await findBrowser());
    try {
      for (const f of htmlFiles) await session.pdf(readFileSync(join(out, f), "utf8"));
    } finally {
      await session.close();
    }
    expect(session.blocked).toEqual([]);
  });

  it("refuses javascript: and file: URLs in the input with file, row or line, and field (exit 2, nothing written)", () => {
    const bad = demoCopy((d) => {
      editIncident(d, "cirrane", 0, { source_url: `javascript:fetch('${listener.base}/js')` });
      editIncident(d, "cirrane", 2, { source_url: `file://${secret}` });
      editYaml(join(d, "vendors", "cirrane.yaml"), [[["answers", "DEL-01", "evidence", 0, "url"], `file://${secret}`]]);
    });
    const dest = join(tempDir(), "out");
    const r = caution(["report", bad, "--out", dest, "--format", "html,pdf", "-q"]);
    expect(r.code).toBe(2);
    const csv = escapeRegExp(join(bad, "incidents", "cirrane.csv"));
    expect(r.stderr).toMatch(new RegExp(`${csv} row 2: source_url: .*must be an https:// URL`));
    expect(r.stderr).toMatch(new RegExp(`${csv} row 4: source_url: .*must be an https:// URL`));
    expect(r.stderr).toMatch(
      new RegExp(
        `${escapeRegExp(join(bad, "vendors", "cirrane.yaml"))} line \\d+: answers\\.DEL-01\\.evidence\\[0\\]\\.url: .*https`,
      ),
    );
    expect(r.stderr).toContain("nothing was written");
    expect(snapshot(dest)).toEqual({});
    expect(listener.connections).toBe(0);
  });
});
