// A workbook whose ledger an earlier version wrote. test/fixtures/rollout-refreshed-ledger-v1.xlsx is
// the example refreshed (as of and on 2026-06-30) by the version before the compact ledger: a row of
// five cells per check-in, the item marks beside them, then the settings, owned sheets and plan
// blocks. Its first refresh by this version must find exactly what a refresh of a workbook this
// version wrote finds (the same rewrites, the same changes, the same baselines and forecast history)
// and leave the same ledger. Last, the compact ledger itself after a LibreOffice round trip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import type { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { refreshWorkbook } from '../../src/io/refresh';
import { editCells } from '../support/edit-cells';
import { partText, sheetPartOf } from '../support/zip';
import { day } from '../support/snapshot';

const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const V1 = path.join(__dirname, '../fixtures/rollout-refreshed-ledger-v1.xlsx');
const LEDGER = 'Throughline Ledger';

const on = (iso: string) => ({ today: day(iso), settings: { asOf: day(iso) } });

async function refreshed(data: Uint8Array, iso: string) {
  const port = await XlsxWorkbook.fromBuffer(data);
  const result = await refreshWorkbook(port, on(iso));
  return { result, data: await port.toBuffer() };
}

/** The edits a team makes between two refreshes: a past check-in rewritten, a forecast pushed. */
async function edited(data: Uint8Array): Promise<Uint8Array> {
  const history = await editCells(data, 'Check-ins', (row) =>
    row[1] === 'KPI-2' && row[2] instanceof Date && row[2].toISOString().startsWith('2026-03-31')
      ? { 3: 50 }
      : undefined,
  );
  expect(history.edited).toBe(1);
  let forecast = 0;
  const plan = await editCells(history.data, 'Initiatives', (row, r) => {
    if (r === 1) forecast = row.indexOf('Forecast Finish');
    return row[1] === 'INI-1' ? { [forecast]: new Date(Date.UTC(2026, 7, 9)) } : undefined;
  });
  expect(plan.edited).toBe(1);
  return plan.data;
}

const ledgerXml = (data: Uint8Array) => partText(data, sheetPartOf(data, LEDGER));
const json = (r: Awaited<ReturnType<typeof refreshed>>) => JSON.stringify(r.result.report);

describe('a ledger written by the version before the compact layout', () => {
  let ours: Uint8Array;
  beforeAll(async () => {
    ours = (await refreshed(readFileSync(EXAMPLE), '2026-06-30')).data;
  });

  test('is in the old layout; this version writes the compact one', () => {
    const old = ledgerXml(readFileSync(V1));
    expect(old).toContain('<t>ID</t>');
    expect(old).toContain('<t>Recorded</t>');
    expect(ledgerXml(ours)).toContain('<t>Check-ins</t>');
  });

  test('its first refresh finds the same rewrite, the same changes and baselines, and writes the same ledger', async () => {
    const [mine, theirs] = await Promise.all(
      [ours, readFileSync(V1)].map(async (d) => refreshed(await edited(d), '2026-07-07')),
    );
    const flag = theirs.result.report.items
      .find((i) => i.id === 'KPI-2')!
      .flags.find((f) => f.code === 'revised-history');
    expect(flag?.message).toBe(
      'the check-in for 2026-03-31 said 55 days (Amber) when first recorded on 2026-06-30; it now says 50 days (Amber)',
    );
    const ini1 = theirs.result.changes.changes.find((c) => c.id === 'INI-1')!;
    expect(ini1.summary).toContain('forecast +30 d (2026-07-10 → 2026-08-09)');
    expect(theirs.result.changes.since).toBe('2026-06-30');
    expect(json(theirs)).toBe(json(mine));
    expect(theirs.result.changes).toEqual(mine.result.changes);
    expect(ledgerXml(theirs.data)).toBe(ledgerXml(mine.data));
    // And from then on the two stay the same.
    const [mine2, theirs2] = await Promise.all([mine, theirs].map((r) => refreshed(r.data, '2026-07-14')));
    expect(json(theirs2)).toBe(json(mine2));
    expect(theirs2.result.changes).toEqual(mine2.result.changes);
    expect(ledgerXml(theirs2.data)).toBe(ledgerXml(mine2.data));
  });

  test('one from before the plan over time (issue 19), saved by openpyxl, migrates without a flood', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-ledger-v0-'));
    const v0 = path.join(dir, 'v0.xlsx');
    // The version before issue 19 wrote every block up to the owned-sheets list (A:V) and nothing right of it.
    const script =
      'import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb["Throughline Ledger"]\n' +
      'ws.delete_cols(23, ws.max_column)\nwb.save(sys.argv[2])\n';
    execFileSync('/usr/bin/python3', ['-c', script, V1, v0]);
    expect(ledgerXml(readFileSync(v0))).not.toContain('Plan item');
    const [mine, theirs] = await Promise.all(
      [ours, readFileSync(v0)].map(async (d) => refreshed(await edited(d), '2026-07-07')),
    );
    const codes = (r: typeof mine) => r.result.report.items.map((i) => [i.id, i.flags.map((f) => f.code)]);
    expect(codes(theirs)).toEqual(codes(mine));
    expect(theirs.result.report.removed).toEqual([]);
    expect(theirs.result.changes).toEqual(mine.result.changes);
    // Its plans are recorded for the first time now, as of this refresh.
    expect(theirs.result.report.items.find((i) => i.id === 'INI-1')!.baseline).toMatchObject({
      label: null,
      setOn: '2026-07-07',
    });
  });
});

describe('in Excel (the strict fake), through the Office adapter', () => {
  const port = (excel: FakeExcel) =>
    new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });
  // The ledger's values. A blank cell of the old layout keeps its date format (writing values leaves
  // formats, as in Excel); it holds nothing, and nothing of the new layout is written there.
  const ledgerCells = (excel: FakeExcel) =>
    Object.fromEntries(
      Object.entries(excel.dump())
        .filter(([k]) => k.startsWith(`${LEDGER}!`))
        .map(([k, v]) => [k, (JSON.parse(v) as { value: unknown }).value])
        .filter(([, v]) => v !== null),
    );

  test('the old ledger is rewritten in the compact layout, rows past the new ones cleared, with the same changes', async () => {
    const ours = fakeFromXlsx(readFileSync(EXAMPLE));
    await refreshWorkbook(port(ours), on('2026-06-30'));
    const theirs = fakeFromXlsx(readFileSync(V1));
    expect(Object.keys(ledgerCells(theirs))).toContain(`${LEDGER}!E31`);
    const [mine, migrated] = await Promise.all(
      [ours, theirs].map((excel) => refreshWorkbook(port(excel), on('2026-07-07'))),
    );
    expect(JSON.stringify(migrated.report)).toBe(JSON.stringify(mine.report));
    expect(migrated.changes).toEqual(mine.changes);
    // Cell for cell the same ledger: the old layout's 30 check-in rows and their five columns are gone.
    expect(ledgerCells(theirs)).toEqual(ledgerCells(ours));
    expect(ledgerCells(theirs)[`${LEDGER}!C1`]).toContain('Check-ins');
    expect(Object.keys(ledgerCells(theirs))).not.toContain(`${LEDGER}!E31`);
  });
});

describe('the compact ledger through another spreadsheet program', () => {
  test('saved by LibreOffice, it reads back the same: nothing changed, nothing rewritten, the same item rows', async () => {
    const saved = readFileSync(path.join(__dirname, '../fixtures/rollout-refreshed-compact-libreoffice.xlsx'));
    const port = await XlsxWorkbook.fromBuffer(saved);
    const before = (await port.read()).ledger!;
    expect(before[0].slice(0, 3)).toEqual(['Item', 'State', 'Check-ins']);
    expect(before[1].slice(0, 3)).toEqual([
      'INI-1',
      'Red,0.8,20260710,1,20260630',
      '20260228,0.2,Green,20260630;20260331,0.5,Green,20260630;20260430,0.8,Green,20260630',
    ]);
    const result = await refreshWorkbook(port, on('2026-06-30'));
    expect(result.changes.changes).toEqual([]);
    expect(result.report.items.some((i) => i.flags.some((f) => f.code === 'revised-history'))).toBe(false);
    // Written back, the item rows are the ones LibreOffice kept.
    const rows = result.plan!.ledger.blocks[0].rows;
    expect(rows).toEqual(before.slice(1, rows.length + 1).map((r) => r.slice(0, 3)));
  });
});
