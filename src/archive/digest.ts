import { createHash } from "node:crypto";

/** SHA-256 as lower-case hex: the digest every manifest records. Apart from attach.ts, which needs pdf-lib. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
