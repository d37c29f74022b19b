import { createHash, createPrivateKey, createPublicKey, webcrypto, X509Certificate, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { UsageError } from "../run/errors.js";
import { OID_SIGNATURE_TIME_STAMP, requestTimeStamp } from "./timestamp.js";

/**
 * PAdES baseline B-B signatures (ETSI EN 319 142-1) for caution's PDFs: a detached CMS signature
 * (SubFilter ETSI.CAdES.detached) over every byte of the file but the signature itself, with the signed attributes
 * the baseline asks for (content-type, message-digest, ESS signing-certificate-v2) and no CMS signing-time: the
 * claimed signing time is the signature dictionary's /M, the report's as-of instant, so that two signed runs give
 * the same bytes (RSA PKCS#1 v1.5 signatures are deterministic; ECDSA ones are not).
 *
 * PKIjs (PeculiarVentures) builds and checks the CMS: it is maintained, typed, and covers CMS, PKCS#12 and RFC 3161
 * with the platform's WebCrypto. Node's own crypto (OpenSSL) decrypts the private key, so every PKCS#8 encryption
 * OpenSSL reads is accepted.
 */

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  encryptedData: "1.2.840.113549.1.7.6",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
} as const;

/** Room for the CMS in the file: a 4096-bit RSA signature with a chain of a few certificates fits with margin. */
export const SIGNATURE_RESERVE = 16 * 1024;
/** With a time-stamp token, which carries the authority's own signature and certificates. */
export const SIGNATURE_RESERVE_WITH_TIME_STAMP = 48 * 1024;

/** The environment variable that holds the PKCS#12 password (never a flag: flags end up in shell histories). */
export const PASSWORD_VARIABLE = "CAUTION_SIGN_PASSWORD";

export interface SignableUpdate {
  bytes: Uint8Array;
  /** The zeroed hex string of the signature value, from its `<` to after its `>`. */
  signatureContents?: { start: number; end: number };
}

export interface PdfSigner {
  /** Bytes to reserve for the CMS (stampPdf's signatureBytes). */
  readonly reservedBytes: number;
  /** The signer's certificate subject, for the progress line. */
  readonly subject: string;
  /** Fills the signature into a stamped PDF and returns the final bytes. */
  sign(update: SignableUpdate): Promise<Uint8Array>;
}

interface Credentials {
  key: KeyObject;
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
  subject: string;
}

/**
 * Reads a PKCS#12 file and returns a signer; a wrong password, a file that is not PKCS#12, or one without a key
 * and its certificate is a UsageError (exit 2) that says which, before anything is printed.
 */
export async function loadSigner(
  p12: Uint8Array,
  password: string,
  file: string,
  options: { tsa?: URL } = {},
): Promise<PdfSigner> {
  const credentials = await readPkcs12(p12, password, file);
  const cryptoKey = await importSigningKey(credentials.key, file);
  const reserve = options.tsa ? SIGNATURE_RESERVE_WITH_TIME_STAMP : SIGNATURE_RESERVE;
  return {
    reservedBytes: reserve,
    subject: credentials.subject,
    async sign(update) {
      const at = update.signatureContents;
      if (!at) throw new Error("sign: the PDF was stamped without a signature field");
      const bytes = Buffer.from(update.bytes);
      const signed = Buffer.concat([bytes.subarray(0, at.start), bytes.subarray(at.end)]);
      const cms = await signedData(signed, credentials, cryptoKey, options.tsa);
      const hex = Buffer.from(cms).toString("hex").toUpperCase();
      if (hex.length > at.end - at.start - 2)
        throw new UsageError(
          `${file}: the signature (${cms.byteLength} bytes with its certificates) does not fit the ${reserve} bytes caution reserves; sign with a shorter certificate chain`,
        );
      bytes.write(hex, at.start + 1, "latin1");
      return new Uint8Array(bytes);
    },
  };
}

async function readPkcs12(p12: Uint8Array, password: string, file: string): Promise<Credentials> {
  const pass = new TextEncoder().encode(password);
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(p12));
  } catch {
    throw new UsageError(`${file} is not a PKCS#12 (.p12/.pfx) file`);
  }
  try {
    await pfx.parseInternalValues({ password: toArrayBuffer(pass), checkIntegrity: true });
  } catch (err) {
    throw new UsageError(
      /integrity|mac|password/i.test((err as Error).message)
        ? `${file}: wrong password (from ${PASSWORD_VARIABLE}), or the file is damaged: its integrity check fails`
        : `${file}: cannot read this PKCS#12 file (${(err as Error).message})`,
    );
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new UsageError(`${file}: the PKCS#12 file holds no key or certificate`);
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: toArrayBuffer(pass) })) });
  } catch (err) {
    throw new UsageError(
      `${file}: cannot decrypt its certificates (${(err as Error).message}); re-export it with OpenSSL 3's defaults (AES-256, PBKDF2)`,
    );
  }
  const keys: KeyObject[] = [];
  const certificates: pkijs.Certificate[] = [];
  for (const content of safe.parsedValue?.safeContents ?? []) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === OID.shroudedKeyBag || bag.bagId === OID.keyBag) {
        const der = Buffer.from((bag.bagValue as pkijs.PkiObject).toSchema().toBER(false));
        try {
          keys.push(
            bag.bagId === OID.keyBag
              ? createPrivateKey({ key: der, format: "der", type: "pkcs8" })
              : createPrivateKey({ key: der, format: "der", type: "pkcs8", passphrase: Buffer.from(pass) }),
          );
        } catch (err) {
          throw new UsageError(`${file}: cannot decrypt its private key (${(err as Error).message})`);
        }
      } else if (bag.bagId === OID.certBag) {
        const certBag = bag.bagValue as pkijs.CertBag;
        if (certBag.certId === OID.x509Certificate && certBag.parsedValue instanceof pkijs.Certificate)
          certificates.push(certBag.parsedValue);
      }
    }
  }
  if (keys.length !== 1)
    throw new UsageError(
      `${file}: holds ${keys.length} private keys; caution signs with a file that holds exactly one`,
    );
  const key = keys[0]!;
  const publicDer = createPublicKey(key).export({ format: "der", type: "spki" });
  const certificate = certificates.find((c) =>
    Buffer.from(c.subjectPublicKeyInfo.toSchema().toBER(false)).equals(publicDer),
  );
  if (!certificate) throw new UsageError(`${file}: holds no certificate for its private key`);
  const x509 = new X509Certificate(Buffer.from(certificate.toSchema().toBER(false)));
  return {
    key,
    certificate,
    chain: [certificate, ...certificates.filter((c) => c !== certificate)],
    subject: x509.subject.replace(/\n/g, ", "),
  };
}

/** The WebCrypto key PKIjs signs with: RSA PKCS#1 v1.5 or ECDSA, with SHA-256. */
async function importSigningKey(key: KeyObject, file: string): Promise<webcrypto.CryptoKey> {
  const der = key.export({ format: "der", type: "pkcs8" });
  const type = key.asymmetricKeyType;
  if (type === "rsa")
    return webcrypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const namedCurve =
      curve === "prime256v1" ? "P-256" : curve === "secp384r1" ? "P-384" : curve === "secp521r1" ? "P-521" : undefined;
    if (namedCurve) return webcrypto.subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve }, false, ["sign"]);
  }
  throw new UsageError(
    `${file}: caution signs with RSA or ECDSA (P-256, P-384, P-521) keys; this key is ${type ?? "of an unknown type"}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ""}`,
  );
}

/**
 * The CMS SignedData (DER) over `data`, detached, with the PAdES baseline signed attributes; with `tsa`, the
 * signature value is time-stamped and the token added as an unsigned attribute.
 */
async function signedData(
  data: Uint8Array,
  c: Credentials,
  key: webcrypto.CryptoKey,
  tsa: URL | undefined,
): Promise<ArrayBuffer> {
  const certDer = c.certificate.toSchema().toBER(false);
  const signingCertificateV2 = new asn1js.Sequence({
    value: [
      // certs: one ESSCertIDv2 with the default hash (SHA-256), so hashAlgorithm is left out.
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.OctetString({ valueHex: sha256(certDer) }),
              new pkijs.IssuerSerial({
                issuer: new pkijs.GeneralNames({
                  names: [new pkijs.GeneralName({ type: 4, value: c.certificate.issuer })],
                }),
                serialNumber: c.certificate.serialNumber,
              }).toSchema(),
            ],
          }),
        ],
      }),
    ],
  });
  const cms = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: c.certificate.issuer,
          serialNumber: c.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: sha256(data) })],
            }),
            new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
          ],
        }),
      }),
    ],
    certificates: c.chain,
  });
  await cms.sign(key, 0, "SHA-256");
  if (tsa) {
    const signer = cms.signerInfos[0]!;
    const token = await requestTimeStamp(toArrayBuffer(signer.signature.valueBlock.valueHexView), tsa);
    signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID_SIGNATURE_TIME_STAMP, values: [token.toSchema()] })],
    });
  }
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: cms.toSchema(true) }).toSchema().toBER(false);
}

function sha256(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  return toArrayBuffer(
    createHash("sha256")
      .update(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
      .digest(),
  );
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
