// The file adapter on real files: written with exceljs (another program), refreshed, written, re-read with exceljs.
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { openXlsxFile, writeXlsxFile } from '../../src/io/node/xlsx-file';
import { refreshWorkbook } from '../../src/io/refresh';
import { WorkbookReadError, WorkbookWriteError } from '../../src/io/errors';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';
import { dumpWorkbook, reopen } from '../support/dump';
import { addTable, bytesOf, d, portOf, smallWorkbook } from '../support/workbooks';
import { entries, partText, rezip, sheetPartOf, withBytes } from '../support/zip';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'throughline-'));

async function roundTrip(wb: ExcelJS.Workbook, times = 1) {
  let data = await bytesOf(wb);
  const results = [];
  for (let i = 0; i < times; i++) {
    const port = await XlsxWorkbook.fromBuffer(data);
    results.push(await refreshWorkbook(port, { today }));
    data = await port.toBuffer();
  }
  return { data, results, wb: await reopen(data) };
}

/** Cells Throughline owns in the refreshed workbook: owned columns of input tables and the Risks sheet. */
function ownedCells(wb: ExcelJS.Workbook) {
  const owned = new Set<string>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value === 'string' && OWNED_HEADER_SET.has(cell.value)) owned.add(`${ws.name}!${c}!${r}`);
      }),
    );
  }
  return (sheet: string, row: number, column: number) =>
    sheet === 'Risks' ||
    sheet === 'Throughline Ledger' ||
    [...owned].some((key) => {
      const [s, c, r] = key.split('!');
      return s === sheet && Number(c) === column && row >= Number(r);
    });
}

describe('reading', () => {
  test('formal tables anywhere on a sheet, plain ranges under a title, and the values in them', async () => {
    const snap = await (await portOf(smallWorkbook())).read();
    const metrics = snap.tables.find((t) => t.name === 'Metrics')!;
    expect(metrics).toMatchObject({ sheet: 'Metrics', headerRow: 3, firstColumn: 2 });
    expect(metrics.headers).toEqual([
      'ID',
      'Metric',
      'Objective ID',
      'Target',
      'Actual',
      'Start',
      'Due',
      'Last Updated',
      'RAG',
    ]);
    expect(metrics.rows[0][5]).toEqual(d('2026-01-01'));
    expect(metrics.rows[0][1]).toBe('=HYPERLINK("x")');
    const projects = snap.sheets.find((s) => s.sheet === 'Projects')!;
    expect(projects.originRow).toBe(1);
    expect(projects.values[2]).toEqual([
      'ID',
      'Name',
      'Supports',
      'Start',
      'Finish',
      '% Complete',
      'Status',
      'Updated',
    ]);
    expect(snap.sheetNames).toEqual(['Goals', 'Metrics', 'Projects']);
  });

  test('formulas give their cached result; rich text, hyperlinks and errors read as people see them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('KPIs');
    addTable(
      ws,
      'KPIs',
      'A1',
      ['ID', 'Name', 'Actual', 'Target', 'Note'],
      [
        [
          'K1',
          { richText: [{ text: 'Bold ' }, { text: 'name' }] },
          { formula: 'B9*2', result: 42 },
          { error: '#N/A' },
          { text: 'link', hyperlink: 'https://example.com' },
        ],
      ],
    );
    const [table] = (await (await portOf(wb)).read()).tables;
    expect(table.rows[0]).toEqual(['K1', 'Bold name', 42, { error: '#N/A' }, 'link']);
  });

  test('a totals row is not data, and a note beside a table is reported as occupied', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    addTable(ws, 'Initiatives', 'A1', ['ID', 'Name', 'Due'], [['I1', 'x', d('2026-01-01')]], true);
    ws.getCell('E2').value = 'note';
    const [table] = (await (await portOf(wb)).read()).tables;
    expect(table.rows).toHaveLength(1);
    expect(table.occupiedRight).toEqual([{ row: 2, column: 5 }]);
  });

  test('a workbook in the 1904 date system says so', async () => {
    const port = await openXlsxFile(path.join(__dirname, '../../../shared/interop/1904.xlsx'));
    expect((await port.read()).date1904).toBe(true);
  });
});

describe('refreshing a file', () => {
  test('appends owned columns once, extending formal tables, and changes nothing else', async () => {
    const before = smallWorkbook();
    const beforeDump = dumpWorkbook(await reopen(await bytesOf(before)));
    const { wb, results } = await roundTrip(smallWorkbook(), 2);
    expect(results.map((r) => r.fatal)).toEqual([[], []]);

    const goals = wb.getWorksheet('Goals')!;
    const headerTexts = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).filter(Boolean);
    expect(headerTexts(goals, 1)).toEqual([
      'ID',
      'Name',
      'Value at Stake',
      'Revenue Stream',
      'Health (auto)',
      'Progress (auto)',
      'Expected (auto)',
      'Confidence (auto)',
      'Flags (auto)',
      'Impact (auto)',
    ]);
    const metricsTable = (
      wb.getWorksheet('Metrics') as unknown as {
        getTables(): { table: { tableRef: string; columns: { name: string }[] } }[];
      }
    ).getTables()[0].table;
    expect(metricsTable.tableRef).toBe('B3:O5');
    expect(metricsTable.columns.map((c) => c.name).slice(-5)).toEqual([
      'Health (auto)',
      'Progress (auto)',
      'Expected (auto)',
      'Flags (auto)',
      'Impact (auto)',
    ]);
    const projects = wb.getWorksheet('Projects')!;
    // Initiatives gain seven owned columns, the last one Slip vs baseline (auto).
    expect(headerTexts(projects, 3)).toHaveLength(8 + 7);
    expect(headerTexts(projects, 3)[14]).toBe('Slip vs baseline (auto)');
    expect(projects.getCell('I3').font?.bold).toBe(true);
    expect(projects.getCell('A8').value).toBe('Notes below the range stay notes');

    expect(dumpWorkbook(wb, ownedCells(wb))).toEqual(beforeDump);
  });

  test('two refreshes give the same workbook', async () => {
    const once = await roundTrip(smallWorkbook(), 1);
    const twice = await roundTrip(smallWorkbook(), 2);
    expect(dumpWorkbook(twice.wb)).toEqual(dumpWorkbook(once.wb));
  });

  test('text that looks like a formula stays text', async () => {
    const { wb } = await roundTrip(smallWorkbook());
    const name = wb.getWorksheet('Metrics')!.getCell('C4');
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=HYPERLINK("x")');
    const risks = wb.getWorksheet('Risks')!;
    const names: unknown[] = [];
    risks.eachRow((row) => names.push(row.getCell(3).value));
    expect(names).toContain('+Contract');
    risks.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  test('health and flags cells are coloured; forecasts are dates', async () => {
    const { wb } = await roundTrip(smallWorkbook());
    const ws = wb.getWorksheet('Metrics')!;
    const health = ws.getCell('K4'); // Health (auto) is the first owned column, after B..J
    expect(ws.getCell('K3').value).toBe('Health (auto)');
    expect(['Green', 'Amber', 'Red', 'Grey']).toContain(health.value);
    expect(health.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const projects = wb.getWorksheet('Projects')!;
    const forecastColumn = (projects.getRow(3).values as unknown[]).indexOf('Forecast (auto)');
    expect(projects.getCell(4, forecastColumn).value).toBeInstanceOf(Date);
    expect(projects.getCell(4, forecastColumn).numFmt).toBe('yyyy-mm-dd');
  });

  test('the Risks sheet is rewritten, never appended to, with links to each source row', async () => {
    const first = await roundTrip(smallWorkbook());
    const rowsOf = (wb: ExcelJS.Workbook) => wb.getWorksheet('Risks')!.actualRowCount;
    const many = rowsOf(first.wb);
    // Make everything healthy, then refresh the refreshed file: fewer risks, no leftovers.
    const edited = await reopen(first.data);
    const metrics = edited.getWorksheet('Metrics')!;
    metrics.getCell('F4').value = 100;
    metrics.getCell('F5').value = 100;
    const port = await XlsxWorkbook.fromBuffer(await bytesOf(edited));
    await refreshWorkbook(port, { today });
    const after = await reopen(await port.toBuffer());
    // The recoveries are listed as changes since the last refresh; every other row is a current risk.
    const issues = (wb: ExcelJS.Workbook) =>
      (wb.getWorksheet('Risks')!.getColumn(6).values as unknown[]).slice(2).map(String);
    const changed = issues(after).filter((i) => i.startsWith('changed since'));
    expect(changed.length).toBeGreaterThan(0);
    expect(rowsOf(after) - changed.length).toBeLessThan(many);
    expect(after.worksheets.filter((w) => w.name === 'Risks')).toHaveLength(1);
    // Internal links are written as Excel writes them: a location, no relationship (exceljs does not read those).
    const risksXml = partText(first.data, sheetPartOf(first.data, 'Risks'));
    const links = [...risksXml.matchAll(/<hyperlink ref="J(\d+)" location="([^"]+)"/g)];
    expect(links.length).toBe(rowsOf(first.wb) - 1);
    for (const [, , location] of links) expect(location).toMatch(/^'[^']+'![A-Z]+\d+$/);
  });

  test('a note right beside a table refuses that table and leaves the note and the table alone', async () => {
    const wb = smallWorkbook();
    wb.getWorksheet('Goals')!.getCell('F2').value = 'do not overwrite me';
    const { wb: out, results } = await roundTrip(wb);
    expect(results[0].report.errors).toContainEqual(
      expect.objectContaining({ code: 'no-room', sheet: 'Goals', cell: 'F2' }),
    );
    expect(out.getWorksheet('Goals')!.getCell('F2').value).toBe('do not overwrite me');
    expect(out.getWorksheet('Goals')!.getCell('E1').value).toBeNull();
    expect(out.getWorksheet('Metrics')!.getCell('K3').value).toBe('Health (auto)');
  });
});

describe('formulas in owned cells', () => {
  test('a formula typed into an owned cell is replaced, and the calculation chain that named it goes', async () => {
    const refreshed = await (async () => {
      const port = await openXlsxFile(path.join(__dirname, '../../examples/rollout.xlsx'));
      await refreshWorkbook(port, { today });
      return port.toBuffer();
    })();
    const health = (xml: string) => /<c r="(P2)"[^>]*>[\s\S]*?<\/c>/.exec(xml)![0];
    // KPIs!P2 is Health (auto): someone typed a formula there, and Excel recorded it in calcChain.xml.
    const withFormula = rezip(refreshed, {
      'xl/worksheets/sheet3.xml': (xml) => xml.replace(health(xml), '<c r="P2"><f>1+1</f><v>2</v></c>'),
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
      '[Content_Types].xml': (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
    });
    const chained = withBytes(withFormula, {
      'xl/calcChain.xml': new TextEncoder().encode(
        '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="P2" i="3"/></calcChain>',
      ),
    });
    const port = await XlsxWorkbook.fromBuffer(chained);
    await refreshWorkbook(port, { today });
    const out = await port.toBuffer();
    expect(health(partText(out, 'xl/worksheets/sheet3.xml'))).not.toContain('<f>');
    expect(Object.keys(entries(out))).not.toContain('xl/calcChain.xml');
    expect(partText(out, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(partText(out, '[Content_Types].xml')).not.toContain('calcChain');
    // Without a replaced formula the chain is left alone.
    const untouched = await XlsxWorkbook.fromBuffer(
      withBytes(refreshed, { 'xl/calcChain.xml': new TextEncoder().encode('<calcChain/>') }),
    );
    await refreshWorkbook(untouched, { today });
    expect(Object.keys(entries(await untouched.toBuffer()))).toContain('xl/calcChain.xml');
  });
});

describe('files', () => {
  test('writing into a missing folder fails clearly and leaves nothing behind', async () => {
    const dir = tmp();
    const port = await portOf(smallWorkbook());
    await expect(writeXlsxFile(port, path.join(dir, 'missing', 'out.xlsx'))).rejects.toThrow(WorkbookWriteError);
    await expect(writeXlsxFile(port, path.join(dir, 'missing', 'out.xlsx'))).rejects.toThrow(
      /folder .* does not exist/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('writing over a file replaces it atomically and leaves no temporary file', async () => {
    const dir = tmp();
    const file = path.join(dir, 'out.xlsx');
    writeFileSync(file, 'old');
    await writeXlsxFile(await portOf(smallWorkbook()), file);
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
    expect((await (await openXlsxFile(file)).read()).tables).toHaveLength(2);
  });

  test.each([
    ['a missing file', (dir: string) => path.join(dir, 'nope.xlsx'), /does not exist/],
    ['a folder', (dir: string) => (mkdirSync(path.join(dir, 'f.xlsx')), path.join(dir, 'f.xlsx')), /folder/],
    [
      'a text file',
      (dir: string) => (writeFileSync(path.join(dir, 't.xlsx'), 'ID,Name\n1,x\n'), path.join(dir, 't.xlsx')),
      /not an \.xlsx/,
    ],
    [
      'an empty file',
      (dir: string) => (writeFileSync(path.join(dir, 'e.xlsx'), ''), path.join(dir, 'e.xlsx')),
      /empty/,
    ],
    [
      'an old .xls',
      (dir: string) => (
        writeFileSync(path.join(dir, 'o.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])),
        path.join(dir, 'o.xlsx')
      ),
      /\.xls/,
    ],
    [
      'a zip that is not a workbook',
      (dir: string) => (
        writeFileSync(path.join(dir, 'z.xlsx'), Buffer.from('PK\u0003\u0004garbage')),
        path.join(dir, 'z.xlsx')
      ),
      /damaged/,
    ],
  ])('%s is a WorkbookReadError with a clear message', async (_label, make, message) => {
    const file = make(tmp());
    const error = await openXlsxFile(file).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(file);
  });
});

describe('workbooks written by other programs', () => {
  const dir = path.join(__dirname, '../../../shared/interop');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.xlsx')) : [];
  test.each(files)('%s opens and reads cleanly, or fails as a WorkbookReadError', async (file) => {
    let port: XlsxWorkbook;
    try {
      port = await openXlsxFile(path.join(dir, file));
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      return;
    }
    const snap = await port.read().catch((e) => e);
    if (snap instanceof Error) expect(snap).toBeInstanceOf(WorkbookReadError);
    else expect(Array.isArray(snap.tables)).toBe(true);
  });

  test('an archive without the parts of a workbook is a WorkbookReadError', async () => {
    const result = await openXlsxFile(path.join(dir, 'missing-bits.xlsx')).catch((e) => e);
    expect(result).toBeInstanceOf(WorkbookReadError);
    expect(result.message).toMatch(/not an Office document/);
  });

  test('damaged XML is an error naming the part, once Throughline has to read that part', async () => {
    // Sheet1's XML is not well-formed. Throughline never parses a sheet it cannot use, so the file opens…
    const data = readFileSync(path.join(dir, 'invalid-xml.xlsx'));
    expect((await (await XlsxWorkbook.fromBuffer(data)).read()).tables).toEqual([]);
    // …but when that sheet is one it reads, the damage is reported with the part's name.
    const renamed = rezip(data, { 'xl/workbook.xml': (xml) => xml.replace('name="Sheet1"', 'name="KPIs"') });
    const error = await (await XlsxWorkbook.fromBuffer(renamed, 'renamed.xlsx')).read().catch((e) => e);
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect(error.message).toMatch(/^Cannot read renamed\.xlsx: xl\/worksheets\/sheet1\.xml is not well-formed XML/);
  });
});

describe('the example as LibreOffice saves it', () => {
  const file = path.join(__dirname, '../fixtures/rollout-libreoffice.xlsx');

  test('refreshes to the same results as the original, twice, and re-reads', async () => {
    const original = await refreshWorkbook(await openXlsxFile(path.join(__dirname, '../../examples/rollout.xlsx')), {
      today,
    });
    const port = await openXlsxFile(file);
    const first = await refreshWorkbook(port, { today });
    expect(first.report.summary).toEqual(original.report.summary);
    expect(first.report.items.map((i) => [i.id, i.health])).toEqual(original.report.items.map((i) => [i.id, i.health]));
    const again = await refreshWorkbook(await XlsxWorkbook.fromBuffer(await port.toBuffer()), { today });
    expect(again.report).toEqual(first.report);
    expect(again.plan!.tables.flatMap((t) => t.columns).some((c) => c.append)).toBe(false);
  });
});
