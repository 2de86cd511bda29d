// A zip archive edited part by part, as the tests need it and independent of Throughline's package
// layer: every entry that is not replaced keeps its very bytes (local header, compressed data and
// directory record, only its offset moves); replaced and new entries are deflated with fflate and
// stamped as Excel stamps its own (1980-01-01 00:00, "made by" 4.5, flags 6).
import { deflateSync, inflateSync, strFromU8 } from 'fflate';

export interface RawZipEntry {
  name: string;
  method: number;
  crc: number;
  /** Uncompressed size. */
  size: number;
  dosTime: number;
  dosDate: number;
  flags: number;
  /** The local header as stored (signature to the end of its extra field). */
  local: Uint8Array;
  /** The stored (usually compressed) bytes. */
  data: Uint8Array;
  /** The central directory record as stored. */
  central: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;

/** Every entry of the archive, in the central directory's order, nothing inflated. */
export function readRawZip(data: Uint8Array): RawZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = data.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== EOCD) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const out: RawZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error(`no directory record at ${p}`);
    const nameLength = view.getUint16(p + 28, true);
    const recordLength = 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const at = view.getUint32(p + 42, true);
    if (view.getUint32(at, true) !== LOCAL) throw new Error(`no local header at ${at}`);
    const headerLength = 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const stored = view.getUint32(p + 20, true);
    out.push({
      name: strFromU8(data.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      dosTime: view.getUint16(p + 12, true),
      dosDate: view.getUint16(p + 14, true),
      crc: view.getUint32(p + 16, true),
      size: view.getUint32(p + 24, true),
      local: data.subarray(at, at + headerLength),
      data: data.subarray(at + headerLength, at + headerLength + stored),
      central: data.subarray(p, p + recordLength),
    });
    p += recordLength;
  }
  return out;
}

export function inflateRaw(entry: RawZipEntry): Uint8Array {
  if (entry.method === 0) return entry.data;
  if (entry.method === 8) return inflateSync(entry.data, { out: new Uint8Array(entry.size) });
  throw new Error(`${entry.name}: compression method ${entry.method}`);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00, the stamp Excel puts on every entry. */
const EXCEL_TIME = { dosTime: 0, dosDate: (1 << 5) | 1 };

/** A new entry as Excel writes one: deflated, flags 6, "version made by" 4.5 and "needed" 2.0. */
export function newRawEntry(name: string, content: Uint8Array, time = EXCEL_TIME): RawZipEntry {
  const nameBytes = new TextEncoder().encode(name);
  const data = deflateSync(content, { level: 6 });
  const crc = crc32(content);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, LOCAL, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, 6, true);
  lv.setUint16(8, 8, true);
  lv.setUint16(10, time.dosTime, true);
  lv.setUint16(12, time.dosDate, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, content.length, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, CENTRAL, true);
  cv.setUint16(4, 45, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, 6, true);
  cv.setUint16(10, 8, true);
  cv.setUint16(12, time.dosTime, true);
  cv.setUint16(14, time.dosDate, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, content.length, true);
  cv.setUint16(28, nameBytes.length, true);
  central.set(nameBytes, 46);
  return { name, method: 8, crc, size: content.length, ...time, flags: 6, local, data, central };
}

/** The archive of these entries, in this order: each one's stored bytes as they are, offsets made right. */
export function writeRawZip(entries: RawZipEntry[]): Uint8Array {
  const size = entries.reduce((n, e) => n + e.local.length + e.data.length + e.central.length, 0) + 22;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of entries) {
    offsets.push(p);
    out.set(e.local, p);
    out.set(e.data, p + e.local.length);
    p += e.local.length + e.data.length;
  }
  const dirStart = p;
  entries.forEach((e, i) => {
    out.set(e.central, p);
    view.setUint32(p + 42, offsets[i], true);
    p += e.central.length;
  });
  view.setUint32(p, EOCD, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dirStart, true);
  view.setUint32(p + 16, dirStart, true);
  return out;
}
