// Node's native zlib for the package layer, used by the command line. A zip entry's raw deflate
// stream wrapped in a gzip header and trailer lets zlib check the CRC and the size itself, and gzip
// output hands back the CRC of what it compressed.
import { constants, crc32 as zlibCrc32, deflateRaw, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { LEVEL, concatBytes, type Codec } from '../ooxml/codec';
import { giveBack } from '../ooxml/byte-writer';
import { PackageError } from '../ooxml/errors';

const GZIP_HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * Each chunk is deflated on its own and flushed to a byte boundary without ending the stream; the last
 * one ends it. A fresh compressor never refers back past its own start, so the pieces joined are one
 * valid deflate stream (losing only the 32 KB window at each seam).
 */
const pieceOptions = (last: boolean) => ({
  level: LEVEL,
  finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
});

/**
 * Every non-empty chunk with whether it is the last (an empty last piece when there are none); `sum`
 * ends as the CRC and size of the whole.
 */
function* piecesOf(chunks: Iterable<Uint8Array>, sum: { crc: number; size: number }): Generator<[Uint8Array, boolean]> {
  let pending: Uint8Array | null = null;
  for (const chunk of chunks) {
    // Node's crc32 of an empty chunk is 0, not the CRC so far: empty chunks are skipped.
    if (chunk.length === 0) continue;
    sum.crc = zlibCrc32(chunk, sum.crc);
    sum.size += chunk.length;
    if (pending) yield [pending, false];
    pending = chunk;
  }
  yield [pending ?? new Uint8Array(0), true];
}

/** Hands every piece to `piece` and returns the CRC and size of the whole. */
function eachPiece(
  chunks: Iterable<Uint8Array>,
  piece: (chunk: Uint8Array, last: boolean) => void,
): { crc: number; size: number } {
  const sum = { crc: 0, size: 0 };
  for (const [chunk, last] of piecesOf(chunks, sum)) piece(chunk, last);
  return sum;
}

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
    const out: Uint8Array[] = [];
    const { crc, size } = eachPiece(chunks, (chunk, last) => {
      const data = deflateRawSync(chunk, pieceOptions(last));
      out.push(new Uint8Array(data.buffer, data.byteOffset, data.length));
    });
    return { data: concatBytes(out), crc, size };
  },
  async deflateChunksLater(chunks, room) {
    // zlib's asynchronous call runs on libuv's thread pool: each piece starts deflating the moment it
    // is handed over, while this thread goes on making the next. The pieces are the same as above, each
    // deflated on its own with the same flush, so the bytes are the same as deflateChunks's.
    const out: Promise<Uint8Array>[] = [];
    const piece = (chunk: Uint8Array, last: boolean): Promise<Uint8Array> => {
      // Output room for any likely piece (sheet XML deflates to a tenth): with less, zlib comes back to
      // this thread for more, which a busy thread gives only when it next waits. Copied out of it.
      const options = { ...pieceOptions(last), chunkSize: Math.max(64 * 1024, chunk.length >> 2) };
      const made = new Promise<Uint8Array>((resolve, reject) =>
        deflateRaw(chunk, options, (e, data) => {
          if (e) return reject(e);
          // zlib has read the whole piece by now: a writer that lent it may write the next one in it.
          giveBack(chunk);
          resolve(new Uint8Array(data));
        }),
      );
      out.push(made);
      return made;
    };
    const sum = { crc: 0, size: 0 };
    for (const [chunk, last] of piecesOf(chunks, sum)) await room(piece(chunk, last));
    const data = Promise.all(out).then(concatBytes);
    // A caller that gives up before awaiting (a failed write) must not leave an unhandled rejection.
    data.catch(() => undefined);
    return { data, crc: sum.crc, size: sum.size };
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
