// The plan over time (SPEC §2a, §3): baselines in the ledger, moved goalposts, removed items, the slip
// against the baseline Due and the forecast history. Every date and number below is worked by hand.
import { refresh, baselineLabelProblem } from '../../src/engine';
import type { CellValue, RefreshOptions, RefreshResult, WorkbookSnapshot } from '../../src/engine';
import {
  decodePlans,
  decodeTrend,
  encodePlans,
  encodeTrend,
  fieldsOf,
  planOfFields,
  type PlanEntry,
} from '../../src/engine/baseline/store';
import type { PlanRecord } from '../../src/engine/baseline/plan-record';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';

// O1 → O2 (child), KPI K1 (Increase 20 → 80), KPI K2 (Decrease 58 → 45), initiatives I1 (Red: overdue
// nothing, 10 % done well past half its time) and I2 (Green, on plan).
const objectives = () => [
  ['O1', 'Grow', null, 'Ann', 3, 1_000_000, 'Retail'],
  ['O2', 'Retain', 'O1', 'Bo', 1, 200_000, null],
  ['O3', 'Spare', null, 'Cy', 1, null, null],
];
const kpis = () => [
  ['K1', 'Orders', 'O2', 'Increase', 20, 80, 50, '2026-01-01', '2026-12-31', 1, '2026-03-30', 'Green', 'monthly'],
  ['K2', 'DSO', 'O2', 'Decrease', 58, 45, 55, '2026-01-01', '2026-09-30', 1, '2026-03-30', 'Amber', 'monthly'],
];
const initiatives = () => [
  ['I1', 'ERP cut-over', 'O2', '2026-01-01', '2026-05-15', null, 0.1, 'Red', '2026-03-30', 2],
  ['I2', 'Training', 'K1', '2026-01-01', '2026-12-31', null, 0.3, 'Green', '2026-03-30', 1],
];

const base = (): WorkbookSnapshot => workbook({ objectives: objectives(), kpis: kpis(), initiatives: initiatives() });

const TABLE_OF: Record<string, string> = { O: 'Objectives', K: 'KPIs', I: 'Initiatives' };

/** Sets one cell of an item's row, as a person typing over it would. */
function edit(wb: WorkbookSnapshot, id: string, header: string, value: CellValue): WorkbookSnapshot {
  return {
    ...wb,
    tables: wb.tables.map((t) => {
      if (t.name !== TABLE_OF[id[0]]) return t;
      const col = t.headers.indexOf(header);
      if (col < 0) throw new Error(`no ${header} on ${t.name}`);
      return { ...t, rows: t.rows.map((r) => (r[0] === id ? r.map((v, i) => (i === col ? value : v)) : r)) };
    }),
  };
}

/** Deletes an item's row (the table shrinks, as a deleted table row does). */
function remove(wb: WorkbookSnapshot, id: string): WorkbookSnapshot {
  return {
    ...wb,
    tables: wb.tables.map((t) => (t.name === TABLE_OF[id[0]] ? { ...t, rows: t.rows.filter((r) => r[0] !== id) } : t)),
  };
}

const at = (asOf: string, extra: Partial<RefreshOptions> = {}): RefreshOptions => ({
  today: day(asOf),
  settings: { asOf: day(asOf) },
  ...extra,
});

/** Refreshes, then carries the written owned columns and ledger into the next workbook. */
function run(wb: WorkbookSnapshot, asOf: string, extra: Partial<RefreshOptions> = {}) {
  const r = refresh(wb, at(asOf, extra));
  if (!r.plan) throw new Error(JSON.stringify(r.fatal));
  return { r, next: applyPlan(wb, r.plan) };
}

const item = (r: RefreshResult, id: string) => r.report.items.find((i) => i.id === id)!;
const moved = (r: RefreshResult, id: string) => item(r, id).flags.find((f) => f.code === 'moved-goalposts') ?? null;

test('the first refresh records each plan as first recorded: no flags, no removed items, no labelled baseline', () => {
  const { r } = run(base(), '2026-03-31');
  expect(r.report.baseline).toBeNull();
  expect(r.report.removed).toEqual([]);
  expect(r.report.items.flatMap((i) => i.flags).filter((f) => f.code === 'moved-goalposts')).toEqual([]);
  expect(item(r, 'I1').baseline).toEqual({
    label: null,
    setOn: '2026-03-31',
    start: '2026-01-01',
    due: '2026-05-15',
    target: null,
    baseline: null,
    direction: null,
    weight: 2,
    valueAtStake: null,
    parent: 'O2',
  });
  expect(item(r, 'K2').baseline).toMatchObject({ target: 45, baseline: 58, direction: 'Decrease', parent: 'O2' });
  expect(item(r, 'O1').baseline).toMatchObject({ valueAtStake: 1_000_000, weight: 3, parent: null, start: null });
  // Every field of SPEC §6 is present, null where it does not apply.
  expect(item(r, 'O1').slipVsBaselineDays).toBeNull();
  expect(item(r, 'O1').forecastHistory).toBeNull();
  expect(item(r, 'K1').slipVsBaselineDays).toBeNull();
  expect(item(r, 'I1').slipVsBaselineDays).toBe(0);
});

const FIRST = 'as first recorded on 2026-03-31';
const NOW = '(as of 2026-04-20)';

// [what the team did, item, header, new value, severity or null, message]
const CASES: [string, string, string, CellValue, 'high' | 'warn' | null, string | null][] = [
  [
    'Due pushed 46 days (15 May → 30 Jun: 16 + 30)',
    'I1',
    'Due',
    '2026-06-30',
    'high',
    `Due moved from 2026-05-15 (${FIRST}) to 2026-06-30, 46 days later ${NOW}`,
  ],
  ['Due pulled in: harder, not flagged', 'I1', 'Due', '2026-05-01', null, null],
  [
    'Increase KPI: Target lowered 80 → 60',
    'K1',
    'Target',
    60,
    'high',
    `Target lowered from 80 (${FIRST}) to 60 ${NOW}`,
  ],
  ['Increase KPI: Target raised 80 → 90 is harder', 'K1', 'Target', 90, null, null],
  [
    'Increase KPI: Baseline lowered 20 → 10',
    'K1',
    'Baseline',
    10,
    'high',
    `Baseline lowered from 20 (${FIRST}) to 10 ${NOW}`,
  ],
  ['Increase KPI: Baseline raised 20 → 30 is harder', 'K1', 'Baseline', 30, null, null],
  ['Decrease KPI: Target raised 45 → 50', 'K2', 'Target', 50, 'high', `Target raised from 45 (${FIRST}) to 50 ${NOW}`],
  ['Decrease KPI: Target lowered 45 → 40 is harder', 'K2', 'Target', 40, null, null],
  [
    'Decrease KPI: Baseline raised 58 → 65',
    'K2',
    'Baseline',
    65,
    'high',
    `Baseline raised from 58 (${FIRST}) to 65 ${NOW}`,
  ],
  [
    'Value at Stake halved',
    'O1',
    'Value at Stake',
    500_000,
    'high',
    `Value at Stake cut from 1,000,000 (${FIRST}) to 500,000, 50% less ${NOW}`,
  ],
  [
    'Value at Stake cut by exactly 10 %',
    'O1',
    'Value at Stake',
    900_000,
    'high',
    `Value at Stake cut from 1,000,000 (${FIRST}) to 900,000, 10% less ${NOW}`,
  ],
  ['Value at Stake cut by 9 %: under the line', 'O1', 'Value at Stake', 910_000, null, null],
  [
    'Value at Stake cleared',
    'O2',
    'Value at Stake',
    null,
    'high',
    `Value at Stake cut from 200,000 (${FIRST}) to nothing, 100% less ${NOW}`,
  ],
  ['Weight cut 3 → 1', 'O1', 'Weight', 1, 'warn', `Weight cut from 3 (${FIRST}) to 1 ${NOW}`],
  ['Weight raised is not flagged', 'O1', 'Weight', 5, null, null],
  ['Parent changed', 'O2', 'Parent', 'O3', 'warn', `Parent changed from O1 (${FIRST}) to O3 ${NOW}`],
  ['Objective changed', 'I2', 'Objective', 'O3', 'warn', `Objective changed from K1 (${FIRST}) to O3 ${NOW}`],
  [
    'Direction flipped',
    'K1',
    'Direction',
    'Decrease',
    'warn',
    `Direction changed from Increase (${FIRST}) to Decrease ${NOW}`,
  ],
  ['a Status or % Complete change is no plan change', 'I1', '% Complete', 0.9, null, null],
];

test.each(CASES)('%s', (_what, id, header, value, severity, message) => {
  const { next } = run(base(), '2026-03-31');
  const { r } = run(edit(next, id, header, value), '2026-04-20');
  const flag = moved(r, id);
  if (severity === null) expect(flag).toBeNull();
  else expect(flag).toEqual({ code: 'moved-goalposts', severity, message });
  // No other item is flagged for it.
  expect(r.report.items.filter((i) => i.id !== id && moved(r, i.id) !== null)).toEqual([]);
});

test("the issue's case: a labelled baseline, a Due pushed and called Green: flagged high, health untouched", () => {
  const { next: a } = run(base(), '2026-03-02');
  const { r: set, next: b } = run(a, '2026-03-31', { setBaseline: 'FY26 plan' });
  expect(set.report.baseline).toEqual({ label: 'FY26 plan', setOn: '2026-03-31' });
  expect(moved(set, 'I1')).toBeNull();
  const edited = edit(edit(b, 'I1', 'Due', '2026-06-30'), 'I1', 'Status', 'Green');
  const { r, next: c } = run(edited, '2026-04-20');
  expect(moved(r, 'I1')!.message).toBe(
    "Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-03-31) to 2026-06-30, 46 days later (as of 2026-04-20)",
  );
  expect(item(r, 'I1').baseline).toMatchObject({ label: 'FY26 plan', setOn: '2026-03-31', due: '2026-05-15' });
  // Flags never change health: the same workbook judged without any ledger has the same health everywhere.
  const fresh = refresh({ ...edited, ledger: null }, at('2026-04-20'));
  for (const i of r.report.items) expect([i.id, i.health]).toEqual([i.id, item(fresh, i.id).health]);
  // It stays on every refresh until a new baseline is set.
  const { r: later, next: d } = run(c, '2026-04-27');
  expect(moved(later, 'I1')!.severity).toBe('high');
  const { r: rebased, next: e } = run(d, '2026-05-04', { setBaseline: 'Q2 replan' });
  expect(moved(rebased, 'I1')).toBeNull();
  expect(rebased.report.baseline).toEqual({ label: 'Q2 replan', setOn: '2026-05-04' });
  // The older baseline stays in the ledger.
  const plans = rebased.plan!.ledger.blocks.find((x) => x.headers[0] === 'Plan item')!;
  expect(plans.rows.find((row) => row[0] === 'I1')![1]).toBe(
    [
      'I|ERP cut-over',
      '|2026-03-02|2026-01-01|2026-05-15||||2||O2',
      'FY26 plan|2026-03-31|2026-01-01|2026-05-15||||2||O2',
      'Q2 replan|2026-05-04|2026-01-01|2026-06-30||||2||O2',
    ].join('\n'),
  );
  const last = run(e, '2026-05-11').r;
  expect(last.report.items.some((i) => moved(last, i.id))).toBe(false);
});

test('setting the same label again replaces it, and refreshing twice with it gives the same ledger', () => {
  const { next } = run(base(), '2026-03-31', { setBaseline: 'FY26 plan' });
  const again = run(next, '2026-03-31', { setBaseline: 'FY26 plan' });
  expect(again.r.plan!.ledger).toEqual(refresh(base(), at('2026-03-31', { setBaseline: 'FY26 plan' })).plan!.ledger);
  const { r } = run(again.next, '2026-04-30', { setBaseline: ' FY26 plan ' });
  expect(r.report.baseline).toEqual({ label: 'FY26 plan', setOn: '2026-04-30' });
  const baselines = r.plan!.ledger.blocks.find((x) => x.headers[0] === 'Baseline set')!;
  expect(baselines.rows).toEqual([['FY26 plan', '2026-04-30']]);
});

test('a deleted red initiative is reported removed: JSON, a high Risks row, and it stays until it is back', () => {
  const { next: a } = run(base(), '2026-03-31', { setBaseline: 'FY26 plan' });
  const { r: before, next: b } = run(a, '2026-04-20');
  expect(item(before, 'I1').health).toBe('Red');
  const { r, next: c } = run(remove(b, 'I1'), '2026-04-27');
  expect(r.report.removed).toEqual([
    {
      id: 'I1',
      kind: 'initiative',
      name: 'ERP cut-over',
      lastHealth: 'Red',
      lastSeen: '2026-04-20',
      baseline: expect.objectContaining({ label: 'FY26 plan', setOn: '2026-03-31', due: '2026-05-15' }),
      message:
        "in the plan (baseline 'FY26 plan', set 2026-03-31) but no longer in the workbook; last seen in the refresh as of 2026-04-20, Red",
    },
  ]);
  const risk = r.plan!.risks.rows.find((row) => row[5] === 'removed-since-baseline')!;
  expect(risk.slice(0, 6)).toEqual(['high', 'I1', 'ERP cut-over', 'Initiative', 'Red', 'removed-since-baseline']);
  expect(r.plan!.risks.links[r.plan!.risks.rows.indexOf(risk)]).toBeNull();
  // A week later it is still gone, and still last seen on 2026-04-20.
  const { r: week, next: d } = run(c, '2026-05-04');
  expect(week.report.removed.map((x) => [x.id, x.lastSeen, x.lastHealth])).toEqual([['I1', '2026-04-20', 'Red']]);
  // Put back, it is no longer removed.
  const back = { ...d, tables: d.tables.map((t, i) => (t.name === 'Initiatives' ? b.tables[i] : t)) };
  expect(run(back, '2026-05-11').r.report.removed).toEqual([]);
});

test('a deleted green item is a warn row; with no baseline set, the first recorded plan is the baseline', () => {
  const { next: a } = run(base(), '2026-03-31');
  const { r } = run(remove(a, 'O3'), '2026-04-20');
  expect(r.report.removed).toMatchObject([{ id: 'O3', kind: 'objective', lastSeen: '2026-03-31', lastHealth: 'Grey' }]);
  expect(r.report.removed[0].baseline.label).toBeNull();
  const risk = r.plan!.risks.rows.find((row) => row[5] === 'removed-since-baseline')!;
  expect(risk[0]).toBe('warn');
});

test('an item gone before a new baseline is set is not of that baseline: no longer reported', () => {
  const { next: a } = run(base(), '2026-03-31');
  const { r, next: b } = run(remove(a, 'I1'), '2026-04-20');
  expect(r.report.removed.map((x) => x.id)).toEqual(['I1']);
  expect(run(b, '2026-04-27', { setBaseline: 'Replan' }).r.report.removed).toEqual([]);
});

test('a date typed so it cannot be read is a data error, not a moved goalpost and not a removed item', () => {
  const { next } = run(base(), '2026-03-31', { setBaseline: 'FY26 plan' });
  const { r, next: after } = run(edit(next, 'I1', 'Due', '30/06/2026?'), '2026-04-20');
  expect(r.report.errors).toEqual([
    expect.objectContaining({ sheet: 'Initiatives', cell: 'E2', code: 'invalid-date' }),
  ]);
  expect(r.report.removed).toEqual([]);
  expect(r.report.items.some((i) => moved(r, i.id) !== null)).toBe(false);
  // Fixed again, it is judged against the same baseline.
  const fixed = run(edit(after, 'I1', 'Due', '2026-06-30'), '2026-04-27').r;
  expect(moved(fixed, 'I1')!.message).toContain("Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-03-31)");
});

test('a ledger written by an earlier version is migrated without a flood: its current plan becomes the first recorded one', () => {
  const { next } = run(base(), '2026-03-31');
  // What the previous version wrote: every block up to the owned-sheets list, nothing of the plan.
  const old = { ...next, ledger: next.ledger!.map((row) => row.slice(0, 22)) };
  const edited = edit(old, 'I1', 'Due', '2026-06-30');
  const { r, next: migrated } = run(edited, '2026-04-20');
  expect(r.report.items.some((i) => moved(r, i.id) !== null)).toBe(false);
  expect(r.report.removed).toEqual([]);
  expect(item(r, 'I1').baseline).toMatchObject({ label: null, setOn: '2026-04-20', due: '2026-06-30' });
  // From then on it is judged as usual.
  const later = run(edit(migrated, 'I1', 'Due', '2026-07-31'), '2026-04-27').r;
  expect(moved(later, 'I1')!.message).toContain(
    'Due moved from 2026-06-30 (as first recorded on 2026-04-20) to 2026-07-31',
  );
});

test('Slip vs baseline (auto): forecast finish minus the baseline Due, in days, on the Initiatives table', () => {
  const { next } = run(base(), '2026-03-31', { setBaseline: 'FY26 plan' });
  // The team re-plans I1 to 30 Jun and forecasts 10 Jul: 56 days after the baseline's 15 May (16 + 30 + 10).
  const edited = edit(edit(next, 'I1', 'Due', '2026-06-30'), 'I1', 'Forecast', '2026-07-10');
  const { r } = run(edited, '2026-04-20');
  expect(item(r, 'I1').slipDays).toBe(10);
  expect(item(r, 'I1').slipVsBaselineDays).toBe(56);
  const write = r.plan!.tables.find((t) => t.tableName === 'Initiatives')!;
  const column = write.columns.find((c) => c.header === 'Slip vs baseline (auto)')!;
  expect(column.values).toEqual([56, 0]);
  expect(write.columns.map((c) => c.header)).toEqual([
    'Health (auto)',
    'Progress (auto)',
    'Expected (auto)',
    'Forecast (auto)',
    'Flags (auto)',
    'Impact (auto)',
    'Slip vs baseline (auto)',
  ]);
});

test('forecast history: one point per as-of date refreshed, kept as change points in the ledger', () => {
  let wb = base();
  const forecasts: [string, string | null][] = [
    ['2026-03-02', null],
    ['2026-03-09', null],
    ['2026-03-16', '2026-05-29'],
    ['2026-03-23', '2026-05-29'],
    ['2026-03-30', '2026-06-12'],
  ];
  let r: RefreshResult | null = null;
  for (const [asOf, forecast] of forecasts) {
    const step = run(edit(wb, 'I1', 'Forecast', forecast), asOf);
    r = step.r;
    wb = step.next;
  }
  expect(item(r!, 'I1').forecastHistory).toEqual([
    { asOf: '2026-03-02', forecast: '2026-05-15', attainment: null },
    { asOf: '2026-03-09', forecast: '2026-05-15', attainment: null },
    { asOf: '2026-03-16', forecast: '2026-05-29', attainment: null },
    { asOf: '2026-03-23', forecast: '2026-05-29', attainment: null },
    { asOf: '2026-03-30', forecast: '2026-06-12', attainment: null },
  ]);
  // K1: (50 − 20) / (80 − 20) = 0.5 at every as-of.
  expect(item(r!, 'K1').forecastHistory!.map((p) => p.attainment)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
  // The ledger keeps the change points only, one cell per item.
  const plans = r!.plan!.ledger.blocks.find((b) => b.headers[0] === 'Plan item')!;
  expect(plans.rows.find((row) => row[0] === 'I1')![2]).toBe('20260302=20260515;20260316=20260529;20260330=20260612');
  expect(plans.rows.find((row) => row[0] === 'K1')![2]).toBe('20260302:0.5');
  expect(plans.rows.find((row) => row[0] === 'O1')![2]).toBeNull();
  // A refresh back-dated between two others sets its own point without disturbing the later ones.
  const back = run(edit(wb, 'I1', 'Forecast', '2026-07-01'), '2026-03-20').r;
  expect(item(back, 'I1').forecastHistory!.map((p) => [p.asOf, p.forecast])).toEqual([
    ['2026-03-02', '2026-05-15'],
    ['2026-03-09', '2026-05-15'],
    ['2026-03-16', '2026-05-29'],
    ['2026-03-20', '2026-07-01'],
    ['2026-03-23', '2026-05-29'],
    ['2026-03-30', '2026-06-12'],
  ]);
});

test('history older than a year is thinned to one point a month (the last as-of of each month)', () => {
  let wb = base();
  let r: RefreshResult | null = null;
  // Weekly refreshes from Mon 2025-01-06 to Mon 2026-03-30, the forecast one day later each week.
  for (let week = 0; week <= 64; week++) {
    const asOf = day('2025-01-06') + 7 * week;
    const forecast = new Date((day('2026-05-15') + week) * 86_400_000).toISOString().slice(0, 10);
    const iso = new Date(asOf * 86_400_000).toISOString().slice(0, 10);
    const step = run(edit(wb, 'I1', 'Forecast', forecast), iso);
    r = step.r;
    wb = step.next;
  }
  const history = item(r!, 'I1').forecastHistory!;
  // Cut-off: 2026-03-30 − 365 days = 2025-03-30. Before it, only the last as-of of each month stays:
  // Jan 2025's last Monday (27th, week 3) and Feb's (24th, week 7). March's Mondays before the cut-off
  // go too, since March keeps 2025-03-31 (week 12), the month's last as-of.
  expect(history.slice(0, 3)).toEqual([
    { asOf: '2025-01-27', forecast: '2026-05-18', attainment: null },
    { asOf: '2025-02-24', forecast: '2026-05-22', attainment: null },
    { asOf: '2025-03-31', forecast: '2026-05-27', attainment: null },
  ]);
  // From the cut-off on, every week: 2025-03-31 (week 12) to 2026-03-30 (week 64) is 53 points.
  expect(history).toHaveLength(2 + 53);
  expect(history[history.length - 1]).toEqual({ asOf: '2026-03-30', forecast: '2026-07-18', attainment: null });
});

test('a 1904 workbook means the same days: the same edits give the same flags and baselines', () => {
  const sequence = (date1904: boolean) => {
    const { next } = run({ ...base(), date1904 }, '2026-03-31', { setBaseline: 'FY26 plan' });
    // Excel hands ledger dates back as serials of the workbook's own system.
    const serials = {
      ...next,
      ledger: next.ledger!.map((row, i) =>
        i === 0
          ? row
          : row.map((v) =>
              v instanceof Date
                ? Math.floor(v.getTime() / 86_400_000) - (date1904 ? day('1904-01-01') : day('1899-12-30'))
                : v,
            ),
      ),
    };
    return run(edit(serials, 'I1', 'Due', '2026-06-30'), '2026-04-20').r;
  };
  const a = sequence(false);
  const b = sequence(true);
  expect(moved(b, 'I1')).toEqual(moved(a, 'I1'));
  expect(item(b, 'I1').forecastHistory).toEqual(item(a, 'I1').forecastHistory);
  expect(item(b, 'I1').baseline).toEqual(item(a, 'I1').baseline);
});

test.each([
  ['', 'A baseline needs a label, such as "FY26 plan".'],
  ['   ', 'A baseline needs a label, such as "FY26 plan".'],
  ['x'.repeat(101), 'A baseline label holds at most 100 characters; this one has 101.'],
  ['x'.repeat(100), null],
  ['FY26 plan', null],
])('baseline label %j', (label, problem) => {
  expect(baselineLabelProblem(label)).toBe(problem);
});

test('names, labels and IDs with the separators in them survive the plans cell', () => {
  const plans: PlanRecord[] = [
    {
      start: null,
      due: day('2026-09-30'),
      target: 45,
      baseline: 58,
      direction: 'Decrease',
      weight: 1,
      valueAtStake: null,
      parent: 'O|1\\x\nnext',
    },
    {
      start: day('2026-01-01'),
      due: null,
      target: 40.5,
      baseline: null,
      direction: 'Increase',
      weight: 0.25,
      valueAtStake: 1e6,
      parent: null,
    },
  ];
  const name = 'Pipe | and \\ back\nslash';
  const entries: PlanEntry[] = [
    { id: 'A|B', kind: 'kpi', name, label: null, setOn: day('2026-03-02'), fields: fieldsOf(plans[0]) },
    { id: 'A|B', kind: 'kpi', name, label: 'FY26 | plan \\p', setOn: day('2026-03-31'), fields: fieldsOf(plans[1]) },
  ];
  expect(decodePlans('A|B', encodePlans(entries))).toEqual(entries);
  expect(entries.map((e) => planOfFields(e.fields))).toEqual(plans);
  const points = [
    { asOf: day('2026-03-02'), forecast: day('2026-05-15'), attainment: null },
    { asOf: day('2026-03-09'), forecast: null, attainment: null },
  ];
  expect(decodeTrend(encodeTrend(points))).toEqual(points);
  const kpi = [{ asOf: day('2028-02-29'), forecast: null, attainment: -0.125 }];
  expect(encodeTrend(kpi)).toBe('20280229:-0.125');
  expect(decodeTrend('20280229:-0.125;garbage;2028022=1')).toEqual(kpi);
});
