// Work the weekly patch leaves out (issue 23, seventh round): a cell of a column the patch does not write
// has only its reference read (its format when a render asks for it), and a sheet the patch leaves as it
// was keeps its stored bytes without being copied and deflated again. The output must not change.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { patchWorksheet, patchWorksheetBytes, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { NotPlainXml } from '../../src/io/ooxml/xml-bytes';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { OoxmlPackage } from '../../src/io/ooxml/package';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook } from '../../src/io/refresh';
import { day } from '../support/snapshot';
import { LEDGER_SHEET, RISKS_SHEET } from '../../src/engine';

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
