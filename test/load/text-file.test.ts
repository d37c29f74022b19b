import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_YAML_BYTES, readTextFile } from "../../src/load/text-file.js";
import { tempDir, writeIn } from "../validate/workspace-fixture.js";

async function read(content: string | Uint8Array, maxBytes = MAX_YAML_BYTES) {
  const dir = await tempDir();
  return readTextFile(await writeIn(dir, "input.yaml", content), "shown/input.yaml", maxBytes);
}

const failure = (message: string) => ({ ok: false, issue: { file: "shown/input.yaml", message } });

describe("readTextFile", () => {
  it("returns the text and the raw bytes of a UTF-8 file", async () => {
    const result = await read("id: café\n");
    expect(result).toEqual({ ok: true, text: "id: café\n", bytes: Buffer.from("id: café\n") });
  });

  it("drops a UTF-8 byte-order mark from the text but keeps it in the bytes", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("id: x\n")]);
    const result = await read(bytes);
    expect(result).toEqual({ ok: true, text: "id: x\n", bytes });
  });

  it("refuses an empty file", async () => {
    expect(await read("")).toEqual(failure("file is empty"));
  });

  it("refuses UTF-16 little-endian (BOM FF FE)", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id: x\n", "utf16le")]);
    expect(await read(bytes)).toEqual(failure("file is UTF-16 encoded; save it as UTF-8"));
  });

  it("refuses UTF-16 big-endian (BOM FE FF)", async () => {
    const le = Buffer.from("id: x\n", "utf16le");
    const be = Buffer.from(le).swap16();
    expect(await read(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual(
      failure("file is UTF-16 encoded; save it as UTF-8"),
    );
  });

  it("refuses a binary file with NUL bytes", async () => {
    expect(await read(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]))).toEqual(
      failure("file contains NUL bytes: it is binary, not text"),
    );
  });

  it("refuses bytes that are not valid UTF-8 (e.g. Latin-1)", async () => {
    expect(await read(Buffer.from("name: Zürich\n", "latin1"))).toEqual(
      failure("file is not valid UTF-8; save it as UTF-8"),
    );
  });

  it("accepts a file of exactly the limit and refuses one byte more, before reading it", async () => {
    expect(await read("x".repeat(16), 16)).toMatchObject({ ok: true, text: "x".repeat(16) });
    expect(await read("x".repeat(17), 16)).toEqual(failure("file is 17 bytes; the limit is 16 bytes"));
  });

  it("limits YAML files to 2 MiB", () => {
    expect(MAX_YAML_BYTES).toBe(2_097_152);
  });

  it("reports a missing file as not found", async () => {
    const dir = await tempDir();
    expect(await readTextFile(join(dir, "nope.yaml"), "shown/input.yaml", MAX_YAML_BYTES)).toEqual(
      failure("file not found"),
    );
  });

  // BUG (src/load/text-file.ts): stat() succeeds on a folder, then readFile() throws EISDIR outside any try/catch,
  // so e.g. a folder named caution.yaml crashes the run instead of becoming an input error.
  it("reports a folder as an input issue instead of throwing", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "caution.yaml"));
    expect(await readTextFile(join(dir, "caution.yaml"), "shown/input.yaml", MAX_YAML_BYTES)).toEqual(
      failure("is a folder, not a file"),
    );
  });
});
