import { describe, expect, it } from "vitest";
import { tempDir, tool } from "../support/cli.js";
import { libreOfficeConvert } from "./programs.js";
import { exportXlsx, questionnaire } from "./support.js";

/**
 * The blank form as LibreOffice prints it (converted to PDF headless, read back with poppler): landscape pages, the
 * Instructions first, then the questions one page wide at a readable size, the header row on every page, and only
 * the columns a reader needs (question, meanings, answer, help).
 */
describe("questionnaire export: the printed form", () => {
  it("prints landscape, one page wide, with the header row repeated and columns A to E", async () => {
    const q = await questionnaire();
    const pdf = libreOfficeConvert(await exportXlsx(), "pdf", tempDir());
    const info = tool("pdfinfo", ["-l", "100", pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(sizes).toHaveLength(pages);
    for (const [w, h] of sizes) expect(w, "landscape").toBeGreaterThan(h!);
    // 54 questions at a readable size take several pages; shrunk to fit one page they would be unreadable.
    expect(pages).toBeGreaterThanOrEqual(5);

    const text = (page: number) => tool("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"]);
    expect(text(1)).toContain("How to answer");
    expect(text(1)).toContain("Vendor name");
    for (let p = 2; p <= pages; p++) {
      expect(text(p), `page ${p}`).toMatch(/ID\s+Question\s+Allowed answers\s+Answer\s+Help/);
      expect(text(p)).not.toContain("Evidence document");
    }
    const all = Array.from({ length: pages - 1 }, (_, i) => text(i + 2)).join("\n");
    for (const question of q.questions) expect(all).toContain(question.id);
    expect(all).toContain("Don't know (unknown): scores as the worst answer");
  });
});
