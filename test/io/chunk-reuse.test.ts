// Chunks of the owned sheets and the patch go round (ByteWriter's `reuse`, giveBack): the deflater gives
// each back once it has read it, and the writer writes a later chunk in it. The part must come out the
// same as when every chunk is fresh, a chunk is never handed to two writers at once, and an array the
// writer did not lend is never taken.
import * as byteWriter from '../../src/io/ooxml/byte-writer';
import { ByteWriter, CHUNK_BYTES, giveBack } from '../../src/io/ooxml/byte-writer';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { nodeCodec } from '../../src/io/node/codec';
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { worksheetChunks, type NewSheet } from '../../src/io/ooxml/worksheet-new';
import { patchWorksheet, patchWorksheetBytes, type CellRender } from '../../src/io/ooxml/worksheet-patch';

/** About `rows` × 700 bytes: text that differs on every row, so a stale byte would show. */
function sheet(rows: number, seed: number): NewSheet {
  return {
    height: rows,
    width: 3,
    fill: (i, row) => {
      row.values[0] = i * seed;
      row.values[1] = `row ${i}: ${'x'.repeat(600 + (i % 50))} ${(i * 7919 + seed) % 100_003}`;
      row.values[2] = i % 3 === 0 ? null : `owner ${(i + seed) % 17}`;
    },
  };
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Chunks joined, each copied at once (before any could be written again). */
const whole = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks].map((c) => Buffer.from(c)));
/** Byte for byte (jest's toEqual walks a large buffer element by element). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** A sheet of `rows` numbers, patched with a note in column C of every row (chunks from the patch's writer). */
function patchCase(rows: number) {
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
  const xml = `<worksheet xmlns="${NS}"><sheetData>${body.join('')}</sheetData></worksheet>`;
  const cells = () => {
    const map = new Map<number, Map<number, CellRender>>();
    for (let r = 1; r <= rows; r++)
      map.set(r, new Map([[3, (tag: string) => cellXml(tag, `C${r}`, `note ${r} ${'y'.repeat(r % 40)}`, 0)]]));
    return map;
  };
  return { bytes: new TextEncoder().encode(xml), expected: patchWorksheet(xml, 's', { cells: cells() }).text, cells };
}

describe('chunks given back by the deflater', () => {
  test('a part written while its chunks go round is the part made of fresh chunks, and the buffers are reused', async () => {
    const expected = whole(worksheetChunks(sheet(20_000, 1), NS, REL));
    expect(expected.length).toBeGreaterThan(12 * CHUNK_BYTES);
    const buffers = new Set<ArrayBufferLike>();
    let chunks = 0;
    const counted = function* () {
      for (const chunk of worksheetChunks(sheet(20_000, 1), NS, REL)) {
        buffers.add(chunk.buffer);
        chunks++;
        yield chunk;
      }
    };
    const pkg = OoxmlPackage.empty(nodeCodec);
    await pkg.setLater('xl/worksheets/sheet1.xml', counted());
    await pkg.settle();
    expect(same(pkg.bytes('xl/worksheets/sheet1.xml'), expected)).toBe(true);
    // At most four pieces deflate at once: the later chunks are written in buffers given back.
    expect(buffers.size).toBeLessThan(chunks);
  });

  test('a chunk is given back only once zlib has read it all: scribbled over then, the part is still right', async () => {
    const real = byteWriter.giveBack;
    const scribble = jest.spyOn(byteWriter, 'giveBack').mockImplementation((chunk) => {
      chunk.fill(0x21);
      real(chunk);
    });
    try {
      const expected = whole(worksheetChunks(sheet(8_000, 4), NS, REL));
      const pkg = OoxmlPackage.empty(nodeCodec);
      await pkg.setLater('a.xml', worksheetChunks(sheet(8_000, 4), NS, REL));
      await pkg.settle();
      expect(scribble.mock.calls.length).toBeGreaterThan(3);
      expect(same(pkg.bytes('a.xml'), expected)).toBe(true);
    } finally {
      scribble.mockRestore();
    }
  });

  test('parts one after the other, new and patched, come out right with the chunks shared between them', async () => {
    const a = whole(worksheetChunks(sheet(6_000, 2), NS, REL));
    const b = whole(worksheetChunks(sheet(4_000, 3), NS, REL));
    const patched = patchCase(40_000);
    expect(patched.expected.length).toBeGreaterThan(2 * CHUNK_BYTES);
    const pkg = OoxmlPackage.empty(nodeCodec);
    await pkg.setLater('a.xml', worksheetChunks(sheet(6_000, 2), NS, REL));
    await pkg.setLater('c.xml', patchWorksheetBytes(patched.bytes, 's', { cells: patched.cells() }).chunks);
    await pkg.setLater('b.xml', worksheetChunks(sheet(4_000, 3), NS, REL));
    await pkg.settle();
    expect(same(pkg.bytes('a.xml'), a)).toBe(true);
    expect(same(pkg.bytes('b.xml'), b)).toBe(true);
    expect(Buffer.from(pkg.bytes('c.xml')).toString('utf8') === patched.expected).toBe(true);
  });

  test('an array the writer did not lend, or one given back twice, is not written again', () => {
    const mine = new Uint8Array(CHUNK_BYTES + (CHUNK_BYTES >> 2));
    giveBack(mine);
    const lender = new ByteWriter(true);
    lender.ascii('a'.repeat(CHUNK_BYTES));
    const lent = lender.take();
    giveBack(lent);
    giveBack(lent);
    // Two writers made now take two different buffers, and neither is the caller's own array.
    const one = new ByteWriter(true);
    const two = new ByteWriter(true);
    expect(one.current.buffer).not.toBe(two.current.buffer);
    expect([one.current.buffer, two.current.buffer]).not.toContain(mine.buffer);
    expect([one.current.buffer, two.current.buffer]).toContain(lent.buffer);
  });

  test('a writer without reuse never lends its chunks', () => {
    const plain = new ByteWriter();
    plain.ascii('kept');
    const kept = plain.take();
    giveBack(kept);
    const next = new ByteWriter(true);
    expect(next.current.buffer).not.toBe(kept.buffer);
    expect(new TextDecoder().decode(kept)).toBe('kept');
  });
});
