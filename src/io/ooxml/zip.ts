// The zip container of an OOXML package: read the central directory without inflating anything,
// inflate one entry on demand (bounded, CRC-checked), and write a new archive in which entries that
// did not change keep their original compressed bytes.
import { crc32 } from './crc32';
import type { Codec } from './codec';
import { PackageError } from './errors';
import { MAX_ENTRIES, MAX_PART_BYTES } from './limits';

export interface ZipEntry {
  /** The entry's name exactly as stored. */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  size: number;
  /** The stored (usually compressed) bytes, a view into the archive. */
  data: Uint8Array;
  dosTime: number;
  dosDate: number;
  /** General-purpose flags as stored; only the UTF-8 name bit is carried into a new archive. */
  flags: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UTF8_FLAG = 0x800;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;

const truncated = () =>
  new PackageError('the zip archive is truncated or damaged (its directory points past the end of the file)');

function findEndOfDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (u32(b, i) === EOCD && i + 22 + u16(b, i + 20) <= b.length) return i;
  }
  throw new PackageError('the file is damaged or cut short (it is not a complete zip archive)');
}

/** Fields of the central directory that a zip64 extra field may carry instead. */
function zip64Fields(extra: Uint8Array, size: number, csize: number, offset: number) {
  const out = { size, csize, offset };
  for (let i = 0; i + 4 <= extra.length;) {
    const id = u16(extra, i);
    const len = u16(extra, i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const take = () => {
        if (p + 8 > i + 4 + len) throw truncated();
        const v = u64(extra, p);
        p += 8;
        return v;
      };
      if (size === 0xffffffff) out.size = take();
      if (csize === 0xffffffff) out.csize = take();
      if (offset === 0xffffffff) out.offset = take();
    }
    i += 4 + len;
  }
  return out;
}

const decoder = new TextDecoder('utf-8');
const latin = new TextDecoder('latin1');

/** The entries of a zip archive, in the order the central directory lists them. Nothing is inflated. */
export function readZip(b: Uint8Array): ZipEntry[] {
  const end = findEndOfDirectory(b);
  let count = u16(b, end + 10);
  let dirSize = u32(b, end + 12);
  let dirOffset = u32(b, end + 16);
  if (end >= 20 && u32(b, end - 20) === EOCD64_LOCATOR) {
    const at = u64(b, end - 12);
    if (at + 56 > b.length || u32(b, at) !== EOCD64) throw truncated();
    count = u64(b, at + 32);
    dirSize = u64(b, at + 40);
    dirOffset = u64(b, at + 48);
  }
  if (count > MAX_ENTRIES)
    throw new PackageError(`the archive lists ${count} entries; Throughline reads at most ${MAX_ENTRIES}`);
  if (dirOffset + dirSize > b.length) throw truncated();
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== CENTRAL) throw truncated();
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const commentLength = u16(b, p + 32);
    if (p + 46 + nameLength + extraLength > b.length) throw truncated();
    const rawName = b.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & UTF8_FLAG ? decoder : latin).decode(rawName);
    const sizes = zip64Fields(
      b.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength),
      u32(b, p + 24),
      u32(b, p + 20),
      u32(b, p + 42),
    );
    if (flags & 1)
      throw new PackageError(`the entry ${name} is encrypted; save the workbook without a password and try again`);
    const local = sizes.offset;
    if (local + 30 > b.length || u32(b, local) !== LOCAL) throw truncated();
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (start + sizes.csize > b.length) throw truncated();
    entries.push({
      name,
      method,
      crc: u32(b, p + 16),
      size: sizes.size,
      data: b.subarray(start, start + sizes.csize),
      dosTime: u16(b, p + 12),
      dosDate: u16(b, p + 14),
      flags,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's content, within `limit` bytes; the codec checks its size and CRC. */
export function inflateEntry(entry: ZipEntry, codec: Codec, limit = MAX_PART_BYTES): Uint8Array {
  if (entry.size > limit) {
    throw new PackageError(
      `${entry.name} would expand to ${entry.size.toLocaleString('en-US')} bytes; ` +
        `Throughline reads parts of at most ${limit.toLocaleString('en-US')} bytes`,
    );
  }
  if (entry.method === 0) {
    if (entry.data.length !== entry.size)
      throw new PackageError(`${entry.name} is damaged (its stored size does not match)`);
    if (crc32(entry.data) !== entry.crc)
      throw new PackageError(`${entry.name} is damaged (its checksum does not match)`);
    return entry.data;
  }
  if (entry.method === 8) return codec.inflate(entry.data, entry.size, entry.crc, entry.name);
  throw new PackageError(
    `${entry.name} uses zip compression method ${entry.method}, which Throughline does not read; save the workbook again from Excel`,
  );
}

/** New content as a zip entry, compressed now so that only the compressed bytes need be kept. */
export function compressEntry(
  name: string,
  content: Uint8Array,
  codec: Codec,
  time: { dosTime: number; dosDate: number },
): ZipEntry {
  const deflated = codec.deflate(content);
  // Tiny parts can grow when deflated; store them instead.
  const smaller = deflated.data.length < content.length;
  return {
    name,
    method: smaller ? 8 : 0,
    crc: deflated.crc,
    size: content.length,
    data: smaller ? deflated.data : content,
    ...time,
    flags: 0,
  };
}

/**
 * New content in chunks whose compressed bytes come later (the codec deflates off this thread): the
 * entry once every chunk is handed over, with its CRC and size, and a promise that fills in its data.
 */
export async function compressChunksLater(
  name: string,
  chunks: Iterable<Uint8Array>,
  deflate: NonNullable<Codec['deflateChunksLater']>,
  room: (piece: Promise<unknown>) => Promise<void>,
  time: { dosTime: number; dosDate: number },
): Promise<{ entry: ZipEntry; done: Promise<void> }> {
  const deflated = await deflate(chunks, room);
  const entry: ZipEntry = {
    name,
    method: 8,
    crc: deflated.crc,
    size: deflated.size,
    data: new Uint8Array(0),
    ...time,
    flags: 0,
  };
  const done = deflated.data.then((data) => {
    entry.data = data;
  });
  // An entry dropped before it is awaited (a write that failed, content equal to the file's) must
  // not leave an unhandled rejection; whoever awaits `done` still sees the error.
  done.catch(() => undefined);
  return { entry, done };
}

/** New content that comes in chunks (a large sheet), deflated as it comes. */
export function compressChunks(
  name: string,
  chunks: Iterable<Uint8Array>,
  codec: Codec,
  time: { dosTime: number; dosDate: number },
): ZipEntry {
  const deflated = codec.deflateChunks(chunks);
  return {
    name,
    method: 8,
    crc: deflated.crc,
    size: deflated.size,
    data: deflated.data,
    ...time,
    flags: 0,
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}

/**
 * Writes a zip archive of the entries' stored bytes, under the given names. Nothing else of an old
 * archive survives (comments, extra fields).
 */
export function writeZip(entries: { name: string; entry: ZipEntry }[]): Uint8Array {
  const encoder = new TextEncoder();
  const pieces: {
    header: Uint8Array;
    data: Uint8Array;
    central: Uint8Array;
  }[] = [];
  let offset = 0;
  for (const e of entries) {
    const { method, crc, size, data, dosTime, dosDate } = e.entry;
    const name = encoder.encode(e.name);
    const flags = isAscii(e.name) ? 0 : UTF8_FLAG;
    if (data.length >= 0xffffffff || size >= 0xffffffff || offset >= 0xffffffff) {
      throw new PackageError(
        'the workbook would be larger than 4 GB, which needs zip64; Throughline does not write it',
      );
    }
    const header = new Uint8Array(30 + name.length);
    const hv = new DataView(header.buffer);
    hv.setUint32(0, LOCAL, true);
    hv.setUint16(4, 20, true);
    hv.setUint16(6, flags, true);
    hv.setUint16(8, method, true);
    hv.setUint16(10, dosTime, true);
    hv.setUint16(12, dosDate, true);
    hv.setUint32(14, crc, true);
    hv.setUint32(18, data.length, true);
    hv.setUint32(22, size, true);
    hv.setUint16(26, name.length, true);
    header.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, dosTime, true);
    cv.setUint16(14, dosDate, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    pieces.push({ header, data, central });
    offset += header.length + data.length;
  }
  if (pieces.length > 0xffff)
    throw new PackageError(
      'the workbook would hold more than 65,535 parts, which needs zip64; Throughline does not write it',
    );
  const dirSize = pieces.reduce((n, p) => n + p.central.length, 0);
  const out = new Uint8Array(offset + dirSize + 22);
  let p = 0;
  for (const piece of pieces) {
    out.set(piece.header, p);
    p += piece.header.length;
    out.set(piece.data, p);
    p += piece.data.length;
  }
  for (const piece of pieces) {
    out.set(piece.central, p);
    p += piece.central.length;
  }
  const ev = new DataView(out.buffer, p, 22);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, pieces.length, true);
  ev.setUint16(10, pieces.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  return out;
}

/** A DOS date and time for entries Throughline creates: fixed, so that the same refresh writes the same bytes. */
export const FIXED_DOS_TIME = {
  dosTime: 0,
  dosDate: ((2020 - 1980) << 9) | (1 << 5) | 1,
};
