/**
 * ExcelJS (through JSZip) stamps every part of a workbook with the time it was written, so the same register
 * written twice differs in bytes. This sets every entry's DOS date and time, in the local headers and the central
 * directory, to one given instant: the same inputs then give the same file. Anything that is not the plain zip
 * JSZip writes (no end record, entries out of bounds) is returned as it is.
 */
export function withZipDates(zip: Uint8Array, at: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const u32 = (o: number) => (o + 4 <= out.length ? view.getUint32(o, true) : -1);
  const u16 = (o: number) => (o + 2 <= out.length ? view.getUint16(o, true) : -1);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  let end = -1;
  for (let o = out.length - 22; o >= Math.max(0, out.length - 22 - 65_535); o--)
    if (u32(o) === 0x06054b50) {
      end = o;
      break;
    }
  if (end < 0) return zip;
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const entries = u16(end + 10);
  let o = u32(end + 16);
  for (let i = 0; i < entries; i++) {
    if (u32(o) !== 0x02014b50) return zip;
    const local = u32(o + 42);
    if (u32(local) !== 0x04034b50) return zip;
    view.setUint16(o + 12, time, true);
    view.setUint16(o + 14, date, true);
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    o += 46 + u16(o + 28) + u16(o + 30) + u16(o + 32);
  }
  return out;
}
