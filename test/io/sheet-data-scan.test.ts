// The hand scan of <sheetData> (issue 23, the weekly read): whatever a worksheet's XML holds, the sink
// must receive exactly the cells, values, styles and merged areas the saxes scan gives it, the scan
// must report the same dimension and protection, and a part saxes refuses must fail with saxes' words.
// Checked on hand-written parts (each quirk the hand scan handles, and each it leaves to saxes), on
// generated parts (fast-check), and on every worksheet of the example, the fixtures, the interop corpus
// and the bench generator's workbook after a refresh (owned columns, ledger and Risks sheet present).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { scanWithSaxes, scanWorksheet, type CellSink, type SheetContext } from '../../src/io/xlsx/worksheet-read';
import { scanSheetData } from '../../src/io/xlsx/sheet-data-scan';
import { replayScanned, scanSheet } from '../../src/io/xlsx/sheet-scan';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook } from '../../src/io/refresh';
import { generateWorkbook } from '../../scripts/bench/generate';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { day } from '../support/snapshot';
import type { StyleInfo } from '../../src/io/ooxml/styles';

const ROOT = path.join(__dirname, '../..');

/** Styles where format 1 is a date (numFmtId 14) and 0 is General. */
const STYLES = {
  cellXfs: [],
  dateXfs: [false, true],
  numFmts: new Map(),
  fonts: [],
  fills: [],
} as unknown as StyleInfo;
const CONTEXT: SheetContext = { sharedStrings: ['zero', 'one', 'two'], styles: STYLES, date1904: false };

type Want = (row: number, column: number) => boolean;
const ALL: Want = () => true;
/** Rows 2-3, columns B and D: a table's region with the cells around it left out. */
const SOME: Want = (row, column) => row >= 2 && row <= 3 && (column === 2 || column === 4);

/** Everything a scan hands over and returns, or its error's words, as one comparable text. */
function outcome(scan: typeof scanWorksheet, xml: string, want: Want = ALL, context = CONTEXT): string {
  const got: unknown[] = [];
  const sink: CellSink = {
    wantRow: (row) => want === ALL || (row >= 2 && row <= 3),
    wantCell: want,
    cell: (row, column, value, style) =>
      got.push([row, column, value instanceof Date ? `date ${value.toISOString()}` : value, style]),
    merge: (ref) => got.push(['merge', ref]),
  };
  try {
    const result = scan(xml, 'xl/worksheets/sheet1.xml', context, sink);
    return JSON.stringify({ result, got });
  } catch (e) {
    return JSON.stringify({ error: (e as Error).message, name: (e as Error).constructor.name, got });
  }
}

const sheet = (data: string, after = '', before = '') =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<dimension ref="A1:D3"/>${before}<sheetData>${data}</sheetData>${after}</worksheet>`;

/** Whether the hand scan took the part (true) or gave it to saxes (false). */
function handScanned(xml: string): boolean {
  const open = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const sink: CellSink = { wantRow: () => true, wantCell: () => true, cell: () => undefined };
  return scanSheetData(xml, open, xml.lastIndexOf('</sheetData>'), CONTEXT, sink, () => 1) >= 0;
}

const ROW2 = '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="D2" s="1"><v>45000.5</v></c></row>';

const CASES: { name: string; data: string; after?: string; before?: string; hand: boolean }[] = [
  { name: 'numbers, shared strings, a date', data: ROW2, hand: true },
  {
    name: 'inline strings: rich runs joined, phonetic runs left out, xml:space',
    data:
      '<row r="2"><c r="B2" t="inlineStr"><is><r><t>Plan </t></r><r><rPr><b/></rPr><t xml:space="preserve">A </t></r>' +
      '<rPh sb="0" eb="1"><t>ふ</t></rPh></is></c></row>',
    hand: true,
  },
  {
    name: 'entities and character references, single-quoted attributes, spaces in tags',
    data: "<row r='3' ><c r='B3' t='str' ><f>A1</f><v>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233;&#x1F600;</v></c ></row >",
    hand: true,
  },
  {
    name: 'formulas without results, booleans, errors, ISO dates, str',
    data:
      '<row r="2"><c r="A2"><f>1+1</f></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c>' +
      '<c r="D2" t="d"><v>2026-06-30</v></c></row><row r="3"><c r="B3" t="str"><f>X</f><v></v></c>' +
      '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
    hand: true,
  },
  {
    name: 'rows and cells without r, self-closing cells and rows, empty values',
    data: '<row><c><v>5</v></c><c/><c t="s"><v>1</v></c></row><row/><row><c r="B3"/><c><v> </v></c><c><v>7</v></c></row>',
    hand: true,
  },
  {
    name: 'a cell whose ref names another row, a row number with a sign, an odd style',
    data: '<row r="2"><c r="B3"><v>1</v></c><c r="$D$2" s="01"><v>2</v></c></row><row r="+3"><c r="D3"><v>3</v></c></row>',
    hand: true,
  },
  {
    name: 'merged areas, protection and an extension after <sheetData>',
    data: ROW2,
    after:
      '<sheetProtection sheet="1" objects="1"/><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>' +
      '<extLst><ext uri="x"><x14:dataValidations xmlns:x14="y" xmlns:xm="z"><xm:f>A1</xm:f></x14:dataValidations></ext></extLst>',
    hand: true,
  },
  {
    name: 'unknown elements inside a cell',
    data: '<row r="2"><c r="B2"><extra a="1"><v>9</v></extra><v>4</v></c></row>',
    hand: true,
  },
  {
    name: 'characters outside ASCII: accents, CJK, a pair of surrogates in text and in an attribute',
    data: '<row r="2"><c r="B2" t="str" x="\u{1F600}é"><v>é 日本 \u{1F600}</v></c></row>',
    hand: true,
  },
  {
    name: 'end tags with white space before ">", quotes of the other kind inside a value, r/s/t in any order',
    data: '<row r="2"><c t="str" s="1" r="B2"><v>1</v ></c\n><c x=\'say "hi"\' r="C2" y="it\'s"><v>2</v>\t</c></row>',
    hand: true,
  },
  // Left to saxes: the same cells either way.
  { name: 'an end tag longer than the open name', data: '<row r="2"><c r="B2"><v>1</vv></c></row>', hand: false },
  { name: 'an end tag shorter than the open name', data: '<row r="2"><c r="B2"><v>1</v></c></ro></row>', hand: false },
  { name: 'an unterminated attribute value', data: '<row r="2"><c r="B2><v>1</v></c></row>', hand: false },
  {
    name: 'a duplicate one-letter attribute',
    data: '<row r="2"><c s="1" r="B2" s="2"><v>1</v></c></row>',
    hand: false,
  },
  { name: 'an unpaired surrogate', data: '<row r="2"><c r="B2" t="str"><v>a\ud800b</v></c></row>', hand: false },
  {
    name: 'a next-line character (XML 1.1)',
    data: '<row r="2"><c r="B2" t="str"><v>a\u0085b</v></c></row>',
    hand: false,
  },
  {
    name: 'a control character in an attribute',
    data: '<row r="2"><c r="B2" t="s\u0002"><v>1</v></c></row>',
    hand: false,
  },
  {
    name: 'an unusual type',
    data: '<row r="2"><c r="B2" t="x"><v>1</v></c><c r="D2" t="inlineStr"><v>&amp;</v></c></row>',
    hand: true,
  },
  { name: 'a comment', data: `${ROW2}<!-- note -->`, hand: false },
  { name: 'CDATA', data: '<row r="2"><c r="B2" t="str"><v><![CDATA[a<b]]></v></c></row>', hand: false },
  { name: 'carriage returns', data: '<row r="2"><c r="B2" t="str"><v>a\r\nb</v></c></row>', hand: false },
  { name: 'a tab in an attribute value', data: '<row r="2"><c r="B2" t="s\t"><v>1</v></c></row>', hand: false },
  { name: 'an entity in an attribute value', data: '<row r="2"><c r="B&#50;"><v>1</v></c></row>', hand: false },
  { name: 'prefixed names', data: '<x:row xmlns:x="u" r="2"><x:c r="B2"><x:v>1</x:v></x:c></x:row>', hand: false },
  { name: 'a processing instruction', data: `${ROW2}<?pi data?>`, hand: false },
  { name: 'a merged area inside <sheetData>', data: `${ROW2}<mergeCell ref="A1:B1"/>`, hand: false },
  { name: 'a cell after <sheetData>', data: ROW2, after: '<c r="D3"><v>5</v></c>', hand: true },
  { name: 'a phonetic run before <sheetData>', data: ROW2, before: '<rPh/>', hand: true },
  {
    name: 'a comment before <sheetData> (the part goes to saxes)',
    data: ROW2,
    before: '<!-- <sheetData> -->',
    hand: false,
  },
  // Refused by saxes: the same words, whichever scan meets the fault.
  { name: 'an unknown entity', data: '<row r="2"><c r="B2" t="str"><v>&nbsp;</v></c></row>', hand: false },
  { name: 'a stray ampersand', data: '<row r="2"><c r="B2" t="str"><v>a & b</v></c></row>', hand: false },
  { name: 'mismatched tags', data: '<row r="2"><c r="B2"><v>1</c></v></row>', hand: false },
  { name: 'a duplicate attribute', data: '<row r="2"><c r="B2" r="C2"><v>1</v></c></row>', hand: false },
  { name: 'a "<" in an attribute value', data: '<row r="2"><c r="B<2"><v>1</v></c></row>', hand: false },
  { name: 'attributes without a space between', data: '<row r="2"><c r="B2"t="s"><v>1</v></c></row>', hand: false },
  { name: 'an unclosed row', data: '<row r="2"><c r="B2"><v>1</v></c>', hand: false },
  { name: 'a character XML forbids', data: '<row r="2"><c r="B2" t="str"><v>a\u0001b</v></c></row>', hand: false },
  { name: '"]]>" in text', data: '<row r="2"><c r="B2" t="str"><v>a]]>b</v></c></row>', hand: false },
  { name: 'a bad character reference', data: '<row r="2"><c r="B2" t="str"><v>&#1;</v></c></row>', hand: false },
  { name: 'a fault after <sheetData>', data: ROW2, after: '<mergeCells><mergeCell ref="A1"></mergeCells>', hand: true },
];

describe('the hand scan of <sheetData> against saxes', () => {
  it.each(CASES)('$name', ({ data, after, before, hand }) => {
    const xml = sheet(data, after, before);
    for (const want of [ALL, SOME]) expect(outcome(scanWorksheet, xml, want)).toBe(outcome(scanWithSaxes, xml, want));
    expect(handScanned(xml)).toBe(hand);
  });

  it('a DOCTYPE before the sheet is refused with saxes words', () => {
    const xml = sheet(ROW2).replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY e "x">]><worksheet');
    const got = outcome(scanWorksheet, xml);
    expect(got).toContain('DOCTYPE');
    expect(got).toBe(outcome(scanWithSaxes, xml));
  });

  it('a fault after some cells were handed over hands none twice', () => {
    const xml = sheet(`${ROW2}<row r="3"><c r="B3"><v>3</v></c><c r="D3"><v>4</v><!-- x --></c></row>`);
    expect(handScanned(xml)).toBe(false);
    const got = JSON.parse(outcome(scanWorksheet, xml)) as { got: unknown[] };
    expect(got.got).toHaveLength(5);
    expect(outcome(scanWorksheet, xml)).toBe(outcome(scanWithSaxes, xml));
  });

  it('generated parts: the same cells, values and errors as saxes (property)', () => {
    const text = fc.constantFrom(
      '1',
      '2.5',
      '-3E2',
      '',
      ' ',
      'abc',
      'a &amp; b',
      '&#x41;',
      '&lt;',
      'x\ny',
      '&bad;',
      '#N/A',
      'true',
    );
    const attr = fc.constantFrom(
      '',
      ' t="s"',
      ' t="str"',
      ' t="b"',
      ' t="e"',
      ' t="inlineStr"',
      ' s="1"',
      " s='0'",
      ' t="d"',
    );
    const ref = fc.constantFrom('', ' r="A2"', ' r="B2"', ' r="D3"', ' r="C9"', ' r=""', " r='B3'");
    const cell = fc
      .tuple(ref, attr, fc.constantFrom('v', 'f+v', 'f', 'is', 'none', 'self', 'rph'), text)
      .map(([r, a, kind, t]) => {
        if (kind === 'self') return `<c${r}${a}/>`;
        const inner =
          kind === 'v'
            ? `<v>${t}</v>`
            : kind === 'f+v'
              ? `<f>A1</f><v>${t}</v>`
              : kind === 'f'
                ? '<f>A1</f>'
                : kind === 'is'
                  ? `<is><t>${t}</t></is>`
                  : kind === 'rph'
                    ? `<is><t>${t}</t><rPh><t>p</t></rPh></is>`
                    : '';
        return `<c${r}${a}>${inner}</c>`;
      });
    const row = fc
      .tuple(fc.constantFrom('', ' r="2"', ' r="3"', ' r="1"', ' spans="1:4"'), fc.array(cell, { maxLength: 5 }))
      .map(([r, cells]) => `<row${r}>${cells.join('')}</row>`);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), fc.boolean(), (rows, merged) => {
        const xml = sheet(rows.join(''), merged ? '<mergeCells><mergeCell ref="B2:D3"/></mergeCells>' : '');
        for (const want of [ALL, SOME])
          expect(outcome(scanWorksheet, xml, want)).toBe(outcome(scanWithSaxes, xml, want));
      }),
      { numRuns: 300 },
    );
  });
});

/** Every worksheet of a workbook: the same outcome through both scans, and how many the hand scan took. */
function compareWorkbook(wb: XlsxWorkbook): { sheets: number; hand: number } {
  const model = wb.model;
  let hand = 0;
  for (const s of model.sheets) {
    const xml = model.pkg.text(s.entry.part);
    expect(outcome(scanWorksheet, xml, ALL, model.context)).toBe(outcome(scanWithSaxes, xml, ALL, model.context));
    if (xml.includes('<sheetData>') && handScanned(xml)) hand++;
  }
  return { sheets: model.sheets.length, hand };
}

describe('the hand scan on real workbooks', () => {
  const files = [
    ...readdirSync(path.join(ROOT, 'test/fixtures/interop')).map((f) => path.join(ROOT, 'test/fixtures/interop', f)),
    ...readdirSync(path.join(ROOT, 'test/fixtures')).map((f) => path.join(ROOT, 'test/fixtures', f)),
    path.join(ROOT, 'examples/rollout.xlsx'),
  ].filter((f) => f.endsWith('.xlsx') && existsSync(f));

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    const { sheets } = compareWorkbook(XlsxWorkbook.open(new Uint8Array(readFileSync(file)), file, nodeCodec));
    expect(sheets).toBeGreaterThan(0);
  });

  it("the bench generator's workbook after a refresh (owned columns, ledger, Risks sheet): all by hand", async () => {
    const wb = XlsxWorkbook.open(buildWorkbook(generateWorkbook(2000).sheets), 'bench', nodeCodec);
    await refreshWorkbook(wb, { today: day('2026-06-30') });
    const { sheets, hand } = compareWorkbook(wb);
    expect(hand).toBe(sheets);
  });
});

describe('dates read from serials', () => {
  const DATES =
    '<row r="2"><c r="A2" s="1"><v>46113</v></c><c r="B2" s="1"><v>46113</v></c><c r="C2" s="1"><v>46114.5</v></c>' +
    '<c r="D2"><v>46113</v></c></row><row r="3"><c r="A3" s="1"><v>46113</v></c><c r="B3" s="1"><v>-1</v></c></row>';
  // 46113 is 2026-04-01; 46114.5 noon the day after; General style stays a number; -1 is no date.
  const DATES_READ = [
    '2026-04-01T00:00:00.000Z',
    '2026-04-01T00:00:00.000Z',
    '2026-04-02T12:00:00.000Z',
    46113,
    '2026-04-01T00:00:00.000Z',
    -1,
  ];

  it.each([
    ['the hand scan', scanWorksheet],
    ['saxes', scanWithSaxes],
  ])('%s: one Date object per serial within a sheet, with the times of before', (_name, scan) => {
    const got: unknown[] = [];
    const sink: CellSink = { wantRow: () => true, wantCell: () => true, cell: (_r, _c, value) => got.push(value) };
    scan(sheet(DATES), 'xl/worksheets/sheet1.xml', CONTEXT, sink);
    expect(got.map((v) => (v instanceof Date ? v.toISOString() : v))).toEqual(DATES_READ);
    expect(got[1]).toBe(got[0]);
    expect(got[4]).toBe(got[0]);
    expect(got[2]).not.toBe(got[0]);
  });

  it('handed back from another thread: one Date per time, as scanned here', () => {
    const scanned = scanSheet(sheet(DATES), 'xl/worksheets/sheet1.xml', CONTEXT, {
      grid: true,
      head: false,
      regions: [],
    });
    const got: unknown[] = [];
    replayScanned(scanned, (_r, _c, value) => got.push(value));
    expect(got.map((v) => (v instanceof Date ? v.toISOString() : v))).toEqual(DATES_READ);
    expect(got[1]).toBe(got[0]);
    expect(got[4]).toBe(got[0]);
  });
});
