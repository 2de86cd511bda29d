// shareTexts makes a member's cell texts the portfolio's one copy each. Which copy a string is cannot be
// seen from JavaScript (the bench measures the heap it saves, docs/benchmarks.md); what must hold is
// that no value changes, whatever the grid.
import fc from 'fast-check';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { shareTexts, type TextPool } from '../../src/portfolio/intern';

const cell = fc.oneof(
  fc.constantFrom<CellValue>('Green', 'Amber', 'Red', 'Owner 1', 'OBJ-1', '', null, true, 0, 0.5),
  fc.string({ maxLength: 80 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
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

describe('shareTexts', () => {
  test('leaves every value of tables, plain sheets and the ledger as it was (any grid, any pool)', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 3 }), grid, fc.option(grid), grid, (tables, sheet, ledger, earlier) => {
        const snap = snapshotOf(tables, sheet, ledger);
        const before = structuredClone(snap);
        const pool: TextPool = new Map();
        shareTexts(snapshotOf([earlier], [], null), pool);
        shareTexts(snap, pool);
        expect(snap).toEqual(before);
      }),
    );
  });

  test.each([
    ['a short text is pooled', 'Green', true],
    ['an ID is pooled', 'TEAM:INI-1', true],
    ['64 characters are pooled', 'x'.repeat(64), true],
    ['a longer text (a note) is left alone: seldom repeated', 'x'.repeat(65), false],
  ])('%s', (_what, text, pooled) => {
    const pool: TextPool = new Map();
    shareTexts(snapshotOf([[[text, 1, null]]], [], null), pool);
    expect(pool.has(text)).toBe(pooled);
  });

  test('rows missing from a plain sheet (holes in a ragged grid) are skipped', () => {
    const values: CellValue[][] = [];
    values[2] = ['Red', 'Red'];
    const snap = snapshotOf([], values, [
      ['Item', 'State'],
      ['A:1', 'Red'],
    ]);
    const pool: TextPool = new Map();
    shareTexts(snap, pool);
    expect(snap.sheets[0].values[2]).toEqual(['Red', 'Red']);
    expect(snap.sheets[0].values[0]).toBeUndefined();
    expect([...pool.keys()].sort()).toEqual(['A:1', 'Item', 'Red', 'State']);
  });
});
