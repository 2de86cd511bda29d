// The audit ledger and `revised-history`: first values are kept, rewrites are flagged with both
// values and both dates, and identical refreshes never grow the ledger.
import { refresh } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { serialFromDay } from '../../src/engine/parse/values';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';
import { O1, history, kpi } from '../support/ledger-workbook';

function withHistory(snapshot: WorkbookSnapshot, rows: unknown[][]): WorkbookSnapshot {
  return {
    ...snapshot,
    tables: snapshot.tables.map((t) => (t.name === 'History' ? { ...t, rows: rows.map((r) => [...r]) as never } : t)),
  };
}

test('the first refresh records every check-in with the day it was seen', () => {
  const r = refresh(workbook({ objectives: [O1], kpis: [kpi], history: history(56) }), { today: day('2026-06-01') });
  expect(r.plan!.ledger.blocks.map((b) => [b.column, b.headers[0]])).toEqual([
    [0, 'Item'],
    [17, 'Setting'],
    [21, 'Owned sheet'],
    [23, 'Plan item'],
    [27, 'Baseline set'],
    [30, 'Removed item'],
    [34, 'Refreshed as of'],
  ]);
  expect(r.plan!.ledger.blocks[0].headers).toEqual(['Item', 'State', 'Check-ins']);
  // One row per item: its mark (health, progress, forecast, generation, seen) and its check-ins
  // (date, value, status, recorded), packed. O1 has no check-ins of its own.
  expect(r.plan!.ledger.blocks[0].rows).toEqual([
    [
      'K1',
      'Red,0.2308,,1,20260601',
      '20260331,57,Amber,20260601;20260430,56,Amber,20260601;20260531,55,Amber,20260601',
    ],
    ['O1', 'Red,0.2308,,1,20260601', null],
  ]);
});

test('a rewritten past value is flagged with both values and both dates, and keeps being flagged', () => {
  const first = workbook({ objectives: [O1], kpis: [kpi], history: history(56) });
  const r1 = refresh(first, { today: day('2026-06-01') });
  const edited = withHistory(applyPlan(first, r1.plan!), history(50));
  const r2 = refresh(edited, { today: day('2026-07-01') });
  const flag = r2.report.items.find((i) => i.id === 'K1')!.flags.find((f) => f.code === 'revised-history')!;
  expect(flag.severity).toBe('high');
  expect(flag.message).toBe(
    'the check-in for 2026-04-30 said 56 (Amber) when first recorded on 2026-06-01; it now says 50 (Amber)',
  );
  // The ledger keeps the first value, so the rewrite stays visible on later refreshes too.
  expect(r2.plan!.ledger.blocks[0].rows[0][2]).toContain(';20260430,56,Amber,20260601;');
  const r3 = refresh(applyPlan(edited, r2.plan!), { today: day('2026-08-01') });
  expect(r3.report.items.find((i) => i.id === 'K1')!.flags.map((f) => f.code)).toContain('revised-history');
});

test('identical refreshes leave the ledger as it is; new check-ins join the item cell', () => {
  const wb = workbook({ objectives: [O1], kpis: [kpi], history: history(56) });
  const r1 = refresh(wb, { today: day('2026-06-01') });
  const again = applyPlan(wb, r1.plan!);
  for (const today of ['2026-06-02', '2026-07-15', '2027-01-01']) {
    // Everything stays as it was but the list of as-of dates refreshed, which gains this one (SPEC §2a).
    const blocks = refresh(again, { today: day(today) }).plan!.ledger.blocks;
    expect(blocks.slice(0, -1)).toEqual(r1.plan!.ledger.blocks.slice(0, -1));
    expect(blocks[blocks.length - 1].rows).toEqual([[{ day: day('2026-06-01') }], [{ day: day(today) }]]);
    // The same as-of again changes nothing at all.
    const fixed = { today: day(today), settings: { asOf: day('2026-06-01') } };
    expect(refresh(again, fixed).plan!.ledger).toEqual(r1.plan!.ledger);
  }
  const more = withHistory(again, [...history(56), ['K1', '2026-06-30', 54, 'Amber']]);
  expect(refresh(more, { today: day('2026-07-01') }).plan!.ledger.blocks[0].rows[0][2]).toBe(
    '20260331,57,Amber,20260601;20260430,56,Amber,20260601;20260531,55,Amber,20260601;20260630,54,Amber,20260701',
  );
});

test('a protected sheet stops the refresh before anything is written', () => {
  const wb = { ...workbook({ objectives: [O1], kpis: [kpi] }), protectedSheets: ['KPIs'] };
  const r = refresh(wb, { today: day('2026-06-01') });
  expect(r.plan).toBeNull();
  expect(r.fatal).toEqual([expect.objectContaining({ sheet: 'KPIs', cell: 'A1', code: 'protected-sheet' })]);
  expect(r.fatal[0].message).toContain('Unprotect');
});

test('in a 1904 workbook, ledger dates that came back as serials read as the same days: no drift, no growth', () => {
  const wb = { ...workbook({ objectives: [O1], kpis: [kpi], history: history(56) }), date1904: true };
  const r1 = refresh(wb, { today: day('2026-06-01') });
  // Excel turns ISO text typed into a cell into a date: the ledger comes back as 1904 serials.
  const asExcelReturns = (v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serialFromDay(day(v), true) : v;
  const again = applyPlan(wb, r1.plan!);
  const ledger = again.ledger!.map((row, r) =>
    r === 0
      ? row
      : row.map((v) =>
          v instanceof Date ? serialFromDay(Math.floor(v.getTime() / 86_400_000), true) : asExcelReturns(v),
        ),
  );
  for (const today of ['2026-06-02', '2026-07-15']) {
    const r = refresh(
      { ...again, ledger: ledger as CellValue[][] },
      { today: day(today), settings: { asOf: day('2026-06-01') } },
    );
    expect(r.plan!.ledger).toEqual(r1.plan!.ledger);
    expect(r.changes.changes).toEqual([]);
  }
});
