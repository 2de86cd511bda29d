// The Office.js adapter against the in-memory Excel fake: same results as the file adapter, only
// owned cells written, bounded round trips and no batch over Excel on the web's 5 MB limit.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, asOfficeValue, parseSheetAddress, styleRuns, type ExcelRun } from '../../src/io/office/port';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { refreshWorkbook } from '../../src/io/refresh';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';
import { refresh } from '../../src/engine';
import { FakeExcel, type FakeValue } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';
import { serialFromDay } from '../../src/engine/parse/values';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');

const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

/** Cells under an owned header, and the Risks sheet. */
function ownedBy(excel: FakeExcel) {
  const owned: { sheet: string; row: number; column: number }[] = [];
  for (const s of excel.sheets) {
    for (const [k, cell] of s.cells) {
      const [row, column] = k.split(',').map(Number);
      if (typeof cell.value === 'string' && OWNED_HEADER_SET.has(cell.value))
        owned.push({ sheet: s.name, row, column });
    }
  }
  return (sheet: string, row: number, column: number) =>
    sheet === 'Risks' ||
    sheet === 'Throughline Ledger' ||
    owned.some((o) => o.sheet === sheet && o.column === column && row >= o.row);
}

describe('the selected row, for the impact map', () => {
  test('the active cell comes back as a sheet and a cell, in one round trip', async () => {
    const excel = new FakeExcel();
    excel.addSheet("Q3 'Plan'", [[1]]);
    excel.selection = { sheet: "Q3 'Plan'", address: '$C$7' };
    const syncs = excel.syncs;
    expect(await port(excel).activeCell()).toEqual({ sheet: "Q3 'Plan'", cell: 'C7' });
    expect(excel.syncs - syncs).toBe(1);
  });

  test('watching the selection registers one handler, reports each new cell, and stops when asked', async () => {
    const excel = new FakeExcel();
    excel.addSheet('KPIs', [[1]]);
    const workbook = port(excel);
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const stop = await workbook.watchSelection((cell) => seen.push(cell));
    await workbook.watchSelection((cell) => other.push(cell));
    expect(excel.selectionHandlers).toHaveLength(1);
    await excel.userSelects('KPIs', 'C4');
    expect(seen).toEqual([{ sheet: 'KPIs', cell: 'C4' }]);
    stop();
    await excel.userSelects('KPIs', 'D9');
    expect(seen).toHaveLength(1);
    expect(other).toEqual([
      { sheet: 'KPIs', cell: 'C4' },
      { sheet: 'KPIs', cell: 'D9' },
    ]);
  });

  test.each([
    ['KPIs!B5', { sheet: 'KPIs', cell: 'B5' }],
    ["'My Sheet'!$AB$12:$AC$14", { sheet: 'My Sheet', cell: 'AB12' }],
    ["'It''s'!A1", { sheet: "It's", cell: 'A1' }],
    ['not an address', null],
  ])('%s', (address, expected) => {
    expect(parseSheetAddress(address)).toEqual(expected);
  });
});

describe('refreshing through Office.js', () => {
  test('gives the same report as the file adapter on the example', async () => {
    const viaFile = await refreshWorkbook(await openXlsxFile(EXAMPLE), { today });
    const excel = fakeFromXlsx(readFileSync(EXAMPLE));
    const viaOffice = await refreshWorkbook(port(excel), { today });
    expect(viaOffice.report).toEqual(viaFile.report);
    expect(viaOffice.plan).toEqual(viaFile.plan);
  });

  test('writes only owned columns and the Risks sheet, and twice gives the same workbook', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const before = excel.dump();
    await refreshWorkbook(port(excel), { today });
    const once = excel.dump();
    expect(excel.dump(ownedBy(excel))).toEqual(before);
    expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(9 + 5);
    const metrics = excel.sheet('Metrics')!;
    expect(metrics.cells.get('2,10')?.value).toBe('Health (auto)');

    await refreshWorkbook(port(excel), { today });
    expect(excel.dump()).toEqual(once);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Goals', 'Metrics', 'Projects', 'Risks', 'Throughline Ledger']);
  });

  test('text that looks like a formula stays text; the only formulas are the Risks links', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    const formulas = excel.sheets.flatMap((s) =>
      [...s.cells.values()].filter((c) => c.formula).map((c) => [s.name, c.formula]),
    );
    expect(formulas.length).toBeGreaterThan(0);
    for (const [sheet, formula] of formulas) {
      expect(sheet).toBe('Risks');
      expect(formula).toMatch(/^=HYPERLINK\("#'[^"]+'![A-Z]+\d+","[^"]*"\)$/);
    }
    const names = [...excel.sheet('Risks')!.cells.values()].map((c) => c.value);
    expect(names).toContain('+Contract');
    expect(names).toContain('=HYPERLINK("x")');
  });

  test('a refresh that stops on missing tables performs no write at all', async () => {
    const excel = new FakeExcel();
    excel.addTable('Sheet1', 'Table1', ['A', 'B'], [[1, 2]]);
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.plan).toBeNull();
    expect(excel.writes).toBe(0);
  });

  test('the pane can select a cell', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await port(excel).select({ sheet: 'Metrics', cell: 'B5' });
    expect(excel.selection).toEqual({ sheet: 'Metrics', address: 'B5' });
    expect(excel.activeSheet).toBe('Metrics');
  });
});

test('values for Office: escaped text, serial dates, empty for null', () => {
  expect(asOfficeValue('=SUM(A1)', false)).toBe("'=SUM(A1)");
  expect(asOfficeValue("'quoted", false)).toBe("''quoted");
  expect(asOfficeValue('plain', false)).toBe('plain');
  expect(asOfficeValue('2026-03-31', false)).toBe("'2026-03-31");
  expect(asOfficeValue('45%', false)).toBe("'45%");
  expect(asOfficeValue({ day: day('2026-06-30') }, false)).toBe(46203);
  expect(asOfficeValue({ day: day('2026-06-30') }, true)).toBe(46203 - 1462);
  expect(asOfficeValue(null, false)).toBe('');
  expect(styleRuns(['good', 'good', null, 'bad', 'bad', 'bad'])).toEqual([
    { start: 0, length: 2, style: 'good' },
    { start: 2, length: 1, style: null },
    { start: 3, length: 3, style: 'bad' },
  ]);
});

describe('edits made while a refresh runs', () => {
  test('a change between read and write is noticed and nothing is written', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const p = port(excel);
    const plan = refresh(await p.read(), { today }).plan!;
    excel.sheet('Metrics')!.cells.set('3,5', { value: 99 }); // someone types an Actual
    const writes = excel.writes;
    await expect(p.apply(plan)).rejects.toThrow(/changed while Throughline was refreshing \(Metrics\)/);
    expect(excel.writes).toBe(writes);
  });

  test('the refresh retries once from a fresh read, and succeeds', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const inner = port(excel);
    let typed = false;
    const flaky = {
      read: async () => {
        const snap = await inner.read();
        if (!typed) {
          typed = true;
          excel.sheet('Metrics')!.cells.set('3,5', { value: 99 });
        }
        return snap;
      },
      apply: (plan: Parameters<typeof inner.apply>[0]) => inner.apply(plan),
    };
    const result = await refreshWorkbook(flaky, { today });
    expect(result.plan).not.toBeNull();
    expect(excel.sheet('Risks')).toBeDefined();
    expect(result.snapshot.tables.find((t) => t.name === 'Metrics')!.rows[0][4]).toBe(99);
  });

  test('a protected sheet is reported and nothing is written', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.sheet('Metrics')!.protected = true;
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.plan).toBeNull();
    expect(result.fatal[0]).toMatchObject({ code: 'protected-sheet', sheet: 'Metrics' });
    expect(excel.writes).toBe(0);
  });

  test('the ledger reads back, block by block, as the grid it was written as', async () => {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE));
    const { plan } = await refreshWorkbook(port(excel), { today });
    const blocks = plan!.ledger.blocks;
    const width = Math.max(...blocks.map((b) => b.column + b.headers.length));
    const height = Math.max(...blocks.map((b) => b.rows.length + 1));
    const expected: unknown[][] = Array.from({ length: height }, () => new Array(width).fill(null));
    for (const b of blocks) {
      [b.headers, ...b.rows].forEach((row, r) =>
        row.forEach(
          (v, c) => (expected[r][b.column + c] = v !== null && typeof v === 'object' ? serialFromDay(v.day, false) : v),
        ),
      );
    }
    expect(blocks[0].rows.length).not.toBe(blocks[1].rows.length);
    expect((await port(excel).read()).ledger).toEqual(expected);
  });

  test('the ledger is a hidden sheet', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    expect(excel.sheet('Throughline Ledger')!.visibility).toBe('Hidden');
  });
});

describe("never moving a user's cell", () => {
  // Metrics is a table at B3:J5 on its sheet; its five owned columns go into K:O.
  function withNote(apiVersion: string, column: number): { excel: FakeExcel; before: Record<string, string> } {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.apiVersion = apiVersion;
    const sheet = excel.sheet('Metrics')!;
    sheet.cells.set(`2,${column}`, { value: 'Owner notes', bold: true });
    sheet.cells.set(`3,${column}`, { value: 'Board approved 2025-11-14', fill: '#FFFF00' });
    return { excel, before: excel.dump() };
  }
  const notes = (excel: FakeExcel, column: number) => [
    excel.cell('Metrics', 2, column),
    excel.cell('Metrics', 3, column),
  ];

  test('with a free band, the table grows by Table.resize and the note beside it stays where it was', async () => {
    const { excel, before } = withNote('1.13', 18);
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([]);
    expect(excel.tables.find((t) => t.name === 'Metrics')).toMatchObject({ left: 1, columns: 9 + 5 });
    expect(excel.cellValue('Metrics', 2, 10)).toBe('Health (auto)');
    expect(notes(excel, 18)).toEqual([
      { value: 'Owner notes', bold: true },
      { value: 'Board approved 2025-11-14', fill: '#FFFF00' },
    ]);
    expect(excel.dump(ownedBy(excel))).toEqual(before);
  });

  test('with the band blocked, that table is refused naming the cell, and nothing moves', async () => {
    const { excel, before } = withNote('1.13', 12);
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.report.errors).toContainEqual(
      expect.objectContaining({ code: 'no-room', sheet: 'Metrics', cell: 'M3' }),
    );
    expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(9);
    expect(notes(excel, 12)).toEqual([
      { value: 'Owner notes', bold: true },
      { value: 'Board approved 2025-11-14', fill: '#FFFF00' },
    ]);
    expect(excel.dump(ownedBy(excel))).toEqual(before);
    // The other tables were still refreshed.
    expect(excel.cellValue('Goals', 0, 4)).toBe('Health (auto)');
  });

  test('without Table.resize (ExcelApi below 1.13), a table with anything to its right is refused rather than shifted', async () => {
    const { excel, before } = withNote('1.12', 18);
    const result = await refreshWorkbook(port(excel), { today });
    const error = result.report.errors.find((e) => e.code === 'no-room')!;
    expect(error).toMatchObject({ sheet: 'Metrics', cell: 'S3' });
    expect(error.message).toContain('inserting cells');
    expect(notes(excel, 18)).toEqual([
      { value: 'Owner notes', bold: true },
      { value: 'Board approved 2025-11-14', fill: '#FFFF00' },
    ]);
    expect(excel.dump(ownedBy(excel))).toEqual(before);
  });

  test('without Table.resize and with nothing to its right, the columns are added and nothing else changes', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.apiVersion = '1.12';
    const before = excel.dump();
    await refreshWorkbook(port(excel), { today });
    expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(9 + 5);
    expect(excel.dump(ownedBy(excel))).toEqual(before);
  });

  test('a note typed into the band between read and write stops the write: nothing is written over it', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const p = port(excel);
    const plan = refresh(await p.read(), { today }).plan!;
    excel.sheet('Metrics')!.cells.set('4,11', { value: 'typed just now' });
    const writes = excel.writes;
    await expect(p.apply(plan)).rejects.toThrow(/changed while Throughline was refreshing \(Metrics\)/);
    expect(excel.writes).toBe(writes);
  });

  test('on a plain range too: text typed where its new columns go, in a row the fingerprint does not sample, stops the write', async () => {
    const excel = new FakeExcel();
    excel.addTable('Goals', 'Goals', ['ID', 'Name'], [['O1', 'Grow']]);
    const rows = Array.from({ length: 40 }, (_, i): FakeValue[] => [`P${i}`, `Project ${i}`, 'O1', 46023, 46300, 0.5]);
    excel.addSheet('Projects', [['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete'], ...rows]);
    excel.sheet('Projects')!.cells.set('0,25', { value: 'a note far to the right' });
    const p = port(excel);
    const plan = refresh(await p.read(), { today }).plan!;
    expect(plan.tables.find((t) => t.sheet === 'Projects')!.columns[0]).toMatchObject({ append: true, column: 7 });
    excel.sheet('Projects')!.cells.set('18,7', { value: 'typed just now' });
    const writes = excel.writes;
    await expect(p.apply(plan)).rejects.toThrow(/changed while Throughline was refreshing \(Projects\)/);
    expect(excel.writes).toBe(writes);
  });
});

describe('a workbook in the 1904 date system', () => {
  async function example1904(date1904: boolean): Promise<FakeExcel> {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE), { date1904 });
    expect(excel.date1904).toBe(date1904);
    return excel;
  }
  const ledgerOf = (excel: FakeExcel) =>
    Object.fromEntries(
      Object.entries(excel.dump()).filter(
        ([k]) => k.startsWith("'Throughline Ledger'!") || k.startsWith('Throughline Ledger!'),
      ),
    );

  test.each([true, false])(
    'date1904 %s: three refreshes of an unchanged workbook leave the ledger and Changes exactly as after the first',
    async (date1904) => {
      const excel = await example1904(date1904);
      const first = await refreshWorkbook(port(excel), { today });
      const ledger = ledgerOf(excel);
      const risks = excel.dump((sheet) => sheet !== 'Risks');
      expect(Object.keys(ledger).length).toBeGreaterThan(30);
      for (const later of [today + 1, today + 7]) {
        const again = await refreshWorkbook(port(excel), { today: later });
        expect(again.changes).toEqual(first.changes);
        expect(ledgerOf(excel)).toEqual(ledger);
        expect(excel.dump((sheet) => sheet !== 'Risks')).toEqual(risks);
      }
      // Every date the ledger recorded reads back as the day it was: the check-ins' own dates, and today.
      // Each item's check-ins are one text cell (column C): date,value,status,recorded;…
      const snapshot = await port(excel).read();
      const recorded = snapshot
        .ledger!.slice(1)
        .flatMap((row) => (typeof row[2] === 'string' ? row[2].split(';').map((c) => c.split(',')[3]) : []));
      expect(recorded.length).toBeGreaterThan(10);
      expect(new Set(recorded)).toEqual(new Set(['20260630']));
    },
  );

  test("dates Throughline writes are serials of the workbook's own system", async () => {
    const excel = await example1904(true);
    await refreshWorkbook(port(excel), { today });
    const cells = [...excel.sheet('Initiatives')!.cells].map(([k, cell]): [number, number, unknown] => [
      Number(k.split(',')[0]),
      Number(k.split(',')[1]),
      cell.value,
    ]);
    const [headerRow, forecast] = cells.find(([, , v]) => v === 'Forecast (auto)')!;
    const [row] = cells.find(([r, c, v]) => v === 'INI-1' && c === 0 && r > headerRow)!;
    const ini1 = excel.cellValue('Initiatives', row, forecast);
    // 2026-07-10 is serial 46213 in the 1900 system, 44751 in the 1904 one.
    expect(ini1).toBe(44751);
  });
});

describe("a user's own sheet called Risks", () => {
  const raid: FakeValue[][] = [
    ['RAID log', null, null],
    [null, null, null],
    ['ID', 'Description', 'Owner'],
    ['R-01', 'ERP vendor slips the hosting hand-over', 'M. Okafor'],
  ];
  const cellsOf = (excel: FakeExcel, sheet: string) => JSON.stringify([...excel.sheet(sheet)!.cells].sort());

  test("is never written: Throughline's becomes Throughline Risks, refresh after refresh", async () => {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE));
    excel.addSheet('Risks', raid);
    const before = cellsOf(excel, 'Risks');
    const first = await refreshWorkbook(port(excel), { today });
    expect(first.plan!.risks.sheetName).toBe('Throughline Risks');
    expect(excel.sheet('Throughline Risks')!.cells.get('0,0')?.value).toBe('Severity');
    expect(cellsOf(excel, 'Risks')).toBe(before);
    const second = await refreshWorkbook(port(excel), { today });
    expect(second.plan!.risks.sheetName).toBe('Throughline Risks');
    expect(cellsOf(excel, 'Risks')).toBe(before);
  });

  test("a Risks sheet with Throughline's own headers beside an older ledger is Throughline's", async () => {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE));
    await refreshWorkbook(port(excel), { today });
    // An older ledger had no list of owned sheets: drop it from the ledger the refresh wrote.
    const ledger = excel.sheet('Throughline Ledger')!;
    for (const key of [...ledger.cells.keys()]) if (Number(key.split(',')[1]) >= 21) ledger.cells.delete(key);
    const again = await refreshWorkbook(port(excel), { today });
    expect(again.plan!.risks.sheetName).toBe('Risks');
    expect(excel.sheets.map((s) => s.name)).not.toContain('Throughline Risks');
  });
});
