// Scenario 5: protected, hidden and renamed sheets, user sheets with owned names, totals rows,
// tables away from A1, empty tables.
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { FakeExcel, type FakeValue } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

function basic(opts: { top?: number; left?: number; totals?: boolean; kpiRows?: FakeValue[][] } = {}): FakeExcel {
  const excel = new FakeExcel();
  excel.addTable(
    'Goals',
    'Goals',
    ['ID', 'Name', 'Value at Stake'],
    [
      ['O1', 'Grow', 1000],
      ['O2', 'Keep', 500],
    ],
  );
  const kpiRows = opts.kpiRows ?? [
    ['K1', 'Bookings', 'O1', 100, 40, 46023, 46387, 46190, 'Green'],
    ['K2', 'Churn', 'O2', 100, 90, 46023, 46387, 46190, 'Green'],
  ];
  const t = excel.addTable(
    'KPIs',
    'KPIs',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'],
    kpiRows,
    opts.top ?? 0,
    opts.left ?? 0,
  );
  if (opts.totals) {
    t.showTotals = true;
    const sheet = excel.sheet('KPIs')!;
    sheet.cells.set(`${t.top + 1 + t.dataRows},${t.left}`, { value: 'Total' });
    sheet.cells.set(`${t.top + 1 + t.dataRows},${t.left + 4}`, { value: 130, formula: '=SUBTOTAL(109,[Actual])' });
  }
  excel.addTable(
    'Initiatives',
    'Initiatives',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete'],
    [['I1', 'Do it', 'K1', 46023, 46300, 0.5]],
  );
  return excel;
}

test('a table with a totals row starting at D5: owned values go in the data rows, totals row untouched; twice is idempotent', async () => {
  const excel = basic({ top: 4, left: 3, totals: true });
  const before = excel.dump();
  await refreshWorkbook(port(excel), { today });
  const kpis = excel.tables.find((t) => t.name === 'KPIs')!;
  expect(kpis).toMatchObject({ top: 4, left: 3, showTotals: true, dataRows: 2 });
  expect(excel.cellValue('KPIs', 4, 12)).toBe('Health (auto)');
  expect(excel.cellValue('KPIs', 7, 3)).toBe('Total');
  expect(excel.cell('KPIs', 7, 12)?.value ?? null).toBeNull();
  for (const [k, v] of Object.entries(before)) expect(excel.dump()[k]).toBe(v);
  const once = excel.dump();
  await refreshWorkbook(port(excel), { today });
  expect(excel.dump()).toEqual(once);
});

test('an empty KPI table (header only) refreshes without error', async () => {
  const excel = basic();
  excel.addTable(
    'More',
    'KPIs2',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'],
    [],
  );
  const result = await refreshWorkbook(port(excel), { today });
  expect(result.plan).not.toBeNull();
});

test("a user's own sheet called Throughline Ledger stops the refresh and is never written", async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  excel.addSheet('Throughline Ledger', [['my notes']]);
  const before = excel.dump();
  const result = await refreshWorkbook(port(excel), { today });
  expect(result.plan).toBeNull();
  expect(excel.dump()).toEqual(before);
});

test('a hidden input sheet is read and refreshed like any other', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  excel.sheet('Metrics')!.visibility = 'Hidden';
  const result = await refreshWorkbook(port(excel), { today });
  expect(result.fatal).toEqual([]);
  expect(excel.cellValue('Metrics', 2, 10)).toBe('Health (auto)');
});

test('an input sheet renamed between refreshes: the second refresh updates in place and is otherwise idempotent', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  await refreshWorkbook(port(excel), { today });
  excel.sheet('Metrics')!.name = 'KPI data';
  await refreshWorkbook(port(excel), { today });
  const once = excel.dump();
  await refreshWorkbook(port(excel), { today });
  expect(excel.dump()).toEqual(once);
  expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(14);
});

test('a protected sheet holding only a Dependencies-like user table does not stop the refresh', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  excel.addSheet('Board pack', [['locked']]).protected = true;
  const result = await refreshWorkbook(port(excel), { today });
  expect(result.fatal).toEqual([]);
});

test('a workbook whose structure is protected: refused before writing, saying why, with nothing changed', async () => {
  const excel = basic();
  excel.structureProtected = true;
  const before = excel.dump();
  const error = await refreshWorkbook(port(excel), { today }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(String(error)).toMatch(/structure is protected \(Review › Protect Workbook\).*Nothing was written/);
  expect(excel.dump()).toEqual(before);
  expect(excel.sheets.map((s) => s.name)).toEqual(['Goals', 'KPIs', 'Initiatives']);
});

test('below ExcelApi 1.7 the protection is not asked for (the property does not exist there)', async () => {
  const excel = basic();
  excel.apiVersion = '1.6';
  await expect(refreshWorkbook(port(excel), { today })).resolves.toBeDefined();
});
