// The page's worker inflates a workbook's parts with the browser's DecompressionStream (Node has the
// same API, so this runs here): every part comes out byte for byte as fflate inflates it; a damaged
// part is refused with fflate's own message; parts written since, and runtimes without the API, use
// fflate; and the workbook refreshed through the worker is the same file as the command line's.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { portableCodec } from '../../src/io/ooxml/codec';
import { readZip } from '../../src/io/ooxml/zip';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { hasNativeInflate, nativeCodec } from '../../src/apps/pane/worker/native-inflate';
import { day } from '../support/snapshot';

const FILES = [
  path.join(__dirname, '../../examples/rollout.xlsx'),
  // Written by LibreOffice (another writer's deflate).
  path.join(__dirname, '../fixtures/rollout-libreoffice.xlsx'),
];

afterEach(() => jest.restoreAllMocks());

test('this runtime has the native inflater (Chromium and Node do)', () => {
  expect(hasNativeInflate()).toBe(true);
});

test.each(FILES)('%s: every part inflated natively, the same bytes as fflate, fflate never asked', async (file) => {
  const bytes = new Uint8Array(readFileSync(file));
  const codec = await nativeCodec(bytes, 0);
  const entries = readZip(bytes).filter((e) => e.method === 8);
  expect(entries.length).toBeGreaterThan(5);
  const expected = entries.map((e) => portableCodec.inflate(e.data, e.size, e.crc, e.name));
  const fflate = jest.spyOn(portableCodec, 'inflate');
  entries.forEach((e, i) =>
    expect(Buffer.from(codec.inflate(e.data, e.size, e.crc, e.name))).toEqual(Buffer.from(expected[i])),
  );
  expect(fflate).not.toHaveBeenCalled();
});

test('small parts, parts written since and a runtime without the API go to fflate', async () => {
  const bytes = new Uint8Array(readFileSync(FILES[0]));
  const entries = readZip(bytes).filter((e) => e.method === 8);
  const fflate = jest.spyOn(portableCodec, 'inflate');
  // Below the threshold: fflate for each.
  const small = await nativeCodec(bytes, Number.MAX_SAFE_INTEGER);
  for (const e of entries) small.inflate(e.data, e.size, e.crc, e.name);
  expect(fflate).toHaveBeenCalledTimes(entries.length);
  // A part written since sits in another buffer.
  fflate.mockClear();
  const codec = await nativeCodec(bytes, 0);
  const e = entries[0];
  const copy = e.data.slice();
  expect(Buffer.from(codec.inflate(copy, e.size, e.crc, e.name))).toEqual(
    Buffer.from(portableCodec.inflate(e.data, e.size, e.crc, e.name)),
  );
  expect(fflate).toHaveBeenCalledTimes(2);
  const saved = globalThis.DecompressionStream;
  try {
    delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
    expect(hasNativeInflate()).toBe(false);
    expect(await nativeCodec(bytes, 0)).toBe(portableCodec);
  } finally {
    globalThis.DecompressionStream = saved;
  }
});

test('a damaged part is refused with the message fflate gives, and never past its declared size', async () => {
  const bytes = new Uint8Array(readFileSync(FILES[0]));
  const biggest = readZip(bytes)
    .filter((e) => e.method === 8)
    .sort((a, b) => b.size - a.size)[0];
  const fflateSays = (data: Uint8Array, size: number, crc: number) => {
    try {
      portableCodec.inflate(data, size, crc, biggest.name);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('fflate took it');
  };
  // Its compressed data broken (a byte flipped in the middle).
  const damaged = bytes.slice();
  damaged[biggest.data.byteOffset + (biggest.data.length >> 1)] ^= 0xff;
  const entry = readZip(damaged).find((e) => e.name === biggest.name)!;
  const broken = await nativeCodec(damaged, 0);
  expect(() => broken.inflate(entry.data, entry.size, entry.crc, entry.name)).toThrow(
    fflateSays(entry.data, entry.size, entry.crc),
  );
  // Its data whole but its checksum wrong; and declared smaller than it inflates to (a zip bomb's shape).
  const codec = await nativeCodec(bytes, 0);
  const { data, size, crc } = biggest;
  expect(() => codec.inflate(data, size, crc ^ 1, biggest.name)).toThrow(fflateSays(data, size, crc ^ 1));
  expect(() => codec.inflate(data, size - 1, crc, biggest.name)).toThrow(fflateSays(data, size - 1, crc));
});

test('opened with the native codec, the refreshed workbook is the file the command line writes', async () => {
  const bytes = new Uint8Array(readFileSync(FILES[1]));
  const here = XlsxWorkbook.open(bytes.slice(), 'rollout.xlsx');
  const native = XlsxWorkbook.open(bytes, 'rollout.xlsx', await nativeCodec(bytes, 0));
  const options = { today: day('2026-06-30') };
  const [a, b] = [await refreshWorkbook(here, options), await refreshWorkbook(native, options)];
  expect(b.report).toEqual(a.report);
  expect(Buffer.from(await native.toBuffer()).equals(Buffer.from(await here.toBuffer()))).toBe(true);
});
