import { readFile } from "node:fs/promises";
import { UsageError } from "../run/errors.js";
import { loadSigner, PASSWORD_VARIABLE, type PdfSigner } from "./sign.js";
import { parseTsaUrl } from "./timestamp.js";

/**
 * `caution report --sign <file.p12> [--tsa <url>]`: reads the PKCS#12 file and the password from
 * CAUTION_SIGN_PASSWORD and returns the signer. Every problem (no PDF to sign, no password, unreadable file, wrong
 * password, a --tsa that is not an http(s) URL) is a UsageError, raised before the browser prints anything, so no
 * PDF is ever written unsigned or half-signed. A time-stamp authority that fails later ends the run (exit 3)
 * before anything is written.
 */
export async function signerFromFile(
  file: string,
  formats: readonly string[],
  tsa?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PdfSigner> {
  const tsaUrl = tsa === undefined ? undefined : parseTsaUrl(tsa);
  if (!formats.includes("pdf")) throw new UsageError(`--sign ${file}: there is no PDF to sign (--format has no pdf)`);
  const password = env[PASSWORD_VARIABLE];
  if (password === undefined)
    throw new UsageError(`--sign ${file}: set ${PASSWORD_VARIABLE} to the password of the PKCS#12 file`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : (err as Error).message;
    throw new UsageError(`--sign ${file}: cannot read it: ${why}`);
  }
  return loadSigner(bytes, password, file, tsaUrl ? { tsa: tsaUrl } : {});
}
