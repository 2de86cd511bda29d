// Deflating a part in chunks (a large sheet made a piece at a time): the chunks joined inflate to the
// whole, with the whole's CRC and size, in both codecs, and each codec reads what the other wrote.
import fc from 'fast-check';
import { portableCodec, concatBytes, type Codec } from '../../src/io/ooxml/codec';
import { nodeCodec } from '../../src/io/node/codec';
import { crc32 } from '../../src/io/ooxml/crc32';

const codecs: [string, Codec][] = [
  ['portable (fflate)', portableCodec],
  ['Node zlib', nodeCodec],
];

/** Chunks that compress like sheet XML: repeated tags with varying numbers. */
const xmlChunk = fc
  .array(fc.integer({ min: 0, max: 99_999 }), { maxLength: 400 })
  .map((ns) => new TextEncoder().encode(ns.map((n) => `<c r="A${n}"><v>${n * 7}</v></c>`).join('')));

describe.each(codecs)('%s', (_, codec) => {
  test('chunks deflated as one stream inflate to their concatenation, in either codec', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(xmlChunk, fc.uint8Array({ maxLength: 3000 })), { maxLength: 8 }), (chunks) => {
        const whole = concatBytes(chunks.length > 0 ? chunks : [new Uint8Array(0)]);
        const out = codec.deflateChunks(chunks);
        expect(out.size).toBe(whole.length);
        expect(out.crc).toBe(crc32(whole));
        for (const [, reader] of codecs) expect(reader.inflate(out.data, out.size, out.crc, 'part')).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });

  test('empty chunks anywhere change nothing (Node’s own crc32 of an empty chunk forgets the CRC so far)', () => {
    const a = new TextEncoder().encode('<row r="1"/>');
    const out = codec.deflateChunks([new Uint8Array(0), a, new Uint8Array(0), a, new Uint8Array(0)]);
    expect(out.crc).toBe(crc32(concatBytes([a, a])));
    expect(codec.inflate(out.data, out.size, out.crc, 'part')).toEqual(concatBytes([a, a]));
  });

  test('a CRC continued over chunks is the CRC of the whole', () => {
    const a = new TextEncoder().encode('<sheetData>');
    const b = new TextEncoder().encode('</sheetData>');
    expect(crc32(b, crc32(a))).toBe(crc32(concatBytes([a, b])));
  });
});

describe('Node zlib, deflated off the main thread', () => {
  /** Every piece waited for before the next is made (as a full pool would), or none (all in flight at once). */
  const later = (chunks: Uint8Array[], wait = false) =>
    nodeCodec.deflateChunksLater!(chunks, async (piece) => {
      if (wait) await piece;
    });

  test('gives the same bytes, CRC and size as deflating each chunk here', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(xmlChunk, fc.uint8Array({ maxLength: 3000 })), { maxLength: 8 }),
        async (chunks) => {
          const now = nodeCodec.deflateChunks(chunks);
          const out = await later(chunks, chunks.length % 2 === 0);
          expect(out.size).toBe(now.size);
          expect(out.crc).toBe(now.crc);
          expect(await out.data).toEqual(now.data);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a chunk of a megabyte of sheet XML, which deflates past zlib’s default output room, is the same too', async () => {
    const rows: string[] = [];
    let length = 0;
    for (let r = 1; length < 1 << 20; r++) {
      const row = `<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 100_003}</v></c></row>`;
      rows.push(row);
      length += row.length;
    }
    const big = new TextEncoder().encode(rows.join(''));
    const chunks = [big, big.subarray(0, 70_000), big];
    const out = await later(chunks);
    expect(await out.data).toEqual(nodeCodec.deflateChunks(chunks).data);
    expect(nodeCodec.inflate(await out.data, out.size, out.crc, 'part')).toEqual(concatBytes(chunks));
  });

  test('a megabyte that does not compress (more output than the room first given) is the same too', async () => {
    let seed = 7;
    const noise = Uint8Array.from({ length: 1 << 20 }, () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) >>> 24);
    const out = await later([noise, noise], true);
    expect(await out.data).toEqual(nodeCodec.deflateChunks([noise, noise]).data);
  });

  test('no chunks at all is an empty part', async () => {
    const out = await later([]);
    expect(out.size).toBe(0);
    expect(nodeCodec.inflate(await out.data, 0, out.crc, 'part')).toEqual(new Uint8Array(0));
  });
});
