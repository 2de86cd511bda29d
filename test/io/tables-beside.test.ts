// Another table beside an input table, in a file written by openpyxl: tables may not overlap, so one
// reaching the band the owned columns would take (even with an empty body, its header above) refuses
// the input table with no-room naming its first cell there, and leaves that sheet as it was.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { entries, sheetPartOf } from '../support/zip';
import { day } from '../support/snapshot';

const SCRIPT = `
import sys, datetime as dt
import openpyxl
from openpyxl.worksheet.table import Table
d = dt.datetime
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Objectives'
ws.append(['ID', 'Name']); ws.append(['OBJ-1', 'Top'])
i = wb.create_sheet('Initiatives')
i.append([]); i.append([])
i.append(['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Status', 'Updated'])
i.append(['INI-1', 'a', 'OBJ-1', d(2026, 1, 1), d(2026, 3, 31), 0.1, 'Green', d(2026, 6, 20)])
i.append(['INI-2', 'b', 'OBJ-1', d(2026, 1, 1), d(2026, 9, 30), 0.5, 'Green', d(2026, 6, 20)])
i.add_table(Table(displayName='Initiatives', ref='A3:H5'))
# An empty table of notes to the right: its header above the input table's rows, its blank body in them.
from openpyxl.utils import range_boundaries
left, top, right, bottom = range_boundaries(sys.argv[2])
i.cell(top, left, 'Owner'); i.cell(top, left + 1, 'Note')
i.add_table(Table(displayName='Notes', ref=sys.argv[2]))
wb.save(sys.argv[1])
`;

function workbook(ref: string): Uint8Array {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-tables-')), 'beside.xlsx');
  execFileSync('/usr/bin/python3', ['-c', SCRIPT, file, ref], { timeout: 60_000 });
  return new Uint8Array(readFileSync(file));
}

test('an empty table in the band refuses the input table at its first cell there; the sheet is untouched', async () => {
  const data = workbook('K1:L4');
  const port = await XlsxWorkbook.fromBuffer(data, 'beside.xlsx');
  const result = await refreshWorkbook(port, { today: day('2026-06-30') });
  const blocked = result.report.errors.filter((e) => e.code === 'no-room');
  expect(blocked).toEqual([expect.objectContaining({ sheet: 'Initiatives', cell: 'K3' })]);
  expect(blocked[0].message).toMatch(/belongs to the table Notes, and Excel tables cannot overlap/);
  const output = await port.toBuffer();
  const part = sheetPartOf(data, 'Initiatives');
  expect(entries(output)[part]).toEqual(entries(data)[part]);
});

test('a table far to the right of the band blocks nothing', async () => {
  const data = workbook('T1:U4');
  const port = await XlsxWorkbook.fromBuffer(data, 'beside.xlsx');
  const result = await refreshWorkbook(port, { today: day('2026-06-30') });
  expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([]);
});

test('a workbook whose structure is protected (Review › Protect Workbook) is refused, saying why, and nothing is written', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-locked-')), 'locked.xlsx');
  const script = `import sys, openpyxl\nfrom openpyxl.workbook.protection import WorkbookProtection\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.security = WorkbookProtection(lockStructure=True)\nwb.save(sys.argv[2])\n`;
  execFileSync('/usr/bin/python3', ['-c', script, path.join(__dirname, '../../examples/rollout.xlsx'), file], {
    timeout: 60_000,
  });
  const data = new Uint8Array(readFileSync(file));
  const port = await XlsxWorkbook.fromBuffer(data, 'locked.xlsx');
  await expect(refreshWorkbook(port, { today: day('2026-06-30') })).rejects.toThrow(
    /structure is protected \(Review › Protect Workbook\).*Nothing was written/,
  );
  expect(entries(await port.toBuffer())).toEqual(entries(data));
});
