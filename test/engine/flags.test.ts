// SPEC §3 review flags, each with its boundary and the evidence in its message.
import {
  historyFlags,
  noUpdateDateFlag,
  staleFlag,
  statusContradictsFlag,
  maskedDependencyFlag,
  type HistoryContext,
} from '../../src/engine/flags';
import type { Cadence } from '../../src/engine/types';
import { day } from '../support/snapshot';

const monthly: Cadence = { unit: 'months', count: 1 };
const weekly: Cadence = { unit: 'days', count: 7 };
const quarterly: Cadence = { unit: 'months', count: 3 };

describe('stale', () => {
  test.each([
    // updated, cadence, asOf, stale?  (grace 3 days)
    ['2026-03-01', monthly, '2026-04-04', false], // due by 04-01 + 3 = 04-04: on the day is not stale
    ['2026-03-01', monthly, '2026-04-05', true],
    ['2026-01-31', monthly, '2026-03-03', false], // Jan 31 + 1 month = Feb 28, + 3 = Mar 3
    ['2026-01-31', monthly, '2026-03-04', true],
    ['2026-06-01', weekly, '2026-06-11', false], // 06-08 + 3
    ['2026-06-01', weekly, '2026-06-12', true],
    ['2026-01-15', quarterly, '2026-04-18', false],
    ['2026-01-15', quarterly, '2026-04-19', true],
    ['2026-06-01', { unit: 'days', count: 10 } as Cadence, '2026-06-15', true],
  ])('updated %s, %o, as of %s: stale %p', (updated, cadence, asOf, stale) => {
    const flag = staleFlag({
      updated: day(updated as string),
      cadence: cadence as Cadence,
      graceDays: 3,
      asOf: day(asOf as string),
    });
    expect(flag !== null).toBe(stale);
  });

  test('the message gives the dates to check', () => {
    const flag = staleFlag({ updated: day('2026-03-02'), cadence: monthly, graceDays: 3, asOf: day('2026-06-30') })!;
    expect(flag).toMatchObject({ code: 'stale', severity: 'warn' });
    expect(flag.message).toBe(
      'last updated 2026-03-02; a monthly update was due by 2026-04-05 (incl. 3 grace days); 120 days without an update as of 2026-06-30',
    );
  });

  test('complete items and items never updated are not stale', () => {
    expect(
      staleFlag({
        updated: day('2020-01-01'),
        cadence: monthly,
        graceDays: 3,
        asOf: day('2026-06-30'),
        complete: true,
      }),
    ).toBeNull();
    expect(staleFlag({ updated: null, cadence: monthly, graceDays: 3, asOf: day('2026-06-30') })).toBeNull();
  });

  test('no-update-date needs data and no date', () => {
    expect(noUpdateDateFlag({ hasData: true, updated: null })).toMatchObject({
      code: 'no-update-date',
      severity: 'info',
    });
    expect(noUpdateDateFlag({ hasData: false, updated: null })).toBeNull();
    expect(noUpdateDateFlag({ hasData: true, updated: 1 })).toBeNull();
  });
});

describe('status against data', () => {
  test.each([
    ['Green', 'Red', 'high'],
    ['Green', 'Amber', 'warn'],
    ['Green', 'Green', null],
    ['Amber', 'Red', null],
    [null, 'Red', null],
  ])('reported %p, data %s -> %p', (reported, own, severity) => {
    const flag = statusContradictsFlag(reported as never, own as never, 'evidence');
    expect(flag?.severity ?? null).toBe(severity);
  });

  test('masked dependency risk names the red upstreams', () => {
    const flag = maskedDependencyFlag('Green', [
      { id: 'A', health: 'Red' },
      { id: 'B', health: 'Amber' },
    ])!;
    expect(flag).toMatchObject({ code: 'masked-dependency-risk', severity: 'high' });
    expect(flag.message).toContain('A');
    expect(flag.message).not.toContain('B');
    expect(maskedDependencyFlag('Amber', [{ id: 'A', health: 'Red' }])).toBeNull();
  });
});

describe('History rules', () => {
  const months = ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30'];
  const ctx = (values: (number | null)[], over: Partial<HistoryContext> = {}): HistoryContext => ({
    kind: 'initiative',
    points: values.map((v, i) => ({ date: day(months[i]), value: v, status: null })),
    attainment: (v) => v,
    expectedOn: () => null,
    targetMet: false,
    format: (v) => `${Math.round(v * 100)}%`,
    ...over,
  });
  const codes = (c: HistoryContext) => historyFlags(c).map((f) => f.code);

  test.each([
    [[0.5, 0.6, 0.6], false],
    [[0.5, 0.6, 0.6, 0.6], true],
    [[0.6, 0.6, 0.6, 0.7], false],
    [[0.6, null, 0.6, 0.6], false],
  ])('flatline %p -> %p', (values, expected) => expect(codes(ctx(values)).includes('flatline')).toBe(expected));

  test('no flatline before the plan says the item should move', () => {
    expect(codes(ctx([0, 0, 0, 0], { expectedOn: () => 0 }))).toEqual([]);
    expect(codes(ctx([0, 0, 0, 0], { expectedOn: () => 0.3 }))).toEqual(['flatline']);
  });

  test('no flatline once the target is met', () => {
    expect(codes(ctx([0.6, 0.6, 0.6], { targetMet: true }))).toEqual([]);
  });

  test('flatline message states the value and the dates', () => {
    const [flag] = historyFlags(ctx([0.4, 0.62, 0.62, 0.62, 0.62]));
    expect(flag.message).toBe(
      'the last 4 check-ins (2026-03-31 to 2026-06-30) all report 62% while the target is not met',
    );
  });

  test.each([
    [[0.9, 0.92, 0.95], true],
    [[0.89, 0.92, 0.95], false],
    [[0.9, 0.92, 1], false],
    [[0.5, 0.9, 0.93, 0.95], true],
  ])('stuck near done %p -> %p', (values, expected) =>
    expect(codes(ctx(values)).includes('stuck-near-done')).toBe(expected),
  );

  test('stuck near done is for initiatives only', () => {
    expect(codes(ctx([0.9, 0.92, 0.95], { kind: 'kpi' }))).not.toContain('stuck-near-done');
  });

  // Straight line from 2026-01-31 (0) to 2026-07-31 (1): expected on each month end.
  const start = day('2026-01-31');
  const due = day('2026-07-31');
  const expectedOn = (d: number) => (d <= start ? 0 : d >= due ? 1 : (d - start) / (due - start));
  const onPlan = months.map((m) => expectedOn(day(m)));
  test.each([
    ['five on the line', onPlan, true],
    ['two on the line', [onPlan[0], onPlan[1], 0.9, 0.1, 0.2], false],
    ['three on the line, off by 0.5 points', onPlan.map((e, i) => (i < 3 ? e + 0.005 : 0)), true],
    ['three off by 0.6 points', onPlan.map((e) => e + 0.006), false],
  ])('exactly on plan: %s', (_label, values, expected) => {
    expect(codes(ctx(values, { expectedOn })).includes('exactly-on-plan')).toBe(expected);
  });

  test('exactly on plan names the longest run, the later of two as long, with attainment and expected', () => {
    const dates = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'];
    const values = [0.5, 0.5, 0.5, 0.9, 0.5, 0.502, 0.5];
    const flags = historyFlags({
      ...ctx([], { expectedOn: () => 0.5 }),
      points: values.map((v, i) => ({ date: day(dates[i]), value: v, status: null })),
    });
    expect(flags.find((f) => f.code === 'exactly-on-plan')?.message).toBe(
      '3 consecutive check-ins sit within 0.5 points of the straight-line plan: ' +
        '2026-05-01 50.0% vs 50.0% expected; 2026-06-01 50.2% vs 50.0% expected; 2026-07-01 50.0% vs 50.0% expected',
    );
    // A longer earlier run wins over a later one.
    const longer = historyFlags({
      ...ctx([], { expectedOn: () => 0.5 }),
      points: [0.5, 0.5, 0.5, 0.5, 0.9, 0.5, 0.5, 0.5].map((v, i) => ({ date: i * 30, value: v, status: null })),
    });
    expect(longer.find((f) => f.code === 'exactly-on-plan')?.message).toMatch(/^4 consecutive check-ins .*1970-01-01 /);
  });

  test('exactly on plan needs an expected trajectory', () => {
    expect(codes(ctx(onPlan))).not.toContain('exactly-on-plan');
  });

  test.each([
    [['Green', 'Green', 'Red'], true],
    [['Green', 'Amber', 'Red'], false],
    [['Green', null, 'Red'], true],
    [['Red', 'Green'], false],
  ])('status cliff %p -> %p', (statuses, expected) => {
    const c = ctx(
      statuses.map(() => 0.1),
      {},
    );
    c.points.forEach((p, i) => (p.status = statuses[i] as never));
    c.points = c.points.map((p, i) => ({ ...p, value: 0.1 + i * 0.1 }));
    const flags = historyFlags(c);
    expect(flags.some((f) => f.code === 'status-cliff')).toBe(expected);
    if (expected)
      expect(flags.find((f) => f.code === 'status-cliff')!.message).toMatch(
        /Green on 2026-0\d-\d\d then Red on 2026-04-30/,
      );
  });

  test('of two status cliffs the latest is named, statuses left blank skipped', () => {
    const c = ctx([0.1, 0.2, 0.3, 0.4, 0.5]);
    const statuses = ['Green', 'Red', 'Green', null, 'Red'] as const;
    c.points = c.points.map((p, i) => ({ ...p, status: statuses[i] }));
    expect(historyFlags(c).find((f) => f.code === 'status-cliff')?.message).toBe(
      'reported Green on 2026-04-30 then Red on 2026-06-30 with no Amber in between',
    );
  });
});
