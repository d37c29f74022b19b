import { describe, expect, it } from "vitest";
import { xmlSafeText, xmpDate, xmpPacket } from "../../src/archive/xmp.js";

describe("XMP metadata", () => {
  it("keeps only text XML 1.0 can carry", () => {
    expect(xmlSafeText("a\u0000b\u0007c\td\ne\u001Ff\uFFFEg")).toBe("abc\td\nefg");
    expect(xmlSafeText("lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00")).toBe(
      "lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00",
    );
  });

  it("writes dates as the PDF date's instant, with an explicit offset", () => {
    expect(xmpDate(new Date("2026-11-01T00:00:00Z"))).toBe("2026-11-01T00:00:00+00:00");
  });

  it("escapes markup in every value, so an organisation name cannot break the packet", () => {
    const packet = xmpPacket({
      title: `<x:xmpmeta> & "quotes"`,
      author: "A&B </rdf:li>",
      subject: "s",
      keywords: "k",
      creatorTool: "caution 1.0.0",
      producer: "p",
      date: new Date("2026-11-01T00:00:00Z"),
    });
    expect(packet).toContain(`<rdf:li xml:lang="x-default">&lt;x:xmpmeta&gt; &amp; &quot;quotes&quot;</rdf:li>`);
    expect(packet).toContain("<rdf:li>A&amp;B &lt;/rdf:li&gt;</rdf:li>");
    expect(packet.match(/<x:xmpmeta /g)).toHaveLength(1);
    expect(packet).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>\n/);
    expect(packet).toMatch(/<\?xpacket end="r"\?>\n$/);
    expect(packet).toContain("<pdfaid:part>3</pdfaid:part>");
    expect(packet).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
  });
});
