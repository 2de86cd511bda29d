// A formula saved without its result (openpyxl writes formulas but never calculates them) is reported
// where it is, not read as an empty cell or silently left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refresh } from '../../src/engine';
import { NOT_CALCULATED } from '../../src/engine/types';
import { day } from '../support/snapshot';

const SCRIPT = `
import openpyxl, sys, datetime as dt
d = dt.datetime
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Objectives'
ws.append(['ID', 'Name']); ws.append(['OBJ-1', 'Top'])
i = wb.create_sheet('Initiatives')
i.append(['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Status', 'Updated'])
i.append(['INI-1', 'a', 'OBJ-1', d(2026, 1, 1), d(2026, 9, 30), '=0.5', 'Green', d(2026, 6, 20)])
i.append(['INI-2', 'b', 'OBJ-1', d(2026, 1, 1), '=D3+200', 0.5, 'Green', d(2026, 6, 20)])
i.append(['INI-3', 'c', 'OBJ-1', d(2026, 1, 1), d(2026, 9, 30), 0.4, 'Green', d(2026, 6, 20)])
wb.save(sys.argv[1])
`;

test('openpyxl formulas without results are errors at their cells; the other rows are read', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-formulas-')), 'formulas.xlsx');
  execFileSync('/usr/bin/python3', ['-c', SCRIPT, file]);
  const workbook = XlsxWorkbook.open(new Uint8Array(readFileSync(file)), file, nodeCodec);
  const snapshot = await workbook.read();
  const initiatives = snapshot.tables.length > 0 ? snapshot.tables : snapshot.sheets;
  expect(JSON.stringify(initiatives)).toContain(NOT_CALCULATED);
  const result = refresh(snapshot, { today: day('2026-06-30') });
  const errors = result.report.errors.map((e) => ({ at: `${e.sheet}!${e.cell}`, code: e.code, message: e.message }));
  expect(errors).toEqual([
    {
      at: 'Initiatives!F2',
      code: 'excel-error',
      message: expect.stringMatching(
        /^% Complete: the cell holds a formula whose result was never saved .*save it, and refresh again/,
      ),
    },
    {
      at: 'Initiatives!E3',
      code: 'excel-error',
      message: expect.stringMatching(/^Due: the cell holds a formula whose result was never saved/),
    },
  ]);
  expect(result.report.items.map((i) => i.id)).toEqual(expect.arrayContaining(['INI-3']));
});
