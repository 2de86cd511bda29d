// Merged cells beside an input table, in files written by openpyxl (where users' generated workbooks
// come from): a merged area reaching the band the owned columns would take refuses that table with
// no-room, naming the first merged cell in the band, and leaves its sheet's bytes as they were; a
// merged area elsewhere on the sheet changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { refreshWorkbook, type PortRefreshResult } from '../../src/workbook/refresh-port';
import { entries, partText, sheetPartOf } from '../support/zip';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
/** The system python: its dist-packages hold openpyxl (python3-openpyxl), as for the interop corpus. */
const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(path.join(tmpdir(), 'throughline-merged-'));

/**
 * An Initiatives sheet (a formal table at `ref`, or a plain range when `ref` is null) beside an
 * Objectives plain range, with the merges given, written by openpyxl.
 */
function openpyxlWorkbook(name: string, options: { ref: string | null; top?: number; merges: string[]; lastUpdated?: boolean }): Uint8Array {
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
    expect(new TextDecoder().decode(table[1])).toMatch(/ref="A1:N3"/);
  });
});
