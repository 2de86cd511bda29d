// Scenario 2: a 1904-date workbook.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

const ledgerCells = (excel: FakeExcel) =>
  [...(excel.sheet('Throughline Ledger')?.cells ?? new Map())].filter(([, c]) => c.value !== null).length;

test('the same workbook in 1900 and 1904 gives the same report, changes and Risks text', async () => {
  const a = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: false });
  const b = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: true });
  // fakeFromXlsx converts only date-formatted cells: Settings!B2 (As Of, 46203 under '#,##0.####') stays a 1900 serial.
  b.sheet('Settings')!.cells.get('1,1')!.value = 46203 - 1462;
  const ra = await refreshWorkbook(port(a), { today });
  const rb = await refreshWorkbook(port(b), { today });
  expect(rb.report).toEqual(ra.report);
  expect(rb.changes).toEqual(ra.changes);
  const text = (excel: FakeExcel) =>
    [...excel.sheet('Risks')!.cells.values()].map((c) => c.value).filter((v) => typeof v === 'string');
  expect(text(b)).toEqual(text(a));
});

test('1904: three refreshes of an unchanged workbook, days apart, keep the ledger the same size and the Risks sheet the same', async () => {
  const excel = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: true });
  await refreshWorkbook(port(excel), { today });
  const size = ledgerCells(excel);
  const risks = JSON.stringify([...excel.sheet('Risks')!.cells]);
  for (const t of [today + 3, today + 10]) {
    const r = await refreshWorkbook(port(excel), { today: t });
    expect(r.changes.changes).toEqual([]);
    expect(ledgerCells(excel)).toBe(size);
  }
  expect(JSON.stringify([...excel.sheet('Risks')!.cells])).toBe(risks);
});

test('1904: a check-in edited to an earlier value after the first refresh is flagged revised-history with the right dates', async () => {
  const excel = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: true });
  await refreshWorkbook(port(excel), { today });
  const ref = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: false });
  await refreshWorkbook(port(ref), { today });
  // Rewrite one check-in value in History in both.
  for (const x of [excel, ref]) {
    const hist = x.tables.find((t) => /history/i.test(t.name))!;
    const sheet = hist.sheet;
    const headers = Array.from(
      { length: hist.columns },
      (_, c) => sheet.cells.get(`${hist.top},${hist.left + c}`)?.value,
    );
    const col = headers.findIndex((h) => typeof h === 'string' && /value|actual|progress|complete/i.test(h));
    const cell = sheet.cells.get(`${hist.top + 1},${hist.left + col}`)!;
    cell.value = typeof cell.value === 'number' ? cell.value + 0.01 : cell.value;
  }
  const r1904 = await refreshWorkbook(port(excel), { today: today + 1 });
  const r1900 = await refreshWorkbook(port(ref), { today: today + 1 });
  const flags = (r: typeof r1904) =>
    r.report.items.flatMap((i) =>
      i.flags.filter((f) => f.code === 'revised-history').map((f) => `${i.id}: ${f.message}`),
    );
  expect(flags(r1904).length).toBeGreaterThan(0);
  expect(flags(r1904)).toEqual(flags(r1900));
});
