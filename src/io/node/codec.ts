// Node's native zlib for the package layer, used by the command line. A zip entry's raw deflate
// stream wrapped in a gzip header and trailer lets zlib check the CRC and the size itself, and gzip
// output hands back the CRC of what it compressed.
import { constants, crc32 as zlibCrc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { LEVEL, concatBytes, type Codec } from '../ooxml/codec';
import { PackageError } from '../ooxml/errors';

const GZIP_HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export const nodeCodec: Codec = {
  inflate(data, size, crc, name) {
    const wrapped = new Uint8Array(GZIP_HEADER.length + data.length + 8);
    wrapped.set(GZIP_HEADER, 0);
    wrapped.set(data, GZIP_HEADER.length);
    const trailer = new DataView(wrapped.buffer, GZIP_HEADER.length + data.length, 8);
    trailer.setUint32(0, crc, true);
    trailer.setUint32(4, size >>> 0, true);
    try {
      // Output room for the whole part at once: in 64 KB pieces (the default) zlib would then copy them
      // all into one buffer, twice the memory for a 40 MB sheet. One byte more than declared, so that a
      // part that fills it exactly is known to be complete without asking for more room.
      const out = gunzipSync(wrapped, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64 * 1024, size + 1) });
      if (out.length !== size)
        throw new PackageError(`${name} is damaged or cut short (${out.length} of ${size} bytes)`);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (e) {
      if (e instanceof PackageError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE')
        throw new PackageError(`${name} expands past the size its archive declares (a damaged entry or a zip bomb)`);
      if (code === 'Z_DATA_ERROR' && /check/i.test((e as Error).message))
        throw new PackageError(`${name} is damaged (its checksum does not match)`);
      throw new PackageError(`${name} is damaged (its compressed data cannot be read: ${(e as Error).message})`);
    }
  },
  deflateChunks(chunks) {
    // Each chunk is deflated on its own and flushed to a byte boundary without ending the stream; the
    // last one ends it. A fresh compressor never refers back past its own start, so the pieces
    // joined are one valid deflate stream (losing only the 32 KB window at each seam).
    const out: Uint8Array[] = [];
    let crc = 0;
    let size = 0;
    let pending: Uint8Array | null = null;
    const flush = (chunk: Uint8Array, last: boolean) => {
      const data = deflateRawSync(chunk, {
        level: LEVEL,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      });
      out.push(new Uint8Array(data.buffer, data.byteOffset, data.length));
    };
    for (const chunk of chunks) {
      // Node's crc32 of an empty chunk is 0, not the CRC so far: empty chunks are skipped.
      if (chunk.length === 0) continue;
      crc = zlibCrc32(chunk, crc);
      size += chunk.length;
      if (pending) flush(pending, false);
      pending = chunk;
    }
    flush(pending ?? new Uint8Array(0), true);
    return { data: concatBytes(out), crc, size };
  },
  deflate(content) {
    const gz = gzipSync(content, { level: LEVEL });
    const crc = new DataView(gz.buffer, gz.byteOffset + gz.length - 8, 4).getUint32(0, true);
    return {
      data: new Uint8Array(gz.buffer, gz.byteOffset + 10, gz.length - 18),
      crc,
    };
  },
};
