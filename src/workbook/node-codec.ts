// Node's native zlib for the package layer, used by the command line. A zip entry's raw deflate
// stream wrapped in a gzip header and trailer lets zlib check the CRC and the size itself, and gzip
// output hands back the CRC of what it compressed.
import { gunzipSync, gzipSync } from 'node:zlib';
import { LEVEL, type Codec } from './package/codec';
import { PackageError } from './package/errors';

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
      const out = gunzipSync(wrapped, { maxOutputLength: Math.max(1, size) });
      if (out.length !== size) throw new PackageError(`${name} is damaged or cut short (${out.length} of ${size} bytes)`);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (e) {
      if (e instanceof PackageError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new PackageError(`${name} expands past the size its archive declares (a damaged entry or a zip bomb)`);
      if (code === 'Z_DATA_ERROR' && /check/i.test((e as Error).message)) throw new PackageError(`${name} is damaged (its checksum does not match)`);
      throw new PackageError(`${name} is damaged (its compressed data cannot be read: ${(e as Error).message})`);
    }
  },
  deflate(content) {
    const gz = gzipSync(content, { level: LEVEL });
    const crc = new DataView(gz.buffer, gz.byteOffset + gz.length - 8, 4).getUint32(0, true);
    return { data: new Uint8Array(gz.buffer, gz.byteOffset + 10, gz.length - 18), crc };
  },
};
