// Live updates in Excel on the strict fake: an edit (this user's or a co-author's) comes back as the
// workbook with only the changed rows read again, nothing written; Throughline's own refresh sets off
// no update, whether Excel can turn events off (ExcelApi 1.8) or not (1.7); handlers go when stopped.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { areaOf } from '../../src/io/office/live';
import type { LiveChange } from '../../src/io/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { refresh } from '../../src/engine';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const QUIET = 20;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(apiVersion = '1.13') {
  const excel = fakeFromXlsx(readFileSync(EXAMPLE));
  excel.apiVersion = apiVersion;
  const counts = { runs: 0 };
  const run = ((batch: never) => {
    counts.runs++;
    return excel.run(batch);
  }) as unknown as ExcelRun;
  const port = new OfficeWorkbook(run, { requirements: excel.requirements });
  const changes: LiveChange[] = [];
  let heard: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (heard = resolve));
  const watch = () =>
    port.watchChanges(
      (c) => {
        changes.push(c);
        heard();
      },
      { quietMs: QUIET },
    );
  return { excel, port, counts, changes, next, watch };
}

const bytes = (excel: FakeExcel) =>
  excel.batchBytes.reduce((a, b) => a + b, 0) + excel.responseBytes.reduce((a, b) => a + b, 0);

describe('live updates through the Office adapter', () => {
  test('an edit comes back once, re-reading only its row: ≤ 2 round trips, < 1 MB, nothing written', async () => {
    const { excel, port, changes, next, watch } = setup();
    await port.read();
    const stop = await watch();
    excel.resetCounters();
    const came = next();
    // Two keystrokes' worth of edits within the quiet period make one update.
    await excel.edit('Initiatives', 'H3', [['2026-09-30']]);
    await excel.edit('Initiatives', 'I3', [[0.5]]);
    await came;
    expect(changes).toHaveLength(1);
    expect(excel.syncs).toBeLessThanOrEqual(2);
    expect(bytes(excel)).toBeLessThan(1_000_000);
    expect(excel.writes).toBe(0);
    const change = changes[0];
    expect(change).toMatchObject({
      partial: true,
      remote: false,
      cells: [
        { sheet: 'Initiatives', cell: 'H3' },
        { sheet: 'Initiatives', cell: 'I3' },
      ],
    });
    const table = change.snapshot.tables.find((t) => t.name === 'Initiatives')!;
    const row = table.rows[1];
    expect(row[0]).toBe('INI-2');
    expect(row[8]).toBe(0.5);
    expect(row[7]).toBe(excel.cellValue('Initiatives', 2, 7));
    // The engine sees the slip: INI-2 now finishes at the end of September, as a full read would say.
    const live = refresh(change.snapshot, { today }).report.items.find((i) => i.id === 'INI-2')!;
    const full = refresh(await port.read(), { today }).report.items.find((i) => i.id === 'INI-2')!;
    expect(live.forecastFinish).toBe('2026-09-30');
    expect(live).toEqual(full);
    await stop!();
  });

  test("a co-author's edit is named as one (source Remote)", async () => {
    const { excel, port, changes, next, watch } = setup();
    await port.read();
    const stop = await watch();
    const came = next();
    await excel.edit('Initiatives', 'H3', [['2026-09-30']], { source: 'Remote' });
    await came;
    expect(changes[0].remote).toBe(true);
    await stop!();
  });

  test('an edit in a plain-range block (Dependencies) re-reads only its row', async () => {
    const { excel, port, changes, next, watch } = setup();
    await port.read();
    const stop = await watch();
    excel.resetCounters();
    const came = next();
    await excel.edit('Dependencies', 'C4', [[30]]);
    await came;
    expect(changes[0].partial).toBe(true);
    expect(excel.syncs).toBe(1);
    const deps = changes[0].snapshot.sheets.find((s) => s.sheet === 'Dependencies')!;
    expect(deps.values[3 - (deps.originRow - 1)][2]).toBe(30);
    await stop!();
  });

  test.each(['1.13', '1.7'])("Throughline's own refresh sets off no update (ExcelApi %s)", async (version) => {
    const { excel, port, counts, changes, watch } = setup(version);
    const first = await refreshWorkbook(port, { today });
    expect(first.plan).not.toBeNull();
    const stop = await watch();
    excel.resetCounters();
    const runs = counts.runs;
    const result = await refreshWorkbook(port, { today });
    expect(result.plan).not.toBeNull();
    expect(excel.writes).toBeGreaterThan(0);
    const refreshRuns = counts.runs - runs;
    await excel.eventsSettled();
    await pause(QUIET * 5);
    expect(changes).toEqual([]);
    expect(counts.runs - runs).toBe(refreshRuns); // no read after the refresh: no loop
    if (version === '1.7')
      expect(excel.eventsFired).toBeGreaterThan(0); // the events came, and were its own
    else expect(excel.eventsFired).toBe(0); // Runtime.enableEvents was off while it wrote
    await stop!();
  });

  test('events come back on after a refresh, in its last round trip, and after a refresh Excel refused', async () => {
    const { excel, port } = setup();
    await refreshWorkbook(port, { today });
    expect(excel.eventsEnabled).toBe(true);
    const quietSyncs = excel.syncs;
    const { excel: other, port: otherPort } = setup('1.7');
    await refreshWorkbook(otherPort, { today });
    expect(quietSyncs).toBe(other.syncs); // no round trip more than where events cannot be turned off
    const refused = setup();
    refused.excel.refuse = ({ writes }) => (writes > 0 ? 'GeneralException' : null);
    await expect(refreshWorkbook(refused.port, { today })).rejects.toThrow();
    expect(refused.excel.eventsEnabled).toBe(true);
  });

  test('an edit of an owned "(auto)" column only sets off nothing', async () => {
    const { excel, port, changes, counts, watch } = setup();
    await refreshWorkbook(port, { today });
    const stop = await watch();
    const table = (await port.read()).tables.find((t) => t.name === 'Initiatives')!;
    const owned = table.headers.findIndex((h) => /\(auto\)/.test(h));
    expect(owned).toBeGreaterThan(0);
    const runs = counts.runs;
    const column = String.fromCharCode(65 + table.firstColumn - 1 + owned);
    await excel.edit('Initiatives', `${column}3`, [['typed over']]);
    await pause(QUIET * 5);
    expect(changes).toEqual([]);
    expect(counts.runs).toBe(runs);
    await stop!();
  });

  test('text in a date column comes back as a data error, as on Refresh', async () => {
    const { excel, port, changes, next, watch } = setup();
    await port.read();
    const stop = await watch();
    const came = next();
    await excel.edit('Initiatives', 'H3', [['soon']]);
    await came;
    const result = refresh(changes[0].snapshot, { today });
    expect(result.report.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ sheet: 'Initiatives', cell: 'H3' })]),
    );
    await stop!();
  });

  test('stopping removes every handler; below ExcelApi 1.7 there is no live mode', async () => {
    const { excel, port, watch } = setup();
    await port.read();
    const stop = await watch();
    expect(excel.changeHandlers.length).toBeGreaterThan(0);
    await stop!();
    expect(excel.changeHandlers).toHaveLength(0);
    const old = setup('1.6');
    expect(await old.watch()).toBeNull();
    expect(old.excel.changeHandlers).toHaveLength(0);
  });

  test.each([
    ['B5', { top: 5, left: 2, bottom: 5, right: 2 }],
    ['$AA$10:$AB$12', { top: 10, left: 27, bottom: 12, right: 28 }],
    ["'Q3 Plan'!C2:C4", { top: 2, left: 3, bottom: 4, right: 3 }],
  ])('the event address %s is the area %j', (address, area) => {
    expect(areaOf(address)).toEqual(area);
  });
});
