// The Dependencies table's owned columns on real files (openpyxl, and the same file resaved by
// LibreOffice) and on the Office path (the strict fake): formal tables grow, plain blocks get columns
// at their right, a blocked band is refused with no-room, and a second refresh changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { PALETTE, cssColour } from '../../src/engine';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { entries, sheetPartOf } from '../support/zip';
import { day } from '../support/snapshot';

const today = day('2026-06-30');

// INI-1 (Due 06-15, forecast 07-20, 80 % done) feeds INI-2 (Start 06-01, Due 08-30, 50 % done: 45 days left).
// Latest finish = 08-30 − 45 − 3 lag = 07-13; slack = 07-13 − 07-20 = −7; INI-2 moves to 07-20 + 3 + 45 = 09-06,
// 7 days past Due (≤ 14): Amber, push 7. Committed 07-01 < forecast 07-20: commitment-at-risk.
// INI-3 (complete) feeds INI-2: Green, push 0. Row 4 (INI-1 → INI-3): INI-3 is complete, Green.
const SCRIPT = `
import sys, datetime as dt
import openpyxl
from openpyxl.worksheet.table import Table
d = dt.datetime
plain = sys.argv[2] == 'plain'
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Objectives'
ws.append(['ID', 'Name', 'Value at Stake']); ws.append(['OBJ-1', 'Top', 2000000])
i = wb.create_sheet('Initiatives')
i.append(['ID', 'Name', 'Objective', 'Start', 'Due', 'Forecast', '% Complete', 'Updated', 'Owner'])
i.append(['INI-1', 'Contract', 'OBJ-1', d(2026, 1, 1), d(2026, 6, 15), d(2026, 7, 20), 0.8, d(2026, 6, 25), 'Mo'])
i.append(['INI-2', 'Build', 'OBJ-1', d(2026, 6, 1), d(2026, 8, 30), None, 0.5, d(2026, 6, 25), 'Li'])
i.append(['INI-3', 'Design', 'OBJ-1', d(2026, 1, 1), d(2026, 5, 30), None, 1, d(2026, 6, 25), 'Jo'])
i.add_table(Table(displayName='Initiatives', ref='A1:I4'))
dep = wb.create_sheet('Dependencies')
top = 3 if plain else 1
if plain:
    dep['A1'] = 'Who waits on whom'
for r, row in enumerate([
    ['Upstream', 'Downstream', 'Lag', 'Need By', 'Promised', 'Agreement'],
    ['INI-1', 'INI-2', 3, d(2026, 7, 10), d(2026, 7, 1), 'Committed'],
    ['INI-3', 'INI-2', 0, None, None, 'Delivered'],
    ['INI-1', 'INI-3', 0, None, None, None],
]):
    for c, v in enumerate(row):
        dep.cell(top + r, 1 + c, v)
    if r > 0:
        for c in (4, 5):
            dep.cell(top + r, c).number_format = 'yyyy-mm-dd'
if not plain:
    dep.add_table(Table(displayName='Dependencies', ref='A1:F4'))
wb.create_sheet('Notes')['A1'] = 'a sheet Throughline never reads'
if sys.argv[3] != '-':
    dep[sys.argv[3]] = 'kept note'
wb.save(sys.argv[1])
`;

const dir = mkdtempSync(path.join(tmpdir(), 'throughline-deps-'));

function openpyxlFile(shape: 'table' | 'plain', blocker = '-'): string {
  const file = path.join(dir, `${shape}-${blocker === '-' ? 'free' : blocker}.xlsx`);
  execFileSync('/usr/bin/python3', ['-c', SCRIPT, file, shape, blocker], { timeout: 60_000 });
  return file;
}

/** The same workbook opened and saved again by LibreOffice Calc, as a user of it would. */
function libreOfficeResave(file: string): string {
  const out = path.join(dir, 'lo');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', out, file],
    { timeout: 120_000, stdio: 'ignore' },
  );
  return path.join(out, path.basename(file));
}

/** What openpyxl reads back: the sheet's rows, its tables' refs, the fills and number formats of the first data row. */
function readBack(bytes: Uint8Array, top: number) {
  const file = path.join(dir, `back-${Math.random().toString(36).slice(2)}.xlsx`);
  require('node:fs').writeFileSync(file, bytes);
  const script = `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Dependencies']
top = int(sys.argv[2])
iso = lambda c: c.isoformat()[:10] if hasattr(c, 'isoformat') else c
rows = [[iso(c) for c in r] for r in ws.iter_rows(min_row=top, max_row=top + 3, values_only=True)]
first = ws[top + 1]
print(json.dumps({
  'rows': rows,
  'tables': {n: t for n, t in ws.tables.items()},
  'fills': [c.fill.fgColor.rgb if c.fill and c.fill.fill_type == 'solid' else None for c in first],
  'formats': [c.number_format for c in first],
}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file, String(top)]).toString()) as {
    rows: unknown[][];
    tables: Record<string, string>;
    fills: (string | null)[];
    formats: string[];
  };
}

const OWNED = [
  'Health (auto)',
  'Slack (auto)',
  'Push (auto)',
  'Latest finish (auto)',
  'Upstream forecast (auto)',
  'Flags (auto)',
  'Impact (auto)',
];

async function refreshFile(data: Uint8Array) {
  const port = await XlsxWorkbook.fromBuffer(data, 'deps.xlsx');
  const result = await refreshWorkbook(port, { today });
  return { result, output: await port.toBuffer() };
}

function checkColumns(back: ReturnType<typeof readBack>) {
  expect(back.rows[0].slice(6)).toEqual(OWNED);
  expect(back.rows[1].slice(6, 12)).toEqual([
    'Amber',
    -7,
    7,
    '2026-07-13',
    '2026-07-20',
    'commitment-at-risk; need-not-met',
  ]);
  expect(back.rows[2].slice(6, 11)).toEqual(['Green', null, 0, '2026-07-16', null]); // lag 0: 08-30 − 45
  expect(back.rows[3].slice(6, 8)).toEqual(['Green', null]);
  expect(back.fills[6]).toBe(PALETTE.neutral.fill);
  expect(back.fills[11]).toBe(PALETTE.bad.fill);
  expect(back.formats.slice(7, 11)).toEqual(['0', '0', 'yyyy-mm-dd', 'yyyy-mm-dd']);
}

describe.each([
  ['openpyxl', (f: string) => f],
  ['LibreOffice', libreOfficeResave],
])('a file from %s', (_tool, via) => {
  test('a formal Dependencies table grows by the seven owned columns; a second refresh changes nothing', async () => {
    const data = new Uint8Array(readFileSync(via(openpyxlFile('table'))));
    const { result, output } = await refreshFile(data);
    expect(result.report.errors.filter((e) => e.code !== 'delivered-not-complete')).toEqual([]);
    const back = readBack(output, 1);
    expect(back.tables).toEqual({ Dependencies: 'A1:M4' });
    checkColumns(back);
    // Untouched parts are the same bytes.
    const notes = sheetPartOf(data, 'Notes');
    expect(entries(output)[notes]).toEqual(entries(data)[notes]);
    const again = await refreshFile(output);
    expect(Buffer.from(again.output).equals(Buffer.from(output))).toBe(true);
  }, 120_000);

  test('a plain block under a title gets the columns at its right', async () => {
    const data = new Uint8Array(readFileSync(via(openpyxlFile('plain'))));
    const { output } = await refreshFile(data);
    checkColumns(readBack(output, 3));
    const again = await refreshFile(output);
    expect(Buffer.from(again.output).equals(Buffer.from(output))).toBe(true);
  }, 120_000);
});

test('a note in the band is refused with no-room naming it, and the Dependencies sheet is left as it was', async () => {
  const data = new Uint8Array(readFileSync(openpyxlFile('table', 'K3')));
  const { result, output } = await refreshFile(data);
  expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([
    expect.objectContaining({ sheet: 'Dependencies', cell: 'K3' }),
  ]);
  const part = sheetPartOf(data, 'Dependencies');
  expect(entries(output)[part]).toEqual(entries(data)[part]);
});

describe('the Office path (strict fake)', () => {
  const port = (excel: FakeExcel) =>
    new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });
  const cell = (excel: FakeExcel, r: number, c: number) => excel.sheet('Dependencies')!.cells.get(`${r},${c}`);

  test.each(['1.13', '1.12'])(
    'ExcelApi %s: the table grows, cells hold the figures, coloured; twice is once',
    async (api) => {
      const excel = fakeFromXlsx(readFileSync(openpyxlFile('table')));
      excel.apiVersion = api;
      await refreshWorkbook(port(excel), { today });
      const table = excel.tables.find((t) => t.name === 'Dependencies')!;
      expect(table.columns).toBe(13);
      expect(Array.from({ length: 7 }, (_, i) => cell(excel, 0, 6 + i)?.value)).toEqual(OWNED);
      const first = Array.from({ length: 6 }, (_, i) => cell(excel, 1, 6 + i)?.value);
      const latest = 46216; // 2026-07-13 as a 1900 serial (46223 is 07-20)
      expect(first).toEqual(['Amber', -7, 7, latest, 46223, 'commitment-at-risk; need-not-met']);
      expect(cell(excel, 1, 6)!.fill).toBe(cssColour(PALETTE.neutral.fill));
      expect(cell(excel, 1, 9)!.numberFormat).toBe('yyyy-mm-dd');
      const before = JSON.stringify([...excel.sheet('Dependencies')!.cells]);
      await refreshWorkbook(port(excel), { today });
      expect(JSON.stringify([...excel.sheet('Dependencies')!.cells])).toBe(before);
      expect(excel.tables.find((t) => t.name === 'Dependencies')!.columns).toBe(13);
    },
  );

  test('a note in the band: no-room, and nothing beside the table moves', async () => {
    const excel = fakeFromXlsx(readFileSync(openpyxlFile('table', 'K3')));
    const before = JSON.stringify([...excel.sheet('Dependencies')!.cells]);
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([
      expect.objectContaining({ sheet: 'Dependencies', cell: 'K3' }),
    ]);
    expect(JSON.stringify([...excel.sheet('Dependencies')!.cells])).toBe(before);
  });
});
