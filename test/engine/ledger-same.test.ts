// A check-ins cell that already holds an item's History (sameCheckIns) is kept as its text: the weekly
// refresh makes no entry per check-in for it. It must say "same" only when decoding the cell would find
// every History row with the same value and status (no revised check-in, none new), and the refresh must
// come out as it does when every cell is decoded.
import fc from 'fast-check';
import { refresh } from '../../src/engine';
import type { Health, HistoryRow, ReportedStatus } from '../../src/engine/types';
import type { MarkEntry } from '../../src/engine/changes';
import { ledgerPlan, readLedger, revisedHistoryFlags, type HistoryByItem } from '../../src/engine/flags/ledger';
import {
  decodeCheckIns,
  decodeState,
  encodeRows,
  encodeState,
  sameCheckIns,
  type LedgerEntry,
} from '../../src/engine/flags/ledger-cells';
import { compactDay, dayOfCompact } from '../../src/engine/parse/compact-day';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';
import { O1, history, kpi } from '../support/ledger-workbook';

type Row = Omit<HistoryRow, 'src'>;
const row = (iso: string, value: number | null, status: ReportedStatus | null): Row => ({
  id: 'K1',
  date: day(iso),
  value,
  status,
});
const rows = [row('2026-01-31', 0.11, 'Red'), row('2026-03-02', 0.22, null), row('2026-04-01', null, 'Green')];
const cell = encodeRows(rows, compactDay(day('2026-04-05')));

describe('sameCheckIns', () => {
  test.each<[string, string, Row[], boolean]>([
    ['the cell as written for these rows', cell, rows, true],
    ['a check-in recorded later than the others', cell.replace(/20260405$/, '20260510'), rows, true],
    ['a check-in History no longer has (the cell keeps it)', cell, [rows[0], rows[2]], true],
    [
      'a check-in History no longer has, its value unreadable (kept as it is)',
      cell.replace('0.22', 'x'),
      [rows[0], rows[2]],
      true,
    ],
    ['a value rewritten', cell, [rows[0], row('2026-03-02', 0.23, null), rows[2]], false],
    ['a status rewritten', cell, [rows[0], row('2026-03-02', 0.22, 'Amber'), rows[2]], false],
    ['a new check-in in between', cell, [rows[0], row('2026-02-15', 0.15, null), rows[1], rows[2]], false],
    ['a new check-in after the last', cell, [...rows, row('2026-05-01', 0.4, null)], false],
    ['no History', cell, [], false],
    ['the same number written otherwise', cell.replace('0.22', '0.220'), rows, false],
    ['dates out of order', cell.split(';').reverse().join(';'), rows, false],
    ['an unreadable group', `${cell};nonsense`, rows, false],
    ['a group of five fields', cell.replace('Red,', 'Red,x,'), rows, false],
    ['a blank cell', '', rows, false],
  ])('%s', (_name, text, history, same) => {
    expect(sameCheckIns(text, history)).toBe(same);
  });

  test('"same" only when decoding finds every row, with the same value and status', () => {
    const dayText = fc.constantFrom('20260131', '20260302', '20260401', '20260230', '2026013', '');
    const valueText = fc.constantFrom('0.11', '0.22', '', '0.220', 'x', ' 1');
    const statusText = fc.constantFrom('Red', 'Green', '', 'Grey');
    const group = fc
      .tuple(dayText, valueText, statusText, fc.constantFrom('20260405', '2026040'))
      .map((f) => f.join(','));
    const historyRow = fc.record({
      id: fc.constant('K1'),
      date: fc.constantFrom(day('2026-01-31'), day('2026-03-02'), day('2026-04-01'), day('2026-05-01')),
      value: fc.constantFrom(0.11, 0.22, null),
      status: fc.constantFrom<ReportedStatus | null>('Red', 'Green', null),
    });
    // History as the model holds it: in date order, one row a date.
    const history = fc
      .uniqueArray(historyRow, { selector: (r) => r.date, maxLength: 4 })
      .map((list) => list.sort((a, b) => a.date - b.date));
    fc.assert(
      fc.property(fc.array(group, { maxLength: 5 }), history, (groups, list) => {
        const text = groups.join(';');
        if (!sameCheckIns(text, list)) return;
        const dates = new Map<number, LedgerEntry>();
        decodeCheckIns('K1', text, dates);
        expect(dates.size).toBeGreaterThan(0);
        for (const h of list) {
          const seen = dates.get(h.date);
          expect(seen).toBeDefined();
          expect([seen!.value, seen!.status]).toEqual([h.value, h.status]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sameCheckIns on cells this code wrote', () => {
  test('"same" exactly when every History row is in the cell with its value and status', () => {
    const point = fc.record({
      id: fc.constant('K1'),
      date: fc.integer({ min: day('2026-01-01'), max: day('2026-01-20') }),
      value: fc.constantFrom(0.1, 0.25, 3, -0, null),
      status: fc.constantFrom<ReportedStatus | null>('Red', 'Amber', null),
    });
    const dated = (list: Row[]) => list.sort((a, b) => a.date - b.date);
    const arb = fc.record({
      ledger: fc.uniqueArray(point, { selector: (r) => r.date, maxLength: 6 }).map(dated),
      history: fc.uniqueArray(point, { selector: (r) => r.date, maxLength: 6 }).map(dated),
      share: fc.boolean(),
    });
    let sames = 0;
    fc.assert(
      fc.property(arb, ({ ledger, history: own, share }) => {
        // Half the time History is the ledger's own rows, some dropped: the usual weekly case.
        const list = share ? ledger.filter((_, i) => i % 2 === 0 || own.length % 2 === 0) : own;
        const text = encodeRows(ledger, '20260301');
        const dates = new Map<number, LedgerEntry>();
        decodeCheckIns('K1', text, dates);
        const rule =
          list.length > 0 &&
          list.every((h) => {
            const seen = dates.get(h.date);
            // Written by encodeRows, a value reads back as the same number: its text is the test (-0 reads as 0).
            return seen !== undefined && String(seen.value) === String(h.value) && seen.status === h.status;
          });
        const same = sameCheckIns(text, list);
        if (same) sames++;
        expect(same).toBe(rule);
      }),
      { numRuns: 2000 },
    );
    expect(sames).toBeGreaterThan(100);
  });
});

describe('a ledger read against History', () => {
  const historyOf: HistoryByItem = new Map([['K1', rows]]);
  const grid = [
    ['Item', 'State', 'Check-ins'],
    ['K1', null, cell],
  ];

  test('an unchanged item is kept as its text, and the plan writes it back as read', () => {
    const read = readLedger(grid, false, historyOf);
    expect(read.byId.has('K1')).toBe(false);
    expect(read.raw.get('K1')).toBe(cell);
    expect(revisedHistoryFlags(historyOf, read, String).size).toBe(0);
    const plan = ledgerPlan(historyOf, read, day('2026-06-01'));
    expect(plan.blocks[0].rows).toEqual([['K1', null, cell]]);
    // The same as when the cell is decoded.
    expect(ledgerPlan(historyOf, readLedger(grid, false), day('2026-06-01')).blocks).toEqual(plan.blocks);
  });

  test('a changed item is decoded as before: its revision flagged, its new check-in added', () => {
    const changed: HistoryByItem = new Map([
      ['K1', [row('2026-01-31', 0.15, 'Red'), ...rows.slice(1), row('2026-05-01', 0.5, null)]],
    ]);
    const read = readLedger(grid, false, changed);
    expect(read.byId.get('K1')!.size).toBe(3);
    expect(revisedHistoryFlags(changed, read, (_id, v) => String(v)).get('K1')!.message).toContain('said 0.11 (Red)');
    const written = ledgerPlan(changed, read, day('2026-06-01')).blocks[0].rows[0][2] as string;
    expect(written).toBe(`${cell};20260501,0.5,,20260601`);
  });

  test('refreshes of an unchanged and of a rewritten History come out as with every cell decoded', () => {
    const wb = workbook({ objectives: [O1], kpis: [kpi], history: history(56) });
    const r1 = refresh(wb, { today: day('2026-06-01') });
    const again = applyPlan(wb, r1.plan!);
    const r2 = refresh(again, { today: day('2026-06-08') });
    expect(r2.plan!.ledger.blocks[0].rows).toEqual(
      r1.plan!.ledger.blocks[0].rows.map((r) => [r[0], expect.anything(), r[2]]),
    );
    expect(r2.report.items.find((i) => i.id === 'K1')!.flags.map((f) => f.code)).not.toContain('revised-history');
  });
});

describe('decodeState read in place', () => {
  // The rule as split read it before (a reference copy): the in-place reader must give the same mark or null.
  const numberRule = (s: string) => {
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) && s.trim() === s ? n : undefined;
  };
  const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  function rule(id: string, text: string): MarkEntry | null {
    const [nowText, wasText, ...rest] = text.split(';');
    if (rest.length > 0) return null;
    const f = nowText.split(',');
    if (f.length !== 5 || !['Green', 'Amber', 'Red', 'Grey'].includes(f[0])) return null;
    const [progress, forecast, generation, seen] = [
      numberRule(f[1]),
      dayOfCompact(f[2]),
      numberRule(f[3]),
      dayOfCompact(f[4]),
    ];
    if (progress === undefined || forecast === undefined || generation == null || seen == null) return null;
    const entry: MarkEntry = {
      id,
      health: f[0] as Health,
      progress: round4(progress),
      forecast,
      generation,
      seen,
      was: null,
    };
    if (wasText === undefined) return entry;
    const w = wasText.split(',');
    if (w.length !== 4 || !['Green', 'Amber', 'Red', 'Grey'].includes(w[0])) return null;
    const [wasProgress, wasForecast, since] = [numberRule(w[1]), dayOfCompact(w[2]), dayOfCompact(w[3])];
    if (wasProgress === undefined || wasForecast === undefined || since == null) return null;
    entry.was = { health: w[0] as Health, progress: round4(wasProgress), forecast: wasForecast, since };
    return entry;
  }

  test('any text reads as split read it', () => {
    const field = fc.constantFrom(
      'Green',
      'Amber',
      'Red',
      'Grey',
      'Redd',
      'green',
      '',
      '0.5',
      ' 1',
      'x',
      '3',
      '20261207',
      '20260230',
      '2026120',
    );
    const part = fc.array(field, { minLength: 1, maxLength: 6 }).map((f) => f.join(','));
    const text = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join(';'));
    const written = fc
      .record({
        health: fc.constantFrom<Health>('Green', 'Amber', 'Red', 'Grey'),
        progress: fc.constantFrom(null, 0, 0.5, 0.2308, 1),
        forecast: fc.constantFrom(null, day('2026-08-01')),
        generation: fc.nat({ max: 500 }),
        seen: fc.constant(day('2026-12-07')),
        was: fc.option(
          fc.record({
            health: fc.constantFrom<Health>('Green', 'Red'),
            progress: fc.constantFrom(null, 0.56),
            forecast: fc.constantFrom(null, day('2026-07-26')),
            since: fc.constant(day('2026-11-30')),
          }),
          { nil: null },
        ),
      })
      .map((m) => encodeState({ id: 'I7', ...m }));
    fc.assert(
      fc.property(fc.oneof(text, written), (t) => {
        expect(decodeState('I7', t)).toEqual(rule('I7', t));
      }),
      { numRuns: 5000 },
    );
  });
});
