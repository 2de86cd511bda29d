// A package whose codec deflates large parts off the main thread (Node's zlib): the part is complete
// only once settled, reading or saving it before is refused, and a checkpoint's restore forgets it.
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { nodeCodec } from '../../src/io/node/codec';
import { concatBytes, portableCodec, type Codec } from '../../src/io/ooxml/codec';

const text = (s: string) => new TextEncoder().encode(s);
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => text(`<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`));

async function packageWith(codec: Codec): Promise<OoxmlPackage> {
  const pkg = OoxmlPackage.empty(codec);
  pkg.set('[Content_Types].xml', '<Types/>');
  await pkg.setLater('xl/worksheets/sheet1.xml', rows(3));
  return pkg;
}

test('a chunked part is read and saved only after settle, with the bytes the synchronous codec writes', async () => {
  const later = await packageWith(nodeCodec);
  expect(() => later.bytes('xl/worksheets/sheet1.xml')).toThrow(/still being compressed/);
  expect(() => later.toBytes()).toThrow(/still being compressed/);
  await later.settle();
  const synchronous = await packageWith({ ...nodeCodec, deflateChunksLater: undefined });
  expect(later.toBytes()).toEqual(synchronous.toBytes());
  expect(new TextDecoder().decode(later.bytes('xl/worksheets/sheet1.xml'))).toContain('<row r="3">');
});

test('a part set after a checkpoint and then restored away is not waited for', async () => {
  const pkg = await packageWith(nodeCodec);
  await pkg.settle();
  const before = pkg.toBytes();
  const restore = pkg.checkpoint();
  await pkg.setLater('xl/worksheets/sheet1.xml', rows(5000));
  await pkg.setLater('xl/worksheets/sheet2.xml', rows(10));
  restore();
  expect(pkg.toBytes()).toEqual(before);
});

test('the portable codec has nothing to wait for', async () => {
  expect(() => packageWith(portableCodec).then((p) => p.toBytes())).not.toThrow();
  expect((await packageWith(portableCodec)).toBytes().length).toBeGreaterThan(0);
});

test('many pieces across parts: at most four are deflating at once, and the parts are whole', async () => {
  const pkg = OoxmlPackage.empty(nodeCodec);
  let deflating = 0;
  let most = 0;
  const codec: Codec = {
    ...nodeCodec,
    deflateChunksLater: (chunks, room) =>
      nodeCodec.deflateChunksLater!(chunks, (piece) => {
        deflating++;
        most = Math.max(most, deflating);
        void piece.finally(() => deflating--);
        return room(piece);
      }),
  };
  const counted = OoxmlPackage.empty(codec);
  const big = (n: number) =>
    Array.from({ length: n }, (_, i) => new TextEncoder().encode(`<row r="${i}"/>`.repeat(5_000)));
  for (const p of [pkg, counted]) {
    await p.setLater('a.xml', big(9));
    await p.setLater('b.xml', big(7));
    await p.settle();
  }
  expect(most).toBeLessThanOrEqual(5);
  expect(counted.toBytes()).toEqual(pkg.toBytes());
  expect(counted.bytes('b.xml')).toEqual(concatBytes(big(7)));
});

describe('reading a part off the main thread', () => {
  test('bytesLater gives what bytes gives, for deflated and stored parts', async () => {
    const pkg = OoxmlPackage.empty(nodeCodec);
    pkg.set('[Content_Types].xml', '<Types/>');
    pkg.set('tiny.xml', 'x');
    await pkg.setLater('xl/worksheets/sheet1.xml', rows(2000));
    await pkg.settle();
    const opened = OoxmlPackage.open(pkg.toBytes(), nodeCodec);
    for (const part of ['xl/worksheets/sheet1.xml', 'tiny.xml'])
      expect(await opened.bytesLater(part)).toEqual(opened.bytes(part));
  });

  test.each([
    ['a damaged checksum', (b: Uint8Array, at: number) => (b[at] ^= 0xff), /damaged/],
    ['a size the entry understates', null, /expands past the size its archive declares/],
  ])('%s is the same error, naming the part', async (_, damage, message) => {
    const pkg = OoxmlPackage.empty(nodeCodec);
    await pkg.setLater('xl/worksheets/sheet1.xml', rows(2000));
    await pkg.settle();
    const bytes = pkg.toBytes();
    // The local header's CRC (offset 14) or uncompressed size (offset 22) of the only entry, and the central directory's.
    const central = bytes.length - 22 - (46 + 'xl/worksheets/sheet1.xml'.length);
    if (damage) {
      damage(bytes, 14);
      damage(bytes, central + 16);
    } else {
      new DataView(bytes.buffer).setUint32(22, 100, true);
      new DataView(bytes.buffer).setUint32(central + 24, 100, true);
    }
    const opened = () => OoxmlPackage.open(bytes, nodeCodec);
    expect(() => opened().bytes('xl/worksheets/sheet1.xml')).toThrow(message);
    await expect(opened().bytesLater('xl/worksheets/sheet1.xml')).rejects.toThrow(message);
    await expect(opened().bytesLater('xl/worksheets/sheet1.xml')).rejects.toMatchObject({
      part: 'xl/worksheets/sheet1.xml',
    });
  });

  test('a missing part is refused the same way', async () => {
    const pkg = OoxmlPackage.empty(nodeCodec);
    expect(() => pkg.bytes('nope.xml')).toThrow(/missing/);
    await expect(pkg.bytesLater('nope.xml')).rejects.toThrow(/missing/);
  });
});
