// A package whose codec deflates large parts off the main thread (Node's zlib): the part is complete
// only once settled, reading or saving it before is refused, and a checkpoint's restore forgets it.
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { nodeCodec } from '../../src/io/node/codec';
import { portableCodec, type Codec } from '../../src/io/ooxml/codec';

const text = (s: string) => new TextEncoder().encode(s);
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => text(`<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`));

function packageWith(codec: Codec): OoxmlPackage {
  const pkg = OoxmlPackage.empty(codec);
  pkg.set('[Content_Types].xml', '<Types/>');
  pkg.set('xl/worksheets/sheet1.xml', rows(3));
  return pkg;
}

test('a chunked part is read and saved only after settle, with the bytes the synchronous codec writes', async () => {
  const later = packageWith(nodeCodec);
  expect(() => later.bytes('xl/worksheets/sheet1.xml')).toThrow(/still being compressed/);
  expect(() => later.toBytes()).toThrow(/still being compressed/);
  await later.settle();
  const synchronous = packageWith({ ...nodeCodec, deflateChunksLater: undefined });
  expect(later.toBytes()).toEqual(synchronous.toBytes());
  expect(new TextDecoder().decode(later.bytes('xl/worksheets/sheet1.xml'))).toContain('<row r="3">');
});

test('a part set after a checkpoint and then restored away is not waited for', async () => {
  const pkg = packageWith(nodeCodec);
  await pkg.settle();
  const before = pkg.toBytes();
  const restore = pkg.checkpoint();
  pkg.set('xl/worksheets/sheet1.xml', rows(5000));
  pkg.set('xl/worksheets/sheet2.xml', rows(10));
  restore();
  expect(pkg.toBytes()).toEqual(before);
});

test('the portable codec has nothing to wait for', () => {
  expect(() => packageWith(portableCodec).toBytes()).not.toThrow();
});
