// Junk people and files throw at Throughline, on real .xlsx files: bad values, odd layouts,
// protected sheets, corrupt bytes. Nothing is lost, nothing is faked, and the command never crashes.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { refreshWorkbook } from '../../src/io/refresh';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';
import type { CellValue } from '../../src/engine/types';
import { workbookArbitrary } from '../support/arbitraries';
import { dumpWorkbook, reopen } from '../support/dump';
import { addTable, bytesOf, d } from '../support/workbooks';
import { editCells } from '../support/edit-cells';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => today,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** Cells under owned headers, and the owned sheets. */
function owned(wb: ExcelJS.Workbook) {
  const columns: { sheet: string; column: number; row: number }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) =>
      row.eachCell(
        (cell, c) =>
          typeof cell.value === 'string' &&
          OWNED_HEADER_SET.has(cell.value) &&
          columns.push({ sheet: ws.name, column: c, row: r }),
      ),
    );
  }
  return (sheet: string, row: number, column: number) =>
    sheet === 'Risks' ||
    sheet === 'Throughline Ledger' ||
    columns.some((o) => o.sheet === sheet && o.column === column && row >= o.row);
}

function junkWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  addTable(
    wb.addWorksheet('Objectives'),
    'Objectives',
    'A1',
    ['ID', 'Name', 'Value at Stake'],
    [
      ['O1', 'Grow', 1_000_000],
      ['O2', 'x'.repeat(5000), 250_000],
    ],
  );
  const kpis = wb.addWorksheet('KPIs');
  addTable(
    kpis,
    'KPIs',
    'A1',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Due', 'Updated', 'Status'],
    [
      ['K1', '=cmd|" /C calc"!A0', 'O1', 100, 40, d('2026-12-31'), d('2026-06-01'), 'Green'], // formula-looking text
      ['K2', 'Errors', 'O1', 100, { error: '#N/A' }, d('2026-12-31'), d('2026-06-01'), 'Green'], // an Excel error
      ['K3', 'Text target', 'O1', 'lots', 40, d('2026-12-31'), d('2026-06-01'), 'Green'],
      ['K4', 'Impossible date', 'O2', 100, 40, '2026-02-30', d('2026-06-01'), 'Green'],
      ['K5', 'Too big', 'O2', '1e309', 40, d('2026-12-31'), d('2026-06-01'), 'Green'],
      [null, null, null, null, null, null, null, null], // a blank row inside the table
      ['K1', 'Duplicate', 'O2', 100, 40, d('2026-12-31'), d('2026-06-01'), 'Green'],
      ['K6', 'Hidden but counted', 'O2', 100, 90, d('2026-12-31'), d('2026-06-01'), 'Green'],
      ['K7', 'Merged', 'O2', 100, 80, d('2026-12-31'), d('2026-06-01'), 'Green'],
    ],
  );
  kpis.getRow(9).hidden = true;
  kpis.mergeCells('B10:C10'); // Name and Objective merged: the Objective reads as empty
  addTable(
    wb.addWorksheet('Initiatives'),
    'Initiatives',
    'A1',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Updated'],
    [
      ['I1', 'Loop', 'O1', d('2026-01-01'), d('2026-12-31'), 0.5, d('2026-06-01')],
      ['I2', 'Fine', 'O1', d('2026-01-01'), d('2026-12-31'), 0.5, d('2026-06-01')],
    ],
  );
  addTable(
    wb.addWorksheet('Dependencies'),
    'Dependencies',
    'A1',
    ['Upstream', 'Downstream'],
    [
      ['I1', 'I1'], // depends on itself
      ['I2', 'K6'],
    ],
  );
  return wb;
}

describe('a junk workbook', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughline-junk-'));
    input = path.join(dir, 'junk.xlsx');
    await junkWorkbook().xlsx.writeFile(input);
  });

  test('refreshes, reporting each problem at its cell, and keeps every other cell as it was', async () => {
    const { code, stdout, stderr } = await run('refresh', input, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const errors = report.errors.map(
      (e: { sheet: string; cell: string; code: string }) => `${e.code} ${e.sheet}!${e.cell}`,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'excel-error KPIs!E3',
        'invalid-number KPIs!D4',
        'invalid-date KPIs!F5',
        'invalid-number KPIs!D6',
        'duplicate-id KPIs!A8',
        'missing-value KPIs!C10',
        'self-dependency Dependencies!B2', // issue 20: an item waiting on itself is a bad row, not a cycle
      ]),
    );
    const ids = report.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['K1', 'K6', 'I1', 'I2']));
    expect(ids).not.toContain('K2');
    expect(report.items.find((i: { id: string }) => i.id === 'I1').health).not.toBe('Grey'); // the self-link row is skipped: I1 is computed

    const before = await reopen(readFileSync(input));
    const after = await reopen(readFileSync(path.join(dir, 'junk.refreshed.xlsx')));
    expect(dumpWorkbook(after, owned(after))).toEqual(dumpWorkbook(before));
    const name = after.getWorksheet('KPIs')!.getCell('B2');
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(after.getWorksheet('Objectives')!.getCell('B3').value).toHaveLength(5000);
    expect(after.getWorksheet('KPIs')!.getRow(9).hidden).toBe(true);
    const flags = (after.getWorksheet('KPIs')!.getRow(1).values as unknown[]).indexOf('Flags (auto)');
    expect(String(after.getWorksheet('KPIs')!.getCell(3, flags).value)).toContain('excel-error at E3');
  });

  test('a protected sheet stops the refresh with a clear message and nothing is written', async () => {
    const wb = junkWorkbook();
    await wb.getWorksheet('KPIs')!.protect('secret', {});
    const file = path.join(dir, 'protected.xlsx');
    await wb.xlsx.writeFile(file);
    const { code, stderr } = await run('refresh', file);
    expect(code).toBe(1);
    expect(stderr).toContain('Sheet KPIs is protected');
    expect(existsSync(path.join(dir, 'protected.refreshed.xlsx'))).toBe(false);
  });
});

describe('the audit ledger across another spreadsheet program', () => {
  test('a past check-in rewritten in a file LibreOffice saved is flagged with both values and dates', async () => {
    const saved = readFileSync(path.join(__dirname, '../fixtures/rollout-refreshed-libreoffice.xlsx'));
    const port = await XlsxWorkbook.fromBuffer(saved);
    expect(port.model.info.sheets.find((s) => s.name === 'Throughline Ledger')!.state).toBe('hidden');
    const { data, edited } = await editCells(saved, 'Check-ins', (row) =>
      row[1] === 'KPI-2' && row[2] instanceof Date && row[2].toISOString().startsWith('2026-03-31')
        ? { 3: 50 }
        : undefined,
    );
    expect(edited).toBe(1);
    const result = await refreshWorkbook(await XlsxWorkbook.fromBuffer(data), { today });
    const flag = result.report.items.find((i) => i.id === 'KPI-2')!.flags.find((f) => f.code === 'revised-history')!;
    expect(flag.message).toMatch(
      /^the check-in for 2026-03-31 said 55 days \(Amber\) when first recorded on \d{4}-\d{2}-\d{2}; it now says 50 days \(Amber\)$/,
    );
    expect(
      result.report.items.filter((i) => i.flags.some((f) => f.code === 'revised-history')).map((i) => i.id),
    ).toEqual(['KPI-2']);
  });
});

describe('what changed, across another spreadsheet program', () => {
  test('a refreshed file LibreOffice saved remembers every item: refreshing it finds nothing changed', async () => {
    const port = await openXlsxFile(path.join(__dirname, '../fixtures/rollout-refreshed-libreoffice.xlsx'));
    const result = await refreshWorkbook(port, { today });
    expect(result.plan).not.toBeNull();
    expect(result.changes.changes).toEqual([]);
    expect(result.changes.since).toBeNull();
  });

  test('an edit after LibreOffice saved it is found, measured against the refresh before', async () => {
    const saved = readFileSync(path.join(__dirname, '../fixtures/rollout-refreshed-libreoffice.xlsx'));
    let forecast = 0;
    const { data } = await editCells(saved, 'Initiatives', (row, r) => {
      if (r === 1) forecast = row.indexOf('Forecast Finish');
      return row[1] === 'INI-1' ? { [forecast]: new Date(Date.UTC(2026, 7, 9)) } : undefined;
    });
    const result = await refreshWorkbook(await XlsxWorkbook.fromBuffer(data), { today });
    const ini1 = result.changes.changes.find((c) => c.id === 'INI-1')!;
    expect(ini1.summary).toBe('forecast +30 d (2026-07-10 → 2026-08-09)');
    expect(result.changes.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('properties on real files', () => {
  const RUNS = Number(process.env.FILE_PROPERTY_RUNS ?? 15);

  /** A generated snapshot written as a real workbook: each input table a formal table at A1. */
  function toWorkbook(tables: { name: string; headers: string[]; rows: CellValue[][] }[]): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    for (const t of tables) {
      const rows = t.rows.map((r) =>
        r.map((v) =>
          typeof v === 'number' && !Number.isFinite(v) ? String(v) : v instanceof Date && isNaN(v.getTime()) ? null : v,
        ),
      );
      // Excel reserves the sheet name "History".
      addTable(
        wb.addWorksheet(t.name === 'History' ? 'Check-ins' : t.name),
        t.name,
        'A1',
        t.headers,
        rows.length ? rows : [t.headers.map(() => null)],
      );
    }
    return wb;
  }

  test('never a cell outside the owned columns changes; the output re-reads; a second refresh changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(workbookArbitrary({ junk: 2 }), async (snap) => {
        const data = await bytesOf(toWorkbook(snap.tables));
        const before = dumpWorkbook(await reopen(data));
        const port = await XlsxWorkbook.fromBuffer(data);
        const first = await refreshWorkbook(port, { today });
        const out = await port.toBuffer();
        const after = await reopen(out);
        if (first.plan === null) {
          expect(dumpWorkbook(after)).toEqual(before);
          return;
        }
        expect(dumpWorkbook(after, owned(after))).toEqual(before);
        const again = await XlsxWorkbook.fromBuffer(out);
        await refreshWorkbook(again, { today });
        expect(dumpWorkbook(await reopen(await again.toBuffer()))).toEqual(dumpWorkbook(after));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  test('the command exits 0 or 1 with no stack trace on any bytes, and writes nothing when it fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-bytes-'));
    const example = readFileSync(EXAMPLE);
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      // The example, truncated or with a run of bytes overwritten.
      fc
        .tuple(
          fc.integer({ min: 0, max: example.length }),
          fc.integer({ min: 0, max: example.length }),
          fc.uint8Array({ minLength: 1, maxLength: 64 }),
        )
        .map(([cut, at, junk]) => {
          const bytes = Uint8Array.from(example.subarray(0, Math.max(cut, 100)));
          bytes.set(junk.subarray(0, Math.max(0, bytes.length - at)), Math.min(at, bytes.length));
          return bytes;
        }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(inputs, async (bytes) => {
        const input = path.join(dir, `in-${n}.xlsx`);
        const out = path.join(dir, `out-${n++}.xlsx`);
        writeFileSync(input, bytes);
        const { code, stderr } = await run('refresh', input, '--out', out);
        expect([0, 1]).toContain(code);
        expect(stderr).not.toMatch(/\n\s+at /);
        if (code === 1) expect(existsSync(out)).toBe(false);
        else expect(await (await openXlsxFile(out)).read()).toBeDefined();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
