// What changed since the last refresh: hand-checked on a procurement contract that slips 24 days and
// drags a rollout and the revenue objective with it, then recovers.
import { refresh } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { MARK_HEADERS, changesSentence, markItems, readMarks } from '../../src/engine/changes';
import { serialFromDay } from '../../src/engine/parse/values';
import { LEGACY_MARKS_OFFSET as MARKS_OFFSET } from '../../src/engine/flags/ledger';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';

const O1 = ['O1', 'Grow subscription revenue', null, 'Dana', 1, 2_000_000, 'Subscriptions'];
// As of 2026-06-01 P1 is 85 % done against 83 % expected (Green) and R1 has not started (Green).
// R1 needs 183 days after P1 finishes: with P1 on 2026-07-01 it just makes 2026-12-31.
const P1 = (forecast: string) => [
  'P1',
  'Procurement contract',
  'O1',
  '2026-01-01',
  '2026-07-01',
  forecast,
  0.85,
  'Green',
  '2026-05-28',
  1,
];
const R1 = ['R1', 'Regional rollout', 'O1', '2026-07-01', '2026-12-31', null, 0, 'Green', '2026-05-28', 1];

function book(forecast: string): WorkbookSnapshot {
  return workbook({
    objectives: [O1],
    initiatives: [P1(forecast), R1],
    dependencies: [['P1', 'R1', 0]],
    settings: [['As Of', '2026-06-01']],
  });
}

function withForecast(wb: WorkbookSnapshot, forecast: string): WorkbookSnapshot {
  return {
    ...wb,
    tables: wb.tables.map((t) =>
      t.name === 'Initiatives'
        ? { ...t, rows: t.rows.map((r, i) => (i === 0 ? [...r.slice(0, 5), forecast, ...r.slice(6)] : r)) }
        : t,
    ),
  };
}

test('the first refresh has nothing to compare with', () => {
  const r = refresh(book('2026-07-01'), { today: day('2026-06-01') });
  expect(r.changes).toEqual({ since: null, at: null, changes: [] });
  expect(r.plan!.risks.rows.some((row) => String(row[5]).startsWith('changed'))).toBe(false);
});

test('a 24-day slip upstream shows what turned Red and how far each forecast moved', () => {
  const first = book('2026-07-01');
  const r1 = refresh(first, { today: day('2026-06-01') });
  const edited = withForecast(applyPlan(first, r1.plan!), '2026-07-25');
  const r2 = refresh(edited, { today: day('2026-06-03') });
  expect(r2.changes.since).toBe('2026-06-01');
  expect(r2.changes.at).toBe('2026-06-03');
  expect(r2.changes.changes.map((c) => [c.id, c.from, c.to, c.forecastDays, c.direction, c.severity])).toEqual([
    ['P1', 'Green', 'Red', 24, 'worse', 'high'],
    ['R1', 'Green', 'Red', 24, 'worse', 'high'],
    ['O1', 'Green', 'Red', null, 'worse', 'high'],
  ]);
  expect(r2.changes.changes[1].summary).toBe('turned Red (was Green); forecast +24 d (2026-12-31 → 2027-01-24)');
  expect(r2.changes.changes[0].forecastFrom).toBe('2026-07-01');
  expect(r2.changes.changes[0].forecastTo).toBe('2026-07-25');

  // The Risks sheet says it too, one row per changed item.
  const changed = r2.plan!.risks.rows.filter((row) => row[5] === 'changed since 2026-06-01');
  expect(changed.map((row) => row[1]).sort()).toEqual(['O1', 'P1', 'R1']);
  expect(changed.find((row) => row[1] === 'P1')![6]).toBe(
    'turned Red (was Green); forecast +24 d (2026-07-01 → 2026-07-25)',
  );

  // Refreshing again without an edit keeps the same list and the same workbook.
  const after = applyPlan(edited, r2.plan!);
  const r3 = refresh(after, { today: day('2026-06-04') });
  expect(r3.changes).toEqual(r2.changes);
  expect(r3.plan).toEqual(r2.plan);

  // Pulling the contract back in recovers everything, measured against the refresh that saw it late.
  const r4 = refresh(withForecast(after, '2026-07-01'), { today: day('2026-06-10') });
  expect(r4.changes.since).toBe('2026-06-03');
  expect(r4.changes.changes.map((c) => [c.id, c.to, c.forecastDays, c.direction, c.severity])).toEqual([
    ['P1', 'Green', -24, 'better', 'info'],
    ['R1', 'Green', -24, 'better', 'info'],
    ['O1', 'Green', null, 'better', 'info'],
  ]);
  expect(r4.changes.changes[2].summary).toBe('recovered to Green (was Red)');
  // The ribbon's outcome dialog says it in one sentence.
  expect(changesSentence(r2.changes)).toBe('3 items changed since the refresh of 2026-06-01 (3 got worse). ');
  expect(changesSentence(r4.changes)).toBe('3 items changed since the refresh of 2026-06-03. ');
  expect(changesSentence(refresh(first, { today: day('2026-06-01') }).changes)).toBe('');
});

test('a change in one item replaces the list of the refresh before', () => {
  const first = book('2026-07-25');
  const r1 = refresh(first, { today: day('2026-06-01') });
  const r2 = refresh(withForecast(applyPlan(first, r1.plan!), '2026-07-30'), { today: day('2026-06-02') });
  // P1 moves 5 more days and R1 with it; the objective stays Red, so it is not a change.
  expect(r2.changes.changes.map((c) => [c.id, c.forecastDays, c.direction, c.severity, c.summary])).toEqual([
    ['P1', 5, 'worse', 'warn', 'forecast +5 d (2026-07-25 → 2026-07-30)'],
    ['R1', 5, 'worse', 'warn', 'forecast +5 d (2027-01-24 → 2027-01-29)'],
  ]);
});

describe('the marks block of the ledger', () => {
  const state = (id: string, health: 'Green' | 'Red', forecast: number | null) =>
    ({
      id,
      kind: 'initiative',
      health,
      progress: 0.5,
      forecast,
      row: { name: id, owner: null, src: { sheet: 'Initiatives', row: 2 } },
    }) as never;

  test('reads back what it wrote and ignores rows it cannot read', () => {
    const { marks } = markItems([state('A', 'Green', 100), state('B', 'Red', null)], new Map(), 200);
    const header = [
      'ID',
      'Date',
      'Value',
      'Status',
      'Recorded',
      '',
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
    ];
    const cells = (m: (typeof marks)[number]): CellValue[] => [
      null,
      null,
      null,
      null,
      null,
      null,
      m.id,
      m.health,
      m.progress,
      m.forecast === null ? null : new Date(m.forecast * 86_400_000),
      m.generation,
      new Date(m.seen * 86_400_000),
      null,
      null,
      null,
      null,
    ];
    const grid: CellValue[][] = [
      header,
      ...marks.map(cells),
      [null, null, null, null, null, null, 'C', 'Purple', 1, null, 1, null],
    ];
    const read = readMarks(grid, MARKS_OFFSET, false);
    expect([...read.keys()]).toEqual(['A', 'B']);
    expect(read.get('A')).toEqual(marks[0]);
  });

  test("dates that came back as serials are read in the workbook's own date system", () => {
    const { marks } = markItems([state('A', 'Green', day('2026-07-10'))], new Map(), day('2026-06-30'));
    const header = ['ID', 'Date', 'Value', 'Status', 'Recorded', '', ...MARK_HEADERS];
    for (const date1904 of [false, true]) {
      const m = marks[0];
      const row: CellValue[] = [
        null,
        null,
        null,
        null,
        null,
        null,
        m.id,
        m.health,
        m.progress,
        serialFromDay(m.forecast!, date1904),
        m.generation,
        serialFromDay(m.seen, date1904),
        null,
        null,
        null,
        null,
      ];
      expect(readMarks([header, row], MARKS_OFFSET, date1904).get('A')).toEqual(m);
    }
  });

  test('a ledger without the block (an older workbook) starts afresh', () => {
    expect(
      readMarks(
        [
          ['ID', 'Date', 'Value', 'Status', 'Recorded'],
          ['K1', '2026-01-01', 1, null, '2026-01-02'],
        ],
        MARKS_OFFSET,
        false,
      ).size,
    ).toBe(0);
  });
});
