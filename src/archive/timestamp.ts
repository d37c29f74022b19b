import { createHash, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { EnvironmentError, UsageError } from "../run/errors.js";

/**
 * RFC 3161 time-stamps for signatures (`caution report --sign … --tsa <url>`): the SHA-256 of the signature value is
 * sent to a time-stamp authority, whose token is added to the signer's unsigned attributes
 * (id-aa-signatureTimeStampToken), which makes the signature PAdES baseline B-T. The token carries the authority's
 * own time, so time-stamped PDFs are not byte-identical from run to run.
 */

export const OID_SIGNATURE_TIME_STAMP = "1.2.840.113549.1.9.16.2.14";
const OID_SHA256 = "2.16.840.1.101.3.4.2.1";
const TIMEOUT_MS = 30_000;
/** A time-stamp response is a few kilobytes; more is refused unread. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The URL a user gave: http or https, nothing else (no file:, no data:). */
export function parseTsaUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--tsa ${value}: not a URL; give the time-stamp authority's http(s) address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--tsa ${value}: a time-stamp authority is reached over http or https`);
  return url;
}

/** Asks the authority to time-stamp `signatureValue` and returns the token (a CMS ContentInfo), checked. */
export async function requestTimeStamp(signatureValue: ArrayBuffer, url: URL): Promise<pkijs.ContentInfo> {
  const imprint = createHash("sha256").update(new Uint8Array(signatureValue)).digest();
  const nonce = randomBytes(8);
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const fail = (why: string) =>
    new EnvironmentError(`the time-stamp authority ${url.href} ${why}; nothing was written`);
  let body: ArrayBuffer;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/timestamp-query" },
      body: new Uint8Array(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    if (!response.ok) throw fail(`answered HTTP ${response.status}`);
    body = await response.arrayBuffer();
  } catch (err) {
    if (err instanceof EnvironmentError) throw err;
    const e = err as Error;
    throw fail(
      e.name === "TimeoutError"
        ? `did not answer within ${TIMEOUT_MS / 1000} s`
        : `cannot be reached (${e.cause instanceof Error ? e.cause.message : e.message})`,
    );
  }
  if (body.byteLength > MAX_RESPONSE_BYTES) throw fail(`sent ${body.byteLength} bytes, not a time-stamp response`);
  let token: pkijs.ContentInfo | undefined;
  let info: pkijs.TSTInfo;
  try {
    const response = pkijs.TimeStampResp.fromBER(body);
    if (response.status.status !== 0 && response.status.status !== 1)
      throw fail(`refused the request (PKI status ${response.status.status})`);
    token = response.timeStampToken;
    if (!token) throw fail("granted the request but sent no token");
    info = tokenInfo(token);
  } catch (err) {
    if (err instanceof EnvironmentError) throw err;
    throw fail(`sent a response that is not an RFC 3161 time-stamp (${(err as Error).message})`);
  }
  if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint))
    throw fail("sent a token for another document");
  if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce))
    throw fail("sent a token without the request's nonce (a replayed or foreign answer)");
  return token;
}

/** The TSTInfo inside a time-stamp token. */
export function tokenInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error("the token has no content");
  return pkijs.TSTInfo.fromBER(content.getValue());
}
