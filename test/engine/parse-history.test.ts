// Check-ins' values are read while the History table is read when every History table follows the item
// tables, and after every table otherwise (parse/rows.ts): both paths give the values the parsers give,
// and report the value errors after every other table's, in check-in order.
import { locateTables } from '../../src/engine/recognise/locate';
import { parseRows } from '../../src/engine/parse/rows';
import { parseNumber, parsePercent } from '../../src/engine/parse/values';
import type { CellValue, RawTable } from '../../src/engine/types';
import { INITIATIVE_HEADERS, KPI_HEADERS, OBJECTIVE_HEADERS, snapshot, table } from '../support/snapshot';

const objectives = table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows: [['O1', 'Grow', null, 'Ana', 1]] });
const kpis = table({
  name: 'KPIs',
  headers: KPI_HEADERS,
  rows: [
    ['K1', 'Revenue', 'O1', 'Increase', 0, 100, 50],
    ['K2', 'Bad row', 'O1', 'Increase', null, 'lots', 50], // skipped: its check-ins are not dangling
  ],
});
const initiatives = table({
  name: 'Initiatives',
  headers: INITIATIVE_HEADERS,
  rows: [['I1', 'Build', 'O1', 46000, 46100, null, 0.5]],
});
const dependencies = table({
  name: 'Dependencies',
  headers: ['Upstream', 'Downstream', 'Lag'],
  rows: [['K1', 'I1', 'x']],
});
// Value cells: every kind the fast path takes or leaves to the parsers.
const checkIns: CellValue[][] = [
  ['K1', 46010, 12.5],
  ['I1', 46010, 0.4],
  ['I1', 46017, 40],
  ['I1', 46024, 1],
  ['I1', 46031, -0.2], // negative fraction: an error
  ['K1', 46017, -3], // a KPI may be negative
  ['K1', 46024, '1,250'],
  ['I1', 46038, '45%'],
  ['K1', 46031, 'n/a'], // not a number: an error
  ['K1', 46038, null],
  ['I1', 46045, { error: '#N/A' }],
  ['K2', 46010, 5], // skipped item: dropped, no error
  ['K9', 46010, 5], // unknown item: dangling
  ['K1', 'soon', 5], // bad date: reported in the first pass
  ['I1', 46052, 0],
  ['K1', 46045, Number.POSITIVE_INFINITY],
];
const history = (rows: CellValue[][], name = 'History') =>
  table({ name, headers: ['ID', 'Date', 'Value', 'Status'], rows });

function parse(tables: RawTable[]) {
  const wb = snapshot(tables);
  return parseRows(locateTables(wb), false);
}

/** What the parsers make of a check-in's value: the reference the fast path must match. */
function expected(id: string, raw: CellValue): number | null | 'error' {
  const parsed = id.startsWith('K') ? parseNumber(raw) : parsePercent(raw);
  return parsed.ok ? parsed.value : 'error';
}

describe('check-in values, read with the History table or after every table', () => {
  const layouts: [string, RawTable[]][] = [
    ['History last', [objectives, kpis, initiatives, dependencies, history(checkIns)]],
    ['History first', [history(checkIns), objectives, kpis, initiatives, dependencies]],
    ['History between', [objectives, kpis, history(checkIns), initiatives, dependencies]],
    [
      'two History tables, one before the items',
      [
        history(checkIns.slice(0, 8), 'History A'),
        objectives,
        kpis,
        initiatives,
        history(checkIns.slice(8), 'History B'),
        dependencies,
      ],
    ],
    [
      'two History tables after the items',
      [
        objectives,
        kpis,
        initiatives,
        history(checkIns.slice(0, 8), 'History A'),
        dependencies,
        history(checkIns.slice(8), 'History B'),
      ],
    ],
  ];

  test.each(layouts)('%s: the values the parsers give, the same errors', (_name, tables) => {
    const out = parse(tables);
    // A skipped item's check-ins are kept unvalued (linking drops them); an unknown item's are not.
    const kept = checkIns.filter(
      (r) => r[0] !== 'K9' && typeof r[1] === 'number' && (r[0] === 'K2' || expected(String(r[0]), r[2]) !== 'error'),
    );
    expect(out.history.map((h) => [h.id, h.value])).toEqual(
      kept.map((r) => [r[0], r[0] === 'K2' ? null : expected(String(r[0]), r[2])]),
    );
    expect(out.history.map((h) => h.value)).toEqual([12.5, 0.4, 0.4, 1, -3, 1250, 0.45, null, null, 0]);
    const codes = out.errors.map((e) => `${e.sheet}!${e.cell} ${e.code}`);
    // The value errors come last, in check-in order, whatever table comes after the History table.
    const sheetOf = (i: number) =>
      tables.some((t) => t.name === 'History A') ? (i < 8 ? 'History A' : 'History B') : 'History';
    const rowOf = (i: number) => (tables.some((t) => t.name === 'History A') ? (i < 8 ? i : i - 8) : i) + 2;
    const valueErrors = [4, 8, 10, 12, 15].map((i) => {
      const code =
        i === 12 ? 'dangling-reference' : i === 10 ? 'excel-error' : i === 4 ? 'invalid-percent' : 'invalid-number';
      return `${sheetOf(i)}!${i === 12 ? 'A' : 'C'}${rowOf(i)} ${code}`;
    });
    expect(codes.slice(-valueErrors.length)).toEqual(valueErrors);
    // Before them: the bad KPI, the bad lag and the check-in's bad date, in table order.
    expect(codes.slice(0, -valueErrors.length).sort()).toEqual(
      ['KPIs!F3 invalid-number', 'Dependencies!C2 invalid-number', `${sheetOf(13)}!B${rowOf(13)} invalid-date`].sort(),
    );
  });
});
