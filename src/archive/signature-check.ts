import { createHash } from "node:crypto";
import * as pkijs from "pkijs";
import { OID_SIGNATURE_TIME_STAMP, tokenInfo } from "./timestamp.js";

/**
 * Checks a PAdES/CMS signature of a PDF the way a reader does: the byte range must cover the whole file except the
 * signature value itself, and the CMS signature must verify over those bytes (PKIjs checks the message digest in
 * the signed attributes and the signature over them with the signer's certificate). Whether the certificate is
 * trusted is not decided here: that needs the auditor's own trust anchors (see docs/archive.md, pdfsig).
 */

export interface SignatureVerdict {
  ok: boolean;
  /** What failed, or who signed when it passed. */
  detail: string;
  signer?: string;
  /** The RFC 3161 time-stamp's time (ISO 8601), when the signature carries a valid one. */
  timeStamp?: string;
  /** Where the signature value sits: [start, end) of the /Contents hex string, with its brackets. */
  contents?: { start: number; end: number };
}

export async function checkSignature(
  file: Uint8Array,
  field: string,
  byteRange: readonly number[],
  contents: Uint8Array,
): Promise<SignatureVerdict> {
  const [a, b, c, d] = byteRange;
  if (byteRange.length !== 4 || [a, b, c, d].some((n) => !Number.isSafeInteger(n) || n! < 0))
    return { ok: false, detail: `${field}: its /ByteRange is not four non-negative integers` };
  const start = b!;
  const end = c!;
  if (a !== 0 || end <= start || end + d! > file.length || file[start] !== 0x3c || file[end - 1] !== 0x3e)
    return {
      ok: false,
      detail: `${field}: its /ByteRange [${byteRange.join(" ")}] does not leave out exactly the signature value`,
    };
  if (end + d! !== file.length)
    return {
      ok: false,
      contents: { start, end },
      detail: `${field}: the signature covers the first ${end + d!} of ${file.length} bytes: the rest was added after signing`,
    };
  const signed = new Uint8Array(start + d!);
  signed.set(file.subarray(0, start), 0);
  signed.set(file.subarray(end), start);
  let cms: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(trimmed(contents));
    cms = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ok: false, contents: { start, end }, detail: `${field}: the signature value is not a CMS SignedData` };
  }
  const signerCert = cms.certificates?.find((cert): cert is pkijs.Certificate =>
    cert instanceof pkijs.Certificate && cms.signerInfos[0]?.sid instanceof pkijs.IssuerAndSerialNumber
      ? cert.serialNumber.isEqual((cms.signerInfos[0].sid as pkijs.IssuerAndSerialNumber).serialNumber)
      : false,
  );
  const signer = signerCert ? distinguishedName(signerCert) : "an unknown signer";
  let verified = false;
  let why = "";
  try {
    const result = await cms.verify({ signer: 0, data: toArrayBuffer(signed), checkChain: false, extendedMode: true });
    verified = result.signatureVerified === true;
    why = result.message;
  } catch (err) {
    const e = err as { message?: string; signatureVerified?: boolean | null };
    why = e.message ?? String(err);
  }
  if (!verified)
    return {
      ok: false,
      signer,
      contents: { start, end },
      detail: `${field}: the signature by ${signer} does not match the document${why ? ` (${why})` : ""}: the file was changed after it was signed`,
    };
  const stamp = await checkTimeStamp(cms);
  if (stamp && !stamp.ok) return { ok: false, signer, contents: { start, end }, detail: `${field}: ${stamp.detail}` };
  return {
    ok: true,
    signer,
    contents: { start, end },
    detail: `signed by ${signer}`,
    ...(stamp?.time ? { timeStamp: stamp.time } : {}),
  };
}

/**
 * The signature's RFC 3161 time-stamp, if it has one: the token must be for this signature value (its message
 * imprint is the value's SHA-256) and its own signature must verify. undefined when there is none.
 */
async function checkTimeStamp(
  cms: pkijs.SignedData,
): Promise<{ ok: boolean; detail: string; time?: string } | undefined> {
  const signer = cms.signerInfos[0];
  const attribute = signer?.unsignedAttrs?.attributes.find((a) => a.type === OID_SIGNATURE_TIME_STAMP);
  if (!signer || !attribute) return undefined;
  try {
    const token = new pkijs.ContentInfo({ schema: attribute.values[0] });
    const info = tokenInfo(token);
    const imprint = createHash("sha256").update(signer.signature.valueBlock.valueHexView).digest();
    if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint))
      return { ok: false, detail: "its time-stamp token is for another signature" };
    const tokenData = new pkijs.SignedData({ schema: token.content });
    // For a time-stamp token, PKIjs takes the time-stamped data (the signature value) and checks the imprint too.
    const result = await tokenData.verify({
      signer: 0,
      data: toArrayBuffer(new Uint8Array(signer.signature.valueBlock.valueHexView)),
      checkChain: false,
      extendedMode: true,
    });
    if (result.signatureVerified !== true)
      return { ok: false, detail: "its time-stamp token's own signature does not verify" };
    return { ok: true, detail: "", time: info.genTime.toISOString() };
  } catch (err) {
    return {
      ok: false,
      detail: `its time-stamp token cannot be read or checked (${(err as { message?: string }).message ?? String(err)})`,
    };
  }
}

/** The CMS without the zero padding after it (the hex string is reserved larger): its DER length says where it ends. */
function trimmed(contents: Uint8Array): ArrayBuffer {
  let length = contents.length;
  if (contents[0] === 0x30 && contents.length > 2) {
    const first = contents[1]!;
    if (first < 0x80) length = 2 + first;
    else if (first > 0x80 && first <= 0x84 && contents.length > 2 + (first & 0x7f)) {
      let n = 0;
      for (let k = 0; k < (first & 0x7f); k += 1) n = n * 256 + contents[2 + k]!;
      length = 2 + (first & 0x7f) + n;
    }
  }
  return toArrayBuffer(contents.subarray(0, Math.min(length, contents.length)));
}

function distinguishedName(cert: pkijs.Certificate): string {
  const names: Record<string, string> = { "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C" };
  return cert.subject.typesAndValues
    .filter((tv) => names[tv.type])
    .map((tv) => `${names[tv.type]}=${String(tv.value.valueBlock.value)}`)
    .join(", ");
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
