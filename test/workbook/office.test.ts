// The Office.js adapter against the in-memory Excel fake: same results as the file adapter, only
// owned cells written, bounded round trips and no batch over Excel on the web's 5 MB limit.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, asOfficeValue, parseSheetAddress, styleRuns, type ExcelRun } from '../../src/workbook/office';
import { openXlsxFile } from '../../src/workbook/xlsx-file';
import { refreshWorkbook } from '../../src/workbook/refresh-port';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';
import { refresh } from '../../src/engine';
import { FakeExcel, PropertyNotLoaded, type FakeValue } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const FIVE_MB = 5 * 1024 * 1024;

const port = (excel: FakeExcel) => new OfficeWorkbook(excel.run as unknown as ExcelRun);

/** Cells under an owned header, and the Risks sheet. */
function ownedBy(excel: FakeExcel) {
  const owned: { sheet: string; row: number; column: number }[] = [];
  for (const s of excel.sheets) {
    for (const [k, cell] of s.cells) {
      const [row, column] = k.split(',').map(Number);
      if (typeof cell.value === 'string' && OWNED_HEADER_SET.has(cell.value)) owned.push({ sheet: s.name, row, column });
    }
  }
  return (sheet: string, row: number, column: number) =>
    sheet === 'Risks' || sheet === 'Throughline Ledger' || owned.some((o) => o.sheet === sheet && o.column === column && row >= o.row);
}

describe('the fake behaves like Office.js', () => {
  test('a property read before load and sync throws', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A', [[1]]);
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('A').getRange('A1');
      expect(() => range.values).toThrow(PropertyNotLoaded);
      range.load('values');
      expect(() => range.values).toThrow(PropertyNotLoaded);
      await ctx.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  test('writes happen at sync, and a leading = makes a formula while a leading apostrophe makes text', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1:B1').values = [["'=1+1", '=1+1']];
      expect(excel.cellValue('A', 0, 0)).toBeNull();
      await ctx.sync();
    });
    expect(excel.cell('A', 0, 0)).toEqual({ value: '=1+1' });
    expect(excel.cell('A', 0, 1)?.formula).toBe('=1+1');
  });
});

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
    const formulas = excel.sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.formula).map((c) => [s.name, c.formula]));
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

describe('round trips and payload at scale', () => {
  /** 50,000 data rows: 1,000 objectives, 24,500 KPIs, 24,500 initiatives. */
  function bigWorkbook(): FakeExcel {
    const excel = new FakeExcel();
    const objectives: FakeValue[][] = Array.from({ length: 1000 }, (_, i) => [`O${i}`, `Objective ${i}`, i === 0 ? null : `O${Math.floor((i - 1) / 10)}`, 1_000 * i]);
    excel.addTable('Objectives', 'Objectives', ['ID', 'Name', 'Parent', 'Value at Stake'], objectives);
    const start = 46023; // 2026-01-01
    const kpis: FakeValue[][] = Array.from({ length: 24_500 }, (_, i) => [`K${i}`, `Metric number ${i} =looks like a formula`, `O${i % 1000}`, 100, i % 120, start, start + 364, start + 170, i % 3 ? 'Green' : 'Amber']);
    excel.addTable('KPIs', 'KPIs', ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'], kpis);
    const initiatives: FakeValue[][] = Array.from({ length: 24_500 }, (_, i) => [`I${i}`, `Initiative ${i}`, `K${i}`, start, start + 200 + (i % 50), (i % 100) / 100, start + 150]);
    excel.addTable('Initiatives', 'Initiatives', ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Updated'], initiatives);
    // Chains of ten initiatives, each waiting on the one before.
    const deps: FakeValue[][] = Array.from({ length: 24_499 }, (_, i) => [`I${i}`, `I${i + 1}`]).filter((_, i) => i % 10 !== 9);
    excel.addTable('Deps', 'Dependencies', ['Upstream', 'Downstream'], deps);
    return excel;
  }

  test('a 50,000-row workbook refreshes within the sync bound, every batch under 5 MB', async () => {
    const excel = bigWorkbook();
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.fatal).toEqual([]);
    // Three round trips read and re-check the input; writes take as many as the bytes need at ~4.4 MB each.
    const written = excel.batchBytes.slice(3).reduce((a, b) => a + b, 0);
    expect(excel.syncs).toBeLessThanOrEqual(3 + Math.ceil(written / 4_000_000) + 1);
    expect(excel.syncs).toBeLessThanOrEqual(10);
    expect(Math.max(...excel.batchBytes)).toBeLessThan(FIVE_MB);
    expect(excel.tables.find((t) => t.name === 'KPIs')!.columns).toBe(9 + 5);
    // The second refresh costs the same: no growth with repetition.
    const first = excel.syncs;
    excel.resetCounters();
    await refreshWorkbook(port(excel), { today });
    expect(excel.syncs).toBe(first);
  }, 120_000);
});

test('values for Office: escaped text, serial dates, empty for null', () => {
  expect(asOfficeValue('=SUM(A1)', false)).toBe("'=SUM(A1)");
  expect(asOfficeValue("'quoted", false)).toBe("''quoted");
  expect(asOfficeValue('plain', false)).toBe('plain');
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

  test('the ledger is a hidden sheet', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    expect(excel.sheet('Throughline Ledger')!.visibility).toBe('Hidden');
  });
});
