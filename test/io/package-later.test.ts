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
    Array.from({ length: n }, (_, i) => new TextEncoder().encode(`<row r="${i}"/>`.repeat(20_000)));
  for (const p of [pkg, counted]) {
    await p.setLater('a.xml', big(9));
    await p.setLater('b.xml', big(7));
    await p.settle();
  }
  expect(most).toBeLessThanOrEqual(5);
  expect(counted.toBytes()).toEqual(pkg.toBytes());
  expect(counted.bytes('b.xml')).toEqual(concatBytes(big(7)));
});
