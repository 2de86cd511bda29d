// Work the weekly patch leaves out (issue 23, seventh round): a cell of a column the patch does not write
// has only its reference read (its format when a render asks for it), and a sheet the patch leaves as it
// was keeps its stored bytes without being copied and deflated again. The output must not change.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as path from 'node:path';
import { patchWorksheet, patchWorksheetBytes, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { NotPlainXml } from '../../src/io/ooxml/xml-bytes';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook } from '../../src/io/refresh';
import { day } from '../support/snapshot';
import { LEDGER_SHEET, RISKS_SHEET, type CellStyle, type OutValue, type TableWrite } from '../../src/engine';
import { sheetPatch } from '../../src/io/xlsx/table-cells';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

/** Column C of row 1 written with `value`; `ask` makes the render read the format of column B. */
function patchOfC(value: string | number, ask: boolean, seen: number[] = []) {
  const render: CellRender = (tag, existing, styleOf) => {
    if (ask) seen.push(styleOf(2));
    return cellXml(tag, 'C1', value, existing ? existing.style : 0);
  };
  return { cells: new Map([[1, new Map([[3, render]])]]) };
}

const SHEET = (bStyle: string) =>
  '<worksheet xmlns="urn:main"><sheetData><row r="1"><c r="A1"><v>1</v></c>' +
  `<c r="B1" s="${bStyle}" t="inlineStr"><is><t>b</t></is></c><c r="C1" s="4"><v>7</v></c></row></sheetData></worksheet>`;

describe('a cell the patch does not write', () => {
  test('its format is read only when a render asks for it, and is what the text path reads', () => {
    const seenBytes: number[] = [];
    const seenText: number[] = [];
    const bytes = patchWorksheetBytes(encode(SHEET('12')), 's', patchOfC(8, true, seenBytes));
    const text = patchWorksheet(SHEET('12'), 's', patchOfC(8, true, seenText));
    expect(decode(bytes.chunks)).toBe(text.text);
    expect(seenBytes).toEqual([12]);
    expect(seenText).toEqual([12]);
    expect(text.text).toContain('<c r="C1" s="4"><v>8</v></c>');
  });

  test('an entity in its format: refused (the text path takes the sheet) only when a render asks for it', () => {
    // Unread, the cell is copied as it is, which is what the text path does with it too.
    const unread = patchWorksheetBytes(encode(SHEET('&#49;2')), 's', patchOfC(8, false));
    expect(decode(unread.chunks)).toBe(patchWorksheet(SHEET('&#49;2'), 's', patchOfC(8, false)).text);
    expect(() => patchWorksheetBytes(encode(SHEET('&#49;2')), 's', patchOfC(8, true))).toThrow(NotPlainXml);
  });
});

describe('a sheet the patch leaves as it was', () => {
  test('is said to be unchanged, hand-checked both ways', () => {
    const same = patchWorksheetBytes(encode(SHEET('12')), 's', patchOfC(7, false));
    expect(same.unchanged).toBe(true);
    expect(decode(same.chunks)).toBe(SHEET('12'));
    const changed = patchWorksheetBytes(encode(SHEET('12')), 's', patchOfC(9, false));
    expect(changed.unchanged).toBe(false);
    expect(decode(changed.chunks)).toBe(SHEET('12').replace('<v>7</v>', '<v>9</v>'));
  });

  test('the example refreshed again as of the same day: its input sheets are not deflated again, the file is the same', async () => {
    const example = new Uint8Array(readFileSync(path.join(__dirname, '..', '..', 'examples/rollout.xlsx')));
    const refresh = async (bytes: Uint8Array) => {
      const sets: string[] = [];
      const setLater = OoxmlPackage.prototype.setLater;
      const spy = jest.spyOn(OoxmlPackage.prototype, 'setLater').mockImplementation(function (
        this: OoxmlPackage,
        part: string,
        content: Iterable<string | Uint8Array>,
      ) {
        sets.push(part);
        return setLater.call(this, part, content);
      });
      try {
        const wb = await XlsxWorkbook.fromBuffer(bytes, 'test.xlsx', nodeCodec);
        await refreshWorkbook(wb, { today: day('2026-06-30'), settings: { asOf: day('2026-06-30') } });
        return { out: await wb.toBuffer(), sets, owned: ownedParts(wb) };
      } finally {
        spy.mockRestore();
      }
    };
    const first = await refresh(example);
    const again = await refresh(first.out);
    // The first refresh patches the input sheets and writes the owned ones; again, only the owned ones.
    expect(first.sets.length).toBeGreaterThan(again.sets.length);
    expect(again.sets.sort()).toEqual(again.owned.sort());
    expect(Buffer.compare(Buffer.from(again.out), Buffer.from(first.out))).toBe(0);
  });
});

/** The parts of the sheets Throughline owns (the Risks sheet, the ledger). */
function ownedParts(wb: XlsxWorkbook): string[] {
  return [RISKS_SHEET, LEDGER_SHEET]
    .map((name) => wb.model.sheet(name)?.entry.part)
    .filter((p): p is string => p !== undefined);
}

describe("the owned columns' cells written from markup made once", () => {
  // OwnedCell.write copies each column's `<c r="AB` and each format's tail made once (cell-bytes.ts);
  // the text path (OwnedCell.xml, cellXml) is the reference, byte for byte, for either cell element name.
  const value = fc.oneof(
    fc.constant(null),
    fc.constant(''),
    fc.integer(),
    fc.double(),
    fc.constantFrom(2 ** 60, -0.5, 1e-7, Number.NaN, Infinity),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(' lead', 'line\nbreak', 'a & <b> "c"', '_x0041_', 'é ✓ 𝄞', '\u0001'),
    fc.integer({ min: 40_000, max: 50_000 }).map((d) => ({ day: d })),
  );
  const fill = fc.constantFrom(null, 'good', 'bad', 'neutral', 'grey');

  test('any values, fills and formats found, `c` or `x:c` (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, fill, fc.constantFrom('', ' s="0"', ' s="3"', ' s="12"')), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom('', 'x:'),
        fc.constantFrom(4, 27),
        (rows, p, column) => {
          const letters = column === 4 ? 'D' : 'AA';
          const body = rows
            .map(
              ([, , s], i) =>
                `<${p}row r="${i + 2}"><${p}c r="A${i + 2}"><${p}v>1</${p}v></${p}c>` +
                (i % 2 === 0 ? `<${p}c r="${letters}${i + 2}"${s}><${p}v>9</${p}v></${p}c>` : '') +
                `</${p}row>`,
            )
            .join('');
          const ns = p ? 'xmlns:x="urn:main"' : 'xmlns="urn:main"';
          const sheet = `<${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
          const write: TableWrite = {
            sheet: 'S',
            tableName: 'T',
            headerRow: 1,
            firstColumn: 1,
            rowCount: rows.length,
            columns: [
              {
                header: 'Health (auto)',
                column,
                append: false,
                numFmt: '0.0%',
                values: rows.map(([v]) => v as OutValue),
                styles: rows.map(([, f]) => f as CellStyle | null),
              },
            ],
          };
          const derive = () => {
            let next = 20;
            const made = new Map<string, number>();
            return (base: number, change: unknown) => {
              const key = `${base}:${JSON.stringify(change)}`;
              if (!made.has(key)) made.set(key, next++);
              return made.get(key)!;
            };
          };
          const text = patchWorksheet(sheet, 's', sheetPatch([write], derive(), false));
          const bytes = patchWorksheetBytes(encode(sheet), 's', sheetPatch([write], derive(), false));
          expect(decode(bytes.chunks)).toBe(text.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
