// Looking inside .xlsx files in tests, and damaging them on purpose, with fflate directly: independent
// of Throughline's package layer, whose output these helpers check.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Every entry of the archive, inflated. */
export function entries(data: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(data);
}

export function partText(data: Uint8Array, name: string): string {
  const part = unzipSync(data, { filter: (f) => f.name === name })[name];
  if (!part) throw new Error(`no part ${name}`);
  return strFromU8(part);
}

/** The worksheet part of a sheet, found through workbook.xml and its relationships. */
export function sheetPartOf(data: Uint8Array, sheet: string): string {
  const workbook = partText(data, 'xl/workbook.xml');
  const escaped = sheet.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const m = new RegExp(`<sheet [^>]*name="${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`).exec(
    workbook,
  );
  if (!m) throw new Error(`no sheet ${sheet}`);
  const rels = partText(data, 'xl/_rels/workbook.xml.rels');
  const target =
    new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  if (!target) throw new Error(`no relationship ${m[1]}`);
  return target[1].startsWith('/') ? target[1].slice(1) : `xl/${target[1]}`;
}

/** The archive with some parts rewritten (text in, text out) or removed (null). */
export function rezip(data: Uint8Array, edits: Record<string, ((text: string) => string) | null>): Uint8Array {
  const files = unzipSync(data);
  for (const [name, edit] of Object.entries(edits)) {
    if (edit === null) delete files[name];
    else files[name] = strToU8(edit(strFromU8(files[name])));
  }
  return zipSync(files);
}

export interface RawEntry {
  crc: number;
  /** The stored bytes exactly as in the archive (compressed, usually). */
  stored: Uint8Array;
}

/**
 * Each entry's stored bytes, read from the central directory by hand (fflate only hands out inflated
 * content): a part copied unchanged must keep the very bytes it had, not just the same content.
 */
export function rawEntries(data: Uint8Array): Map<string, RawEntry> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = data.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const out = new Map<string, RawEntry>();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(p + 28, true);
    const name = strFromU8(data.subarray(p + 46, p + 46 + nameLength));
    const size = view.getUint32(p + 20, true);
    const local = view.getUint32(p + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.set(name, { crc: view.getUint32(p + 16, true), stored: data.subarray(start, start + size) });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

/** The archive with the uncompressed size of one entry rewritten, in its local header and its directory entry (a lying header). */
export function withDeclaredSize(data: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(data);
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let p = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(p + 28, true);
    if (strFromU8(out.subarray(p + 46, p + 46 + nameLength)) === name) {
      view.setUint32(p + 24, size, true);
      view.setUint32(view.getUint32(p + 42, true) + 22, size, true);
    }
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

/** The archive with one entry's stored bytes flipped in the middle (a damaged entry whose header is intact). */
export function withDamagedEntry(data: Uint8Array, name: string): Uint8Array {
  const out = new Uint8Array(data);
  const entry = rawEntries(out).get(name)!;
  const at = entry.stored.byteOffset - out.byteOffset + Math.floor(entry.stored.length / 2);
  for (let i = 0; i < 8 && at + i < out.length; i++) out[at + i] ^= 0xa5;
  return out;
}

/** The archive with parts replaced by raw bytes (not text): for invalid UTF-8. */
export function withBytes(data: Uint8Array, parts: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ ...unzipSync(data), ...parts });
}
