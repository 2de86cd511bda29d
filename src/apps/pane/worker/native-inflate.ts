// The page's worker inflates a workbook's parts with the browser's own zlib (DecompressionStream
// 'deflate-raw', native code in Chromium, Firefox and Safari) before opening it: fflate, the portable
// codec, inflates in JavaScript, several times slower (at 100k rows 24 MB of XML, most of a second of a
// busy machine). DecompressionStream is asynchronous and the package reads parts synchronously, so the
// parts are inflated first, then handed to the package through its codec; fflate stays the fallback
// for everything else (no DecompressionStream, a part the native inflater refused, parts written since).
// Only inflating changes: what is written is deflated by the portable codec, as everywhere.
import { portableCodec, type Codec } from '../../../io/ooxml/codec';
import { crc32 } from '../../../io/ooxml/crc32';
import { MAX_PART_BYTES, MAX_TOTAL_BYTES } from '../../../io/ooxml/limits';
import { readZip, type ZipEntry } from '../../../io/ooxml/zip';

/** Parts smaller than this are left to fflate: a stream's set-up costs more than inflating them. */
export const NATIVE_FROM_BYTES = 16 * 1024;

/** Whether this runtime has a native raw-deflate inflater. */
export function hasNativeInflate(): boolean {
  if (typeof DecompressionStream === 'undefined') return false;
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

/** The entry's bytes inflated natively; null if they are not exactly `size` bytes (fflate then says why). */
async function inflateNative(data: Uint8Array, size: number): Promise<Uint8Array | null> {
  const out = new Uint8Array(size);
  let at = 0;
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // More than the archive declares: a damaged entry or a zip bomb; never hold more than `size` bytes.
      if (at + value.length > size) {
        await reader.cancel();
        return null;
      }
      out.set(value, at);
      at += value.length;
    }
  } catch {
    return null;
  }
  return at === size ? out : null;
}

/** Where an entry's compressed bytes sit in the file: the same for the package's own reading of it. */
const placeOf = (name: string, data: Uint8Array) => `${data.byteOffset}:${data.length}:${name}`;

/**
 * A codec for the package opened from `bytes` whose parts (deflated ones of `from` bytes or more, within the
 * package's own limits) are inflated natively now. Each is checked as fflate checks it (its size and
 * CRC-32) when the package reads it; anything not inflated here goes to fflate.
 */
export async function nativeCodec(bytes: Uint8Array, from = NATIVE_FROM_BYTES): Promise<Codec> {
  if (!hasNativeInflate()) return portableCodec;
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch {
    // Not a zip the package can read: opening it says why.
    return portableCodec;
  }
  const inflated = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 8 || entry.size < from || entry.size > MAX_PART_BYTES) continue;
    if (total + entry.size > MAX_TOTAL_BYTES) break;
    const out = await inflateNative(entry.data, entry.size);
    if (out === null) continue;
    total += entry.size;
    inflated.set(placeOf(entry.name, entry.data), out);
  }
  return {
    inflate(data, size, crc, name) {
      // Only the file's own bytes: a part written since is another buffer.
      const out = data.buffer === bytes.buffer ? inflated.get(placeOf(name, data)) : undefined;
      if (out && out.length === size && crc32(out) === crc) return out;
      return portableCodec.inflate(data, size, crc, name);
    },
    deflate: (content) => portableCodec.deflate(content),
    deflateChunks: (chunks) => portableCodec.deflateChunks(chunks),
  };
}
