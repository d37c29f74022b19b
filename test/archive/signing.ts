import { join } from "node:path";
import { tempDir, tool } from "../support/cli.js";

export interface TestIdentity {
  dir: string;
  /** PKCS#12 with the leaf key, the leaf certificate and the CA certificate (OpenSSL 3 defaults: AES-256, PBKDF2). */
  p12: string;
  password: string;
  caPem: string;
}

/** A throw-away CA and a leaf certificate signed by it, made with `openssl` for the tests that sign PDFs. */
export function makeIdentity(keyArgs: string[] = ["-newkey", "rsa:2048"]): TestIdentity {
  const dir = tempDir("caution-sign-");
  const at = (f: string) => join(dir, f);
  const password = "correct horse battery staple";
  tool("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    at("ca.key"),
    "-out",
    at("ca.pem"),
    "-days",
    "3650",
    "-subj",
    "/CN=caution test CA/O=Nordhafen Test",
  ]);
  tool("openssl", [
    "req",
    ...keyArgs,
    "-nodes",
    "-keyout",
    at("leaf.key"),
    "-out",
    at("leaf.csr"),
    "-subj",
    "/CN=caution test signer/O=Nordhafen Test",
  ]);
  tool("openssl", [
    "x509",
    "-req",
    "-in",
    at("leaf.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-out",
    at("leaf.pem"),
    "-days",
    "3650",
  ]);
  tool("openssl", [
    "pkcs12",
    "-export",
    "-inkey",
    at("leaf.key"),
    "-in",
    at("leaf.pem"),
    "-certfile",
    at("ca.pem"),
    "-out",
    at("signer.p12"),
    "-passout",
    `pass:${password}`,
  ]);
  return { dir, p12: at("signer.p12"), password, caPem: at("ca.pem") };
}
