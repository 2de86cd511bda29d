// Merged cells beside an input table, in files written by openpyxl (where users' generated workbooks
// come from): a merged area reaching the band the owned columns would take refuses that table with
// no-room, naming the first merged cell in the band, and leaves its sheet's bytes as they were; a
// merged area elsewhere on the sheet changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { refreshWorkbook, type PortRefreshResult } from '../../src/io/refresh';
import { entries, partText, sheetPartOf } from '../support/zip';
import { day } from '../support/snapshot';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';

const today = day('2026-06-30');
/** The system python: its dist-packages hold openpyxl (python3-openpyxl), as for the interop corpus. */
const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(path.join(tmpdir(), 'throughline-merged-'));

/**
 * An Initiatives sheet (a formal table at `ref`, or a plain range when `ref` is null) beside an
 * Objectives plain range, with the merges given, written by openpyxl.
 */
function openpyxlWorkbook(
  name: string,
  options: { ref: string | null; top?: number; merges: string[]; lastUpdated?: boolean },
): Uint8Array {
  const file = path.join(dir, `${name}.xlsx`);
  const script = `
import sys, json, datetime as dt
import openpyxl
from openpyxl.worksheet.table import Table
from openpyxl.styles import PatternFill
o = json.loads(sys.argv[2])
d = dt.datetime
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Objectives'
ws.append(['ID', 'Name']); ws.append(['OBJ-1', 'Top'])
i = wb.create_sheet('Initiatives')
for _ in range(o.get('top', 1) - 1): i.append([])
i.append(['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Status', 'Updated'])
i.append(['INI-1', 'a', 'OBJ-1', d(2026, 1, 1), d(2026, 3, 31), 0.1, 'Green', d(2026, 6, 20)])
i.append(['INI-2', 'b', 'OBJ-1', d(2026, 1, 1), d(2026, 9, 30), 0.5, 'Green', d(2026, 6, 20)])
if o['ref']: i.add_table(Table(displayName='Initiatives', ref=o['ref']))
for m in o['merges']:
    i.merge_cells(m)
    i[m.split(':')[0]].fill = PatternFill('solid', fgColor='FFFF00')
s = wb.create_sheet('Settings'); s.append(['Setting', 'Value']); s.append(['As Of', '2026-06-30'])
wb.save(sys.argv[1])
`;
  execFileSync(PYTHON, ['-c', script, file, JSON.stringify(options)], { timeout: 60_000 });
  return new Uint8Array(readFileSync(file));
}

async function refresh(data: Uint8Array): Promise<{ output: Uint8Array; result: PortRefreshResult }> {
  const port = await XlsxWorkbook.fromBuffer(data, 'merged.xlsx');
  const result = await refreshWorkbook(port, { today });
  return { output: await port.toBuffer(), result };
}

const noRoom = (result: PortRefreshResult) => result.report.errors.filter((e) => e.code === 'no-room');

/** The parts of the Initiatives sheet: its worksheet and, when it has one, its table. */
function initiativeParts(data: Uint8Array): Record<string, Uint8Array> {
  const sheet = sheetPartOf(data, 'Initiatives');
  const all = entries(data);
  const out: Record<string, Uint8Array> = { [sheet]: all[sheet] };
  for (const name of Object.keys(all)) if (/^xl\/tables\/table\d+\.xml$/.test(name)) out[name] = all[name];
  return out;
}

describe('merged cells beside an input table (file)', () => {
  test('an empty, filled merged box right of a table refuses it at the box, and its sheet is left byte for byte', async () => {
    const input = openpyxlWorkbook('box', { ref: 'A1:H3', merges: ['K2:L3'] });
    expect(partText(input, sheetPartOf(input, 'Initiatives'))).toContain('<mergeCell ref="K2:L3"/>');
    const { output, result } = await refresh(input);
    expect(noRoom(result)).toEqual([expect.objectContaining({ sheet: 'Initiatives', cell: 'K2' })]);
    expect(noRoom(result)[0].message).toMatch(/K2 is part of the merged cells K2:L3.*no merged cells inside a table/);
    expect(initiativeParts(output)).toEqual(initiativeParts(input));
    // The rest of the workbook is still refreshed: the Objectives range has its owned columns.
    expect(partText(output, sheetPartOf(output, 'Objectives'))).toContain('Health (auto)');
  });

  test('a merge that only enters the band from above (a title over the table) blocks where it enters', async () => {
    const input = openpyxlWorkbook('above', { ref: 'A2:H4', top: 2, merges: ['J1:K2'] });
    const { output, result } = await refresh(input);
    expect(noRoom(result)).toEqual([expect.objectContaining({ sheet: 'Initiatives', cell: 'J2' })]);
    expect(noRoom(result)[0].message).toContain('merged cells J1:K2');
    expect(initiativeParts(output)).toEqual(initiativeParts(input));
  });

  test('a merge starting in the last column of a plain range and reaching right blocks at its first cell in the band', async () => {
    const input = openpyxlWorkbook('plain-left', { ref: null, merges: ['H3:J3'] });
    const { output, result } = await refresh(input);
    expect(noRoom(result)).toEqual([expect.objectContaining({ sheet: 'Initiatives', cell: 'I3' })]);
    expect(noRoom(result)[0].message).toMatch(/I3 is part of the merged cells H3:J3, which would hide the values/);
    expect(initiativeParts(output)).toEqual(initiativeParts(input));
  });

  test('a merged box right of a plain range blocks it too', async () => {
    const input = openpyxlWorkbook('plain-box', { ref: null, merges: ['K2:L3'] });
    const { output, result } = await refresh(input);
    expect(noRoom(result)).toEqual([expect.objectContaining({ sheet: 'Initiatives', cell: 'K2' })]);
    expect(initiativeParts(output)).toEqual(initiativeParts(input));
  });

  test.each([
    ['far below the table', 'K20:L21'],
    ['right of the band', 'P2:Q3'],
    ['left of the table, below it', 'A6:C7'],
  ])('a merge %s does not block, and survives the refresh', async (_label, merge) => {
    const input = openpyxlWorkbook(`free-${merge.replace(':', '-')}`, { ref: 'A1:H3', merges: [merge] });
    const { output, result } = await refresh(input);
    expect(noRoom(result)).toEqual([]);
    const xml = partText(output, sheetPartOf(output, 'Initiatives'));
    expect(xml).toContain('Health (auto)');
    expect(xml).toContain(`<mergeCell ref="${merge}"/>`);
    const table = Object.entries(entries(output)).find(([name]) => /^xl\/tables\/table\d+\.xml$/.test(name))!;
    // Initiatives gain seven owned columns (I to O), the last Slip vs baseline (auto).
    expect(new TextDecoder().decode(table[1])).toMatch(/ref="A1:O3"/);
  });
});

describe('merged cells beside an input table (Office.js, against the Excel fake)', () => {
  const officePort = (excel: FakeExcel) =>
    new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });
  // Metrics is a table at B3:J5; its five owned columns would take K3:O5.
  function withMerge(apiVersion: string, address: string): { excel: FakeExcel; before: Record<string, string> } {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.apiVersion = apiVersion;
    excel.mergeCells('Metrics', address);
    const [first] = address.split(':');
    const top = excel.sheet('Metrics')!;
    const cell = /^([A-Z]+)(\d+)$/.exec(first)!;
    top.cells.set(`${Number(cell[2]) - 1},${cell[1].charCodeAt(0) - 65}`, { value: null, fill: '#FFFF00' });
    return { excel, before: excel.dump() };
  }
  const mergedOf = (excel: FakeExcel) => excel.sheet('Metrics')!.merged;

  test.each([
    ['an empty, filled box in the band', 'M4:N5', 'M4'],
    ['a box entering the band from above the header', 'K1:L3', 'K3'],
  ])(
    '%s refuses the table at its first cell in the band, and nothing on the sheet changes',
    async (_label, address, cell) => {
      const { excel, before } = withMerge('1.13', address);
      const result = await refreshWorkbook(officePort(excel), { today });
      const errors = result.report.errors.filter((e) => e.code === 'no-room');
      expect(errors).toEqual([expect.objectContaining({ sheet: 'Metrics', cell })]);
      expect(errors[0].message).toContain(`merged cells ${address}`);
      expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(9);
      expect(excel.dump()).toEqual(expect.objectContaining(before));
      expect(Object.keys(excel.dump()).filter((k) => k.startsWith('Metrics!'))).toEqual(
        Object.keys(before).filter((k) => k.startsWith('Metrics!')),
      );
      expect(mergedOf(excel)).toHaveLength(1);
      // The other tables were still refreshed.
      expect(excel.cellValue('Goals', 0, 4)).toBe('Health (auto)');
    },
  );

  test('a merge far below the table does not block: the table grows by Table.resize', async () => {
    const { excel } = withMerge('1.13', 'K20:L21');
    const result = await refreshWorkbook(officePort(excel), { today });
    expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([]);
    expect(excel.tables.find((t) => t.name === 'Metrics')).toMatchObject({ left: 1, columns: 9 + 5 });
    expect(excel.cellValue('Metrics', 2, 10)).toBe('Health (auto)');
  });

  test('without ExcelApi 1.13 (no merged areas to ask for) a filled merged box right of the table is refused as cells an insert would move', async () => {
    const { excel, before } = withMerge('1.12', 'M4:N5');
    const result = await refreshWorkbook(officePort(excel), { today });
    expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([
      expect.objectContaining({ sheet: 'Metrics', cell: 'M4' }),
    ]);
    expect(Object.fromEntries(Object.entries(excel.dump()).filter(([k]) => k.startsWith('Metrics!')))).toEqual(
      Object.fromEntries(Object.entries(before).filter(([k]) => k.startsWith('Metrics!'))),
    );
  });

  test('the fake is as strict as Excel: a table cannot be resized over merged cells, and only areas starting in a range are reported', async () => {
    const { excel } = withMerge('1.13', 'K1:L3');
    await expect(
      excel.run(async (context) => {
        context.workbook.tables
          .getItem('Metrics')
          .resize(context.workbook.worksheets.getItem('Metrics').getRange('B3:L5'));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    const seen = await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Metrics');
      const inBand = sheet.getRange('K3:O5').getMergedAreasOrNullObject().load('address');
      const fromTop = sheet.getRange('K1:O5').getMergedAreasOrNullObject().load('address');
      await context.sync();
      return [inBand.isNullObject, fromTop.address];
    });
    expect(seen).toEqual([true, 'Metrics!K1:L3']);
    expect(() => excel.mergeCells('Metrics', 'C4:D4')).toThrow(/cannot be merged/);
  });
});
