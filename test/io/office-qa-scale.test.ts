// Scenario 3: scale, 32,767-character cells, failures injected in the middle of the write.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { PartialWriteError } from '../../src/io/errors';
import { PAYLOAD_BUDGET } from '../../src/io/office/wire';
import { FakeExcel, OfficeError, type FakeValue } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const port = (excel: FakeExcel, budget?: number) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements, budget });

function workbook(kpiRows: number, iniRows: number, objectives = 200): FakeExcel {
  const excel = new FakeExcel();
  excel.addTable(
    'Objectives',
    'Objectives',
    ['ID', 'Name', 'Parent', 'Value at Stake'],
    Array.from({ length: objectives }, (_, i): FakeValue[] => [
      `O${i}`,
      `Objective ${i}`,
      i === 0 ? null : `O${Math.floor((i - 1) / 10)}`,
      1_000 * i,
    ]),
  );
  const start = 46023;
  excel.addTable(
    'KPIs',
    'KPIs',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'],
    Array.from({ length: kpiRows }, (_, i): FakeValue[] => [
      `K${i}`,
      `Metric number ${i} with a longer descriptive name ü€`,
      `O${i % objectives}`,
      100,
      i % 120,
      start,
      start + 364,
      start + 170,
      i % 3 ? 'Green' : 'Amber',
    ]),
  );
  excel.addTable(
    'Initiatives',
    'Initiatives',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Updated'],
    Array.from({ length: Math.max(1, iniRows) }, (_, i): FakeValue[] => [
      `I${i}`,
      `Initiative ${i}`,
      `K${i % Math.max(1, kpiRows)}`,
      start,
      start + 200 + (i % 50),
      (i % 100) / 100,
      start + 150,
    ]),
  );
  return excel;
}

function limits(excel: FakeExcel) {
  return {
    syncs: excel.syncs,
    request: Math.max(...excel.batchBytes),
    response: Math.max(...excel.responseBytes),
    refused: excel.log.filter((l) => l.refused).length,
  };
}

test('40,000-row KPI table: every request and response under 4.5 MB', async () => {
  const excel = workbook(40_000, 2_000);
  const r = await refreshWorkbook(port(excel), { today });
  expect(r.fatal).toEqual([]);
  const l = limits(excel);
  expect(l.refused).toBe(0);
  expect(l.request).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  expect(l.response).toBeLessThanOrEqual(PAYLOAD_BUDGET);
}, 300_000);

test('one 100,000-row KPI table: every request and response under 4.5 MB, twice', async () => {
  const excel = workbook(100_000, 1);
  const r = await refreshWorkbook(port(excel), { today });
  expect(r.fatal).toEqual([]);
  const l = limits(excel);
  expect(l.refused).toBe(0);
  expect(l.request).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  expect(l.response).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  excel.resetCounters();
  await refreshWorkbook(port(excel), { today });
  const l2 = limits(excel);
  expect(l2.refused).toBe(0);
  expect(Math.max(l2.request, l2.response)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
}, 600_000);

test('the user adds a sheet called Risks while the write batches run (first refresh): no visible working sheet is left behind', async () => {
  const excel = fakeFromXlsx(readFileSync(EXAMPLE));
  excel.refuse = ({ request }) => {
    if (request.includes('"FreezeRows"') && !excel.sheet('Risks')) excel.addSheet('Risks', [['RAID log']]);
    return null;
  };
  const error = await refreshWorkbook(port(excel, 20_000), { today }).then(
    () => null,
    (e: unknown) => e,
  );
  // The rename onto the user's new sheet fails in the last batch: the refresh says so.
  expect(error).toBeInstanceOf(Error);
  expect(excel.sheet('Risks')!.cells.get('0,0')?.value).toBe('RAID log');
  excel.refuse = null;
  await refreshWorkbook(port(excel), { today });
  const visible = excel.sheets.filter((s) => (s.visibility ?? 'Visible') === 'Visible').map((s) => s.name);
  // Expected: the RAID log, the input sheets and Throughline Risks; no "(writing)" sheet in view.
  expect(visible.filter((n) => n.includes('(writing'))).toEqual([]);
});

test('a failure inside a write batch (after some of its actions ran): the error does not claim "Nothing was written"', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  const before = excel.dump();
  // Excel fails the 40th cell write of the refresh: a GeneralException in the middle of a batch.
  let cellWrites = 0;
  let armed = false;
  const cellAt = excel.cellAt.bind(excel);
  excel.cellAt = (sheet, r, c) => {
    if (armed && ++cellWrites === 40) throw new OfficeError('GeneralException', 'injected');
    return cellAt(sheet, r, c);
  };
  excel.refuse = ({ writes }) => {
    if (writes > 0) armed = true;
    return null;
  };
  const error = await refreshWorkbook(port(excel), { today }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartialWriteError);
  const changed = Object.keys({ ...before, ...excel.dump() }).filter((k) => before[k] !== excel.dump()[k]);
  expect(changed.length).toBeGreaterThan(0);
  expect((error as Error).message).not.toMatch(/Nothing was written before it/);
});

test('an item name of 32,767 characters (the cell limit): the refresh completes, Risks cells capped', async () => {
  const excel = fakeFromXlsx(smallWorkbook());
  // K2's Metric name is a full cell: 32,767 characters.
  excel.sheet('Metrics')!.cells.set('4,2', { value: 'A'.repeat(32_767) });
  const r = await refreshWorkbook(port(excel), { today }).then(
    (x) => x,
    (e: unknown) => e,
  );
  expect(r).not.toBeInstanceOf(Error);
  for (const s of excel.sheets)
    for (const c of s.cells.values())
      if (typeof c.value === 'string') expect(c.value.length).toBeLessThanOrEqual(32_767);
});

test('ExcelApi 1.8 (no getRanges, no resize): 40,000 rows whose health alternates row by row stay under 4.5 MB', async () => {
  const excel = workbook(40_000, 2_000);
  excel.apiVersion = '1.8';
  // Alternate Green/Red by making every other KPI's Actual far below plan.
  const sheet = excel.sheet('KPIs')!;
  for (let i = 0; i < 40_000; i++) sheet.cells.set(`${i + 1},4`, { value: i % 2 ? 100 : 0 });
  const r = await refreshWorkbook(port(excel), { today });
  expect(r.fatal).toEqual([]);
  const l = limits(excel);
  expect(l.refused).toBe(0);
  expect(Math.max(l.request, l.response)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
}, 300_000);
