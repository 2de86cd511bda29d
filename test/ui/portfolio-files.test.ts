// The browser's side of a portfolio without a browser: which opened files make a portfolio under which
// keys, a read-only member that nothing can block, team keys, and the .zip the page downloads.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { refresh } from '../../src/engine';
import { openPicked, isMemberFile, type PickedFile } from '../../src/apps/pane/teams/files';
import { fileMember } from '../../src/apps/pane/teams/member';
import { pageSetup } from '../../src/apps/pane/teams/page-setup';
import { checkKey, defaultSelfKey, keysForPicked } from '../../src/apps/pane/teams/team-keys';
import { bundleFiles, refreshedName, PORTFOLIO_REPORT, PORTFOLIO_WORKBOOK } from '../../src/apps/pane/teams/bundle';
import { PanePortfolioPort } from '../../src/apps/pane/teams/pane-port';
import { portfolioViews } from '../../src/portfolio/views';
import { portfolioSheets, PORTFOLIO_SHEETS } from '../../src/portfolio/sheets';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { buildOwnedSheetsWorkbook, buildWorkbook } from '../../src/io/xlsx/build';
import { day } from '../support/snapshot';
import { editCells } from '../support/edit-cells';
import { bytesOf, smallWorkbook } from '../support/workbooks';

const EXAMPLE = path.join(__dirname, '../../examples/portfolio');
const ALL = ['hub.xlsx', 'proc.xlsx', 'it.xlsx', 'emea.xlsx', 'amer.xlsx', 'apac.xlsx'];
const picked = (name: string, at = name): PickedFile => ({
  name,
  path: at,
  bytes: new Uint8Array(readFileSync(path.join(EXAMPLE, name))),
  modified: null,
});

describe('which opened workbooks make a portfolio', () => {
  test('one plain workbook is no portfolio: the page works on it as before', () => {
    const setup = pageSetup([openPicked(picked('proc.xlsx'))]);
    expect(setup.portfolio).toBe(false);
    expect(setup.members.map((m) => m.info)).toEqual([{ key: 'PROC', label: 'proc.xlsx' }]);
  });

  test('a plain workbook with its own sheet called Portfolio (a product list) is no hub: no portfolio', async () => {
    const wb = smallWorkbook();
    const ws = wb.addWorksheet('Portfolio');
    ws.addRow(['Product', 'Segment', 'ARR']);
    ws.addRow(['Billing Cloud', 'Mid-market', 1_200_000]);
    const opened = openPicked({ name: 'plan.xlsx', path: 'plan.xlsx', bytes: await bytesOf(wb), modified: null });
    expect(opened.manifest).toBeNull();
    expect(pageSetup([opened]).portfolio).toBe(false);
  });

  test('the hub alone is a portfolio that asks for the five workbooks its Portfolio table lists', () => {
    const setup = pageSetup([openPicked(picked('hub.xlsx'))]);
    expect(setup.portfolio).toBe(true);
    expect(setup.hub).toBe('HUB');
    expect(setup.missing).toEqual([
      { key: 'PROC', file: 'proc.xlsx' },
      { key: 'IT', file: 'it.xlsx' },
      { key: 'EMEA', file: 'emea.xlsx' },
      { key: 'AMER', file: 'amer.xlsx' },
      { key: 'APAC', file: 'apac.xlsx' },
    ]);
    expect(setup.members.map((m) => [m.info.key, m.opened === null])).toEqual([
      ['HUB', false],
      ['PROC', true],
      ['IT', true],
      ['EMEA', true],
      ['AMER', true],
      ['APAC', true],
    ]);
  });

  test('six files opened in any order: the hub’s keys, matched by file name, and nothing missing', () => {
    const setup = pageSetup([...ALL].reverse().map((n) => openPicked(picked(n, `portfolio/${n}`))));
    expect(setup.problems).toEqual([]);
    expect(setup.missing).toEqual([]);
    expect(setup.members.map((m) => `${m.info.key} ${m.info.label}`)).toEqual([
      'HUB hub.xlsx',
      'PROC proc.xlsx',
      'IT it.xlsx',
      'EMEA emea.xlsx',
      'AMER amer.xlsx',
      'APAC apac.xlsx',
    ]);
  });

  test('without a hub, keys come from file names; a file that is not a workbook is a member that cannot be read, with its reason', () => {
    const junk: PickedFile = {
      name: 'notes.xlsx',
      path: 'notes.xlsx',
      bytes: new TextEncoder().encode('hello'),
      modified: null,
    };
    const setup = pageSetup([openPicked(picked('proc.xlsx')), openPicked(picked('it.xlsx')), openPicked(junk)]);
    expect(setup.hub).toBeNull();
    expect(setup.members.map((m) => m.info.key)).toEqual(['PROC', 'IT', 'NOTES']);
    expect(setup.members[2].opened!.problem).toMatch(/Cannot open notes\.xlsx: it is not an \.xlsx workbook/);
  });

  test('two hubs are refused, naming both', () => {
    const setup = pageSetup([
      openPicked(picked('hub.xlsx', 'a/hub.xlsx')),
      openPicked(picked('hub.xlsx', 'b/hub.xlsx')),
    ]);
    expect(setup.problems[0]).toBe(
      'more than one workbook holds a Portfolio table (a/hub.xlsx, b/hub.xlsx); open one hub with its members',
    );
  });

  test('two files of one name are told apart by their paths', () => {
    const setup = pageSetup([
      openPicked(picked('proc.xlsx', 'east/proc.xlsx')),
      openPicked(picked('proc.xlsx', 'west/proc.xlsx')),
    ]);
    expect(setup.members.map((m) => m.info)).toEqual([
      { key: 'PROC', label: 'east/proc.xlsx' },
      { key: 'PROC2', label: 'west/proc.xlsx' },
    ]);
  });

  test("Throughline's own portfolio.xlsx opened with the teams' workbooks is left out; opened alone it is what was asked for", async () => {
    const members = ALL.map((n) => openPicked(picked(n)));
    const first = pageSetup(members);
    const port = new PanePortfolioPort(
      first.members.map((m) => fileMember(m.info, m.opened, { writable: false })),
      { hub: first.hub },
    );
    const result = refresh(await port.read(), { today: day('2026-06-30') });
    const output = buildOwnedSheetsWorkbook(
      portfolioSheets(portfolioViews(result, port.merge!), (key) => key),
      { creator: 'Throughline' },
    );
    const own = openPicked({ name: 'portfolio.xlsx', path: 'portfolio/portfolio.xlsx', bytes: output, modified: null });
    const setup = pageSetup([...members, own]);
    expect(setup.leftOut).toEqual([own]);
    expect(setup.members.map((m) => m.info.label)).not.toContain('portfolio.xlsx');
    expect(setup.members).toHaveLength(first.members.length);
    expect(pageSetup([own]).leftOut).toEqual([]);
  });

  test('a workbook the Portfolio table lists twice is said once and read once', async () => {
    const hub = picked('hub.xlsx');
    // Row 3 lists IT; make it a second name for proc.xlsx.
    const { data, edited } = await editCells(hub.bytes, 'Portfolio', (row, n) =>
      n === 3 && row[1] === 'IT' ? { 1: 'PROC2', 2: './proc.xlsx' } : undefined,
    );
    expect(edited).toBe(2);
    const setup = pageSetup([openPicked({ ...hub, bytes: data }), ...ALL.slice(1).map((n) => openPicked(picked(n)))]);
    expect(setup.problems).toEqual(['hub.xlsx: proc.xlsx is listed twice in the Portfolio table (rows 2 and 3)']);
    expect(setup.members.filter((m) => m.opened?.file.name === 'proc.xlsx')).toHaveLength(1);
    expect(setup.missing).toEqual([]);
  });

  test('in a folder, lock files and earlier refreshed copies are not members', () => {
    expect(isMemberFile('proc.xlsx', true)).toBe(true);
    expect(isMemberFile('macros.XLSM', true)).toBe(true);
    expect(isMemberFile('proc.refreshed.xlsx', true)).toBe(false);
    expect(isMemberFile('~$proc.xlsx', true)).toBe(false);
    expect(isMemberFile('notes.txt', true)).toBe(false);
    expect(isMemberFile('proc.refreshed.xlsx', false)).toBe(true);
  });
});

test('a read-only member never stops a refresh: its protected sheets and the cells beside its tables are ignored', async () => {
  const bytes = buildWorkbook([
    {
      sheet: 'Initiatives',
      table: 'Initiatives',
      headers: ['ID', 'Name', 'Due'],
      rows: [['INI-1', 'A', '2026-07-01']],
    },
  ]);
  const workbook = XlsxWorkbook.open(bytes, 'team.xlsx');
  const real = await workbook.read();
  const stub = {
    read: async () => ({
      ...real,
      protectedSheets: ['Initiatives'],
      tables: real.tables.map((t) => ({ ...t, occupiedRight: [{ row: 1, column: 4, text: 'mine' }] })),
    }),
    apply: async () => {
      throw new Error('never called');
    },
  };
  const member = fileMember({ key: 'T', label: 'team.xlsx' }, { workbook: stub, problem: null }, { writable: false });
  expect(member.apply).toBeNull();
  const snapshot = await member.read();
  expect(snapshot.protectedSheets).toEqual([]);
  expect(snapshot.tables[0].occupiedRight).toEqual([]);
  await expect(member.select!({ sheet: 'Initiatives', cell: 'A2' })).rejects.toThrow(
    'that row is in team.xlsx, which Throughline reads from the file picked but Excel does not have open here (Initiatives!A2)',
  );
  const missing = fileMember({ key: 'M', label: 'm.xlsx' }, null, {
    writable: false,
    missing: 'not picked in this session',
  });
  await expect(missing.read()).rejects.toThrow('not picked in this session');
});

describe('team keys in Excel', () => {
  const manifest = [
    { key: 'PROC', path: 'teams\\proc.xlsx', owner: null, row: 2 },
    { key: 'IT', path: 'it.xlsx', owner: null, row: 3 },
  ];
  test.each([
    ['proc', [], { key: 'PROC' }],
    [' emea-2 ', ['PROC'], { key: 'EMEA-2' }],
    ['proc', ['PROC'], { problem: "PROC is another workbook's key already." }],
    ['pur chase', [], { problem: 'Only letters, digits, "-" and "_".' }],
    ['', [], { problem: 'A team key is needed: letters, digits, "-" or "_".' }],
  ])('"%s" beside %j', (raw, others, expected) => {
    expect(checkKey(raw, others)).toEqual(expected);
  });

  test('the open workbook: the hub’s word for it, else its file name, else THIS', () => {
    expect(defaultSelfKey('It.xlsx', [manifest])).toBe('IT');
    expect(defaultSelfKey('Budget 2026.xlsx', [manifest])).toBe('BUDGET-2026');
    expect(defaultSelfKey(null, [manifest])).toBe('THIS');
  });

  test('picked files: kept keys first, then the hub’s, then the file name, never one taken', () => {
    expect(
      keysForPicked(
        ['proc.xlsx', 'emea.xlsx', 'x.xlsx', 'it.xlsx'],
        [{ name: 'EMEA.xlsx', key: 'EU' }],
        [manifest],
        new Set(['IT']),
      ),
    ).toEqual(['PROC', 'EU', 'X', 'IT2']);
  });
});

test('the page’s .zip: each refreshed member under its own name, the portfolio workbook with its three sheets, and the report', async () => {
  const setup = pageSetup(ALL.map((n) => openPicked(picked(n))));
  const port = new PanePortfolioPort(
    setup.members.map((m) => fileMember(m.info, m.opened, { writable: true })),
    { hub: setup.hub },
  );
  const result = refresh(await port.read(), { today: day('2026-06-30') });
  const views = portfolioViews(result, port.merge!);
  port.setExtraSheets(
    new Map([
      [
        setup.hub!,
        portfolioSheets(views, (key) => refreshedName(setup.members.find((m) => m.info.key === key)!.info.label)),
      ],
    ]),
  );
  await port.apply(result.plan!);
  const files = await bundleFiles(
    {
      members: setup.members.map((m) => ({ info: m.info, workbook: m.opened!.workbook })),
      result,
      views,
      generated: '2026-06-30',
    },
    (_r, v, source) => `<p>${source}: ${v.teams.length} teams</p>`,
  );
  const zip = unzipSync(zipSync(files));
  expect(Object.keys(zip).sort()).toEqual(
    [
      'amer.refreshed.xlsx',
      'apac.refreshed.xlsx',
      'emea.refreshed.xlsx',
      'hub.refreshed.xlsx',
      'it.refreshed.xlsx',
      'proc.refreshed.xlsx',
      PORTFOLIO_REPORT,
      PORTFOLIO_WORKBOOK,
    ].sort(),
  );
  expect(new TextDecoder().decode(zip[PORTFOLIO_REPORT])).toBe('<p>6 workbooks: 6 teams</p>');
  const it = await XlsxWorkbook.open(zip['it.refreshed.xlsx'], 'it').read();
  expect(it.sheetNames).toContain('Risks');
  const portfolio = XlsxWorkbook.open(zip[PORTFOLIO_WORKBOOK], 'portfolio');
  expect(portfolio.model.sheets.map((s) => s.entry.name)).toEqual([
    PORTFOLIO_SHEETS.risks,
    PORTFOLIO_SHEETS.teams,
    PORTFOLIO_SHEETS.pushes,
  ]);
  // The hub carries the same sheets, linking to the refreshed copies beside it.
  const hub = XlsxWorkbook.open(zip['hub.refreshed.xlsx'], 'hub');
  expect(hub.model.sheets.map((s) => s.entry.name)).toEqual(
    expect.arrayContaining([PORTFOLIO_SHEETS.risks, PORTFOLIO_SHEETS.teams]),
  );
  // A member that could not be read is left out of the .zip.
  const unread = {
    ...views,
    teams: views.teams.map((t) => (t.info.key === 'APAC' ? { ...t, unavailable: 'corrupt' } : t)),
  };
  const fewer = await bundleFiles(
    {
      members: setup.members.map((m) => ({ info: m.info, workbook: m.opened!.workbook })),
      result,
      views: unread,
      generated: '2026-06-30',
    },
    () => '',
  );
  expect(Object.keys(fewer)).not.toContain('apac.refreshed.xlsx');
});
