import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CURRENT_QUESTIONNAIRE } from "../../src/load/package-files.js";
import { MAX_YAML_BYTES } from "../../src/load/text-file.js";
import { sha256Hex as sha256 } from "../../src/load/digest.js";
import { loadWorkspace, readVendorFile, WORKSPACE_FILE } from "../../src/load/workspace.js";
import { demoWorkspace, vendorYaml } from "../validate/workspace-fixture.js";

describe("loadWorkspace", () => {
  it("reads the demo: caution.yaml, the questionnaire, vendor files and incident files in name order", async () => {
    const ws = await demoWorkspace();
    const loaded = await loadWorkspace(ws.dir);
    expect(loaded.issues).toEqual([]);
    expect(loaded.root).toBe(ws.dir);
    expect(WORKSPACE_FILE).toBe("caution.yaml");
    expect(ws.shown(loaded.workspace?.file ?? "")).toBe("ws/caution.yaml");
    expect(loaded.questionnaire?.file).toBe(CURRENT_QUESTIONNAIRE);
    expect(loaded.vendors.map((v) => [v.expectedId, ws.shown(v.file), v.relative])).toEqual([
      ["altavale", "ws/vendors/altavale.yaml", "vendors/altavale.yaml"],
      ["cirrane", "ws/vendors/cirrane.yaml", "vendors/cirrane.yaml"],
      ["quarrion", "ws/vendors/quarrion.yaml", "vendors/quarrion.yaml"],
    ]);
    expect(loaded.incidentFiles.map((f) => [ws.shown(f.path), ws.shown(f.file), f.relative])).toEqual([
      ["ws/incidents/altavale.csv", "ws/incidents/altavale.csv", "incidents/altavale.csv"],
      ["ws/incidents/cirrane.csv", "ws/incidents/cirrane.csv", "incidents/cirrane.csv"],
      ["ws/incidents/quarrion.csv", "ws/incidents/quarrion.csv", "incidents/quarrion.csv"],
    ]);
  });

  it("records each YAML input it reads with its digest and size, relative to the workspace", async () => {
    const ws = await demoWorkspace();
    const loaded = await loadWorkspace(ws.dir);
    // Vendor files are read, and recorded, as validation reaches them.
    expect(loaded.inputs.map((i) => i.path)).toEqual(["caution.yaml", "questionnaire:caution-v1.yaml"]);
    const bytes = await readFile(join(ws.dir, "caution.yaml"));
    expect(loaded.inputs[0]).toEqual({ path: "caution.yaml", sha256: sha256(bytes), bytes: bytes.length });
  });

  it("accepts .yml vendor files and ignores other files and folders", async () => {
    const ws = await demoWorkspace();
    await ws.remove("vendors/cirrane.yaml");
    await ws.write("vendors/cirrane.yml", vendorYaml("cirrane"));
    await ws.write("vendors/notes.txt", "not a vendor");
    await ws.write("incidents/readme.md", "not incidents");
    const loaded = await loadWorkspace(ws.dir);
    expect(loaded.vendors.map((v) => [v.expectedId, ws.shown(v.file)])).toEqual([
      ["altavale", "ws/vendors/altavale.yaml"],
      ["cirrane", "ws/vendors/cirrane.yml"],
      ["quarrion", "ws/vendors/quarrion.yaml"],
    ]);
    expect(loaded.incidentFiles.map((f) => f.relative)).toEqual([
      "incidents/altavale.csv",
      "incidents/cirrane.csv",
      "incidents/quarrion.csv",
    ]);
    expect(await ws.run()).toEqual([]);
  });

  it("treats missing vendors/ and incidents/ folders as empty", async () => {
    const ws = await demoWorkspace();
    await ws.remove("vendors");
    await ws.remove("incidents");
    const loaded = await loadWorkspace(ws.dir);
    expect(loaded.issues).toEqual([]);
    expect(loaded.vendors).toEqual([]);
    expect(loaded.incidentFiles).toEqual([]);
  });

  it("lists vendor files without reading them; reading one that fails to parse gives its issues, no source", async () => {
    const ws = await demoWorkspace();
    await ws.write("vendors/cirrane.yaml", "id: [\n");
    const loaded = await loadWorkspace(ws.dir);
    expect(loaded.issues).toEqual([]);
    const read = await readVendorFile(loaded.vendors.find((v) => v.expectedId === "cirrane")!);
    expect(read.source).toBeUndefined();
    expect(read.input?.path).toBe("vendors/cirrane.yaml");
    expect(read.issues.map((i) => [ws.shown(i.file), i.line])).toEqual([["ws/vendors/cirrane.yaml", 2]]);
  });
});

/** Each YAML input error, as the user sees it after `caution validate` (load + validate). */
describe("YAML input errors in a workspace", () => {
  const V = "vendors/cirrane.yaml";

  it("reports a syntax error with file and line", async () => {
    const ws = await demoWorkspace();
    await ws.write(
      V,
      vendorYaml("cirrane").replace("    answer: partial\n", "    answer: partial\n   comment: misaligned\n"),
    );
    expect(await ws.run()).toEqual([
      "ws/vendors/cirrane.yaml line 8: YAML syntax error: All mapping items must start at the same column",
    ]);
  });

  it("reports a duplicate key", async () => {
    const ws = await demoWorkspace();
    await ws.write(
      V,
      vendorYaml("cirrane").replace("questionnaireVersion: 1.0.0\n", "questionnaireVersion: 1.0.0\nname: again\n"),
    );
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml line 4: YAML duplicate key: Map keys must be unique"]);
  });

  it("rejects a billion-laughs alias bomb fast", async () => {
    const ws = await demoWorkspace();
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [prev, name] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "e"],
      ["e", "f"],
      ["f", "g"],
      ["g", "h"],
      ["h", "i"],
    ]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    await ws.write(V, `${levels.join("\n")}\n`);
    const start = performance.now();
    expect(await ws.run()).toEqual([
      "ws/vendors/cirrane.yaml line 3: YAML Excessive alias count indicates a resource exhaustion attack (aliases of aliases from this line on)",
    ]);
    expect(performance.now() - start).toBeLessThan(5000);
  }, 10_000);

  it("reports an empty file", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, "");
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml: file is empty"]);
  });

  it("reports a file with only comments", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, "# answers to follow\n");
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml: file holds no YAML document"]);
  });

  it("reports a UTF-16 file (BOM FF FE)", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vendorYaml("cirrane"), "utf16le")]));
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml: file is UTF-16 encoded; save it as UTF-8"]);
  });

  it("reports a binary file with NUL bytes", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml: file contains NUL bytes: it is binary, not text"]);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, `\ufeff${vendorYaml("cirrane")}`);
    await ws.write("caution.yaml", `\ufeff${await ws.read("caution.yaml")}`);
    expect(await ws.run()).toEqual([]);
  });

  it("refuses a file over MAX_YAML_BYTES", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, `${vendorYaml("cirrane")}${"#".repeat(MAX_YAML_BYTES)}\n`);
    const size = Buffer.byteLength(vendorYaml("cirrane")) + MAX_YAML_BYTES + 1;
    expect(await ws.run()).toEqual([`ws/vendors/cirrane.yaml: file is ${size} bytes; the limit is 2097152 bytes`]);
  });

  it("reports a document that is just a scalar", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, "just a string\n");
    expect(await ws.run()).toEqual([
      'ws/vendors/cirrane.yaml line 1: (document): expected object, got "just a string"',
    ]);
  });

  it("reports a document that is a list", async () => {
    const ws = await demoWorkspace();
    await ws.write(V, "- id: cirrane\n");
    expect(await ws.run()).toEqual(["ws/vendors/cirrane.yaml line 1: (document): expected object, got a list"]);
  });
});
