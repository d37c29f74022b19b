import { describe, expect, it } from "vitest";
import { describeFsError } from "../../src/common/fs-errors.js";

const errno = (code: string) => Object.assign(new Error(`${code}: boom`), { code });

describe("describeFsError: one wording for reading and writing", () => {
  it.each([
    ["ENOENT", "file not found"],
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EISDIR", "is a folder, not a file"],
    ["ENOTDIR", "a file stands where a folder is needed"],
    ["EEXIST", "a file stands where the folder should be"],
    ["ENOSPC", "no space left on the device"],
    ["EDQUOT", "the disk quota is exhausted"],
    ["EROFS", "the file system is read-only"],
  ])("%s -> %s", (code, words) => {
    expect(describeFsError(errno(code))).toBe(words);
  });

  it("says folder where a folder was looked for", () => {
    expect(describeFsError(errno("ENOENT"), "folder")).toBe("folder not found");
  });

  it("falls back to the error's message, or the value itself", () => {
    expect(describeFsError(errno("EMFILE"))).toBe("EMFILE: boom");
    expect(describeFsError("odd")).toBe("odd");
  });
});
