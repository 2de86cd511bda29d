// "Every workbook Excel opens, Throughline opens" (SPEC §4), on 47 workbooks saved by Excel itself
// (../shared/excel-corpus: pivots, slicers, a timeline, charts, sparklines, x14 formats, comments, Power
// Query, a data model, richData, VBA, macro and dialog sheets, 1904 dates, Strict OOXML, very hidden
// sheets, a structure-protected workbook). None holds Throughline's tables, so each is given the worked
// example's input sheets the way Excel writes them (test/support/excel-inject.ts, independent of
// Throughline's package layer), then refreshed as the command line does. Proved part by part: every
// part the refresh does not touch keeps its stored bytes; touched parts change only where the plan
// writes; VBA, pivots, slicers and connections survive; a second refresh changes nothing; the report is
// the same whatever workbook surrounds the input; the structure-protected workbook is refused with
// nothing written. A few outputs are opened in openpyxl and LibreOffice. What is not proved: that
// Excel itself opens the outputs (there is no Excel here); see test/fixtures/interop/README.md.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strFromU8 } from 'fflate';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook, type PortRefreshResult } from '../../src/io/refresh';
import { WorkbookWriteError } from '../../src/io/errors';
import { LEDGER_SHEET } from '../../src/engine/recognise/names';
import { main } from '../../src/apps/cli/main';
import { injectInputSheets, type InputSheet, type Injection } from '../support/excel-inject';
import { inflateRaw, readRawZip, type RawZipEntry } from '../support/raw-zip';
import {
  appendedColumns,
  ownedCells,
  sheetOutsideOwned,
  stylesAsBefore,
  tableOutsideOwned,
  without,
} from '../support/xlsx-compare';
import { comparable, inventoryAsync } from '../support/inventory';
import { rezip } from '../support/zip';
import { day } from '../support/snapshot';

const ROOT = path.join(__dirname, '../..');
// EXCEL_CORPUS points elsewhere (a copy, or nowhere to see the skip).
const CORPUS = process.env.EXCEL_CORPUS ?? path.join(ROOT, '../shared/excel-corpus');
const present = existsSync(CORPUS);
const AS_OF = '2026-06-30';
const today = day(AS_OF);
const example = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/interop/example-data.json'), 'utf8')) as {
  sheets: InputSheet[];
};

/** Opened in openpyxl and LibreOffice: Strict, 1904 dates, VBA with macro, dialog and chart sheets, pivots with Power Query. */
const OPENED = [
  'sheetjs--sheet_visibility_strict.xlsx',
  'phpspreadsheet--1904_Calendar.xlsx',
  'sheetjs--BlankSheetTypes.xlsm',
  'calamine--pivots.xlsx',
];

/** Parts an Excel feature lives in: each must reach the output as the very bytes it had. */
const FEATURE_PARTS: [string, RegExp][] = [
  ['VBA project', /^xl\/vbaProject\.bin$/],
  ['pivot table', /^xl\/pivotTables\//],
  ['pivot cache', /^xl\/pivotCache\//],
  ['slicer', /^xl\/slicers\//],
  ['slicer cache', /^xl\/slicerCaches\//],
  ['timeline', /^xl\/timelines\//],
  ['timeline cache', /^xl\/timelineCaches\//],
  ['connections', /^xl\/connections\.xml$/],
  ['query table', /^xl\/queryTables\//],
  ['data model', /^xl\/model\//],
  ['custom XML (Power Query)', /^customXml\//],
  ['rich data', /^xl\/richData\//],
  ['chart', /^xl\/charts\/chart\d+\.xml$/],
  ['chartEx', /^xl\/charts\/chartEx/],
  ['chart sheet', /^xl\/chartsheets\//],
  ['macro sheet', /^xl\/macrosheets\//],
  ['dialog sheet', /^xl\/dialogsheets\//],
  ['threaded comments', /^xl\/threadedComments\//],
  ['legacy comments', /^xl\/comments\d*\.xml$/],
  ['ActiveX control', /^xl\/activeX\//],
  ['form control', /^xl\/ctrlProps\//],
  ['embedding', /^xl\/embeddings\//],
  ['external link', /^xl\/externalLinks\//],
  ['calculation chain', /^xl\/calcChain\.xml$/],
  ['custom properties', /^docProps\/custom\.xml$/],
];

/** A RAID log of the user's own, called Risks: Throughline must leave it alone and write "Throughline Risks". */
const USER_RISKS: InputSheet = {
  sheet: 'Risks',
  table: null,
  title: 'RAID log',
  headers: ['ID', 'Risk', 'Owner', 'Likelihood', 'Impact', 'Mitigation', 'Status'],
  dateColumns: [],
  rows: [
    ['R-1', 'ERP vendor slips go-live', 'M. Okafor', 'Medium', 'High', 'Weekly vendor call', 'Open'],
    ['R-2', 'EMEA data migration quality', 'L. Moreau', 'High', 'High', 'Dry runs before cutover', 'Open'],
  ],
};
const USER_RISKS_FILES = ['openxlsx-data--loadExample.xlsx', 'npoi--SimpleStrict.xlsx'];

interface Case {
  file: string;
  injection: Injection;
  /** The workbook's structure is locked (Review › Protect Workbook). */
  locked: boolean;
  result?: PortRefreshResult;
  output?: Uint8Array;
  again?: Uint8Array;
}

const files = present
  ? readdirSync(CORPUS)
      .filter((f) => /\.xls[xm]$/.test(f))
      .sort()
  : [];
const cases = new Map<string, Case>();
const variants = new Map<string, Case>();
const dir = mkdtempSync(path.join(tmpdir(), 'throughline-excel-corpus-'));
let openpyxl: Record<string, unknown> = {};
let libreoffice: Record<string, unknown> = {};

async function refreshOnce(data: Uint8Array, name: string): Promise<{ bytes: Uint8Array; result: PortRefreshResult }> {
  const port = await XlsxWorkbook.fromBuffer(data, name, nodeCodec);
  const result = await refreshWorkbook(port, { today });
  return { bytes: await port.toBuffer(), result };
}

async function prepare(file: string, sheets: InputSheet[]): Promise<Case> {
  const original = new Uint8Array(readFileSync(path.join(CORPUS, file)));
  const injection = injectInputSheets(original, sheets, file);
  const workbook = partOf(injection.bytes, injection.workbookPart);
  const locked = /<(?:\w+:)?workbookProtection\b[^>]*\blockStructure="(?:1|true)"/.test(workbook);
  const c: Case = { file, injection, locked };
  if (locked) return c;
  const first = await refreshOnce(injection.bytes, file);
  const second = await refreshOnce(first.bytes, file);
  return { ...c, result: first.result, output: first.bytes, again: second.bytes };
}

const written = (name: string, bytes: Uint8Array) => {
  const out = path.join(dir, name);
  writeFileSync(out, bytes);
  return out;
};
const refreshedName = (file: string) => file.replace(/(\.xls[xm])$/, '.refreshed$1');

beforeAll(async () => {
  if (!present) return;
  // The files the two programs open first, so that they read while the rest is refreshed.
  for (const file of OPENED) cases.set(file, await prepare(file, example.sheets));
  const opened = OPENED.flatMap((f) => [
    written(f, cases.get(f)!.injection.bytes),
    written(refreshedName(f), cases.get(f)!.output!),
  ]);
  const seen = Promise.all([inventoryAsync('inventory.py', opened), inventoryAsync('inventory_lo.py', opened)]);
  for (const file of files) if (!cases.has(file)) cases.set(file, await prepare(file, example.sheets));
  // The variant: the user's own Risks sheet, Settings hidden and the check-ins very hidden.
  const hidden = example.sheets.map((s) =>
    s.sheet === 'Settings'
      ? { ...s, state: 'hidden' as const }
      : s.sheet === 'Check-ins'
        ? { ...s, state: 'veryHidden' as const }
        : s,
  );
  for (const file of USER_RISKS_FILES) variants.set(file, await prepare(file, [...hidden, USER_RISKS]));
  [openpyxl, libreoffice] = await seen;
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function partOf(bytes: Uint8Array, name: string): string {
  const entry = readRawZip(bytes).find((e) => e.name === name);
  if (!entry) throw new Error(`no part ${name}`);
  return strFromU8(inflateRaw(entry));
}

const byName = (bytes: Uint8Array) => new Map(readRawZip(bytes).map((e) => [e.name, e]));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
/**
 * What is kept of an entry when its part is copied: the compressed bytes and, in the local header,
 * everything from the method to the sizes (method, DOS time and date, CRC, both sizes). Not kept, and
 * said so: the general-purpose flags (Excel's 6, a deflate-speed hint; Throughline writes 0), "version
 * made by" in the directory (4.5 → 2.0) and the padding Excel puts in some entries' extra field. None
 * of them changes a byte of any part.
 */
const stored = (e: RawZipEntry) => ({
  name: e.name,
  header: Buffer.from(e.local.subarray(8, 26)).toString('hex'),
  method: e.method,
  crc: e.crc,
  size: e.size,
  compressed: e.data.length,
  time: [e.dosDate, e.dosTime],
});
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');

/** The parts the plan may change: the written sheets and their tables, styles, the workbook's lists of parts. */
function touchable(c: Case): Set<string> {
  const { injection } = c;
  const parts = new Set([
    '[Content_Types].xml',
    injection.workbookPart,
    relsOf(injection.workbookPart),
    injection.stylesPart,
  ]);
  for (const t of c.result!.plan!.tables) {
    const sheet = injection.sheets.find((s) => s.name === t.sheet)!;
    parts.add(sheet.part);
    if (t.tableName) parts.add(sheet.table!.part);
  }
  return parts;
}

/** The two owned sheets' parts: what the output holds that the input did not. */
const addedParts = (c: Case) => {
  const before = byName(c.injection.bytes);
  return readRawZip(c.output!)
    .map((e) => e.name)
    .filter((n) => !before.has(n));
};

/** Every workbook but the structure-protected one, in file-name order. */
const refreshable = () => files.map((f) => cases.get(f)!).filter((c) => !c.locked);

if (!present) {
  console.warn(`Skipping the Excel corpus test: ${CORPUS} is absent (see test/fixtures/interop/README.md).`);
  test.skip(`the Excel corpus is absent (${CORPUS}): nothing to check; see test/fixtures/interop/README.md`, () => {});
}

// Without the corpus there is no file to name a block after (jest refuses an empty .each).
if (present)
  describe.each(files.map((file) => ({ file })))('$file', ({ file }) => {
    const get = () => cases.get(file)!;

    test('the injected copy differs from what Excel saved only in the parts adding sheets changes', () => {
      const c = get();
      const original = byName(new Uint8Array(readFileSync(path.join(CORPUS, file))));
      const injected = byName(c.injection.bytes);
      const i = c.injection;
      const edited = new Set(['[Content_Types].xml', i.workbookPart, relsOf(i.workbookPart), i.stylesPart]);
      edited.add(i.sharedStringsPart);
      expect(i.edited.every((p) => edited.has(p))).toBe(true);
      for (const [name, e] of original) {
        if (i.edited.includes(name)) continue;
        const kept = injected.get(name)!;
        expect({ name, local: same(kept.local, e.local), data: same(kept.data, e.data) }).toEqual({
          name,
          local: true,
          data: true,
        });
      }
    });

    test('refreshes: every input table is read and written', () => {
      const c = get();
      if (c.locked) return; // its own test below
      const { result } = c;
      expect(result!.fatal).toEqual([]);
      expect(result!.report.errors).toEqual([]);
      expect(result!.plan!.tables.map((t) => t.sheet).sort()).toEqual([
        'Dependencies',
        'Initiatives',
        'KPIs',
        'Objectives',
      ]);
    });

    test('every part the refresh does not touch keeps its compressed bytes, CRC, sizes, method and time', () => {
      const c = get();
      if (c.locked) return;
      const before = readRawZip(c.injection.bytes);
      const after = byName(c.output!);
      const touched = touchable(c);
      for (const e of before) {
        const kept = after.get(e.name);
        expect({ name: e.name, kept: kept !== undefined }).toEqual({ name: e.name, kept: true });
        if (touched.has(e.name)) {
          // Rewritten parts keep their name and the time Excel stamped.
          expect([kept!.dosDate, kept!.dosTime]).toEqual([e.dosDate, e.dosTime]);
          continue;
        }
        expect(stored(kept!)).toEqual(stored(e));
        expect(same(kept!.data, e.data)).toBe(true);
      }
      // The package's order is kept; only the Risks sheet and the ledger are new, at the end.
      const names = readRawZip(c.output!).map((e) => e.name);
      expect(names.slice(0, before.length)).toEqual(before.map((e) => e.name));
      expect(addedParts(c)).toHaveLength(2);
      expect(addedParts(c).every((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toBe(true);
    });

    test('what Excel put there (VBA, pivots, slicers, connections, charts...) reaches the output byte for byte', () => {
      const c = get();
      if (c.locked) return;
      const before = byName(c.injection.bytes);
      const after = byName(c.output!);
      for (const [feature, pattern] of FEATURE_PARTS) {
        for (const [name, e] of before) {
          if (!pattern.test(name)) continue;
          expect({ feature, name, same: same(after.get(name)!.data, e.data) }).toEqual({ feature, name, same: true });
          // Their relationships too (a pivot's cache, a sheet's drawing).
          const rels = relsOf(name);
          if (before.has(rels)) expect(same(after.get(rels)!.data, before.get(rels)!.data)).toBe(true);
        }
      }
      const types = partOf(c.output!, '[Content_Types].xml');
      if (file.endsWith('.xlsm')) {
        expect(types).toContain(
          `<Override PartName="/${c.injection.workbookPart}" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>`,
        );
      }
    });

    test('each touched sheet and table differs only where the plan writes', () => {
      const c = get();
      if (c.locked) return;
      const plan = c.result!.plan!;
      for (const sheet of new Set(plan.tables.map((t) => t.sheet))) {
        const part = c.injection.sheets.find((s) => s.name === sheet)!.part;
        const owned = ownedCells(plan, sheet);
        const appended = appendedColumns(plan, sheet);
        expect(sheetOutsideOwned(partOf(c.output!, part), owned, appended)).toBe(
          sheetOutsideOwned(partOf(c.injection.bytes, part), owned, appended),
        );
      }
      for (const t of plan.tables.filter((x) => x.tableName !== null)) {
        const part = c.injection.sheets.find((s) => s.name === t.sheet)!.table!.part;
        const appended = new Set(t.columns.filter((col) => col.append).map((col) => col.header));
        const out = partOf(c.output!, part);
        expect(tableOutsideOwned(out, appended)).toBe(tableOutsideOwned(partOf(c.injection.bytes, part), appended));
        expect(out).not.toMatch(/headerRowCount/);
      }
    });

    test('styles, the workbook, its relationships and content types only gain entries', () => {
      const c = get();
      if (!c.locked) expectOnlyGained(c);
    });

    test('a second refresh changes nothing', () => {
      const c = get();
      if (c.locked) return;
      expect(same(c.again!, c.output!)).toBe(true);
    });
  });

/** Styles, workbook.xml, its relationships and content types: what the input had, plus the owned sheets' entries. */
function expectOnlyGained(c: Case): void {
  const i = c.injection;
  const a = partOf(i.bytes, i.stylesPart);
  const b = partOf(c.output!, i.stylesPart);
  // Formats are appended; nothing else in the style sheet changes.
  expect(stylesAsBefore(b, a)).toBe(stylesAsBefore(a, a));
  const plan = c.result!.plan!;
  const owned = new Set([plan.risks.sheetName, plan.ledger.sheetName]);
  const wb = partOf(c.output!, i.workbookPart);
  expect(without(wb, 'sheet', 'name', new Set([...owned].map(escapeName)))).toBe(partOf(i.bytes, i.workbookPart));
  const ids = new Set(
    [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"[^>]*\bid="([^"]*)"/g)]
      .filter((m) => owned.has(m[1]))
      .map((m) => m[2]),
  );
  expect(ids.size).toBe(2);
  const rels = relsOf(i.workbookPart);
  expect(without(partOf(c.output!, rels), 'Relationship', 'Id', ids)).toBe(partOf(i.bytes, rels));
  const overrides = new Set(addedParts(c).map((n) => `/${n}`));
  expect(without(partOf(c.output!, '[Content_Types].xml'), 'Override', 'PartName', overrides)).toBe(
    partOf(i.bytes, '[Content_Types].xml'),
  );
  // The new sheets are written in the workbook's own dialect (Strict namespaces and relationship types in Strict).
  const mainNs = i.strict
    ? 'http://purl.oclc.org/ooxml/spreadsheetml/main'
    : 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relNs = i.strict
    ? 'http://purl.oclc.org/ooxml/officeDocument/relationships'
    : 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  for (const part of addedParts(c)) expect(partOf(c.output!, part)).toMatch(new RegExp(`<worksheet xmlns="${mainNs}"`));
  const added = [...partOf(c.output!, rels).matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((r) => [...ids].some((id) => r.includes(`Id="${id}"`)));
  for (const r of added) expect(r).toContain(`Type="${relNs}/worksheet"`);
}

const escapeName = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

(present ? describe : describe.skip)('across the corpus', () => {
  test('the corpus holds what it is said to: every feature part above turns up somewhere', () => {
    const names = refreshable().flatMap((c) => readRawZip(c.injection.bytes).map((e) => e.name));
    for (const [feature, pattern] of FEATURE_PARTS)
      expect({ feature, found: names.some((n) => pattern.test(n)) }).toEqual({ feature, found: true });
    expect(
      refreshable()
        .filter((c) => c.injection.strict)
        .map((c) => c.file),
    ).toEqual(['npoi--SimpleStrict.xlsx', 'sheetjs--sheet_visibility_strict.xlsx']);
  });

  test('the report is the same whatever workbook surrounds the input (1904 dates, Strict ISO dates included)', () => {
    const [first, ...rest] = refreshable();
    // Whole items (health, progress, forecast dates, flags, impact, rows) and the Risks rows.
    const summary = (c: Case) => [
      ...c.result!.report.items.map((i) => JSON.stringify(i)),
      ...c.result!.plan!.risks.rows.map((r) => JSON.stringify(r)),
    ];
    expect(summary(first).length).toBeGreaterThan(15);
    for (const c of rest) expect({ file: c.file, items: summary(c) }).toEqual({ file: c.file, items: summary(first) });
    const date1904 = refreshable().filter((c) =>
      /date1904="(1|true)"/.test(partOf(c.injection.bytes, c.injection.workbookPart)),
    );
    expect(date1904.map((c) => c.file)).toEqual([
      'closedxml--Date1904System.xlsx',
      'phpspreadsheet--1904_Calendar.xlsx',
      'sheetjs--1904.xlsx',
    ]);
  });

  test("dates written back are serials of the workbook's own date system", () => {
    const forecastCell = (c: Case) => {
      const t = c.result!.plan!.tables.find((x) => x.sheet === 'Initiatives')!;
      const col = t.columns.find((x) => x.header === 'Forecast (auto)')!;
      const letter = String.fromCharCode(64 + col.column);
      const part = c.injection.sheets.find((s) => s.name === 'Initiatives')!.part;
      const m = new RegExp(`<c r="${letter}${t.headerRow + 1}"[^>]*><v>([^<]*)</v>`).exec(partOf(c.output!, part));
      return Number(m?.[1]);
    };
    const plain = forecastCell(cases.get('openxlsx-data--tableStyles.xlsx')!);
    expect(plain).toBeGreaterThan(46_000);
    for (const f of ['closedxml--Date1904System.xlsx', 'phpspreadsheet--1904_Calendar.xlsx', 'sheetjs--1904.xlsx'])
      expect(forecastCell(cases.get(f)!)).toBe(plain - 1462);
    for (const f of ['npoi--SimpleStrict.xlsx', 'sheetjs--sheet_visibility_strict.xlsx'])
      expect(forecastCell(cases.get(f)!)).toBe(plain);
  });

  test('hidden and very hidden sheets stay as they were', () => {
    for (const f of ['sheetjs--sheet_visibility.xlsx', 'sheetjs--sheet_visibility_strict.xlsx']) {
      const c = cases.get(f)!;
      const sheets = (bytes: Uint8Array) =>
        [...partOf(bytes, c.injection.workbookPart).matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
      expect(sheets(c.output!).slice(0, 3)).toEqual(sheets(c.injection.bytes).slice(0, 3));
      expect(sheets(c.output!).filter((s) => /state="veryHidden"/.test(s))).toHaveLength(1);
    }
  });

  test("a user's own Risks sheet is left alone, Throughline's becomes Throughline Risks; hidden input sheets are read", () => {
    const reference = cases.get(files[0])!.result!.report.items.map((i) => JSON.stringify(i));
    for (const [file, c] of variants) {
      expect({ file, items: c.result!.report.items.map((i) => JSON.stringify(i)) }).toEqual({ file, items: reference });
      expect({ file, risks: c.result!.plan!.risks.sheetName }).toEqual({ file, risks: 'Throughline Risks' });
      const part = c.injection.sheets.find((s) => s.name === 'Risks')!.part;
      expect(same(byName(c.output!).get(part)!.data, byName(c.injection.bytes).get(part)!.data)).toBe(true);
      expect(same(c.again!, c.output!)).toBe(true);
    }
  });

  test('a password to modify (fileSharing) reaches the refreshed copy unchanged, so the copy still asks for it', () => {
    const c = cases.get('poi--0-www-crossref-org.lib.rivier.edu_education-files_suffix-generator.xlsm')!;
    const sharing = (bytes: Uint8Array) => /<fileSharing\b[^>]*\/>/.exec(partOf(bytes, c.injection.workbookPart))?.[0];
    expect(sharing(c.injection.bytes)).toMatch(/readOnlyRecommended="1".*hashValue="/);
    expect(sharing(c.output!)).toBe(sharing(c.injection.bytes));
  });

  test('a Strict workbook without a style sheet gets one through a Strict relationship type', async () => {
    // Excel always writes a style sheet; a Strict package cut down by another tool may not. The styles
    // relationship Throughline then adds must be spelled in Strict's namespace, as its sheets are.
    const c = cases.get('npoi--SimpleStrict.xlsx')!;
    const rels = 'xl/_rels/workbook.xml.rels';
    const bare = rezip(c.injection.bytes, {
      'xl/styles.xml': null,
      [rels]: (xml) => xml.replace(/<Relationship [^>]*\/styles"[^>]*\/>/, ''),
      '[Content_Types].xml': (xml) => xml.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''),
    });
    expect(partOf(bare, rels)).not.toContain('/styles"');
    const { bytes, result } = await refreshOnce(bare, 'strict-without-styles.xlsx');
    expect(result.fatal).toEqual([]);
    const added = /<Relationship [^>]*Type="([^"]*\/styles)"[^>]*\/>/.exec(partOf(bytes, rels));
    expect(added?.[1]).toBe('http://purl.oclc.org/ooxml/officeDocument/relationships/styles');
    expect(partOf(bytes, 'xl/styles.xml')).toContain('http://purl.oclc.org/ooxml/spreadsheetml/main');
  });

  test('the structure-protected workbook is refused, and nothing is written', async () => {
    const locked = [...cases.values()].filter((c) => c.locked);
    expect(locked.map((c) => c.file)).toEqual(['phpspreadsheet--form_pass_print.xlsm']);
    const c = locked[0];
    const port = await XlsxWorkbook.fromBuffer(c.injection.bytes, c.file, nodeCodec);
    await expect(refreshWorkbook(port, { today })).rejects.toThrow(WorkbookWriteError);
    // The command line, to a new file and in place.
    const folder = mkdtempSync(path.join(dir, 'locked-'));
    const input = path.join(folder, c.file);
    writeFileSync(input, c.injection.bytes);
    const run = async (...argv: string[]) => {
      let stderr = '';
      const code = await main(argv, {
        stdout: () => {},
        stderr: (s) => (stderr += s),
        today: () => today,
        isTTY: false,
      });
      return { code, stderr };
    };
    const out = path.join(folder, 'out.xlsm');
    for (const argv of [['--out', out], ['--in-place']]) {
      const r = await run('refresh', input, ...argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/structure is protected.*Nothing was written/s);
      expect(same(new Uint8Array(readFileSync(input)), c.injection.bytes)).toBe(true);
      expect(readdirSync(folder)).toEqual([c.file]);
    }
  });

  test('openpyxl and LibreOffice open the outputs and see everything the inputs had', () => {
    for (const f of OPENED) {
      const c = cases.get(f)!;
      const inFile = path.join(dir, f);
      const outFile = path.join(dir, refreshedName(f));
      const owned = new Set([c.result!.plan!.risks.sheetName, c.result!.plan!.ledger.sheetName]);
      for (const [tool, seen] of [
        ['openpyxl', openpyxl],
        ['LibreOffice', libreoffice],
      ] as const) {
        // openpyxl reads no sheet of a Strict workbook, and warns once per sheet it drops, owned ones included.
        const drop = (v: unknown) =>
          JSON.parse(JSON.stringify(v), (k, x: unknown) =>
            k === 'warnings' && Array.isArray(x)
              ? x.filter((w) => ![...owned].some((o) => String(w).includes(`specification for ${o}.`)))
              : x,
          ) as Record<string, unknown>;
        const before = drop(seen[inFile]);
        const after = drop(seen[outFile]);
        expect({ tool, f, error: after.error ?? before.error ?? null }).toEqual({ tool, f, error: null });
        expect({ tool, f, seen: comparable(after, owned) }).toEqual({ tool, f, seen: comparable(before, owned) });
      }
      // LibreOffice reads every workbook, Strict ones too: the owned sheets are there, the ledger hidden.
      const sheets = (libreoffice[outFile] as { sheets: { name: string; visible: boolean }[] }).sheets;
      expect(sheets.find((s) => s.name === 'Risks')?.visible).toBe(true);
      expect(sheets.find((s) => s.name === LEDGER_SHEET)?.visible).toBe(false);
      const ranges = (libreoffice[inFile] as { databaseRanges: { name: string }[] }).databaseRanges.map((r) => r.name);
      expect(ranges).toEqual(expect.arrayContaining(['Objectives', 'KPIs', 'Initiatives', 'History', 'Settings']));
    }
  });
});
