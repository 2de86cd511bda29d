// Cross-team dependencies in a portfolio: the hub's Portfolio Dependencies sheet lists them with the
// same columns as the members' Dependencies rows, and the team matrix counts the links at risk.
import { refresh } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { mergeMembers, type MemberRead } from '../../src/portfolio/merge';
import { portfolioViews } from '../../src/portfolio/views';
import { PORTFOLIO_SHEETS, portfolioSheets } from '../../src/portfolio/sheets';
import { INITIATIVE_HEADERS, OBJECTIVE_HEADERS, day, snapshot, table } from '../support/snapshot';
import { serialFromDay } from '../../src/engine/parse/values';

const today = day('2026-06-30');
const member = (key: string, snap: WorkbookSnapshot): MemberRead => ({
  info: { key, label: `${key.toLowerCase()}.xlsx` },
  snapshot: snap,
});
const ini = (id: string, start: string, due: string, forecast: string | null, complete: number): CellValue[] => [
  id,
  `Initiative ${id}`,
  'HUB:OBJ-1',
  start,
  due,
  forecast,
  complete,
  'Green',
  '2026-06-20',
  1,
];

function portfolio(date1904 = false) {
  const hub = member(
    'HUB',
    snapshot([
      table({
        name: 'Objectives',
        headers: OBJECTIVE_HEADERS,
        rows: [['OBJ-1', 'Grow', null, 'CEO', 1, 1_000_000, 'Subscriptions']],
      }),
    ]),
  );
  // PROC:INI-1 is forecast 07-20; IT:INI-3 (Start 07-01, Due 08-30, 0 % done: 60 days) has latest finish
  // 08-30 − 60 − 0 = 07-01: slack −19, pushed 19 days (> 14: Red). PROC committed 07-10: commitment-at-risk.
  const proc = member(
    'PROC',
    snapshot([
      table({
        name: 'Initiatives',
        headers: INITIATIVE_HEADERS,
        rows: [ini('INI-1', '2026-01-01', '2026-06-15', '2026-07-20', 0.8)],
      }),
    ]),
  );
  const committed = date1904 ? serialFromDay(day('2026-07-10'), true) : '2026-07-10';
  const it = member('IT', {
    ...snapshot([
      table({
        name: 'Initiatives',
        headers: INITIATIVE_HEADERS,
        rows: [ini('INI-3', '2026-07-01', '2026-08-30', null, 0)],
      }),
      table({
        name: 'Dependencies',
        headers: ['Upstream', 'Downstream', 'Lag', 'Needed By', 'Committed', 'Status'],
        rows: [['PROC:INI-1', 'INI-3', 0, null, committed, 'Committed']],
      }),
    ]),
    date1904,
  });
  const merged = mergeMembers([hub, proc, it]);
  const result = refresh(merged.snapshot, { today });
  return { merged, result, views: portfolioViews(result, merged) };
}

test('the cross-team link carries its figures and its row in the member', () => {
  const { views } = portfolio();
  expect(views.links).toHaveLength(1);
  expect(views.links[0]).toMatchObject({
    fromTeam: 'PROC',
    toTeam: 'IT',
    team: 'IT',
    sheet: 'Dependencies',
    cell: 'A2',
    link: {
      upstream: 'PROC:INI-1',
      downstream: 'IT:INI-3',
      health: 'Red',
      slackDays: -19,
      pushDays: 19,
      latestFinish: '2026-07-01',
      upstreamForecast: '2026-07-20',
      committed: '2026-07-10',
      status: 'Committed',
    },
  });
  expect(views.pushes).toEqual([expect.objectContaining({ from: 'PROC', to: 'IT', atRisk: 1, maxDays: 19 })]);
});

test('a 1904 member’s Committed date is read in its own date system', () => {
  expect(portfolio(true).views.links[0].link.committed).toBe('2026-07-10');
});

test('the Portfolio Dependencies sheet: the matrix counts links at risk, and each cross-team link has the same columns', () => {
  const { views } = portfolio();
  const sheet = portfolioSheets(views, (key) => `${key.toLowerCase()}.xlsx`).find(
    (s) => s.sheetName === PORTFOLIO_SHEETS.pushes,
  )!;
  const procRow = sheet.rows.find((r) => r[0] === 'PROC')!;
  const itColumn = sheet.headers.indexOf('IT');
  expect(procRow[itColumn]).toBe('1 pushed, up to 19 d, 1 link at risk, 1,000,000 exposed');
  const header = sheet.rows.findIndex((r) => r[0] === 'Health (auto)');
  expect(sheet.rows[header]).toEqual([
    'Health (auto)',
    'Upstream',
    'Downstream',
    'Upstream team',
    'Downstream team',
    'Slack (auto)',
    'Push (auto)',
    'Latest finish (auto)',
    'Upstream forecast (auto)',
    'Needed By',
    'Committed',
    'Status',
    'Flags (auto)',
    'Impact (auto)',
    'Go to',
  ]);
  expect(sheet.rows[header + 1]).toEqual([
    'Red',
    'PROC:INI-1',
    'IT:INI-3',
    'PROC',
    'IT',
    -19,
    19,
    { day: day('2026-07-01') },
    { day: day('2026-07-20') },
    null,
    { day: day('2026-07-10') },
    'Committed',
    'commitment-at-risk',
    'HUB:OBJ-1 · Subscriptions · 1,000,000 exposed',
    '[it.xlsx]Dependencies!A2',
  ]);
  expect(sheet.links[header + 1]).toEqual({
    column: 14,
    target: { file: 'it.xlsx', target: { sheet: 'Dependencies', cell: 'A2' } },
  });
  expect(sheet.styles[header + 1]).toBe('bad');
});
