// The write with its sheets patched elsewhere (the command line's worker thread, xlsx/sheet-jobs.ts)
// makes the same bytes as the write in one thread: when the owned sheets' formats were guessed right,
// when they were guessed wrong and written again, when the offload fails, and through the real worker.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { nodeCodec } from '../../src/io/node/codec';
import { startSheetOffload, workerHeapMb } from '../../src/io/node/patch-offload';
import { runSheetJobs, type SheetOffload } from '../../src/io/xlsx/sheet-jobs';
import { refreshWorkbook } from '../../src/io/refresh';
import { bytesOf, smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx')));

/** In this thread, but through a structured clone as a worker would receive the jobs. */
const inProcess: SheetOffload = { run: (jobs) => runSheetJobs(structuredClone(jobs), nodeCodec) };
const failing: SheetOffload = { run: async () => Promise.reject(new Error('no worker')) };

/** The small workbook with a Health column its user already dressed (italic, yellow): formats derived from those. */
async function dressedWorkbook(): Promise<Uint8Array> {
  const wb = smallWorkbook();
  const ini = wb.getWorksheet('Projects')!;
  ini.getCell('I3').value = 'Health (auto)';
  for (const cell of ['I4', 'I5']) {
    ini.getCell(cell).value = 'old';
    ini.getCell(cell).font = { italic: true };
    ini.getCell(cell).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  }
  return bytesOf(wb);
}

async function smallBytes(): Promise<Uint8Array> {
  return bytesOf(smallWorkbook() as ExcelJS.Workbook);
}

/** Refreshes the bytes as of the day, with or without an offload: the file written, and how often each part was made from pieces. */
async function refreshed(bytes: Uint8Array, asOf: string, offload?: SheetOffload) {
  const sets = new Map<string, number>();
  const setLater = OoxmlPackage.prototype.setLater;
  const spy = jest.spyOn(OoxmlPackage.prototype, 'setLater').mockImplementation(function (
    this: OoxmlPackage,
    part: string,
    content: Iterable<string | Uint8Array>,
  ) {
    sets.set(part, (sets.get(part) ?? 0) + 1);
    return setLater.call(this, part, content);
  });
  try {
    const wb = await XlsxWorkbook.fromBuffer(bytes, 'test.xlsx', nodeCodec, offload);
    await refreshWorkbook(wb, { today: day(asOf), settings: { asOf: day(asOf) } });
    return { bytes: await wb.toBuffer(), sets };
  } finally {
    spy.mockRestore();
  }
}

const RISKS = /sheet\d+\.xml$/;
/** How many times the owned sheets were written from pieces (the input sheets patched elsewhere are not). */
const ownedWrites = (sets: Map<string, number>) => [...sets].filter(([p]) => RISKS.test(p)).map(([, n]) => n);

describe('patching the sheets elsewhere', () => {
  const cases: { name: string; bytes: () => Promise<Uint8Array>; offload: SheetOffload; guessed: boolean }[] = [
    { name: 'the example', bytes: async () => EXAMPLE, offload: inProcess, guessed: true },
    { name: "exceljs's small workbook", bytes: smallBytes, offload: inProcess, guessed: true },
    // Formats derived from the user's own: the guess (from format 0) numbers the owned formats wrong.
    { name: 'a Health column the user dressed', bytes: dressedWorkbook, offload: inProcess, guessed: false },
    { name: 'an offload that fails (the sheets patched here)', bytes: smallBytes, offload: failing, guessed: true },
  ];
  it.each(cases)('$name: the same bytes, first and weekly refresh', async ({ bytes, offload, guessed }) => {
    const input = await bytes();
    const plain = await refreshed(input, '2026-06-30');
    const offloaded = await refreshed(input, '2026-06-30', offload);
    expect(Buffer.from(offloaded.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // Each owned sheet once in one thread; twice with an offload when the guess was wrong.
    expect(ownedWrites(plain.sets).every((n) => n === 1)).toBe(true);
    expect(ownedWrites(offloaded.sets).some((n) => n === 2)).toBe(!guessed);
    const weeklyPlain = await refreshed(plain.bytes, '2026-07-07');
    const weekly = await refreshed(offloaded.bytes, '2026-07-07', offload);
    expect(Buffer.from(weekly.bytes).equals(Buffer.from(weeklyPlain.bytes))).toBe(true);
  });

  it('through the real worker thread (the compiled one in lib/): the same bytes', async () => {
    const offload = startSheetOffload(path.join(ROOT, 'lib/io/node/patch-worker.js'));
    expect(offload).toBeDefined();
    const plain = await refreshed(EXAMPLE, '2026-06-30');
    const offloaded = await refreshed(EXAMPLE, '2026-06-30', offload);
    expect(Buffer.from(offloaded.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // A second write through the same offload starts another worker.
    const weeklyPlain = await refreshed(plain.bytes, '2026-07-07');
    const weekly = await refreshed(offloaded.bytes, '2026-07-07', offload);
    expect(Buffer.from(weekly.bytes).equals(Buffer.from(weeklyPlain.bytes))).toBe(true);
  });

  it('a worker that runs out of memory: the sheets are patched here, the same bytes', async () => {
    const offload = startSheetOffload(path.join(ROOT, 'lib/io/node/patch-worker.js'), () => 2)!;
    const run = jest.fn(offload.run);
    const plain = await refreshed(EXAMPLE, '2026-06-30');
    const offloaded = await refreshed(EXAMPLE, '2026-06-30', { run });
    expect(Buffer.from(offloaded.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    await expect(run.mock.results[0].value).rejects.toThrow(/memory/i);
  });

  it('the worker heap grows with the sheets sent', () => {
    const jobs = (sizes: number[]) =>
      ({ sheets: sizes.map((size) => ({ stored: { size } })) }) as unknown as Parameters<typeof workerHeapMb>[0];
    expect(workerHeapMb(jobs([]))).toBe(96);
    expect(workerHeapMb(jobs([9 * 2 ** 20]))).toBe(100);
    expect(workerHeapMb(jobs([100 * 2 ** 20, 60 * 2 ** 20]))).toBe(704);
  });

  it('a sheet the worker cannot patch over its bytes is patched here, the text way', async () => {
    // A byte order mark sends the patch the text way (NotPlainXml): the worker refuses, this thread does it.
    const wb = await XlsxWorkbook.fromBuffer(EXAMPLE, 'x.xlsx', nodeCodec);
    for (const sheet of wb.model.sheets) wb.pkg.set(sheet.entry.part, '\ufeff' + wb.pkg.text(sheet.entry.part));
    const withBom = await wb.toBuffer();
    const plain = await refreshed(withBom, '2026-06-30');
    const run = jest.fn(inProcess.run);
    const offloaded = await refreshed(withBom, '2026-06-30', { run });
    expect(Buffer.from(offloaded.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    await expect(run.mock.results[0].value).rejects.toThrow(/byte order mark/);
  });
});

/** The workbooks test/interop/pinned.test.ts pins: every one refreshes to the same bytes through the offload. */
function corpus(): string[] {
  const inDir = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.xls[xm]$/.test(f))
          .map((f) => path.join(dir, f))
      : [];
  return [
    path.join(ROOT, 'test/fixtures/rollout-libreoffice.xlsx'),
    path.join(ROOT, 'test/fixtures/rollout-refreshed-libreoffice.xlsx'),
    ...inDir(path.join(ROOT, 'test/fixtures/interop')),
    ...inDir(path.join(ROOT, '../shared/interop')),
    ...inDir(path.join(ROOT, '../shared/excel-corpus')),
  ];
}

/** The refreshed bytes, or the words of the error that stopped the refresh. */
async function outcome(bytes: Uint8Array, asOf: string, offload?: SheetOffload): Promise<Uint8Array | string> {
  try {
    return (await refreshed(bytes, asOf, offload)).bytes;
  } catch (e) {
    return String(e);
  }
}

test.each(corpus().map((f) => [path.relative(ROOT, f), f]))(
  '%s: the same outcome through the offload',
  async (_, file) => {
    const input = new Uint8Array(readFileSync(file));
    const plain = await outcome(input, '2026-06-30');
    const offloaded = await outcome(input, '2026-06-30', inProcess);
    if (typeof plain === 'string' || typeof offloaded === 'string') {
      expect(offloaded).toEqual(plain);
      return;
    }
    expect(Buffer.from(offloaded).equals(Buffer.from(plain))).toBe(true);
    const weeklyPlain = await outcome(plain, '2026-07-07');
    const weekly = await outcome(offloaded, '2026-07-07', inProcess);
    expect(typeof weekly === 'string' ? weekly : Buffer.from(weekly).toString('base64')).toEqual(
      typeof weeklyPlain === 'string' ? weeklyPlain : Buffer.from(weeklyPlain).toString('base64'),
    );
  },
);
