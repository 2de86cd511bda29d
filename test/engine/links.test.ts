// SPEC §2 Links and §3 link flags: each dependency's latest finish, slack, push and health, and the
// promise it carries. Every figure below is worked out by hand in the comments.
import { refresh } from '../../src/engine';
import type { CellValue, DependencyReport, WorkbookSnapshot } from '../../src/engine/types';
import { serialFromDay } from '../../src/engine/parse/values';
import { INITIATIVE_HEADERS, KPI_HEADERS, OBJECTIVE_HEADERS, day, snapshot, table } from '../support/snapshot';

const DEP_HEADERS = ['Upstream', 'Downstream', 'Lag', 'Needed By', 'Committed', 'Status'];
const O1: CellValue[] = ['O1', 'Grow', null, 'Ana', 1, 1_000_000, 'EMEA'];

/** An initiative row under INITIATIVE_HEADERS, updated the day before the as-of date. */
const ini = (id: string, start: string, due: string, forecast: string | null, complete: number): CellValue[] => [
  id,
  `${id} work`,
  'O1',
  start,
  due,
  forecast,
  complete,
  null,
  '2026-01-05',
  1,
];

/** Downstream D: Start 2026-02-01, Due 2026-03-03 (30 days, 0 % done), so 30 days remain. */
const D = ini('D', '2026-02-01', '2026-03-03', null, 0);

function workbookOf(initiatives: CellValue[][], deps: CellValue[][], kpis: CellValue[][] = [], date1904 = false) {
  const tables = [
    table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows: [O1] }),
    table({ name: 'Initiatives', headers: INITIATIVE_HEADERS, rows: initiatives }),
    table({ name: 'Dependencies', headers: DEP_HEADERS, rows: deps }),
  ];
  if (kpis.length > 0) tables.push(table({ name: 'KPIs', headers: KPI_HEADERS, rows: kpis }));
  return snapshot(tables, [], date1904);
}

function run(wb: WorkbookSnapshot, asOf = '2026-01-06') {
  const result = refresh(wb, { today: day('2030-01-01'), settings: { asOf: day(asOf) } });
  const link = (up: string, down: string): DependencyReport =>
    result.report.dependencies.find((d) => d.upstream === up && d.downstream === down)!;
  const item = (id: string) => result.report.items.find((i) => i.id === id)!;
  return { result, link, item };
}

type Figures = Pick<DependencyReport, 'health' | 'slackDays' | 'pushDays' | 'latestFinish' | 'upstreamForecast'>;

describe('link figures, worked by hand', () => {
  const cases: [string, CellValue[][], CellValue[][], [string, string, Figures][]][] = [
    [
      // latest finish = Due 03-03 − 30 remaining − 5 lag = 01-27; slack = 01-27 − 02-20 = −24;
      // U + lag + remaining = 02-20 + 35 = 03-27, 24 days past Due (> 14 Slip Red Days): Red, push 24.
      'a lag: the link pushes past Due by more than Slip Red Days',
      [ini('U', '2026-01-01', '2026-02-01', '2026-02-20', 0.5), D],
      [['U', 'D', 5]],
      [
        [
          'U',
          'D',
          { health: 'Red', slackDays: -24, pushDays: 24, latestFinish: '2026-01-27', upstreamForecast: '2026-02-20' },
        ],
      ],
    ],
    [
      // latest finish 03-03 − 30 = 02-01; U forecast 01-20: slack 12, nothing moves, U Green: Green.
      'room to spare',
      [ini('U', '2026-01-01', '2026-02-01', '2026-01-20', 0.5), D],
      [['U', 'D', 0]],
      [
        [
          'U',
          'D',
          { health: 'Green', slackDays: 12, pushDays: 0, latestFinish: '2026-02-01', upstreamForecast: '2026-01-20' },
        ],
      ],
    ],
    [
      // U forecast 02-05: slack 02-01 − 02-05 = −4; D moves to 02-05 + 30 = 03-07, 4 days past Due (≤ 14): Amber.
      'a small push is Amber',
      [ini('U', '2026-01-01', '2026-02-01', '2026-02-05', 0.5), D],
      [['U', 'D', 0]],
      [
        [
          'U',
          'D',
          { health: 'Amber', slackDays: -4, pushDays: 4, latestFinish: '2026-02-01', upstreamForecast: '2026-02-05' },
        ],
      ],
    ],
    [
      // A complete upstream is Green and pushes nothing; its forecast is no longer a figure.
      'a complete upstream',
      [ini('U', '2026-01-01', '2026-02-01', '2026-03-01', 1), D],
      [['U', 'D', 0]],
      [
        [
          'U',
          'D',
          { health: 'Green', slackDays: null, pushDays: 0, latestFinish: '2026-02-01', upstreamForecast: null },
        ],
      ],
    ],
    [
      // U1 02-20: slack −19, D to 03-22 (19 days past Due: Red), push 19.
      // U2 02-10: slack −9, it alone would move D to 03-12 (9 days past: Amber); U1 pushes further: push 0.
      'two upstreams on one downstream',
      [ini('U1', '2026-01-01', '2026-02-01', '2026-02-20', 0.5), ini('U2', '2026-01-01', '2026-02-10', null, 0.5), D],
      [
        ['U1', 'D', 0],
        ['U2', 'D', 0],
      ],
      [
        [
          'U1',
          'D',
          { health: 'Red', slackDays: -19, pushDays: 19, latestFinish: '2026-02-01', upstreamForecast: '2026-02-20' },
        ],
        [
          'U2',
          'D',
          { health: 'Amber', slackDays: -9, pushDays: 0, latestFinish: '2026-02-01', upstreamForecast: '2026-02-10' },
        ],
      ],
    ],
    [
      // D 40 % done of 30 days: 18 days remain; latest finish 03-03 − 18 − 2 = 02-11; U 02-09: slack 2.
      'progress shortens the remaining work',
      [ini('U', '2026-01-01', '2026-02-10', '2026-02-09', 0.5), ini('D', '2026-02-01', '2026-03-03', null, 0.4)],
      [['U', 'D', 2]],
      [
        [
          'U',
          'D',
          { health: 'Green', slackDays: 2, pushDays: 0, latestFinish: '2026-02-11', upstreamForecast: '2026-02-09' },
        ],
      ],
    ],
    [
      // A → B → A: reported as a cycle, both links without figures.
      'a cycle',
      [ini('A', '2026-01-01', '2026-02-01', null, 0.5), ini('B', '2026-01-01', '2026-02-01', null, 0.5)],
      [
        ['A', 'B', 0],
        ['B', 'A', 0],
      ],
      [
        ['A', 'B', { health: 'Grey', slackDays: null, pushDays: null, latestFinish: null, upstreamForecast: null }],
        ['B', 'A', { health: 'Grey', slackDays: null, pushDays: null, latestFinish: null, upstreamForecast: null }],
      ],
    ],
  ];
  test.each(cases)('%s', (_name, initiatives, deps, expected) => {
    const { link } = run(workbookOf(initiatives, deps));
    for (const [up, down, figures] of expected) expect(link(up, down)).toMatchObject(figures);
  });

  test('the push agrees with the forecast the Initiatives sheet shows', () => {
    const { item } = run(workbookOf([ini('U', '2026-01-01', '2026-02-01', '2026-02-20', 0.5), D], [['U', 'D', 5]]));
    expect(item('D').forecastFinish).toBe('2026-03-27');
    expect(item('D').slipDays).toBe(24);
  });

  test('a cycle is reported with its path', () => {
    const { result } = run(
      workbookOf(
        [ini('A', '2026-01-01', '2026-02-01', null, 0.5), ini('B', '2026-01-01', '2026-02-01', null, 0.5)],
        [
          ['A', 'B', 0],
          ['B', 'A', 0],
        ],
      ),
    );
    expect(result.report.errors.map((e) => e.code)).toContain('dependency-cycle');
  });

  test('a KPI downstream has no slack or push; its link is as healthy as its upstream', () => {
    // U: Due 02-01, forecast 03-01: 28 days late (> 14): Red.
    const kpi = ['K', 'Revenue', 'O1', 'Increase', 0, 100, 50, '2026-01-01', '2026-01-11', 1, '2026-01-05', null, null];
    const { link, item } = run(
      workbookOf([ini('U', '2026-01-01', '2026-02-01', '2026-03-01', 0.5)], [['U', 'K', 0]], [kpi]),
    );
    expect(item('U').health).toBe('Red');
    expect(link('U', 'K')).toMatchObject({
      health: 'Red',
      slackDays: null,
      pushDays: null,
      latestFinish: null,
      upstreamForecast: '2026-03-01',
    });
  });

  test('1904 dates: serials read in the workbook’s own date system give the same figures', () => {
    const s = (iso: string) => serialFromDay(day(iso), true);
    const rows1904 = [
      ['U', 'U work', 'O1', s('2026-01-01'), s('2026-02-01'), s('2026-02-20'), 0.5, null, s('2026-01-05'), 1],
      ['D', 'D work', 'O1', s('2026-02-01'), s('2026-03-03'), null, 0, null, s('2026-01-05'), 1],
    ];
    const { link } = run(
      workbookOf(rows1904, [['U', 'D', 5, s('2026-02-15'), s('2026-02-10'), 'Committed']], [], true),
    );
    expect(link('U', 'D')).toMatchObject({
      health: 'Red',
      slackDays: -24,
      pushDays: 24,
      latestFinish: '2026-01-27',
      upstreamForecast: '2026-02-20',
      neededBy: '2026-02-15',
      committed: '2026-02-10',
      status: 'Committed',
    });
  });
});

describe('dependencies as commitments', () => {
  const late = ini('U', '2026-01-01', '2026-02-01', '2026-02-20', 0.5); // pushes D 24 days with lag 5
  const slightly = ini('U', '2026-01-01', '2026-02-01', '2026-02-05', 0.5); // pushes D 4 days with lag 0
  const codes = (d: DependencyReport) => d.flags.map((f) => `${f.code}:${f.severity}`).sort();

  test.each([
    // upstream, lag, needed by, committed, status, expected flags
    ['forecast after the committed date', late, 5, null, '2026-02-10', 'Committed', ['commitment-at-risk:high']],
    ['forecast on the committed date', late, 5, null, '2026-02-20', 'Committed', []],
    [
      'need not met, and the link pushes past Due by > 14 days',
      late,
      5,
      '2026-02-15',
      '2026-02-25',
      'Committed',
      ['need-not-met:high'],
    ],
    ['need not met, small push', slightly, 0, '2026-02-01', '2026-02-05', 'Committed', ['need-not-met:warn']],
    ['needed, never committed', slightly, 0, '2026-03-01', null, 'Requested', ['uncommitted-dependency:warn']],
    ['needed, no status, no date', slightly, 0, '2026-03-01', null, null, ['uncommitted-dependency:warn']],
    ['committed without a date', slightly, 0, '2026-03-01', null, 'Committed', []],
    ['declined', slightly, 0, null, null, 'Declined', ['declined-dependency:high']],
  ] as [string, CellValue[], number, string | null, string | null, string | null, string[]][])(
    '%s',
    (_name, upstream, lag, needed, committed, status, expected) => {
      const { link } = run(workbookOf([upstream, D], [['U', 'D', lag, needed, committed, status]]));
      expect(codes(link('U', 'D'))).toEqual([...expected].sort());
    },
  );

  test('messages carry both dates', () => {
    const { link } = run(workbookOf([late, D], [['U', 'D', 5, '2026-02-15', '2026-02-10', 'Committed']]));
    const text = link('U', 'D')
      .flags.map((f) => f.message)
      .join('\n');
    expect(text).toContain(
      'U → D: U is forecast to finish 2026-02-20, 10 days after the 2026-02-10 its team committed to.',
    );
    expect(text).toContain('2026-02-15');
    expect(text).toContain('pushes D 24 days past its Due 2026-03-03');
  });

  test('link flags reach the upstream item, whose owner is the one to chase', () => {
    const { item } = run(workbookOf([late, D], [['U', 'D', 5, null, '2026-02-10', 'Committed']]));
    expect(item('U').flags.map((f) => f.code)).toContain('commitment-at-risk');
    expect(item('D').flags.map((f) => f.code)).not.toContain('commitment-at-risk');
  });

  test('the upstream’s Flags (auto) cell names the downstreams waiting on it, once per code', () => {
    const { result } = run(
      workbookOf(
        [late, D, ini('E', '2026-02-01', '2026-03-03', null, 0)],
        [
          ['U', 'D', 5, null, '2026-02-10', 'Committed'],
          ['U', 'E', 5, null, '2026-02-10', 'Committed'],
        ],
      ),
    );
    const initiatives = result.plan!.tables.find((t) => t.sheet === 'Initiatives')!;
    const flags = initiatives.columns.find((c) => c.header === 'Flags (auto)')!;
    expect(flags.values[0]).toBe('commitment-at-risk (D, E)');
  });

  test('a complete upstream keeps its promise: no flags', () => {
    const done = ini('U', '2026-01-01', '2026-02-01', '2026-02-20', 1);
    const { link } = run(workbookOf([done, D], [['U', 'D', 0, '2026-01-15', '2026-01-10', 'Delivered']]));
    expect(link('U', 'D').flags).toEqual([]);
  });

  test('every field of SPEC §6 is present, null where it does not apply', () => {
    const { link } = run(workbookOf([slightly, D], [['U', 'D', 0]]));
    expect(link('U', 'D')).toEqual({
      upstream: 'U',
      downstream: 'D',
      sheet: 'Dependencies',
      row: 2,
      lagDays: 0,
      health: 'Amber',
      slackDays: -4,
      pushDays: 4,
      latestFinish: '2026-02-01',
      upstreamForecast: '2026-02-05',
      neededBy: null,
      committed: null,
      status: null,
      flags: [],
      valueExposed: 1_000_000,
    });
  });

  test('headers are matched loosely, aliases included', () => {
    const tables = [
      table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows: [O1] }),
      table({ name: 'Initiatives', headers: INITIATIVE_HEADERS, rows: [late, D] }),
      table({
        name: 'Links',
        headers: ['From', 'To', 'Lag', 'need_date', 'PROMISED', 'Agreement'],
        rows: [['U', 'D', 5, '2026-02-15', '2026-02-10', 'committed']],
      }),
    ];
    const { link } = run(snapshot(tables));
    expect(link('U', 'D')).toMatchObject({ neededBy: '2026-02-15', committed: '2026-02-10', status: 'Committed' });
  });
});

describe('bad commitment input', () => {
  const errorsOf = (deps: CellValue[][]) =>
    run(workbookOf([ini('U', '2026-01-01', '2026-02-01', null, 0.5), D], deps)).result.report.errors;

  test('a Needed By or Committed that is not a date is a data error at its cell', () => {
    const errors = errorsOf([
      ['U', 'D', 0, 'soon', null, null],
      ['U', 'D', 0, null, 'next week', null],
    ]);
    expect(errors.map((e) => [e.cell, e.code])).toEqual([
      ['D2', 'invalid-date'],
      ['E3', 'invalid-date'],
    ]);
    expect(errors[0].message).toContain('Needed By');
  });

  test('an unknown Status word is a data error naming the words allowed', () => {
    const [e] = errorsOf([['U', 'D', 0, null, null, 'Maybe']]);
    expect(e).toMatchObject({ sheet: 'Dependencies', cell: 'F2', code: 'invalid-status' });
    expect(e.message).toContain('Requested, Committed, Declined or Delivered');
  });

  test('a link from an item to itself is an error, and the row is skipped', () => {
    const { result } = run(workbookOf([ini('U', '2026-01-01', '2026-02-01', null, 0.5), D], [['U', 'U', 0]]));
    expect(result.report.errors.map((e) => [e.cell, e.code])).toEqual([['B2', 'self-dependency']]);
    expect(result.report.dependencies).toEqual([]);
  });

  test('Delivered while the upstream is not complete is a data warning; the link is still computed', () => {
    const { result, link } = run(
      workbookOf(
        [ini('U', '2026-01-01', '2026-02-01', '2026-02-05', 0.5), D],
        [['U', 'D', 0, null, null, 'Delivered']],
      ),
    );
    expect(result.report.errors).toEqual([
      expect.objectContaining({ sheet: 'Dependencies', cell: 'F2', code: 'delivered-not-complete' }),
    ]);
    expect(link('U', 'D').pushDays).toBe(4);
  });
});

describe('write-back plan and Risks sheet', () => {
  const wb = () =>
    workbookOf(
      [ini('U', '2026-01-01', '2026-02-01', '2026-02-20', 0.5), D],
      [['U', 'D', 5, '2026-02-15', '2026-02-10', 'Committed']],
    );

  test('the Dependencies table gets its seven owned columns, right of its data', () => {
    const plan = run(wb()).result.plan!;
    const deps = plan.tables.find((t) => t.sheet === 'Dependencies')!;
    expect(deps.columns.map((c) => [c.header, c.column, c.values[0]])).toEqual([
      ['Health (auto)', 7, 'Red'],
      ['Slack (auto)', 8, -24],
      ['Push (auto)', 9, 24],
      ['Latest finish (auto)', 10, { day: day('2026-01-27') }],
      ['Upstream forecast (auto)', 11, { day: day('2026-02-20') }],
      ['Flags (auto)', 12, 'commitment-at-risk; need-not-met'],
      ['Impact (auto)', 13, 'O1 · EMEA · 1,000,000 exposed'],
    ]);
    expect(deps.columns[0].styles).toEqual(['bad']);
    expect(deps.columns[5].styles).toEqual(['bad']);
    expect(deps.columns.map((c) => c.numFmt)).toEqual([null, '0', '0', 'yyyy-mm-dd', 'yyyy-mm-dd', null, null]);
  });

  test('the Risks sheet has one row per link at risk, going to its row', () => {
    const plan = run(wb()).result.plan!;
    const rows = plan.risks.rows.map((r, i) => ({ r, link: plan.risks.links[i] }));
    const linkRows = rows.filter(({ r }) => r[1] === 'U → D');
    expect(linkRows).toHaveLength(1);
    const [{ r, link }] = linkRows;
    expect(r.slice(0, 6)).toEqual([
      'high',
      'U → D',
      'U work → D work',
      'Dependency',
      'Red',
      'commitment-at-risk, need-not-met',
    ]);
    expect(String(r[6])).toContain('slack -24 days, latest finish 2026-01-27, U forecast 2026-02-20, pushes D 24 days');
    expect(link!.target).toEqual({ sheet: 'Dependencies', cell: 'A2' });
    // The upstream item does not repeat the link's flags as rows of its own.
    expect(rows.filter(({ r }) => r[1] === 'U' && r[5] === 'commitment-at-risk')).toEqual([]);
  });

  test('refresh is repeatable: the same plan twice', () => {
    expect(JSON.stringify(run(wb()).result.plan)).toBe(JSON.stringify(run(wb()).result.plan));
  });
});
