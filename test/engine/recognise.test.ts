// SPEC §1: tables by name and alias, plain ranges by sheet name, headers matched loosely.
import { locateTables, locateRange } from '../../src/engine/recognise/locate';
import { matchColumns, matchTableName, normaliseName } from '../../src/engine/recognise/names';
import { snapshot, table } from '../support/snapshot';

describe('names', () => {
  test.each([
    ['KPIs', 'kpi'],
    ['Key_Results', 'keyresult'],
    ['key results', 'keyresult'],
    ['Check-ins', 'checkin'],
    ['% Complete', '%complete'],
    ['  Last   Updated ', 'lastupdated'],
  ])('normalises %p to %p', (name, expected) => expect(normaliseName(name)).toBe(expected));

  test.each([
    ['Objectives', 'objectives', true],
    ['goals', 'objectives', true],
    ['STRATEGY', 'objectives', true],
    ['Key_Results', 'kpis', true],
    ['Measures', 'kpis', true],
    ['Workstreams', 'initiatives', true],
    ['Milestone', 'initiatives', true],
    ['Depends', 'dependencies', true],
    ['KPI_History', 'history', true],
    ['Checkins', 'history', true],
    ['Config', 'settings', true],
    ['KPIs_EMEA', 'kpis', false],
    ['Initiatives 2026', 'initiatives', false],
    ['Projects2', 'initiatives', false],
  ])('%p is a %s table (exact: %p)', (name, kind, exact) => expect(matchTableName(name)).toEqual({ kind, exact }));

  test.each(['Sheet1', 'Table1', 'Summary', 'Risks', 'About'])('%p is not an input table', (name) =>
    expect(matchTableName(name)).toBeNull(),
  );

  test('headers match by title before alias, case and spacing aside', () => {
    const m = matchColumns('kpis', [
      'kpi id',
      'METRIC',
      'Objective_ID',
      'target',
      'Last-Updated',
      'RAG',
      'Health (auto)',
    ]);
    expect(Object.fromEntries(m.fields)).toEqual({ id: 0, name: 1, objective: 2, target: 3, updated: 4, status: 5 });
    expect(m.owned.get('health')).toBe(6);
    expect(m.missing).toEqual([]);
  });

  test('in an Initiatives table "Complete" is % Complete and "Finish" is Due', () => {
    const m = matchColumns('initiatives', ['ID', 'Name', 'Supports', 'Finish', 'Complete', 'ETA']);
    expect(Object.fromEntries(m.fields)).toEqual({ id: 0, name: 1, supports: 2, due: 3, complete: 4, forecast: 5 });
  });
});

describe('locating tables', () => {
  test('a plain range with a title above its header on row 3', () => {
    const t = locateRange(
      {
        sheet: 'Dependencies',
        originRow: 1,
        originColumn: 1,
        values: [
          ['Who waits on whom'],
          [],
          ['From', 'To', 'Lag', 'Note'],
          ['A', 'B', 2, null],
          ['B', 'C', null, 'x'],
          [],
          ['notes below the table are not data'],
        ],
      },
      'dependencies',
    )!;
    expect(t.headerRow).toBe(3);
    expect(t.rows).toHaveLength(2);
    expect(t.match.missing).toEqual([]);
    expect(t.occupiedRight).toEqual([]);
  });

  test('a range reports what sits to its right as occupied', () => {
    const t = locateRange(
      {
        sheet: 'KPIs',
        originRow: 2,
        originColumn: 2,
        values: [
          ['ID', 'Name', null, 'note'],
          ['K1', 'x'],
        ],
      },
      'kpis',
    )!;
    expect(t.firstColumn).toBe(2);
    expect(t.headers).toEqual(['ID', 'Name']);
    expect(t.occupiedRight).toEqual([{ row: 2, column: 5 }]);
  });

  test('a table called Table1 alone on a sheet called KPIs is the KPIs table', () => {
    const found = locateTables(snapshot([table({ name: 'Table1', sheet: 'KPIs', headers: ['ID'], rows: [] })]));
    expect(found.map((t) => [t.kind, t.tableName])).toEqual([['kpis', 'Table1']]);
  });

  test('a formal table wins over its sheet: the sheet is not read again as a range', () => {
    const found = locateTables(
      snapshot(
        [table({ name: 'Goals', sheet: 'Objectives', headers: ['ID', 'Name'], rows: [] })],
        [{ sheet: 'Objectives', originRow: 1, originColumn: 1, values: [['ID', 'Name']] }],
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0].tableName).toBe('Goals');
  });
});

test.each([
  ['A1', { row: 1, column: 1 }],
  ['$AB$12', { row: 12, column: 28 }],
  ['xfd1048576', { row: 1048576, column: 16384 }],
  ['B', null],
  ['1A', null],
])('parseA1(%p)', (address, expected) => {
  const { parseA1, a1 } = jest.requireActual('../../src/engine/recognise/locate');
  expect(parseA1(address)).toEqual(expected);
  if (expected) expect(parseA1(a1(expected.row, expected.column))).toEqual(expected);
});
