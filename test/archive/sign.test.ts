import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSigner } from "../../src/archive/sign.js";
import { CHECK, verifyPdf } from "../../src/archive/verify.js";
import { caution, tempDir } from "../support/cli.js";
import { DEMO } from "../support/demo.js";
import { stampPdf } from "../../src/render/pdf/pdf-metadata.js";
import { flipByte, simplePdf } from "./fixture.js";
import { makeIdentity, type TestIdentity } from "./signing.js";

/** pdfsig's report (it exits non-zero for an invalid signature, so its status is returned, not thrown). */
function pdfsig(path: string): { status: number | null; out: string } {
  const r = spawnSync("pdfsig", [path], { encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("caution report --sign", () => {
  let id: TestIdentity;
  let first: string;
  let second: string;
  let pdf: Uint8Array;

  beforeAll(() => {
    id = makeIdentity();
    first = tempDir("caution-signed-");
    second = tempDir("caution-signed-");
    for (const out of [first, second]) {
      const r = caution(["report", DEMO, "--out", out, "--kind", "executive", "--sign", id.p12, "-q"], {
        CAUTION_SIGN_PASSWORD: id.password,
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    pdf = readFileSync(join(first, "caution-executive.pdf"));
  });

  it("writes a PAdES signature over the whole file that pdfsig reports valid", () => {
    const { status, out } = pdfsig(join(first, "caution-executive.pdf"));
    expect(status).toBe(0);
    expect(out).toContain("  - Signature Field Name: caution signature\n");
    expect(out).toContain("  - Signer Certificate Common Name: caution test signer\n");
    expect(out).toContain("  - Signing Time: Nov 01 2026 00:00:00\n"); // the as-of instant, not the clock
    expect(out).toContain("  - Signing Hash Algorithm: SHA-256\n");
    expect(out).toContain("  - Signature Type: ETSI.CAdES.detached\n");
    expect(out).toContain("  - Total document signed\n");
    expect(out).toContain("  - Signature Validation: Signature is Valid.\n");
    // The throw-away CA is in no trust store: the signature is valid, the signer is not vouched for.
    expect(out).toContain("  - Certificate Validation: Certificate issuer isn't Trusted.\n");
  });

  it("is trusted by pdfsig once the CA is in its NSS database (the recipe in docs/archive.md)", () => {
    const nss = join(id.dir, "nssdb");
    mkdirSync(nss);
    expect(spawnSync("certutil", ["-N", "-d", `sql:${nss}`, "--empty-password"]).status).toBe(0);
    expect(
      spawnSync("certutil", ["-A", "-d", `sql:${nss}`, "-n", "our CA", "-t", "C,C,C", "-i", id.caPem]).status,
    ).toBe(0);
    const r = spawnSync("pdfsig", ["-nssdir", `sql:${nss}`, join(first, "caution-executive.pdf")], {
      encoding: "utf8",
    });
    expect(r.stdout).toContain("  - Signature Validation: Signature is Valid.\n");
    expect(r.stdout).toContain("  - Certificate Validation: Certificate is Trusted.\n");
  });

  it("gives byte-identical PDFs on two signed runs", () => {
    expect(Buffer.from(readFileSync(join(second, "caution-executive.pdf"))).equals(Buffer.from(pdf))).toBe(true);
  });

  it("passes caution verify, with the sidecar and without, naming the signer", async () => {
    const path = join(first, "caution-executive.pdf");
    const r = caution(["verify", path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}signature$/m);
    expect(r.stderr).toContain(
      "caution: signed by CN=caution test signer, O=Nordhafen Test; whether to trust that certificate is not checked here",
    );
    const alone = await verifyPdf(path, { sidecar: false });
    expect(alone.checks.filter((c) => !c.ok)).toEqual([]);
    expect(alone.signatures).toEqual([{ signer: "CN=caution test signer, O=Nordhafen Test", ok: true }]);
  });

  it("fails pdfsig and caution verify when one byte changes, inside or outside the pages", async () => {
    const dir = tempDir("caution-signed-tampered-");
    for (const at of [2000, pdf.length - 40]) {
      const path = join(dir, `flip-${at}.pdf`);
      writeFileSync(path, flipByte(pdf, at));
      expect(pdfsig(path).out).not.toContain("Signature is Valid.");
      const report = await verifyPdf(path, { sidecar: false });
      expect(report.ok).toBe(false);
      expect(report.checks.find((c) => c.name === CHECK.signature)?.detail).toMatch(/^caution signature: /);
    }
    // A byte inside the pages' content: pdfsig names the digest; so does verify.
    expect(pdfsig(join(dir, "flip-2000.pdf")).out).toContain("  - Signature Validation: Digest Mismatch.\n");
    const r = caution(["verify", join(dir, "flip-2000.pdf"), "--no-sidecar"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL signature: caution signature: the signature by CN=caution test signer, O=Nordhafen Test does not match the document \(.*Message digest doesn't match\): the file was changed after it was signed$/m,
    );
  });

  it("fails verify when an update is appended after signing: the signature no longer covers the file", async () => {
    const path = join(tempDir("caution-signed-appended-"), "appended.pdf");
    writeFileSync(path, Buffer.concat([pdf, Buffer.from("\n% a later revision\n%%EOF\n", "latin1")]));
    const report = await verifyPdf(path, { sidecar: false });
    expect(report.checks.find((c) => c.name === CHECK.signature)?.detail).toMatch(
      /^caution signature: the signature covers the first \d+ of \d+ bytes: the rest was added after signing$/,
    );
    expect(report.checks.find((c) => c.name === CHECK.update)?.detail).toMatch(
      /^\d+ bytes \(an incremental update\) were appended after caution's own update/,
    );
  });

  it("ends with exit 2 and writes nothing for a wrong password, a missing password or an unreadable file", () => {
    const notP12 = join(id.dir, "not.p12");
    writeFileSync(notP12, "not a PKCS#12 file\n");
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [
        ["--sign", id.p12],
        { CAUTION_SIGN_PASSWORD: "wrong" },
        /signer\.p12: wrong password \(from CAUTION_SIGN_PASSWORD\), or the file is damaged/,
      ],
      [
        ["--sign", id.p12],
        { CAUTION_SIGN_PASSWORD: undefined },
        /--sign .*signer\.p12: set CAUTION_SIGN_PASSWORD to the password of the PKCS#12 file/,
      ],
      [["--sign", notP12], { CAUTION_SIGN_PASSWORD: "x" }, /not\.p12 is not a PKCS#12 \(\.p12\/\.pfx\) file/],
      [
        ["--sign", join(id.dir, "missing.p12")],
        { CAUTION_SIGN_PASSWORD: "x" },
        /--sign .*missing\.p12: cannot read it: no such file/,
      ],
      [["--sign", id.p12, "--format", "html"], { CAUTION_SIGN_PASSWORD: id.password }, /there is no PDF to sign/],
    ];
    for (const [flags, env, message] of cases) {
      const out = join(tempDir("caution-signed-refused-"), "out");
      const r = caution(["report", DEMO, "--out", out, ...flags], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+|TypeError|undefined/);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }
  });
});

describe("loadSigner", () => {
  it("signs with an ECDSA P-256 key too: pdfsig finds the signature valid", async () => {
    const id = makeIdentity(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    const signer = await loadSigner(readFileSync(id.p12), id.password, id.p12);
    expect(signer.subject).toContain("CN=caution test signer");
    const update = await stampPdf(
      await simplePdf("ECDSA"),
      { title: "t", author: "a", subject: "s", keywords: [], creator: "c", date: new Date("2026-11-01T00:00:00Z") },
      undefined,
      { signatureBytes: signer.reservedBytes },
    );
    const path = join(id.dir, "ecdsa.pdf");
    writeFileSync(path, await signer.sign(update));
    const { status, out } = pdfsig(path);
    expect(status).toBe(0);
    expect(out).toContain("  - Signature Validation: Signature is Valid.\n");
    expect(out).toContain("  - Total document signed\n");
  });

  it("refuses a PKCS#12 file without a private key", async () => {
    const id = makeIdentity();
    const certOnly = join(id.dir, "cert-only.p12");
    spawnSync("openssl", ["pkcs12", "-export", "-nokeys", "-in", id.caPem, "-out", certOnly, "-passout", "pass:pw"]);
    await expect(loadSigner(readFileSync(certOnly), "pw", certOnly)).rejects.toThrow(
      /cert-only\.p12: holds 0 private keys; caution signs with a file that holds exactly one/,
    );
  });
});
