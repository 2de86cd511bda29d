// Scenario 4: edits made between the read and the write.
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { ConcurrentEditError } from '../../src/io/errors';
import { refresh } from '../../src/engine';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

test('a sheet called "Risks" the user adds between read and write (first refresh) is not deleted', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  const p = port(excel);
  const plan = refresh(await p.read(), { today }).plan!;
  expect(plan.risks.sheetName).toBe('Risks');
  // The user creates a RAID log called Risks while Throughline computes.
  excel.addSheet('Risks', [['RAID log'], ['R-01 vendor slips']]);
  const outcome = await p.apply(plan).then(
    () => 'written',
    (e: unknown) => e,
  );
  // Expected: ConcurrentEditError (or Throughline Risks used); the user's sheet survives.
  const raid = excel.sheet('Risks')!;
  expect(raid.cells.get('0,0')?.value).toBe('RAID log');
  expect(outcome).toBeInstanceOf(ConcurrentEditError);
});

test('a user sheet called "Risks" added between the read and the write, via refreshWorkbook: RAID log is lost', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  const inner = port(excel);
  let added = false;
  const racing = {
    read: async () => {
      const snap = await inner.read();
      if (!added) {
        added = true;
        excel.addSheet('Risks', [['RAID log']]);
      }
      return snap;
    },
    apply: (plan: Parameters<typeof inner.apply>[0]) => inner.apply(plan),
  };
  await refreshWorkbook(racing, { today });
  const values = [...excel.sheet('Risks')!.cells.values()].map((c) => c.value);
  expect(values).toContain('RAID log');
});

test('a row added to the table between read and write is detected and nothing is written', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  const p = port(excel);
  const plan = refresh(await p.read(), { today }).plan!;
  const metrics = excel.tables.find((t) => t.name === 'Metrics')!;
  ['K3', 'New', 'O1', 100, 10, 46023, 46387, 46190, 'Green'].forEach((v, c) =>
    excel.sheet('Metrics')!.cells.set(`5,${1 + c}`, { value: v }),
  );
  metrics.dataRows++;
  const writes = excel.writes;
  await expect(p.apply(plan)).rejects.toBeInstanceOf(ConcurrentEditError);
  expect(excel.writes).toBe(writes);
});

test('an input sheet deleted between read and write is detected and nothing is written', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  const p = port(excel);
  const plan = refresh(await p.read(), { today }).plan!;
  excel.sheets = excel.sheets.filter((s) => s.name !== 'Projects');
  const writes = excel.writes;
  await expect(p.apply(plan)).rejects.toBeInstanceOf(ConcurrentEditError);
  expect(excel.writes).toBe(writes);
});

function initiativesBook(rows: number): FakeExcel {
  const excel = new FakeExcel();
  excel.addTable('Goals', 'Goals', ['ID', 'Name'], [['O1', 'Grow']]);
  excel.addTable(
    'KPIs',
    'KPIs',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'],
    [['K1', 'Bookings', 'O1', 100, 40, 46023, 46387, 46190, 'Green']],
  );
  excel.addTable(
    'Initiatives',
    'Initiatives',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Updated'],
    Array.from({ length: rows }, (_, i) => [`I${i}`, `Initiative ${i}`, 'K1', 46023, 46250, 0.5, 46173]),
  );
  return excel;
}

test('10,000-row Initiatives: % Complete typed 50% -> 90% in an unsampled row during the refresh is detected', async () => {
  const excel = initiativesBook(10_000);
  const p = port(excel);
  const plan = refresh(await p.read(), { today }).plan!;
  excel.sheet('Initiatives')!.cells.set('6,5', { value: 0.9 }); // I5: offset 6 in the range is not sampled
  await expect(p.apply(plan)).rejects.toBeInstanceOf(ConcurrentEditError);
});

test('a table holding one error cell (#N/A): a number typed in an unsampled row during the refresh is detected', async () => {
  const excel = initiativesBook(100);
  excel.sheet('Initiatives')!.cells.set('50,6', { value: { error: '#N/A' } }); // I49's Updated is a broken lookup
  const p = port(excel);
  const plan = refresh(await p.read(), { today }).plan!;
  excel.sheet('Initiatives')!.cells.set('6,5', { value: 0.95 });
  await expect(p.apply(plan)).rejects.toBeInstanceOf(ConcurrentEditError);
});
