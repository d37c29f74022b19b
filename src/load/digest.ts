import { createHash } from "node:crypto";

/** SHA-256 as lower-case hex: the digest the manifests, the input list and the build caches record. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
