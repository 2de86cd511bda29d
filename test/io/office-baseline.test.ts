// The plan over time through Office.js, on the strict fake: a baseline set from the pane's refresh,
// then the workbook sanitized in Excel (a Due pushed and called Green, a Target lowered, a Value at
// Stake halved, the red initiative's table row deleted), refreshed again. The ledger's extra blocks
// are read back column by column like the others (ExcelApi: Range.getUsedRangeOrNullObject per column).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { serialFromDay } from '../../src/engine';
import type { Report } from '../../src/engine';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });
const options = (asOf: string, setBaseline?: string) => ({
  today: day('2026-06-30'),
  settings: { asOf: day(asOf) },
  setBaseline,
});

function tableOf(excel: FakeExcel, name: string) {
  return excel.tables.find((t) => t.name === name)!;
}

/** The sheet cell of an item's field, found by the table's header and the ID in its first column. */
function cellOf(excel: FakeExcel, table: string, id: string, header: string) {
  const t = tableOf(excel, table);
  const cells = t.sheet.cells;
  const headers = Array.from({ length: t.columns }, (_, c) => cells.get(`${t.top},${t.left + c}`)?.value);
  const column = t.left + headers.indexOf(header);
  if (column < t.left) throw new Error(`no ${header} in ${table}: ${headers.join(', ')}`);
  for (let r = t.top + 1; r <= t.top + t.dataRows; r++)
    if (cells.get(`${r},${t.left}`)?.value === id) return excel.cellAt(t.sheet, r, column);
  throw new Error(`no ${id} in ${table}`);
}

/** Excel's "Delete Table Rows": the rows below move up inside the table, which shrinks by one. */
function deleteTableRow(excel: FakeExcel, table: string, id: string): void {
  const t = tableOf(excel, table);
  const cells = t.sheet.cells;
  let row = -1;
  for (let r = t.top + 1; r <= t.top + t.dataRows; r++) if (cells.get(`${r},${t.left}`)?.value === id) row = r;
  const last = t.top + t.dataRows;
  for (let r = row; r <= last; r++)
    for (let c = t.left; c < t.left + t.columns; c++) {
      const below = cells.get(`${r + 1},${c}`);
      if (r < last && below) cells.set(`${r},${c}`, { ...below });
      else cells.delete(`${r},${c}`);
    }
  t.dataRows--;
}

function sanitize(excel: FakeExcel, date1904: boolean): void {
  cellOf(excel, 'Initiatives', 'INI-1', 'Due').value = serialFromDay(day('2026-06-30'), date1904);
  cellOf(excel, 'Initiatives', 'INI-1', 'Status').value = 'Green';
  cellOf(excel, 'KPIs', 'KPI-1', 'Target').value = 1_500_000;
  cellOf(excel, 'Objectives', 'OBJ-2', 'Value at Stake').value = 2_250_000;
  deleteTableRow(excel, 'Initiatives', 'INI-10');
  // The Dependencies range's rows naming INI-10 are cleared too, as a tidy team would.
  const deps = excel.sheet('Dependencies')!;
  for (const [k, cell] of [...deps.cells])
    if (cell.value === 'INI-10') {
      const r = k.split(',')[0];
      for (const [k2, c2] of deps.cells) if (k2.startsWith(`${r},`)) c2.value = null;
    }
}

const moved = (report: Report, id: string) =>
  report.items.find((i) => i.id === id)!.flags.find((f) => f.code === 'moved-goalposts') ?? null;

describe.each([false, true])('date1904 %s', (date1904) => {
  test('Set baseline, sanitize in Excel, refresh: moved goalposts flagged, the deleted initiative removed', async () => {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE), { date1904 });
    if (date1904) excel.sheet('Settings')!.cells.get('1,1')!.value = 46203 - 1462;
    const set = await refreshWorkbook(port(excel), options('2026-03-31', 'FY26 plan'));
    expect(set.report.baseline).toEqual({ label: 'FY26 plan', setOn: '2026-03-31' });
    sanitize(excel, date1904);
    excel.resetCounters();
    const r = await refreshWorkbook(port(excel), options('2026-04-20'));
    expect(moved(r.report, 'INI-1')).toEqual({
      code: 'moved-goalposts',
      severity: 'high',
      message:
        "Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-03-31) to 2026-06-30, 46 days later (as of 2026-04-20)",
    });
    expect(moved(r.report, 'KPI-1')!.severity).toBe('high');
    expect(moved(r.report, 'OBJ-2')!.message).toContain('to 2,250,000, 50% less');
    expect(r.report.removed).toEqual([
      expect.objectContaining({ id: 'INI-10', lastHealth: 'Red', lastSeen: '2026-03-31' }),
    ]);
    expect(r.report.errors).toEqual([]);
    // The Risks sheet in Excel has the removed row; the Initiatives table has its new owned column.
    const risks = excel.sheet('Risks')!;
    const rows = new Map<string, unknown[]>();
    for (const [k, c] of risks.cells) {
      const [row, col] = k.split(',').map(Number);
      const list = rows.get(String(row)) ?? [];
      list[col] = c.value;
      rows.set(String(row), list);
    }
    const removedRow = [...rows.values()].find((row) => row[5] === 'removed-since-baseline')!;
    expect(removedRow.slice(0, 6)).toEqual([
      'high',
      'INI-10',
      'APAC regional cut-over',
      'Initiative',
      'Red',
      'removed-since-baseline',
    ]);
    expect(cellOf(excel, 'Initiatives', 'INI-1', 'Slip vs baseline (auto)').value).toBe(56);
    // The next refresh still flags it, from what the ledger in Excel kept.
    const again = await refreshWorkbook(port(excel), options('2026-04-27'));
    expect(moved(again.report, 'INI-1')!.message).toContain("(baseline 'FY26 plan', set 2026-03-31) to 2026-06-30");
    expect(again.report.items.find((i) => i.id === 'INI-1')!.forecastHistory!.map((p) => p.asOf)).toEqual([
      '2026-03-31',
      '2026-04-20',
      '2026-04-27',
    ]);
  });
});

test('setting the same label on the same as-of again leaves the ledger in Excel as it was', async () => {
  const excel = fakeFromXlsx(readFileSync(EXAMPLE), { date1904: false });
  await refreshWorkbook(port(excel), options('2026-03-31', 'FY26 plan'));
  const once = await refreshWorkbook(port(excel), options('2026-03-31', 'FY26 plan'));
  // Setting the same label on the same as-of again is a no-op: refresh is idempotent.
  const ledger = JSON.stringify([...excel.sheet('Throughline Ledger')!.cells].sort());
  await refreshWorkbook(port(excel), options('2026-03-31', 'FY26 plan'));
  expect(JSON.stringify([...excel.sheet('Throughline Ledger')!.cells].sort())).toBe(ledger);
  expect(once.report.items.some((i) => moved(once.report, i.id))).toBe(false);
});
