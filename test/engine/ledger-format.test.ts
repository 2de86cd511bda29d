// The compact ledger (docs/decisions.md, "A compact ledger"): one row per item, its mark and its
// check-ins packed into one text cell each; long cells continue on the item's next row; ledgers in
// the layout of earlier versions are read as they are and rewritten by the next refresh.
import fc from 'fast-check';
import { refresh } from '../../src/engine';
import type { CellValue, HistoryRow, OutValue, WorkbookSnapshot } from '../../src/engine/types';
import type { MarkEntry } from '../../src/engine/changes';
import {
  LEDGER_HEADERS,
  joinLedgers,
  ledgerPlan,
  readLedger,
  readLedgerMarks,
  type CheckInLedger,
} from '../../src/engine/flags/ledger';
import {
  decodeCheckIns,
  decodeState,
  encodeCheckIn,
  encodeCheckIns,
  encodeState,
  splitPacked,
  type LedgerEntry,
} from '../../src/engine/flags/ledger-cells';
import { isoFromDay } from '../../src/engine/parse/values';
import { dayOfCompact } from '../../src/engine/parse/compact-day';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';
import { O1, history, kpi } from '../support/ledger-workbook';

/** The ledger's blocks as a host reads them back: one grid, blanks as null (as test/support/apply-plan.ts does). */
function gridOf(blocks: { column: number; headers: string[]; rows: OutValue[][] }[]): CellValue[][] {
  const height = Math.max(...blocks.map((b) => b.rows.length + 1));
  const width = Math.max(...blocks.map((b) => b.column + b.headers.length));
  const grid: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  for (const b of blocks)
    [b.headers, ...b.rows].forEach((row, r) => row.forEach((v, c) => (grid[r][b.column + c] = v as CellValue)));
  return grid;
}

const entry = (id: string, date: string, value: number | null, status: LedgerEntry['status'], recorded: string) => ({
  id,
  date: day(date),
  value,
  status,
  recorded: day(recorded),
});

describe('the packed cells, hand-checked', () => {
  test('a check-in is its date, value, status and the day it was first recorded', () => {
    expect(encodeCheckIn(entry('I0', '2026-01-31', 0.11, 'Red', '2026-12-07'))).toBe('20260131,0.11,Red,20261207');
    expect(encodeCheckIn(entry('K1', '2026-03-31', -2.5e-7, null, '2026-04-01'))).toBe('20260331,-2.5e-7,,20260401');
    expect(encodeCheckIn(entry('K1', '2026-03-31', null, 'Green', '2026-04-01'))).toBe('20260331,,Green,20260401');
  });

  test.each([
    ['in date order', ['2026-01-31', '2026-02-28', '2026-03-31']],
    ['out of order (a row typed in late)', ['2026-02-28', '2026-03-31', '2026-01-31']],
    ['in reverse', ['2026-03-31', '2026-02-28', '2026-01-31']],
  ])("an item's check-ins cell lists them by date, %s", (_, dates) => {
    const byDate = new Map(dates.map((d, i) => [day(d), entry('I0', d, i, null, '2026-04-01')]));
    const at = (d: string) => dates.indexOf(d);
    expect(encodeCheckIns(byDate)).toBe(
      `20260131,${at('2026-01-31')},,20260401;20260228,${at('2026-02-28')},,20260401;` +
        `20260331,${at('2026-03-31')},,20260401`,
    );
    expect(encodeCheckIns(new Map())).toBe('');
  });

  test('what cannot be read is dropped, check-in by check-in; the first one for a date is kept', () => {
    const into = new Map<number, LedgerEntry>();
    decodeCheckIns(
      'K1',
      '20260131,0.11,Red,20261207;nonsense;20260230,1,,20260301;20260302,,Purple,20260305;' +
        '20260302,x,,20260305;20260302,,Green,20260305;20260302,9,Red,20260306',
      into,
    );
    expect([...into.values()]).toEqual([
      entry('K1', '2026-01-31', 0.11, 'Red', '2026-12-07'),
      entry('K1', '2026-03-02', null, 'Green', '2026-03-05'),
    ]);
  });

  test("an item's state: health, progress, forecast, generation, seen; then what it was, and since when", () => {
    const mark: MarkEntry = {
      id: 'I7',
      health: 'Amber',
      progress: 0.5,
      forecast: day('2026-08-01'),
      generation: 3,
      seen: day('2026-12-07'),
      was: { health: 'Red', progress: 0.56, forecast: day('2026-07-26'), since: day('2026-11-30') },
    };
    expect(encodeState(mark)).toBe('Amber,0.5,20260801,3,20261207;Red,0.56,20260726,20261130');
    expect(decodeState('I7', 'Amber,0.5,20260801,3,20261207;Red,0.56,20260726,20261130')).toEqual(mark);
    const fresh = { ...mark, health: 'Grey' as const, progress: null, forecast: null, was: null };
    expect(encodeState(fresh)).toBe('Grey,,,3,20261207');
    for (const bad of [
      'Purple,,,3,20261207',
      'Grey,,,3',
      'Grey,,,,20261207',
      'Grey,,,3,20261207;Red,,',
      'Grey,x,,3,20261207',
    ])
      expect(decodeState('I7', bad)).toBeNull();
  });

  test('a long text is cut before a ";" into pieces within the limit, and joins back', () => {
    expect(splitPacked('aa;bb;cc', 5)).toEqual(['aa;bb', 'cc']);
    expect(splitPacked('aa;bb;cc', 8)).toEqual(['aa;bb;cc']);
    expect(splitPacked('a;b;c;d', 3)).toEqual(['a;b', 'c;d']);
    const text = Array.from({ length: 3000 }, (_, i) => `2026${String(i).padStart(4, '0')},${i},Red,20261207`).join(
      ';',
    );
    const pieces = splitPacked(text);
    expect(pieces.length).toBe(3);
    expect(pieces.every((p) => p.length <= 32_767)).toBe(true);
    expect(pieces.join(';')).toBe(text);
  });
});

describe('the ledger an engine refresh writes', () => {
  test("decades of weekly check-ins continue on further rows of the item, every cell within Excel's limit", () => {
    const history = Array.from({ length: 1400 }, (_, i) => [
      'K1',
      isoFromDay(day('2000-01-03') + 7 * i),
      50 + (i % 7),
      'Amber',
    ]);
    const wb = workbook({ objectives: [O1], kpis: [kpi], history });
    const r1 = refresh(wb, { today: day('2026-12-07') });
    const rows = r1.plan!.ledger.blocks[0].rows;
    // 1,400 check-ins of 26 characters and a ";" between each two: 37,799 characters, two cells of K1.
    expect(
      rows.map((r) => [r[0], r[1] === null ? null : 'state', typeof r[2] === 'string' ? r[2].length : null]),
    ).toEqual([
      ['K1', 'state', expect.any(Number)],
      ['K1', null, expect.any(Number)],
      ['O1', 'state', null],
    ]);
    expect((rows[0][2] as string).length + 1 + (rows[1][2] as string).length).toBe(1400 * 27 - 1);
    expect(rows.every((r) => typeof r[2] !== 'string' || r[2].length <= 32_767)).toBe(true);
    // Read back, all 1,400 are there; refreshing again changes nothing, and a rewrite is still found.
    const again = applyPlan(wb, r1.plan!);
    expect(readLedger(again.ledger, false).byId.get('K1')!.size).toBe(1400);
    expect(refresh(again, { today: day('2026-12-08') }).plan!.ledger.blocks[0]).toEqual(r1.plan!.ledger.blocks[0]);
    const rewritten = { ...again, tables: again.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })) };
    const rows1 = rewritten.tables.find((t) => t.name === 'History')!.rows;
    rows1[3][2] = 99; // 2000-01-24 (was 53), in K1's first cell
    rows1[1300][2] = 99; // 2000-01-03 + 9,100 days = 2024-12-02 (was 50 + 1300 mod 7 = 55), in its continuation
    const flag = refresh(rewritten, { today: day('2026-12-08') })
      .report.items.find((i) => i.id === 'K1')!
      .flags.find((f) => f.code === 'revised-history')!;
    expect(flag.message).toBe(
      'the check-in for 2000-01-24 said 53 (Amber) when first recorded on 2026-12-07; it now says 99 (Amber); ' +
        'the check-in for 2024-12-02 said 55 (Amber) when first recorded on 2026-12-07; it now says 99 (Amber)',
    );
  });
});

// Arbitrary ledgers: items with check-ins, marks, or both; IDs with the characters that separate fields.
const dayArb = fc.integer({ min: day('1900-03-01'), max: day('9999-12-31') });
const valueArb = fc.option(
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()).map((v) => (Object.is(v, -0) ? 0 : v)),
  { nil: null },
);
const idArb = fc
  .string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('K', 'I', '1', '-', ',', ';', '|', 'é', ' ') })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const checkInArb = fc.record({
  date: dayArb,
  value: valueArb,
  status: fc.constantFrom<LedgerEntry['status']>('Green', 'Amber', 'Red', null),
  recorded: dayArb,
});
const progressArb = fc.option(
  fc.double({ min: -10, max: 10, noNaN: true }).map((x) => Math.round(x * 10000) / 10000 || 0),
  { nil: null },
);
const markArb = fc.record({
  health: fc.constantFrom('Green' as const, 'Amber' as const, 'Red' as const, 'Grey' as const),
  progress: progressArb,
  forecast: fc.option(dayArb, { nil: null }),
  generation: fc.nat({ max: 100_000 }),
  seen: dayArb,
  was: fc.option(
    fc.record({
      health: fc.constantFrom('Green' as const, 'Amber' as const, 'Red' as const, 'Grey' as const),
      progress: progressArb,
      forecast: fc.option(dayArb, { nil: null }),
      since: dayArb,
    }),
    { nil: null },
  ),
});
const itemsArb = fc.uniqueArray(
  fc.record({ id: idArb, checkIns: fc.array(checkInArb, { maxLength: 6 }), mark: fc.option(markArb, { nil: null }) }),
  { selector: (i) => i.id, maxLength: 12 },
);

function ledgerOf(items: { id: string; checkIns: Omit<LedgerEntry, 'id'>[] }[]): CheckInLedger {
  const ledger: CheckInLedger = { byId: new Map(), raw: new Map() };
  for (const item of items) {
    const dates = new Map<number, LedgerEntry>();
    for (const c of item.checkIns) if (!dates.has(c.date)) dates.set(c.date, { id: item.id, ...c });
    if (dates.size > 0) ledger.byId.set(item.id, dates);
  }
  return ledger;
}

describe('properties', () => {
  test('write then read gives back every check-in and every mark', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const ledger = ledgerOf(items);
        const marks: MarkEntry[] = items.filter((i) => i.mark).map((i) => ({ id: i.id, ...i.mark! }));
        const plan = ledgerPlan([], ledger, 0, marks);
        const grid = gridOf(plan.blocks);
        expect(grid[0].slice(0, 3)).toEqual(LEDGER_HEADERS);
        const read = readLedger(grid, false);
        expect(new Map([...read.byId].map(([id, d]) => [id, new Map([...d].sort((a, b) => a[0] - b[0]))]))).toEqual(
          new Map([...ledger.byId].map(([id, d]) => [id, new Map([...d].sort((a, b) => a[0] - b[0]))])),
        );
        expect(readLedgerMarks(grid, true)).toEqual(new Map(marks.map((m) => [m.id, m])));
        // Written again from what was read, the ledger is the same, cell for cell.
        expect(ledgerPlan([], read, 0, [...readLedgerMarks(grid, false).values()])).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  test('a check-ins cell of any text reads as split into groups and fields would read it', () => {
    // The rule stated plainly (split on ";" and ","; eight-digit days; a number or blank; a status
    // word or blank; the first group for a date kept), against the reader that works in place.
    const dayOf = (s: string) => (s === '' ? null : /^\d{8}$/.test(s) ? dayOfCompact(s) : undefined);
    const rule = (text: string) => {
      const out = new Map<number, LedgerEntry>();
      for (const group of text.split(';')) {
        const f = group.split(',');
        if (f.length !== 4) continue;
        const [date, recorded] = [dayOf(f[0]), dayOf(f[3])];
        const value = f[1] === '' ? null : Number(f[1]);
        const okValue = value === null || (Number.isFinite(value) && f[1].trim() === f[1]);
        const status = f[2] === '' ? null : f[2];
        if (date == null || recorded == null || !okValue) continue;
        if (status !== null && !['Green', 'Amber', 'Red'].includes(status)) continue;
        if (!out.has(date)) out.set(date, { id: 'X', date, value, status: status as LedgerEntry['status'], recorded });
      }
      return out;
    };
    const dayText = fc.constantFrom(
      '20260131',
      '20260230',
      '00000000',
      '99991231',
      '2026013',
      '202601311',
      '2026-1-31',
      '',
    );
    const valueText = fc.constantFrom('0.5', '-1e3', ' 1', '', 'x', '1,5', 'Infinity');
    const statusText = fc.constantFrom('Green', 'Amber', 'Red', 'Grey', 'green', 'Redd', '', 'Re');
    const group = fc.oneof(
      fc.tuple(dayText, valueText, statusText, dayText).map((f) => f.join(',')),
      fc.constantFrom('', 'nonsense', ',,', ',,,,', '20260131,1,Red,20260201,x'),
    );
    fc.assert(
      fc.property(fc.array(group, { maxLength: 12 }), (groups) => {
        const text = groups.join(';');
        const into = new Map<number, LedgerEntry>();
        decodeCheckIns('X', text, into);
        expect(into).toEqual(rule(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('joining ledgers qualifies every ID and keeps every check-in and mark', () => {
    fc.assert(
      fc.property(itemsArb, itemsArb, (a, b) => {
        const grids = [a, b].map((items) =>
          gridOf(
            ledgerPlan(
              [],
              ledgerOf(items),
              0,
              items.filter((i) => i.mark).map((i) => ({ id: i.id, ...i.mark! })),
            ).blocks,
          ),
        );
        const joined = joinLedgers(
          grids.map((grid, k) => ({ grid, date1904: false, qualify: (id) => `T${k}:${id}`, settings: false })),
        )!;
        const read = readLedger(joined, false);
        const marks = readLedgerMarks(joined, false);
        [a, b].forEach((_, k) => {
          const own = readLedger(grids[k], false);
          for (const [id, dates] of own.byId)
            expect(read.byId.get(`T${k}:${id}`)).toEqual(
              new Map([...dates].map(([d, e]) => [d, { ...e, id: `T${k}:${id}` }])),
            );
          for (const m of readLedgerMarks(grids[k], false).values())
            expect(marks.get(`T${k}:${m.id}`)).toEqual({ ...m, id: `T${k}:${m.id}` });
        });
        expect(read.byId.size).toBe(grids.reduce((n, g) => n + readLedger(g, false).byId.size, 0));
      }),
      { numRuns: 100 },
    );
  });
});

describe('a ledger written by an earlier version', () => {
  /**
   * The ledger as earlier versions wrote it, by hand: a row per check-in at A:E (ISO text dates), the
   * item marks at G:P (dates as serials), the settings at R:T, the owned sheets at V. K1's April
   * check-in was first recorded as 56 on 2026-06-01; K1 was Amber at the last refresh, O1 Green.
   */
  const legacy = (serial: (iso: string) => number): CellValue[][] => {
    const row = (cells: Record<number, CellValue>) =>
      Object.assign(new Array<CellValue>(22).fill(null), cells) as CellValue[];
    const header = row({ 0: 'ID', 1: 'Date', 2: 'Value', 3: 'Status', 4: 'Recorded' });
    [
      'Item',
      'Health',
      'Progress',
      'Forecast',
      'Generation',
      'Seen',
      'Was health',
      'Was progress',
      'Was forecast',
      'Since',
    ].forEach((h, k) => (header[6 + k] = h));
    header[21] = 'Owned sheet';
    const seen = serial('2026-06-01');
    return [
      header,
      row({
        0: 'K1',
        1: '2026-03-31',
        2: 57,
        3: 'Amber',
        4: '2026-06-01',
        6: 'K1',
        7: 'Amber',
        8: 0.3,
        10: 1,
        11: seen,
      }),
      row({
        0: 'K1',
        1: '2026-04-30',
        2: 56,
        3: 'Amber',
        4: '2026-06-01',
        6: 'O1',
        7: 'Green',
        8: 0.3,
        10: 1,
        11: seen,
      }),
      row({ 0: 'K1', 1: '2026-05-31', 2: 55, 3: 'Amber', 4: '2026-06-01', 21: 'Risks' }),
      row({ 21: 'Throughline Ledger' }),
    ];
  };

  test("a portfolio joins it with another team's compact ledger, its 1904 serials read as the same days", () => {
    const old = legacy((iso) => day(iso) + 24107);
    const checkIn: HistoryRow = {
      id: 'K1',
      date: day('2026-05-31'),
      value: 3,
      status: 'Green',
      src: { sheet: 'History', row: 2, table: 0, index: 0 },
    };
    const compact = gridOf(ledgerPlan([checkIn], { byId: new Map(), raw: new Map() }, day('2026-06-02')).blocks);
    const joined = joinLedgers([
      { grid: old, date1904: true, qualify: (id) => `FIN:${id}`, settings: false },
      { grid: compact, date1904: false, qualify: (id) => `OPS:${id}`, settings: false },
    ])!;
    expect(joined[0].slice(0, 3)).toEqual(LEDGER_HEADERS);
    expect(joined.slice(1).map((r) => r.slice(0, 3))).toEqual([
      [
        'FIN:K1',
        'Amber,0.3,,1,20260601',
        '20260331,57,Amber,20260601;20260430,56,Amber,20260601;20260531,55,Amber,20260601',
      ],
      ['FIN:O1', 'Green,0.3,,1,20260601', null],
      ['OPS:K1', null, '20260531,3,Green,20260602'],
    ]);
  });

  test.each([false, true])(
    'date1904 %s: its first refresh finds the same rewrite and the same changes, and writes the compact layout',
    (date1904) => {
      const serial = (iso: string) => day(iso) + (date1904 ? 24107 : 25569);
      const wb: WorkbookSnapshot = {
        ...workbook({ objectives: [O1], kpis: [kpi], history: history(50) }),
        date1904,
        sheetNames: [...workbook({ objectives: [O1] }).sheetNames, 'KPIs', 'History', 'Risks', 'Throughline Ledger'],
        ledger: legacy(serial),
      };
      const r = refresh(wb, { today: day('2026-07-01') });
      expect(r.fatal).toEqual([]);
      const flag = r.report.items.find((i) => i.id === 'K1')!.flags.find((f) => f.code === 'revised-history')!;
      expect(flag.message).toBe(
        'the check-in for 2026-04-30 said 56 (Amber) when first recorded on 2026-06-01; it now says 50 (Amber)',
      );
      // Both turned Red: measured against what the old ledger said they were on 2026-06-01.
      expect(r.changes.since).toBe('2026-06-01');
      expect(r.changes.changes.map((c) => [c.id, c.from, c.to])).toEqual([
        ['K1', 'Amber', 'Red'],
        ['O1', 'Green', 'Red'],
      ]);
      // The Risks sheet the old ledger listed is still Throughline's.
      expect(r.plan!.risks.sheetName).toBe('Risks');
      const block = r.plan!.ledger.blocks[0];
      expect(block.headers).toEqual(['Item', 'State', 'Check-ins']);
      expect(block.rows).toEqual([
        [
          'K1',
          expect.stringMatching(/^Red,[^;]*,,2,20260701;Amber,0\.3,,20260601$/),
          '20260331,57,Amber,20260601;20260430,56,Amber,20260601;20260531,55,Amber,20260601',
        ],
        ['O1', expect.stringMatching(/^Red,[^;]*,,2,20260701;Green,0\.3,,20260601$/), null],
      ]);
      // The next refresh reads the new layout: the rewrite is still flagged, nothing else changed.
      const next = refresh(applyPlan(wb, r.plan!), { today: day('2026-07-08') });
      expect(next.report.items.find((i) => i.id === 'K1')!.flags.find((f) => f.code === 'revised-history')).toEqual(
        flag,
      );
      expect(next.changes).toEqual(r.changes);
    },
  );
});
