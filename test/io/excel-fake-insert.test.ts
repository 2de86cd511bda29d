// Workbook.insertWorksheetsFromBase64 in the Excel fake, as the reference says (ExcelApi 1.13,
// Excel.Workbook and Excel.InsertWorksheetOptions in @types/office-js): the whole base64 string
// travels in the request, the new sheets' ids come back as a ClientResult readable only after the
// sync, positions and names as the options say, and what is not a workbook is refused. The packages
// come from openpyxl (a writer users have) and from Throughline's staging layer, which openpyxl must
// also open (a package others can read, not only our fake).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FakeExcel, OfficeError, PropertyNotLoaded, type FakeContext } from '../support/excel-fake';
import { stagingPackage, toBase64 } from '../../src/io/office/staging';

const run = <T>(excel: FakeExcel, f: (ctx: FakeContext) => Promise<T>) => excel.run(f);
const dir = mkdtempSync(path.join(tmpdir(), 'tl-insert-'));

/** A workbook written by openpyxl: "Plan" (text, a number, a bold red-filled cell, a formula) and a hidden "Notes". */
function openpyxlWorkbook(): Uint8Array {
  const file = path.join(dir, 'openpyxl.xlsx');
  const script = `
import sys
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
wb = Workbook()
ws = wb.active
ws.title = 'Plan'
ws['A1'] = 'Item'
ws['A1'].font = Font(bold=True)
ws['A2'] = 'INI-1'
ws['B2'] = 42.5
ws['B2'].number_format = '0.0'
ws['C2'] = 'late'
ws['C2'].fill = PatternFill(fill_type='solid', fgColor='FFFFC7CE')
ws['D2'] = '=B2*2'
notes = wb.create_sheet('Notes')
notes['A1'] = 'kept'
notes.sheet_state = 'hidden'
wb.save(sys.argv[1])
`;
  execFileSync('/usr/bin/python3', ['-c', script, file], { timeout: 60_000 });
  return readFileSync(file);
}

async function insert(
  excel: FakeExcel,
  base64: string,
  options?: Parameters<FakeContext['workbook']['insertWorksheetsFromBase64']>[1],
) {
  return run(excel, async (ctx) => {
    const ids = ctx.workbook.insertWorksheetsFromBase64(base64, options);
    // "The value of the result that is retrieved from the document after context.sync() is invoked."
    expect(() => ids.value).toThrow(PropertyNotLoaded);
    await ctx.sync();
    return ids.value;
  });
}

describe('insertWorksheetsFromBase64', () => {
  const base64 = toBase64(openpyxlWorkbook());

  test('inserts every sheet at the end by default, with cells, formats and visibility; the ids come back after the sync', async () => {
    const excel = new FakeExcel();
    excel.addSheet('First');
    excel.resetCounters();
    const ids = await insert(excel, base64);
    expect(excel.sheets.map((s) => s.name)).toEqual(['First', 'Plan', 'Notes']);
    expect(ids).toEqual([excel.sheet('Plan')!.id, excel.sheet('Notes')!.id]);
    expect(excel.cell('Plan', 0, 0)).toEqual({ value: 'Item', bold: true });
    expect(excel.cell('Plan', 1, 1)).toEqual({ value: 42.5, numberFormat: '0.0' });
    expect(excel.cell('Plan', 1, 2)).toEqual({ value: 'late', fill: '#FFC7CE' });
    expect(excel.cell('Plan', 1, 3)?.formula).toBe('=B2*2');
    expect(excel.sheet('Notes')!.visibility).toBe('Hidden');
    // The whole string is one argument of the request, counted as sent.
    expect(excel.batchBytes[0]).toBeGreaterThan(base64.length);
  });

  test('sheetNamesToInsert, and positions before or after a sheet given by name or as a worksheet', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    excel.addSheet('B');
    await insert(excel, base64, { sheetNamesToInsert: ['Notes'], positionType: 'Before', relativeTo: 'B' });
    expect(excel.sheets.map((s) => s.name)).toEqual(['A', 'Notes', 'B']);
    await run(excel, async (ctx) => {
      const a = ctx.workbook.worksheets.getItem('A');
      ctx.workbook.insertWorksheetsFromBase64(base64, {
        sheetNamesToInsert: ['Plan'],
        positionType: 'After',
        relativeTo: a,
      });
      await ctx.sync();
    });
    expect(excel.sheets.map((s) => s.name)).toEqual(['A', 'Plan', 'Notes', 'B']);
    await insert(excel, base64, { sheetNamesToInsert: ['Plan'], positionType: 'Beginning' });
    // A name already taken gets a number, as Excel's Move or Copy names a copy.
    expect(excel.sheets.map((s) => s.name)).toEqual(['Plan (2)', 'A', 'Plan', 'Notes', 'B']);
  });

  test('not base64, or not a workbook: InvalidArgument at the sync, nothing inserted', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    for (const bad of ['not base64!', toBase64(new TextEncoder().encode('just some text, not a zip'))]) {
      await expect(insert(excel, bad)).rejects.toEqual(expect.objectContaining({ code: 'InvalidArgument' }));
      expect(excel.sheets.map((s) => s.name)).toEqual(['A']);
    }
    await expect(insert(excel, base64, { sheetNamesToInsert: ['Nope'] })).rejects.toBeInstanceOf(OfficeError);
  });

  test('needs ExcelApi 1.13, and a workbook structure that is not protected', async () => {
    const old = new FakeExcel();
    old.apiVersion = '1.12';
    old.addSheet('A');
    await expect(run(old, async (ctx) => ctx.workbook.insertWorksheetsFromBase64(base64))).rejects.toEqual(
      expect.objectContaining({ code: 'ApiNotFound' }),
    );
    const locked = new FakeExcel();
    locked.addSheet('A');
    locked.structureProtected = true;
    await expect(insert(locked, base64)).rejects.toEqual(expect.objectContaining({ code: 'AccessDenied' }));
  });
});

describe('a staging package', () => {
  const rows = [
    ['Severity', 'Item', 'Go to'],
    ["'=not a formula", 12.5, { formula: '=HYPERLINK("#\'KPIs\'!A2","KPIs!A2")', shows: 'KPIs!A2' }],
    ['high', '', ' spaced '],
  ];
  const bytes = stagingPackage('Throughline Risks (writing)', {
    top: 1,
    rows,
    format: (r, c) => (r === 0 ? { bold: true } : r === 1 && c === 0 ? { fill: 'FFFFC7CE' } : null),
  });

  test('opens in openpyxl with its cells, formula, fill and bold header', () => {
    const file = path.join(dir, 'staged.xlsx');
    writeFileSync(file, bytes);
    const script = `
import sys, json
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb['Throughline Risks (writing)']
out = {'sheets': wb.sheetnames, 'cells': [[ws.cell(r, c).value for c in range(1, 4)] for r in range(1, 4)],
       'bold': ws['A1'].font.b, 'fill': ws['A2'].fill.fgColor.rgb, 'plain': ws['B2'].fill.fill_type}
print(json.dumps(out))
`;
    const seen = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { timeout: 60_000 }).toString());
    expect(seen).toEqual({
      sheets: ['Throughline Risks (writing)'],
      cells: [
        ['Severity', 'Item', 'Go to'],
        ['=not a formula', 12.5, '=HYPERLINK("#\'KPIs\'!A2","KPIs!A2")'],
        ['high', null, ' spaced '],
      ],
      bold: true,
      fill: 'FFFFC7CE',
      plain: null,
    });
  });

  test('inserted into the fake, the same cells as the value writes would leave', async () => {
    const excel = new FakeExcel();
    excel.addSheet('KPIs');
    await insert(excel, toBase64(bytes));
    const sheet = 'Throughline Risks (writing)';
    expect(excel.cell(sheet, 0, 2)).toEqual({ value: 'Go to', bold: true });
    expect(excel.cell(sheet, 1, 0)).toEqual({ value: '=not a formula', fill: '#FFC7CE' });
    expect(excel.cell(sheet, 1, 2)).toEqual({ value: 'KPIs!A2', formula: '=HYPERLINK("#\'KPIs\'!A2","KPIs!A2")' });
    expect(excel.cell(sheet, 2, 1)).toBeUndefined();
    expect(excel.cell(sheet, 2, 2)).toEqual({ value: ' spaced ' });
  });

  test('base64 as Node encodes it', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 49_153]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
      expect(toBase64(data)).toBe(Buffer.from(data).toString('base64'));
    }
  });
});
