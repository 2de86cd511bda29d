// A row's cells written straight into bytes by the patch (CellWriter, the owned columns' cells) must
// give the sheet the string path gives: the same XML byte for byte, the same formulas reported, the
// same cells and styles asked for in the same order (formats are numbered in that order), and the same
// ~1 MB pieces, so that even the deflated part does not move.
import fc from 'fast-check';
import {
  patchWorksheet,
  patchWorksheetBytes,
  type CellRender,
  type CellWriter,
  type ExistingCell,
} from '../../src/io/ooxml/worksheet-patch';
import { cellXml, writeCell, type PlainValue } from '../../src/io/ooxml/cell-xml';
import type { ByteWriter } from '../../src/io/ooxml/byte-writer';
import { RowsOfCells } from '../../src/io/xlsx/table-cells';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

const letters = (col: number) => String.fromCharCode(64 + col);

/** A cell that writes itself, noting what it is shown; its style is the one it finds, plus `bump`. */
class TestCell implements CellWriter {
  constructor(
    private readonly row: number,
    private readonly col: number,
    private readonly value: PlainValue,
    private readonly bump: number,
    private readonly seen: string[],
  ) {}

  private style(existing: ExistingCell | null, styleOf: (column: number) => number): number {
    this.seen.push(`${this.row}:${this.col}:${JSON.stringify(existing)}:${styleOf(this.col - 1)}`);
    return existing ? existing.style + this.bump : this.bump;
  }

  xml(c: string, existing: ExistingCell | null, styleOf: (column: number) => number): string | null {
    return cellXml(c, `${letters(this.col)}${this.row}`, this.value, this.style(existing, styleOf));
  }

  write(out: ByteWriter, c: string, existing: ExistingCell | null, styleOf: (column: number) => number): void {
    writeCell(out, c, letters(this.col), this.row, this.value, this.style(existing, styleOf));
  }
}

type Entry = [row: number, col: number, value: PlainValue, bump: number, asFunction: boolean];

/** The patch's renders: CellWriters, or (asFunction) plain functions that give the same XML. */
function renders(entries: Entry[], seen: string[], functionsOnly = false) {
  const map = new Map<number, Map<number, CellRender>>();
  for (const [r, c, v, bump, asFunction] of entries) {
    const row = map.get(r) ?? map.set(r, new Map()).get(r)!;
    const cell = new TestCell(r, c, v, bump, seen);
    row.set(c, functionsOnly || asFunction ? (tag, existing, styleOf) => cell.xml(tag, existing, styleOf) : cell);
  }
  return map;
}

/** The three ways: bytes with cells writing themselves, bytes with strings only, text. */
function threeWays(sheet: string, entries: Entry[]) {
  const seen = { written: [] as string[], strings: [] as string[], text: [] as string[] };
  const written = patchWorksheetBytes(encode(sheet), 's', { cells: renders(entries, seen.written) });
  const strings = patchWorksheetBytes(encode(sheet), 's', { cells: renders(entries, seen.strings, true) });
  const text = patchWorksheet(sheet, 's', { cells: renders(entries, seen.text) });
  const writtenChunks = [...written.chunks];
  const stringChunks = [...strings.chunks];
  return {
    written: { text: decode(writtenChunks), formulas: written.formulasReplaced, seen: seen.written },
    strings: { text: decode(stringChunks), formulas: strings.formulasReplaced, seen: seen.strings },
    text: { text: text.text, formulas: text.formulasReplaced, seen: seen.text },
    pieces: { written: writtenChunks.map((c) => c.length), strings: stringChunks.map((c) => c.length) },
  };
}

const awkward = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc
    .array(fc.constantFrom('a', ' ', '\n', '&', '<', '_x0041_', 'é', '→', '😀', '\u0001'), { maxLength: 6 })
    .map((p) => p.join('')),
);

describe('cells written as bytes give what the string path gives', () => {
  test('any sheet, any patch: same XML, formulas, cells asked for and pieces (property)', () => {
    const existingCell = fc.record({
      column: fc.integer({ min: 1, max: 8 }),
      style: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      formula: fc.boolean(),
      value: fc.oneof(fc.integer(), fc.constantFrom('x', 'é →', ' sp ')),
    });
    const row = fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      selfClosing: fc.boolean(),
      cells: fc.uniqueArray(existingCell, { selector: (c) => c.column, maxLength: 5 }),
    });
    const entry = fc.tuple(
      fc.integer({ min: 1, max: 24 }),
      fc.integer({ min: 1, max: 10 }),
      awkward,
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 10 }),
        fc.array(entry, { maxLength: 40 }),
        fc.boolean(),
        (rows, entries, px) => {
          const p = px ? 'x:' : '';
          let r = 0;
          const body = rows
            .map((rw) => {
              r += rw.gap;
              if (rw.selfClosing) return `<${p}row r="${r}" spans="1:2"/>`;
              const cells = [...rw.cells]
                .sort((a, b) => a.column - b.column)
                .map((c) => {
                  const s = c.style === undefined ? '' : ` s="${c.style}"`;
                  const f = c.formula ? `<${p}f>1+1</${p}f>` : '';
                  const ref = ` r="${letters(c.column)}${r}"`;
                  return typeof c.value === 'number'
                    ? `<${p}c${ref}${s}>${f}<${p}v>${c.value}</${p}v></${p}c>`
                    : `<${p}c${ref}${s} t="inlineStr">${f}<${p}is><${p}t>${c.value}</${p}t></${p}is></${p}c>`;
                })
                .join('');
              return `<${p}row r="${r}">${cells}</${p}row>`;
            })
            .join('');
          const ns = px ? 'xmlns:x="urn:main"' : MAIN;
          const sheet = `<${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
          const ways = threeWays(sheet, entries);
          expect(ways.written).toEqual(ways.strings);
          expect(ways.written).toEqual(ways.text);
          expect(ways.pieces.written).toEqual(ways.pieces.strings);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('hand-checked: appended cells, a replaced one, an unchanged one, a mixed run', () => {
    const sheet =
      `<worksheet ${MAIN}><dimension ref="A1:C2"/><sheetData>` +
      '<row r="1"><c r="A1"><v>1</v></c><c r="C1" s="2"><f>A1</f><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>same</t></is></c></row></sheetData></worksheet>';
    const entries: Entry[] = [
      [1, 3, 'R&D', 0, false], // replaces a formula (style kept)
      [1, 4, 4.5, 1, false], // appended
      [1, 5, 'é', 0, true], // appended beside it, as a string: one run, joined
      [2, 1, 'same', 0, false], // comes out as it was: no edit
      [2, 2, null, 3, false], // empty but styled
    ];
    const ways = threeWays(sheet, entries);
    expect(ways.written.text).toBe(
      `<worksheet ${MAIN}><dimension ref="A1:E2"/><sheetData>` +
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1" s="2" t="inlineStr"><is><t>R&amp;D</t></is></c>' +
        '<c r="D1" s="1"><v>4.5</v></c><c r="E1" t="inlineStr"><is><t>é</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>same</t></is></c><c r="B2" s="3"/></row></sheetData></worksheet>',
    );
    expect(ways.written.formulas).toEqual(['C1']);
    expect(ways.written).toEqual(ways.text);
  });

  test('a sheet patched again with the same cells comes out unchanged (a weekly refresh)', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    const sheet = `<worksheet ${MAIN}><dimension ref="A1:A2000"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const entries: Entry[] = Array.from({ length: 2_000 }, (_, i): Entry[] => [
      [i + 1, 2, `→ ${i}`, 0, false],
      [i + 1, 3, i % 3 === 0 ? null : i / 7, 0, false],
    ]).flat();
    const once = threeWays(sheet, entries).written.text;
    const twice = threeWays(once, entries);
    expect(twice.written.text).toBe(once);
    expect(twice.written).toEqual(twice.text);
  });

  test('a large sheet: the same pieces of about a megabyte, cells across the chunks the writer takes', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    const sheet = `<worksheet ${MAIN}><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const entries: Entry[] = Array.from({ length: 40_000 }, (_, i): Entry[] => [
      [i + 1, 2, `note ${i} → ${'x'.repeat(i % 50)}`, 0, false],
      [i + 1, 3, i * 1.5, 1, false],
      // A cell larger than the room left in a chunk moves the writer to a larger one mid-row.
      [i + 1, 4, i === 30_000 ? 'y'.repeat(600_000) : i % 11 === 0 ? 'big '.repeat(2_000) : 'é', 2, false],
    ]).flat();
    const ways = threeWays(sheet, entries);
    expect(ways.pieces.written.length).toBeGreaterThan(2);
    expect(ways.pieces.written).toEqual(ways.pieces.strings);
    expect(ways.written.text).toBe(ways.text.text);
  });
});

describe('RowsOfCells.keys', () => {
  test.each([
    ['one stretch', [[2, 4]], [2, 3, 4]],
    [
      'overlapping, added out of order',
      [
        [5, 7],
        [1, 3],
        [2, 6],
      ],
      [1, 2, 3, 4, 5, 6, 7],
    ],
    [
      'a gap between',
      [
        [1, 2],
        [5, 5],
      ],
      [1, 2, 5],
    ],
    [
      'the same stretch twice (two columns of a table)',
      [
        [3, 4],
        [3, 4],
      ],
      [3, 4],
    ],
  ])('%s: each row once, top down', (_, stretches, rows) => {
    const cells = new RowsOfCells();
    for (const [top, bottom] of stretches) cells.add(top, bottom, () => undefined);
    expect([...cells.keys()]).toEqual(rows);
  });
});
