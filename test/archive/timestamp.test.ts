import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSigner } from "../../src/archive/sign.js";
import { CHECK, verifyPdf } from "../../src/archive/verify.js";
import { stampPdf } from "../../src/render/pdf/pdf-metadata.js";
import { simplePdf } from "./fixture.js";
import { CLI, caution, tempDir, tool } from "../support/cli.js";
import { DEMO } from "../support/demo.js";
import { makeIdentity, type TestIdentity } from "./signing.js";

const run = promisify(execFile);

/**
 * A time-stamp authority on the loopback interface: `openssl ts -reply` answers each RFC 3161 request with a token
 * signed by a TSA certificate from the test CA. `answer` can replace it to send something else.
 */
async function localTsa(
  id: TestIdentity,
  answer?: () => Buffer,
): Promise<{ url: string; server: Server; requests: number[] }> {
  const at = (f: string) => join(id.dir, f);
  if (!existsSync(at("tsa.pem"))) {
    writeFileSync(at("tsa.ext"), "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n");
    tool("openssl", [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      at("tsa.key"),
      "-out",
      at("tsa.csr"),
      "-subj",
      "/CN=caution test TSA",
    ]);
    tool("openssl", [
      "x509",
      "-req",
      "-in",
      at("tsa.csr"),
      "-CA",
      id.caPem,
      "-CAkey",
      at("ca.key"),
      "-CAcreateserial",
      "-out",
      at("tsa.pem"),
      "-days",
      "3650",
      "-extfile",
      at("tsa.ext"),
    ]);
  }
  if (!existsSync(at("tsaserial"))) writeFileSync(at("tsaserial"), "01\n");
  writeFileSync(
    at("tsa.cnf"),
    [
      "[ tsa ]",
      "default_tsa = local",
      "[ local ]",
      `serial = ${at("tsaserial")}`,
      `signer_cert = ${at("tsa.pem")}`,
      `certs = ${id.caPem}`,
      `signer_key = ${at("tsa.key")}`,
      "signer_digest = sha256",
      "default_policy = 1.2.3.4.1",
      "digests = sha256",
      "accuracy = secs:1",
      "ess_cert_id_alg = sha256",
      "",
    ].join("\n"),
  );
  const requests: number[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const query = Buffer.concat(chunks);
      requests.push(query.length);
      if (answer) return void res.end(answer());
      const q = at(`q${++n}.tsq`);
      const r = at(`r${n}.tsr`);
      writeFileSync(q, query);
      run("openssl", ["ts", "-reply", "-config", at("tsa.cnf"), "-queryfile", q, "-out", r]).then(
        () => {
          res.setHeader("Content-Type", "application/timestamp-reply");
          res.end(readFileSync(r));
        },
        () => {
          res.statusCode = 500;
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, server, requests };
}

/** The CLI, run without blocking this process (which serves the TSA). */
async function cautionAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("caution report --sign --tsa (RFC 3161, against a local openssl TSA)", () => {
  let id: TestIdentity;
  let tsa: Awaited<ReturnType<typeof localTsa>>;
  let out: string;
  beforeAll(async () => {
    id = makeIdentity();
    tsa = await localTsa(id);
    out = tempDir("caution-tsa-");
    const r = await cautionAsync(
      ["report", DEMO, "--out", out, "--kind", "executive", "--sign", id.p12, "--tsa", tsa.url, "-q"],
      {
        CAUTION_SIGN_PASSWORD: id.password,
      },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
  afterAll(() => tsa?.server.close());

  it("asks the authority once per PDF and embeds a token that pdfsig and verify accept", async () => {
    expect(tsa.requests.length).toBe(1);
    const path = join(out, "caution-executive.pdf");
    const sig = spawnSync("pdfsig", [path], { encoding: "utf8" });
    expect(sig.stdout).toContain("  - Signature Validation: Signature is Valid.\n");
    const report = await verifyPdf(path, { sidecar: false });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.signatures).toHaveLength(1);
    // The token's time is the authority's clock, now, not the report's as-of date.
    const stamped = Date.parse(report.signatures[0]!.timeStamp!);
    expect(Math.abs(Date.now() - stamped)).toBeLessThan(10 * 60_000);

    // A changed byte in the token's own signature (the last bytes of the CMS) is not covered by the PDF signature,
    // but the token check sees it.
    const bytes = readFileSync(path);
    const contents = bytes.indexOf("/Contents <", bytes.indexOf("/Type /Sig")) + "/Contents <".length;
    const der = Buffer.from(bytes.subarray(contents, contents + 8).toString("latin1"), "hex");
    expect(der[0]).toBe(0x30);
    const length = 4 + der.readUInt16BE(2); // 30 82 hh ll
    const at = contents + 2 * (length - 10);
    bytes.write(bytes[at] === 0x30 ? "1" : "0", at, "latin1");
    const tampered = join(out, "token-tampered.pdf");
    writeFileSync(tampered, bytes);
    const broken = await verifyPdf(tampered, { sidecar: false });
    expect(broken.checks.find((c) => c.name === CHECK.signature)?.detail).toMatch(
      /^caution signature: its time-stamp token('s own signature does not verify| cannot be read or checked)/,
    );
  });

  it("ends with exit 3 and writes nothing when the authority cannot be reached", async () => {
    const closed = await localTsa(id);
    closed.server.close();
    const dir = join(tempDir("caution-tsa-refused-"), "out");
    const r = await cautionAsync(
      ["report", DEMO, "--out", dir, "--kind", "executive", "--sign", id.p12, "--tsa", closed.url],
      { CAUTION_SIGN_PASSWORD: id.password },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /the time-stamp authority http:\/\/127\.0\.0\.1:\d+\/tsa cannot be reached \(.*\); nothing was written/,
    );
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it("refuses an answer that is not a time-stamp, or a token for another request", async () => {
    const update = await stampPdf(
      await simplePdf("tsa"),
      { title: "t", author: "a", subject: "s", keywords: [], creator: "c", date: new Date("2026-11-01T00:00:00Z") },
      undefined,
      { signatureBytes: 48 * 1024 },
    );
    const junk = await localTsa(id, () => Buffer.from("not a time-stamp response"));
    const signer = await loadSigner(readFileSync(id.p12), id.password, id.p12, { tsa: new URL(junk.url) });
    await expect(signer.sign(update)).rejects.toThrow(
      /sent a response that is not an RFC 3161 time-stamp .*; nothing was written$/,
    );
    junk.server.close();
    // A genuine token, but for an earlier request: replayed.
    const replay = readFileSync(join(id.dir, "r1.tsr"));
    const replaying = await localTsa(id, () => replay);
    const replayer = await loadSigner(readFileSync(id.p12), id.password, id.p12, { tsa: new URL(replaying.url) });
    await expect(replayer.sign(update)).rejects.toThrow(/sent a token for another document; nothing was written$/);
    replaying.server.close();
  });

  it("refuses --tsa without --sign, and a --tsa that is not an http(s) URL (exit 2)", () => {
    const a = caution(["report", DEMO, "--out", tempDir(), "--tsa", "http://127.0.0.1:9/"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--tsa time-stamps a signature: give --sign <file.p12> with it");
    const b = caution(["report", DEMO, "--out", tempDir(), "--sign", id.p12, "--tsa", "file:///etc/passwd"], {
      CAUTION_SIGN_PASSWORD: id.password,
    });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--tsa file:///etc/passwd: a time-stamp authority is reached over http or https");
  });
});
