// A sheet's protection without holding the sheet: Throughline's own Risks sheet is tens of megabytes
// of XML, and only the few hundred bytes after its last "sheetData" say whether it is protected. The
// part is inflated as a stream on zlib's threads (checked against its size and CRC as a whole part is),
// and only the bytes from the last "sheetData" seen so far are kept.
import { createGunzip } from 'node:zlib';
import { inflateEntry, type ZipEntry } from '../ooxml/zip';
import { PackageError } from '../ooxml/errors';
import { MAX_PART_BYTES } from '../ooxml/limits';
import { normalisePart } from '../ooxml/part-names';
import { sheetProtected, sheetProtectedBytes } from '../xlsx/worksheet-read';
import { nodeCodec } from './codec';

const SHEET_DATA = Buffer.from('sheetData');
/** As much as sheetProtectedBytes reads after the last "sheetData". */
const TAIL = 4096;
/** Parts smaller than this are inflated whole (a stream's set-up costs more than it saves). */
const MIN_STREAMED = 1024 * 1024;
/** Output pieces of a streamed part. */
const PIECE = 256 * 1024;

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** Keeps, of a stream of bytes, the TAIL bytes from the last "sheetData" (as sheetProtectedBytes reads them). */
export class ProtectionTail {
  private carry = Buffer.alloc(0);
  private tail: Buffer | null = null;

  push(piece: Buffer): void {
    // Only the few bytes carried over are joined to the piece (a "sheetData" split between two pieces),
    // never the whole piece copied: a 41 MB part comes as 160 pieces of 256 KB.
    const carried = this.carry.length;
    const joined = carried > 0 ? Buffer.concat([this.carry, piece.subarray(0, SHEET_DATA.length - 1)]) : piece;
    const inPiece = piece.lastIndexOf(SHEET_DATA);
    const across = carried > 0 ? joined.lastIndexOf(SHEET_DATA) : -1;
    if (inPiece >= 0) this.tail = Buffer.from(piece.subarray(inPiece, inPiece + TAIL));
    else if (across >= 0)
      this.tail = Buffer.concat([joined.subarray(across, carried), piece.subarray(0, TAIL - (carried - across))]);
    else if (this.tail && this.tail.length < TAIL)
      this.tail = Buffer.concat([this.tail, piece.subarray(0, TAIL - this.tail.length)]);
    // The last bytes seen, up to one short of "sheetData", for the next piece (a short piece keeps some carried).
    const keep = SHEET_DATA.length - 1;
    this.carry =
      piece.length >= keep
        ? Buffer.from(piece.subarray(piece.length - keep))
        : Buffer.concat([this.carry, piece]).subarray(Math.max(0, carried + piece.length - keep));
  }

  get protected(): boolean {
    return this.tail !== null && sheetProtected(new TextDecoder().decode(this.tail));
  }
}

/** The same words as the whole-part inflate (nodeCodec) for the same damage. */
function damage(e: Error & { code?: string }, name: string): PackageError {
  if (e instanceof PackageError) return e;
  if (e.code === 'Z_DATA_ERROR' && /check/i.test(e.message))
    return new PackageError(`${name} is damaged (its checksum does not match)`);
  return new PackageError(`${name} is damaged (its compressed data cannot be read: ${e.message})`);
}

function streamed(entry: ZipEntry): Promise<boolean> {
  const { name, size } = entry;
  return new Promise((resolve, reject) => {
    const tail = new ProtectionTail();
    let seen = 0;
    const gunzip = createGunzip({ chunkSize: PIECE });
    const fail = (e: Error) => {
      gunzip.destroy();
      reject(damage(e, name));
    };
    gunzip.on('data', (piece: Buffer) => {
      seen += piece.length;
      if (seen > size)
        return fail(
          new PackageError(`${name} expands past the size its archive declares (a damaged entry or a zip bomb)`),
        );
      tail.push(piece);
    });
    gunzip.on('error', fail);
    gunzip.on('end', () => {
      if (seen !== size) reject(new PackageError(`${name} is damaged or cut short (${seen} of ${size} bytes)`));
      else resolve(tail.protected);
    });
    // The raw deflate stream in a gzip header and trailer: zlib checks the CRC and the size itself.
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(entry.crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    gunzip.write(GZIP_HEADER);
    gunzip.write(entry.data);
    gunzip.end(trailer);
  });
}

/** Whether the sheet's protection forbids editing cells, as sheetProtectedBytes says of the whole part. */
export async function protectedWhileInflating(part: string, entry: ZipEntry): Promise<boolean> {
  try {
    // Stored parts, other methods and parts too large to read get the whole-part path and its words.
    if (entry.method !== 8 || entry.size < MIN_STREAMED || entry.size > MAX_PART_BYTES)
      return sheetProtectedBytes(inflateEntry(entry, nodeCodec));
    return await streamed(entry);
  } catch (e) {
    if (e instanceof PackageError && e.part === null) throw new PackageError(e.message, normalisePart(part));
    throw e;
  }
}
