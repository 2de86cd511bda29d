// The read on two threads (issue 23): sheets scanned by a worker and handed back as typed arrays must
// make the same snapshot as the one-thread read, and fail with the same words. Checked on the example
// (first and weekly refresh), the interop and Excel corpora (openpyxl, XlsxWriter, LibreOffice,
// SheetJS, Excel and others' files), and the bench generator's 10,000-row workbook; once through an
// in-process stand-in for the worker (every sheet handed over, the reply structured-cloned as
// postMessage would) and once through a real worker thread.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook } from '../../src/io/refresh';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { sheetsAway } from '../../src/io/xlsx/read';
import { ReaderGone, type SheetReader } from '../../src/io/xlsx/sheet-scan';
import { sheetProtectedBytes } from '../../src/io/xlsx/worksheet-read';
import { answer, SHEET_WORKER } from '../../src/io/node/sheet-worker';
import { ThreadReader, replyError } from '../../src/io/node/sheet-threads';
import { ProtectionTail, protectedWhileInflating } from '../../src/io/node/sheet-protection';
import type { ZipEntry } from '../../src/io/ooxml/zip';
import { crc32 } from '../../src/io/ooxml/crc32';
import { generateWorkbook } from '../../scripts/bench/generate';
import { day } from '../support/snapshot';
import { rezip, sheetPartOf, withDamagedEntry } from '../support/zip';

const ROOT = path.join(__dirname, '../..');
const SHARED = path.join(ROOT, '../shared');

const every = (sizes: readonly number[]) => sizes.map((_, i) => i);

/** The worker's own answer, made in this thread; the reply crosses as postMessage would clone it. */
function inProcess(choose: SheetReader['choose'] = every): SheetReader & { scans: number } {
  let id = 0;
  const reader = {
    scans: 0,
    choose,
    async scan(...[part, entry, context, wants]: Parameters<SheetReader['scan']>) {
      reader.scans++;
      const reply = structuredClone(answer(++id, part, structuredClone(entry), structuredClone(context), wants));
      if (!reply.ok) throw replyError(reply);
      return reply.scanned;
    },
    protectedPart: protectedWhileInflating,
    close: () => undefined,
  };
  return reader;
}

/** The snapshot, or the words it fails with. */
async function readWith(bytes: Uint8Array, reader: SheetReader | null): Promise<unknown> {
  try {
    const port = XlsxWorkbook.open(bytes, 'book.xlsx', nodeCodec);
    if (reader) port.useSheetReader(reader);
    return await port.read();
  } catch (e) {
    return { failed: (e as Error).message };
  }
}

async function refreshedBytes(bytes: Uint8Array, asOf: string): Promise<Uint8Array> {
  const port = XlsxWorkbook.open(bytes, 'book.xlsx', nodeCodec);
  await refreshWorkbook(port, { today: day(asOf) });
  return port.toBuffer();
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.xls[xm]$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const corpus = [
  path.join(ROOT, 'examples/rollout.xlsx'),
  path.join(ROOT, 'test/fixtures/rollout-libreoffice.xlsx'),
  path.join(ROOT, 'test/fixtures/rollout-refreshed-libreoffice.xlsx'),
  ...filesIn(path.join(ROOT, 'test/fixtures/interop')),
  ...filesIn(path.join(SHARED, 'interop')),
  ...filesIn(path.join(SHARED, 'excel-corpus')),
];

describe('the read on two threads makes the same snapshot', () => {
  it.each(corpus.map((f) => [path.relative(ROOT, f), f]))('%s', async (_label, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const reader = inProcess();
    const threaded = await readWith(bytes, reader);
    expect(threaded).toEqual(await readWith(bytes, null));
  });

  it('on the example after a first and a weekly refresh (the ledger and the Risks sheet)', async () => {
    const first = await refreshedBytes(
      new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx'))),
      '2026-03-31',
    );
    const weekly = await refreshedBytes(first, '2026-04-07');
    for (const bytes of [first, weekly]) {
      const reader = inProcess();
      expect(await readWith(bytes, reader)).toEqual(await readWith(bytes, null));
      expect(reader.scans).toBeGreaterThan(3);
    }
  });

  it('on the generated 10,000-row workbook, first and weekly, every sheet or the largest handed over', async () => {
    const input = buildWorkbook(generateWorkbook(10_000).sheets);
    const first = await refreshedBytes(input, '2026-06-30');
    for (const bytes of [input, first]) {
      const alone = await readWith(bytes, null);
      const all = inProcess();
      expect(await readWith(bytes, all)).toEqual(alone);
      expect(all.scans).toBeGreaterThanOrEqual(5);
      // As the command line splits it (at 10,000 rows every sheet is small enough to stay here).
      expect(await readWith(bytes, inProcess(sheetsAway))).toEqual(alone);
    }
  }, 60_000);

  it("a refreshed Risks sheet's protection, looked for before the ledger is in: the same snapshot and errors", async () => {
    const first = await refreshedBytes(
      new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx'))),
      '2026-03-31',
    );
    const risks = sheetPartOf(first, 'Risks');
    const isProtected = rezip(first, {
      [risks]: (t) => t.replace('</sheetData>', '</sheetData><sheetProtection sheet="1"/>'),
    });
    const damaged = withDamagedEntry(first, risks);
    const both = rezip(damaged, {
      [sheetPartOf(first, 'Objectives')]: (t) => t.replace('</sheetData>', '<row></sheetData>'),
    });
    for (const bytes of [first, isProtected, damaged, both]) {
      const asked: string[] = [];
      const reader = inProcess();
      const { protectedPart, scan } = reader;
      reader.protectedPart = (part, entry) => (asked.push('protection'), protectedPart!(part, entry));
      reader.scan = (...args) => (asked.push('scan'), scan(...args));
      expect(await readWith(bytes, reader)).toEqual(await readWith(bytes, null));
      // Asked once, before any sheet is handed over (the ledger among them).
      expect(asked.filter((a) => a === 'protection')).toHaveLength(1);
      expect(asked[0]).toBe('protection');
    }
    expect(((await readWith(isProtected, inProcess())) as { protectedSheets: string[] }).protectedSheets).toContain(
      'Risks',
    );
    // Two broken sheets: the one read first (Objectives) names the error, though the Risks sheet's check began first.
    expect(((await readWith(both, inProcess())) as { failed: string }).failed).toContain(
      sheetPartOf(first, 'Objectives'),
    );
  });

  it('scans here what a reader whose thread is gone was given', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx')));
    const gone: SheetReader = {
      choose: every,
      scan: () => Promise.reject(new ReaderGone('stopped')),
      close: () => undefined,
    };
    expect(await readWith(bytes, gone)).toEqual(await readWith(bytes, null));
  });
});

describe('the read on two threads fails as the one-thread read does', () => {
  const example = () => new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx')));

  it.each([
    ['a sheet that is not well-formed XML', (t: string) => t.replace('</sheetData>', '<row></sheetData>')],
    ['a sheet with a DOCTYPE', (t: string) => t.replace('<worksheet', '<!DOCTYPE x []><worksheet')],
  ])('%s', async (_what, edit) => {
    const bytes = example();
    const broken = rezip(bytes, { [sheetPartOf(bytes, 'Initiatives')]: edit });
    const alone = (await readWith(broken, null)) as { failed: string };
    expect(alone.failed).toMatch(/^Cannot read book\.xlsx: .*sheet/);
    expect(await readWith(broken, inProcess())).toEqual(alone);
  });

  it('the first sheet in reading order names the error when two are broken', async () => {
    const bytes = example();
    const broken = rezip(bytes, {
      [sheetPartOf(bytes, 'Objectives')]: (t) => t.replace('</sheetData>', '<row></sheetData>'),
      [sheetPartOf(bytes, 'Initiatives')]: (t) => t.replace('</sheetData>', '<row></sheetData>'),
    });
    const alone = (await readWith(broken, null)) as { failed: string };
    expect(alone.failed).toContain(sheetPartOf(bytes, 'Objectives'));
    // Objectives scanned here, Initiatives on the "other thread": the order still decides.
    const objectivesHere = inProcess((sizes) => every(sizes).filter((i) => i !== 0));
    expect(await readWith(broken, objectivesHere)).toEqual(alone);
    expect(await readWith(broken, inProcess())).toEqual(alone);
  });
});

describe('which sheets go to the other thread', () => {
  const MB = 1024 * 1024;
  // Hand-checked: the other thread starts 2 MB behind; this one counts a sixteenth of what it hands over.
  it.each([
    ['none when every sheet is small', [0.4, 0.1, 0.3], []],
    // 13.8 stays (here 13.8); 4.4, 3.2, 1.6 and 0.7 go (there 2 + 9.9 = 11.9, here 13.8 + 0.62 = 14.42).
    ['the first refresh of the bench workbook', [0.7, 4.4, 3.2, 1.6, 13.8], [0, 1, 2, 3]],
    ['a sheet under half a megabyte stays', [0.7, 4.4, 3.2, 1.6, 13.8, 0.4], [0, 1, 2, 3]],
    // Weekly, the ledger (9.0) first in reading order. 13.8 stays (here 13.8); 9.0 goes (there 11,
    // here 14.36); 6.5 goes (17.5, 14.77); 4.4 stays (here 19.17); 2.3 goes (19.8, 19.31); 1.1 stays.
    ['the weekly refresh of the bench workbook', [9.0, 1.1, 6.5, 4.4, 2.3, 13.8], [0, 2, 4]],
    ['two equal large sheets: one each', [5, 5], [1]],
    ['one large sheet: it stays', [20], []],
  ])('%s', (_what, sizes, away) => {
    expect(sheetsAway(sizes.map((s) => Math.round(s * MB)))).toEqual(away);
  });
});

/** A part as a zip stores it (raw deflate). */
function entryOf(text: string, name = 'xl/worksheets/sheet9.xml'): ZipEntry {
  const content = new TextEncoder().encode(text);
  return {
    name,
    method: 8,
    crc: crc32(content),
    size: content.length,
    data: new Uint8Array(deflateRawSync(content)),
    dosTime: 0,
    dosDate: 0,
    flags: 0,
  };
}

/** A Risks-like sheet of `rows` rows, protected or not, and with or without a decoy after its cells. */
function riskSheet(rows: number, protection: string | null): string {
  const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>R-${r} sheetData?</t></is></c></row>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    Array.from({ length: rows }, (_, i) => row(i + 1)).join('') +
    `</sheetData>${protection ?? ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

describe("a Risks sheet's protection, found while it inflates", () => {
  it.each([
    ['protected', '<sheetProtection sheet="1" objects="1"/>', true],
    ['protection without the sheet flag', '<sheetProtection objects="1"/>', false],
    ['no protection', null, false],
  ])('%s: as the whole part says', async (_what, protection, expected) => {
    // About 2.5 MB: streamed, in pieces.
    const text = riskSheet(40_000, protection);
    const entry = entryOf(text);
    expect(entry.size).toBeGreaterThan(1024 * 1024);
    expect(sheetProtectedBytes(new TextEncoder().encode(text))).toBe(expected);
    await expect(protectedWhileInflating(entry.name, entry)).resolves.toBe(expected);
  });

  it('with the same words as the whole-part inflate for a bad checksum, a short part and a long one', async () => {
    const good = entryOf(riskSheet(40_000, null));
    const cases: ZipEntry[] = [
      { ...good, crc: (good.crc ^ 1) >>> 0 },
      { ...good, size: good.size + 10 },
      { ...good, size: good.size - 10 },
      { ...good, data: good.data.subarray(0, good.data.length >> 1) },
    ];
    for (const entry of cases) {
      let whole = '';
      try {
        nodeCodec.inflate(entry.data, entry.size, entry.crc, entry.name);
      } catch (e) {
        whole = (e as Error).message;
      }
      expect(whole).not.toBe('');
      await expect(protectedWhileInflating(entry.name, entry)).rejects.toThrow(whole);
    }
  });

  it('any split of the bytes into pieces keeps what the whole part says', () => {
    const texts = [
      riskSheet(30, '<sheetProtection sheet="1"/>'),
      riskSheet(30, null),
      'sheetDatasheetData<x/>',
      // A near miss before the last "sheetData", and a protection 3,000 bytes on (its tail spans many pieces).
      'xsheetDatsheetData<sheetProtection sheet="1"/>',
      `<sheetData></sheetData>${' '.repeat(3000)}<sheetProtection sheet="1"/>`,
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 40 }),
        (text, cuts) => {
          const bytes = Buffer.from(text);
          const tail = new ProtectionTail();
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const next = Math.min(bytes.length, at + cuts[i % cuts.length]);
            tail.push(bytes.subarray(at, next));
            at = next;
          }
          expect(tail.protected).toBe(sheetProtectedBytes(bytes));
        },
      ),
    );
  });
});

describe('a real worker thread', () => {
  const script = {
    file: path.join(ROOT, 'src/io/node/sheet-worker.ts'),
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  };

  it('is told apart by the same marker the worker checks', () => {
    expect(SHEET_WORKER).toBe('throughline-sheet-reader');
  });

  it('reads the example and the generated 10,000-row workbook, refreshed, to the same snapshots', async () => {
    const example = new Uint8Array(readFileSync(path.join(ROOT, 'examples/rollout.xlsx')));
    const generated = await refreshedBytes(buildWorkbook(generateWorkbook(10_000).sheets), '2026-06-30');
    for (const bytes of [example, generated]) {
      const reader = new ThreadReader(script, every);
      try {
        expect(await readWith(bytes, reader)).toEqual(await readWith(bytes, null));
      } finally {
        reader.close();
      }
    }
  }, 120_000);
});
