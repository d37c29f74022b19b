import { createServer, type Server } from "node:http";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "../../src/render/pdf/browser-session.js";
import { findBrowser } from "../../src/render/pdf/find-browser.js";
import { tempDir, tool } from "../support/cli.js";

/**
 * Defence in depth below the templates: even if markup got through escaping, the page that prints the PDF runs no
 * JavaScript and every request it makes is aborted. A listener on 127.0.0.1 proves nothing reached the network.
 * (A <meta refresh> is kept out by escaping, tested in hostile-input.test.ts: an aborted navigation would blank
 * the page, so it is not part of this document.)
 */
describe("the PDF page has no network and no file access", () => {
  let server: Server;
  let hits: string[];
  let base: string;
  let secretFile: string;

  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("LEAKED-FROM-SERVER");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no address");
    base = `http://127.0.0.1:${address.port}`;
    secretFile = join(tempDir(), "secret.txt");
    writeFileSync(secretFile, "LEAKED-FROM-FILE");
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("aborts images, iframes, stylesheets, CSS url(), scripts, refreshes and links", async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
      <link rel="stylesheet" href="${base}/style.css">
      <style>body { background: url(${base}/bg.png); } @import url(${base}/import.css);</style>
      <script src="${base}/script.js"></script>
      <script>fetch("${base}/fetch"); document.write("SCRIPT-RAN");</script>
      </head><body><p>visible text</p>
      <img src="${base}/img.png"><img src="file://${secretFile}">
      <iframe src="${base}/frame"></iframe><iframe src="file://${secretFile}"></iframe>
      <object data="${base}/object"></object><embed src="${base}/embed">
      <video src="${base}/video.mp4"></video><audio src="${base}/audio.mp3"></audio>
      <a href="javascript:fetch('${base}/js-link')">js</a>
      <div style="background-image: url('${base}/inline.png')">x</div>
      </body></html>`;
    const session = await BrowserSession.launch(await findBrowser());
    let pdf: Uint8Array;
    try {
      pdf = await session.pdf(html);
    } finally {
      await session.close();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
    expect(session.blocked.length).toBeGreaterThan(0);
    const out = join(tempDir(), "isolation.pdf");
    writeFileSync(out, pdf);
    const text = tool("pdftotext", [out, "-"]);
    expect(text).toContain("visible text");
    expect(text).not.toContain("LEAKED");
    expect(text).not.toContain("SCRIPT-RAN");
  });
});
