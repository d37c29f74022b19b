import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, posix } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { QUESTIONNAIRE_DIR } from "../load/package-files.js";
import { embeddedManifest, manifest, type EmbeddedManifest, type Manifest } from "../schema/manifest.js";
import { result as resultSchema, type Result } from "../schema/result.js";
import { sha256Hex } from "../load/digest.js";
import { readArchive, type ArchiveContents } from "./attach.js";
import { InflateLimitError } from "./inflate.js";
import { parseJson, readArgumentFile, readOptional, requireDirectory, VerifyArgumentError } from "./verify-io.js";
import { buildEmbeddedManifest, computeReportId } from "./manifest.js";
import { DOCUMENT_CHECK, documentChecks, type SignatureSummary } from "./verify-document.js";
import {
  INFO_REPORT_ID,
  INFO_RESULT_SHA256,
  MANIFEST_ATTACHMENT,
  RESULT_ATTACHMENT,
  sidecarFileName,
} from "./names.js";

export interface VerifyCheck {
  name: string;
  ok: boolean;
  /** Why it failed (empty when it passed). */
  detail: string;
}

export interface VerifyReport {
  pdf: string;
  /** True when every check passed. */
  ok: boolean;
  checks: VerifyCheck[];
  /** The signatures found (empty when the PDF is not signed), with whether each matches the document. */
  signatures: SignatureSummary[];
}

export interface VerifyOptions {
  /** Sidecar manifest; default `<pdf>.manifest.json`. It must exist when given. */
  manifestPath?: string;
  /** A workspace folder: every input the manifest lists is hashed again and compared; extra files are reported. */
  inputsDir?: string;
  /**
   * false skips the sidecar entirely (`--no-sidecar`): the PDF's contents are still checked against themselves,
   * but nothing proves the PDF's own bytes. Default true: a missing default sidecar is a failed check.
   */
  sidecar?: boolean;
}

export { VerifyArgumentError };

/** Names of the checks, in the order they are reported. Per-input checks are `input <path>`. */
export const CHECK = {
  parses: "pdf parses",
  attachments: "attachments present",
  resultVsInfo: "result digest matches document info",
  manifestSchema: "embedded manifest matches schema",
  resultVsManifest: "result digest matches embedded manifest",
  resultSchema: "result matches schema",
  manifestVsResult: "embedded manifest matches result",
  reportId: "report id",
  ...DOCUMENT_CHECK,
  sidecar: "sidecar manifest",
  sidecarVsPdf: "sidecar matches pdf",
  sidecarVsManifest: "sidecar matches embedded manifest",
  inputs: "inputs",
} as const;

export const inputCheckName = (path: string): string => `input ${path}`;

/**
 * Verifies an archived PDF: its attachments against each other and the document information, the sidecar manifest
 * against the PDF's bytes, and (with `inputsDir`) the workspace against the inputs listed. A check whose
 * prerequisite failed (no result attached, say) is left out: the failed prerequisite already fails the report.
 * Throws VerifyArgumentError when an argument cannot be used at all.
 */
export async function verifyPdf(pdfPath: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const useSidecar = options.sidecar !== false;
  if (!useSidecar && options.manifestPath !== undefined)
    throw new VerifyArgumentError("--manifest and --no-sidecar contradict each other");
  const pdfBytes = await readArgumentFile(pdfPath, "PDF");
  const sidecarPath = options.manifestPath ?? sidecarFileName(pdfPath);
  const sidecarBytes = !useSidecar
    ? undefined
    : options.manifestPath !== undefined
      ? await readArgumentFile(options.manifestPath, "manifest")
      : await readOptional(sidecarPath);
  if (options.inputsDir !== undefined) await requireDirectory(options.inputsDir);

  const checks: VerifyCheck[] = [];
  const signatures: SignatureSummary[] = [];
  const pass = (name: string) => checks.push({ name, ok: true, detail: "" });
  const fail = (name: string, detail: string) => checks.push({ name, ok: false, detail });
  const check = (name: string, problems: string[]) =>
    problems.length === 0 ? pass(name) : fail(name, problems.join("; "));

  let archive: ArchiveContents;
  try {
    archive = await readArchive(pdfBytes);
  } catch (err) {
    if (err instanceof InflateLimitError)
      throw new VerifyArgumentError(
        `${pdfPath}: ${err.message}; caution never writes one that large, so the file is refused unread`,
      );
    throw err;
  }
  if (archive.parsed) pass(CHECK.parses);
  else fail(CHECK.parses, `pdf-lib cannot read ${pdfPath}: ${archive.error ?? "unknown error"}`);

  let resultText: string | undefined;
  let parsedResult: Result | undefined;
  let embedded: EmbeddedManifest | undefined;
  if (archive.parsed) {
    check(CHECK.attachments, attachmentProblems(archive));
    const resultBytes = archive.files.get(RESULT_ATTACHMENT);
    const manifestBytes = archive.files.get(MANIFEST_ATTACHMENT);
    const resultDigest = resultBytes ? sha256Hex(resultBytes) : undefined;

    if (resultBytes && resultDigest) {
      const recorded = archive.info[INFO_RESULT_SHA256];
      if (recorded === undefined)
        fail(CHECK.resultVsInfo, `the document information has no ${INFO_RESULT_SHA256} entry`);
      else if (recorded !== resultDigest)
        fail(
          CHECK.resultVsInfo,
          `the attached ${RESULT_ATTACHMENT} has SHA-256 ${resultDigest}, but the document information records ${recorded}: the attached result is not the one this PDF was stamped with (swapped or damaged)`,
        );
      else pass(CHECK.resultVsInfo);
    }

    if (manifestBytes) {
      const parsed = parseJson(manifestBytes, embeddedManifest);
      if (parsed.ok) {
        embedded = parsed.value;
        pass(CHECK.manifestSchema);
      } else fail(CHECK.manifestSchema, `${MANIFEST_ATTACHMENT}: ${parsed.error}`);
    }

    if (resultDigest && embedded) {
      if (embedded.result.sha256 !== resultDigest)
        fail(
          CHECK.resultVsManifest,
          `the attached ${RESULT_ATTACHMENT} has SHA-256 ${resultDigest}, but the embedded manifest records ${embedded.result.sha256}`,
        );
      else pass(CHECK.resultVsManifest);
    }

    if (resultBytes) {
      const parsed = parseJson(resultBytes, resultSchema);
      if (parsed.ok) {
        parsedResult = parsed.value;
        resultText = parsed.text;
        pass(CHECK.resultSchema);
      } else fail(CHECK.resultSchema, `${RESULT_ATTACHMENT}: ${parsed.error}`);
    }

    if (embedded && parsedResult && resultText !== undefined)
      check(CHECK.manifestVsResult, manifestVsResult(embedded, parsedResult, resultText));

    if (embedded && resultText !== undefined) {
      const expected = computeReportId(resultText, embedded.kind, embedded.vendor, embedded.paper);
      const problems: string[] = [];
      if (embedded.reportId !== expected)
        problems.push(`the embedded manifest says ${embedded.reportId}, the attached result gives ${expected}`);
      const recorded = archive.info[INFO_REPORT_ID];
      if (recorded === undefined) problems.push(`the document information has no ${INFO_REPORT_ID} entry`);
      else if (recorded !== expected)
        problems.push(`the document information says ${recorded}, the attached result gives ${expected}`);
      check(CHECK.reportId, problems);
    }

    if (archive.doc) {
      const document = await documentChecks(
        pdfBytes,
        { ...archive, doc: archive.doc },
        embedded,
        parsedResult && resultText !== undefined ? { parsed: parsedResult, text: resultText } : undefined,
      );
      checks.push(...document.checks);
      signatures.push(...document.signatures);
    }
  }

  let sidecar: Manifest | undefined;
  if (useSidecar) {
    if (sidecarBytes === undefined) {
      fail(
        CHECK.sidecar,
        `no sidecar manifest: the PDF's own bytes cannot be checked (looked for ${sidecarPath}; give one with --manifest, or --no-sidecar to check the contents only)`,
      );
    } else {
      const parsed = parseJson(sidecarBytes, manifest);
      if (parsed.ok) {
        sidecar = parsed.value;
        pass(CHECK.sidecar);
      } else fail(CHECK.sidecar, `${sidecarPath}: ${parsed.error}`);
    }
  }
  if (sidecar) {
    const digest = sha256Hex(pdfBytes);
    if (digest !== sidecar.pdf.sha256 || pdfBytes.length !== sidecar.pdf.bytes)
      fail(
        CHECK.sidecarVsPdf,
        `the PDF has SHA-256 ${digest} (${pdfBytes.length} bytes), the sidecar records ${sidecar.pdf.sha256} (${sidecar.pdf.bytes} bytes): the PDF was changed after it was written`,
      );
    else pass(CHECK.sidecarVsPdf);
    if (embedded) {
      const { pdf: _pdf, ...rest } = sidecar;
      const differing = (Object.keys(embeddedManifest.shape) as (keyof EmbeddedManifest)[]).filter(
        (k) => !isDeepStrictEqual(rest[k], embedded[k]),
      );
      check(CHECK.sidecarVsManifest, differing.length === 0 ? [] : [`differs in ${differing.join(", ")}`]);
    }
  }

  if (options.inputsDir !== undefined) {
    const listed = embedded?.inputs ?? sidecar?.inputs ?? parsedResult?.inputs;
    if (!listed) fail(CHECK.inputs, "no readable manifest or result lists the inputs to compare");
    else checks.push(...(await compareInputs(options.inputsDir, listed)));
  }

  return { pdf: pdfPath, ok: checks.every((c) => c.ok), checks, signatures };
}

function attachmentProblems(archive: ArchiveContents): string[] {
  const problems: string[] = [];
  for (const name of [RESULT_ATTACHMENT, MANIFEST_ATTACHMENT]) {
    const unreadable = archive.unreadable.find((u) => u.name === name);
    if (unreadable) problems.push(`${name} cannot be read: ${unreadable.reason}`);
    else if (!archive.files.has(name)) problems.push(`${name} is not attached`);
    if (archive.duplicates.includes(name)) problems.push(`${name} is attached more than once`);
  }
  return problems;
}

/** The fields of the embedded manifest that are taken from the result, compared with what the result says. */
function manifestVsResult(m: EmbeddedManifest, r: Result, resultText: string): string[] {
  let expected: EmbeddedManifest;
  try {
    expected = buildEmbeddedManifest({
      result: r,
      resultJson: resultText,
      kind: m.kind,
      vendor: m.vendor,
      paper: m.paper,
    });
  } catch (err) {
    return [(err as Error).message.replace(/^buildEmbeddedManifest: /, "")];
  }
  const fields = ["tool", "generatedAt", "asOf", "questionnaire", "thresholds", "domainWeights", "inputs"] as const;
  const problems = fields
    .filter((f) => !isDeepStrictEqual(m[f], expected[f]))
    .map((f) =>
      typeof m[f] === "string"
        ? `${f}: manifest ${JSON.stringify(m[f])}, result ${JSON.stringify(expected[f])}`
        : `${f} differ`,
    );
  if (m.result.file !== RESULT_ATTACHMENT)
    problems.push(`result.file is ${JSON.stringify(m.result.file)}, not ${RESULT_ATTACHMENT}`);
  return problems;
}

/** Recomputes every listed input and reports changed, missing and extra files, one check per file. */
async function compareInputs(
  dir: string,
  listed: readonly { path: string; sha256: string; bytes: number }[],
): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const seen = new Set<string>();
  for (const input of listed) {
    const name = inputCheckName(input.path);
    seen.add(input.path);
    const file = inputLocation(dir, input.path);
    if (!file) {
      checks.push({
        name,
        ok: false,
        detail: "not a path inside the workspace or a questionnaire of caution's; not read",
      });
      continue;
    }
    const actual = await hashFile(file);
    if (actual === "missing") checks.push({ name, ok: false, detail: `listed in the manifest but missing: ${file}` });
    else if (typeof actual === "string") checks.push({ name, ok: false, detail: `cannot read ${file}: ${actual}` });
    else if (actual.sha256 !== input.sha256 || actual.bytes !== input.bytes)
      checks.push({
        name,
        ok: false,
        detail: `changed: ${file} has SHA-256 ${actual.sha256} (${actual.bytes} bytes), the manifest records ${input.sha256} (${input.bytes} bytes)`,
      });
    else checks.push({ name, ok: true, detail: "" });
  }
  for (const rel of await workspaceFiles(dir)) {
    if (!seen.has(rel))
      checks.push({
        name: inputCheckName(rel),
        ok: false,
        detail: `in the workspace but not in the manifest: ${join(dir, rel)}`,
      });
  }
  return checks;
}

/**
 * Where a listed input lives: `questionnaire:<file>` in caution's own questionnaires folder, anything else relative
 * to the workspace. A manifest is untrusted input: absolute paths and `..` are refused, never read.
 */
function inputLocation(dir: string, path: string): string | undefined {
  if (path.startsWith("questionnaire:")) {
    const file = path.slice("questionnaire:".length);
    return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) ? join(QUESTIONNAIRE_DIR, file) : undefined;
  }
  if (path === "" || path.includes("\\") || path.includes("\0") || isAbsolute(path) || posix.isAbsolute(path))
    return undefined;
  if (posix.normalize(path) !== path || path.split("/").some((part) => part === ".." || part === "." || part === ""))
    return undefined;
  return join(dir, ...path.split("/"));
}

/** The files caution would read from a workspace (as loadWorkspace lists them), relative and with `/`. */
async function workspaceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    if ((await stat(join(dir, "caution.yaml"))).isFile()) out.push("caution.yaml");
  } catch {
    // absent: the listed caution.yaml, if any, is reported missing
  }
  for (const [sub, pattern] of [
    ["vendors", /\.ya?ml$/i],
    ["incidents", /\.csv$/i],
  ] as const) {
    try {
      const entries = await readdir(join(dir, sub), { withFileTypes: true });
      for (const e of entries) if (e.isFile() && pattern.test(e.name)) out.push(`${sub}/${e.name}`);
    } catch {
      // no such folder: nothing extra there
    }
  }
  return out.sort();
}

/** SHA-256 of a file, streamed (incident files can be large); "missing" or the error message when unreadable. */
function hashFile(path: string): Promise<{ sha256: string; bytes: number } | string> {
  return new Promise((resolve) => {
    const hash = createHash("sha256");
    let bytes = 0;
    const stream = createReadStream(path);
    stream.on("data", (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    stream.on("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ENOENT" ? "missing" : err.message));
    stream.on("end", () => resolve({ sha256: hash.digest("hex"), bytes }));
  });
}
