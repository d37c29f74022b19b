import { zipSync, type Zippable } from "fflate";

/**
 * Rewrites the uncompressed size the zip's central directory declares for one entry (and its local header), to
 * build archives whose directory lies: a bomb that declares a small size, or a decoy that declares a huge one.
 */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = Buffer.from(zip);
  const wanted = Buffer.from(name, "utf8");
  let patched = 0;
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x02014b50) {
      const nameLength = out.readUInt16LE(i + 28);
      if (out.subarray(i + 46, i + 46 + nameLength).equals(wanted)) {
        out.writeUInt32LE(size, i + 24);
        patched++;
      }
    } else if (sig === 0x04034b50) {
      const nameLength = out.readUInt16LE(i + 26);
      if (out.subarray(i + 30, i + 30 + nameLength).equals(wanted)) {
        out.writeUInt32LE(size, i + 22);
        patched++;
      }
    }
  }
  if (patched !== 2) throw new Error(`${name}: patched ${patched} headers, expected 2`);
  return out;
}

/** A zip of the given text parts, deflated, at a fixed time. */
export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(parts))
    files[name] = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
