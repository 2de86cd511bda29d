// SPEC §2 rules, case by case, with numbers worked out by hand in the comments.
import { refresh } from '../../src/engine';
import type { ItemReport, WorkbookSnapshot } from '../../src/engine/types';
import { day, workbook } from '../support/snapshot';

function run(wb: WorkbookSnapshot, asOf = '2026-01-06', extra: Parameters<typeof refresh>[1]['settings'] = {}) {
  const result = refresh(wb, { today: day('2030-01-01'), settings: { asOf: day(asOf), ...extra } });
  const items = new Map<string, ItemReport>(result.report.items.map((i) => [i.id, i]));
  return { result, items, get: (id: string) => items.get(id)! };
}

const O1 = ['O1', 'Grow', null, 'Ana', 1, null, null];

describe('KPI attainment and own health', () => {
  // Start 2026-01-01, Due 2026-01-11, as of 2026-01-06: expected = 5/10 = 0.5.
  const kpi = (direction: string, baseline: number | null, target: number, actual: number | null, dates = true) => [
    'K1',
    'Revenue',
    'O1',
    direction,
    baseline,
    target,
    actual,
    dates ? '2026-01-01' : null,
    dates ? '2026-01-11' : null,
    1,
    '2026-01-05',
    null,
    null,
  ];
  test.each([
    // direction, baseline, target, actual, progress, health
    ['Increase', 0, 100, 50, 0.5, 'Green'], // ratio 0.5/0.5 = 1
    ['Increase', 0, 100, 47.5, 0.475, 'Green'], // ratio exactly 0.95: green threshold is inclusive
    ['Increase', 0, 100, 47, 0.47, 'Amber'], // ratio 0.94
    ['Increase', 0, 100, 40, 0.4, 'Amber'], // ratio exactly 0.80: amber threshold is inclusive
    ['Increase', 0, 100, 39, 0.39, 'Red'], // ratio 0.78
    ['Increase', 20, 120, 70, 0.5, 'Green'], // (70-20)/(120-20) = 0.5
    ['Increase', null, 200, 100, 0.5, 'Green'], // no baseline: 100/200
    ['Decrease', 100, 50, 75, 0.5, 'Green'], // (100-75)/(100-50) = 0.5
    ['Decrease', 100, 50, 90, 0.2, 'Red'], // 10/50 = 0.2, ratio 0.4
    ['Decrease', null, 50, 100, 0.5, 'Green'], // no baseline: 50/100
    ['Decrease', null, 50, 125, 0.4, 'Amber'], // 50/125 = 0.4, ratio 0.8
    ['Increase', 0, 100, 150, 1, 'Green'], // progress clamps at 1
    ['Increase', 50, 100, 20, 0, 'Red'], // below baseline: attainment -0.6, progress clamps at 0
  ])(
    '%s baseline %p target %p actual %p -> progress %p, %s',
    (direction, baseline, target, actual, progress, health) => {
      const { get } = run(
        workbook({
          objectives: [O1],
          kpis: [kpi(direction as string, baseline as number | null, target as number, actual as number)],
        }),
      );
      expect(get('K1').progress).toBeCloseTo(progress as number, 10);
      expect(get('K1').expected).toBeCloseTo(0.5, 10);
      expect(get('K1').ownHealth).toBe(health);
    },
  );

  test('no Actual is Grey', () => {
    const { get } = run(workbook({ objectives: [O1], kpis: [kpi('Increase', 0, 100, null)] }));
    expect(get('K1').health).toBe('Grey');
    expect(get('K1').progress).toBeNull();
  });

  test('expected progress 0 before Start is Green whatever the actual', () => {
    const { get } = run(workbook({ objectives: [O1], kpis: [kpi('Increase', 0, 100, 0)] }), '2025-12-20');
    expect(get('K1').expected).toBe(0);
    expect(get('K1').ownHealth).toBe('Green');
  });

  test('on or after Due the full target is expected', () => {
    const { get } = run(workbook({ objectives: [O1], kpis: [kpi('Increase', 0, 100, 90)] }), '2026-01-11');
    expect(get('K1').expected).toBe(1);
    expect(get('K1').ownHealth).toBe('Amber'); // ratio 0.9
  });

  test('without dates a KPI is judged against the full target', () => {
    const { get } = run(workbook({ objectives: [O1], kpis: [kpi('Increase', null, 100, 79, false)] }));
    expect(get('K1').expected).toBe(1);
    expect(get('K1').ownHealth).toBe('Red'); // ratio 0.79
  });
});

describe('initiative own health', () => {
  // Start 2026-01-01, Due 2026-01-11; as of 2026-01-06 expected 0.5.
  const ini = (complete: number | string | null, forecast: string | null = null, due = '2026-01-11') => [
    'I1',
    'Build',
    'O1',
    '2026-01-01',
    due,
    forecast,
    complete,
    null,
    '2026-01-05',
    1,
  ];
  test.each([
    ['on schedule', ini(0.5), '2026-01-06', 'Green', 0],
    ['ratio at green threshold', ini(0.475), '2026-01-06', 'Green', 0],
    ['behind schedule', ini(0.39), '2026-01-06', 'Red', 0],
    ['complete beats overdue', ini(1), '2026-02-01', 'Green', 0],
    ['overdue', ini(0.99), '2026-01-12', 'Red', 0],
    ['due today is not overdue', ini(0.99), '2026-01-11', 'Green', 0],
    ['forecast on Due', ini(0.5, '2026-01-11'), '2026-01-06', 'Green', 0],
    ['slip of 1 day is Amber (> 0)', ini(0.5, '2026-01-12'), '2026-01-06', 'Amber', 1],
    ['slip of 14 days is Amber (not > 14)', ini(0.5, '2026-01-25'), '2026-01-06', 'Amber', 14],
    ['slip of 15 days is Red', ini(0.5, '2026-01-26'), '2026-01-06', 'Red', 15],
    ['45 typed as a percentage', ini(45), '2026-01-06', 'Amber', 0], // 0.45/0.5 = 0.9
    ['"45%" text', ini('45%'), '2026-01-06', 'Amber', 0],
  ])('%s', (_label, row, asOf, health, slip) => {
    const { get } = run(workbook({ objectives: [O1], initiatives: [row as never] }), asOf as string);
    expect(get('I1').ownHealth).toBe(health);
    expect(get('I1').slipDays).toBe(slip);
  });

  test('no % Complete and nothing late is Grey; overdue without % Complete is Red', () => {
    expect(run(workbook({ objectives: [O1], initiatives: [ini(null)] })).get('I1').health).toBe('Grey');
    expect(run(workbook({ objectives: [O1], initiatives: [ini(null)] }), '2026-01-20').get('I1').health).toBe('Red');
  });

  test('forecast finish is reported as an ISO date', () => {
    expect(run(workbook({ objectives: [O1], initiatives: [ini(0.5, '2026-01-26')] })).get('I1').forecastFinish).toBe(
      '2026-01-26',
    );
  });
});

describe('dependency forward pass', () => {
  // A: due 2026-02-01, forecast 2026-02-22 (21 days late: Red).
  // B: start 2026-02-01, due 2026-02-11 (10 days), 40% done -> 6 days remaining; lag 2.
  //    pushed to A's 2026-02-22 + 2 + 6 = 2026-03-02, 19 days after Due -> Red.
  // C: start 2026-02-11, due 2026-03-13 (30 days), 0% -> 30 days remaining; lag 0.
  //    pushed to B's 2026-03-02 + 30 = 2026-04-01, 19 days after Due.
  const wb = workbook({
    objectives: [O1],
    initiatives: [
      ['A', 'Contract', 'O1', '2026-01-01', '2026-02-01', '2026-02-22', 0.5, 'Green', '2026-01-05', 1],
      ['B', 'Integration', 'O1', '2026-02-01', '2026-02-11', null, 0.4, 'Green', '2026-01-05', 1],
      ['C', 'Cutover', 'O1', '2026-02-11', '2026-03-13', null, 0, 'Green', '2026-01-05', 1],
    ],
    dependencies: [
      ['A', 'B', 2],
      ['B', 'C', 0],
    ],
  });
  const { get } = run(wb, '2026-01-06');

  test('pushes through two levels with lag and remaining duration', () => {
    expect(get('A').forecastFinish).toBe('2026-02-22');
    expect(get('B').forecastFinish).toBe('2026-03-02');
    expect(get('B').slipDays).toBe(19);
    expect(get('C').forecastFinish).toBe('2026-04-01');
    expect(get('C').slipDays).toBe(19);
  });

  test('own health stays own; the push makes it Red through the slip rule', () => {
    expect(get('B').ownHealth).toBe('Green');
    expect(get('B').health).toBe('Red');
    expect(get('C').health).toBe('Red');
  });

  test('drivers explain every change', () => {
    expect(get('B').drivers.join('\n')).toContain('pushed 19 days by A (Red)');
    expect(get('B').drivers.join('\n')).toContain('inherits Amber risk from A (Red)');
    expect(get('C').drivers.join('\n')).toContain('pushed 19 days by B (Red)');
  });

  test('flags the masked risk and the dependency risk', () => {
    expect(get('B').flags.map((f) => f.code)).toEqual(
      expect.arrayContaining(['masked-dependency-risk', 'dependency-risk']),
    );
  });

  test('inherited risk is capped at Amber and a KPI inherits risk, not dates', () => {
    const { get: g } = run(
      workbook({
        objectives: [O1],
        kpis: [['K', 'Revenue', 'O1', 'Increase', 0, 100, 50, '2026-01-01', '2026-01-11', 1, '2026-01-05', null, null]],
        initiatives: [['A', 'Contract', 'O1', '2026-01-01', '2026-01-02', null, 0.1, null, '2026-01-05', 1]],
        dependencies: [['A', 'K', 0]],
      }),
    );
    expect(g('A').health).toBe('Red'); // overdue
    expect(g('K').ownHealth).toBe('Green');
    expect(g('K').health).toBe('Amber');
    expect(g('K').forecastFinish).toBeNull();
  });

  test('a finished downstream is not pushed; a finished upstream pushes nothing', () => {
    const { get: g } = run(
      workbook({
        objectives: [O1],
        initiatives: [
          ['A', 'Done', 'O1', '2026-01-01', '2026-01-02', '2026-03-01', 1, null, '2026-01-05', 1],
          ['B', 'Next', 'O1', '2026-01-01', '2026-01-20', null, 0.3, null, '2026-01-05', 1],
        ],
        dependencies: [['A', 'B', 0]],
      }),
    );
    expect(g('B').forecastFinish).toBe('2026-01-20');
    expect(g('B').health).toBe('Green');
  });
});

describe('objective rollup', () => {
  const kpiWith = (id: string, actual: number, weight = 1, updated = '2026-01-05') => [
    id,
    id,
    'O1',
    'Increase',
    null,
    100,
    actual,
    null,
    null,
    weight,
    updated,
    null,
    null,
  ];
  // Without dates each KPI is judged against the full target: 100 Green, 85 Amber, 10 Red.
  const health = (...kpis: ReturnType<typeof kpiWith>[]) => run(workbook({ objectives: [O1], kpis })).get('O1');

  test.each([
    [
      'nine Green and one Red: score 0.9 but never Green over Red',
      [...Array(9)].map((_, i) => kpiWith(`G${i}`, 100)).concat([kpiWith('R', 10)]),
      'Amber',
    ],
    ['Green and Amber: 0.75', [kpiWith('G', 100), kpiWith('A', 85)], 'Amber'],
    ['Green and Red: 0.5', [kpiWith('G', 100), kpiWith('R', 10)], 'Amber'],
    ['Amber and Red: 0.25', [kpiWith('A', 85), kpiWith('R', 10)], 'Red'],
    ['Green weight 9, Amber weight 1: 0.95', [kpiWith('G', 100, 9), kpiWith('A', 85, 1)], 'Green'],
    ['Green weight 1, Red weight 3: 0.25', [kpiWith('G', 100, 1), kpiWith('R', 10, 3)], 'Red'],
  ])('%s', (_label, kpis, expected) => {
    expect(health(...(kpis as ReturnType<typeof kpiWith>[])).health).toBe(expected);
  });

  test('progress is the weight-weighted mean of known child progress', () => {
    // (3 × 1.0 + 1 × 0.2) / 4 = 0.8
    expect(health(kpiWith('A', 100, 3), kpiWith('B', 20, 1)).progress).toBeCloseTo(0.8, 10);
  });

  test('worst rollup takes the worst child', () => {
    const o = run(workbook({ objectives: [O1], kpis: [kpiWith('G', 100, 9), kpiWith('A', 85, 1)] }), '2026-01-06', {
      rollup: 'worst',
    }).get('O1');
    expect(o.health).toBe('Amber');
  });

  test('no children is Grey; confidence is the fresh share of child weight', () => {
    expect(run(workbook({ objectives: [O1], kpis: [] })).get('O1').health).toBe('Grey');
    // One KPI updated 2025-10-01 is stale by 2026-01-06 (monthly + 3 days); weights 3 fresh, 1 stale.
    const o = health(kpiWith('A', 100, 3), kpiWith('B', 100, 1, '2025-10-01'));
    expect(o.confidence).toBeCloseTo(0.75, 10);
  });

  test('child objectives roll up into their parents', () => {
    const { get } = run(
      workbook({
        objectives: [O1, ['O2', 'Child', 'O1', null, 1, null, null]],
        kpis: [['K', 'K', 'O2', 'Increase', null, 100, 10, null, null, 1, '2026-01-05', null, null]],
      }),
    );
    expect(get('O2').health).toBe('Red');
    expect(get('O1').health).toBe('Red');
  });
});

describe('impact and value', () => {
  // O1 (10M) has children O2 (4M, EMEA) and O3 (3M, APAC). K2 serves O2, K3 serves O3; K2 feeds K3.
  const wb = workbook({
    objectives: [
      ['O1', 'Company', null, null, 1, 10_000_000, null],
      ['O2', 'EMEA', 'O1', null, 1, 4_000_000, 'EMEA Subscriptions'],
      ['O3', 'APAC', 'O1', null, 1, 3_000_000, 'APAC Subscriptions'],
      ['O4', 'Side', null, null, 1, 2_000_000, null],
    ],
    kpis: [
      ['K2', 'EMEA revenue', 'O2', 'Increase', null, 100, 10, null, null, 1, '2026-01-05', null, null],
      ['K3', 'APAC revenue', 'O3', 'Increase', null, 100, 100, null, null, 1, '2026-01-05', null, null],
      ['K4', 'Side', 'O4', 'Increase', null, 100, 100, null, null, 1, '2026-01-05', null, null],
    ],
    dependencies: [['K2', 'K3', 0]],
  });
  const { get, result } = run(wb);

  test('reaches objectives up the tree and along dependencies, without double counting', () => {
    expect(get('K2').impact).toEqual({
      objectives: ['O1', 'O2', 'O3'],
      revenueStreams: ['APAC Subscriptions', 'EMEA Subscriptions'],
      valueExposed: 10_000_000, // O2 and O3 are inside O1's value
    });
    expect(get('K3').impact.objectives).toEqual(['O1', 'O3']);
  });

  test('value at stake and at risk count each top-most valued objective once', () => {
    expect(result.report.summary.valueAtStake).toBe(12_000_000); // O1 + O4
    // O2 Red, O3 Amber (inherits from K2), O1 Red/Amber: the risky set is covered by O1's 10M.
    expect(get('O2').health).toBe('Red');
    expect(result.report.summary.valueAtRisk).toBe(10_000_000);
  });
});

describe('what-if', () => {
  test('a delay reports objectives that change health and the value newly at risk, writing nothing', () => {
    const wb = workbook({
      objectives: [['O1', 'Launch', null, null, 1, 5_000_000, 'EMEA']],
      initiatives: [['I', 'Ship', 'O1', '2026-01-01', '2026-01-11', null, 0.5, null, '2026-01-05', 1]],
    });
    const result = refresh(wb, { today: day('2026-01-06'), delays: [{ id: 'I', days: 20 }] });
    expect(result.report.whatIf).toEqual([
      {
        delay: { id: 'I', days: 20 },
        objectivesChanged: [{ id: 'O1', from: 'Green', to: 'Red' }],
        valueNewlyAtRisk: 5_000_000,
      },
    ]);
    expect(result.report.items.find((i) => i.id === 'I')!.health).toBe('Green');
  });
});
