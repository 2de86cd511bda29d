// shareCells makes a member's cell texts and dates the portfolio's one copy each. Which copy a string is
// cannot be seen from JavaScript (the bench measures the heap it saves, docs/benchmarks.md), which Date
// object can; what must hold is that no value changes, whatever the grid.
import fc from 'fast-check';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { cellPool, shareCells } from '../../src/portfolio/intern';

const cell = fc.oneof(
  fc.constantFrom<CellValue>('Green', 'Amber', 'Red', 'Owner 1', 'OBJ-1', '', null, true, 0, 0.5),
  fc.string({ maxLength: 80 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date().map((d) => new Date(d.getTime())),
  fc.constantFrom(0, 86_400_000, NaN).map((t) => new Date(t)),
);
const grid = fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 });

function snapshotOf(tables: CellValue[][][], sheet: CellValue[][], ledger: CellValue[][] | null): WorkbookSnapshot {
  return {
    date1904: false,
    sheetNames: ['S'],
    tables: tables.map((rows, i) => ({
      sheet: 'S',
      name: `T${i}`,
      headerRow: 1,
      firstColumn: 1,
      headers: [],
      rows,
      occupiedRight: [],
    })),
    sheets: [{ sheet: 'S', originRow: 1, originColumn: 1, values: sheet }],
    ledger,
  } as unknown as WorkbookSnapshot;
}

/** The snapshot with each Date as its time: jest finds no two invalid dates equal, even one and itself. */
const plain = (snap: WorkbookSnapshot) =>
  JSON.parse(
    JSON.stringify(snap, function (this: Record<string, unknown>, key) {
      const v = this[key];
      return v instanceof Date ? `date ${v.getTime()}` : v;
    }),
  );

describe('shareCells', () => {
  test('leaves every value of tables, plain sheets and the ledger as it was (any grid, any pool)', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 3 }), grid, fc.option(grid), grid, (tables, sheet, ledger, earlier) => {
        const snap = snapshotOf(tables, sheet, ledger);
        const before = plain(snap);
        const pool = cellPool();
        shareCells(snapshotOf([earlier], [], null), pool);
        shareCells(snap, pool);
        expect(plain(snap)).toEqual(before);
      }),
    );
  });

  test.each([
    ['a short text is pooled', 'Green', true],
    ['an ID is pooled', 'TEAM:INI-1', true],
    ['64 characters are pooled', 'x'.repeat(64), true],
    ['a longer text (a note) is left alone: seldom repeated', 'x'.repeat(65), false],
  ])('%s', (_what, text, pooled) => {
    const pool = cellPool();
    shareCells(snapshotOf([[[text, 1, null]]], [], null), pool);
    expect(pool.texts.has(text)).toBe(pooled);
  });

  test('rows missing from a plain sheet (holes in a ragged grid) are skipped', () => {
    const values: CellValue[][] = [];
    values[2] = ['Red', 'Red'];
    const snap = snapshotOf([], values, [
      ['Item', 'State'],
      ['A:1', 'Red'],
    ]);
    const pool = cellPool();
    shareCells(snap, pool);
    expect(snap.sheets[0].values[2]).toEqual(['Red', 'Red']);
    expect(snap.sheets[0].values[0]).toBeUndefined();
    expect([...pool.texts.keys()].sort()).toEqual(['A:1', 'Item', 'Red', 'State']);
  });

  test('cells of one date hold one Date, across members and sheets; other dates and numbers are left alone', () => {
    const first = new Date(Date.UTC(2026, 5, 30));
    const second = new Date(Date.UTC(2026, 5, 30));
    const other = new Date(Date.UTC(2026, 6, 31));
    const invalid = [new Date(NaN), new Date(NaN)];
    const pool = cellPool();
    const a = snapshotOf([[[first, 46203], [invalid[0]]]], [], null);
    const b = snapshotOf([[[other]]], [[second, invalid[1]]], [['At', new Date(Date.UTC(2026, 5, 30))]]);
    shareCells(a, pool);
    shareCells(b, pool);
    expect(b.sheets[0].values[0][0]).toBe(first);
    expect(b.ledger![0][1]).toBe(first);
    expect(b.sheets[0].values[0][1]).toBe(invalid[0]);
    expect(b.tables[0].rows[0][0]).toBe(other);
    expect(a.tables[0].rows[0]).toEqual([first, 46203]);
    expect(pool.dates.size).toBe(3);
  });

  test('texts: false (a worker, before the clone) shares dates and leaves every text alone', () => {
    const at = () => new Date(Date.UTC(2026, 0, 31));
    const snap = snapshotOf(
      [
        [
          [at(), 'Green'],
          [at(), 'Green'],
        ],
      ],
      [],
      null,
    );
    const pool = cellPool();
    shareCells(snap, pool, false);
    const [first, second] = snap.tables[0].rows;
    expect(second[0]).toBe(first[0]);
    expect(pool.texts.size).toBe(0);
    expect(pool.dates.size).toBe(1);
    // A structured clone keeps one object one: the receiving side gets one Date for both cells.
    const copy = structuredClone(snap);
    expect(copy.tables[0].rows[1][0]).toBe(copy.tables[0].rows[0][0]);
  });
});
