// Merged areas beside a table block its owned columns like a value does (SPEC §4, no-room).
import { mergedInBand, mergeRef, parseMergeRef } from '../../src/engine/recognise/merged';
import { locateRange } from '../../src/engine/recognise/locate';

describe('merged areas', () => {
  test.each([
    ['K2:L3', { row: 2, column: 11, rows: 2, columns: 2 }],
    ['$K$2:$L$3', { row: 2, column: 11, rows: 2, columns: 2 }],
    ['L3:K2', { row: 2, column: 11, rows: 2, columns: 2 }],
    ['AA10', { row: 10, column: 27, rows: 1, columns: 1 }],
    ['K:L', { row: 1, column: 11, rows: 1_048_576, columns: 2 }],
    ['$2:$3', { row: 2, column: 1, rows: 2, columns: 16_384 }],
    ['K2:', null],
    ['nonsense', null],
  ])('reads %p', (ref, area) => expect(parseMergeRef(ref)).toEqual(area));

  test('writes an area back as Excel names it', () => {
    expect(mergeRef({ row: 2, column: 11, rows: 2, columns: 2 })).toBe('K2:L3');
    expect(mergeRef({ row: 5, column: 1, rows: 1, columns: 1 })).toBe('A5');
  });

  // The band of an Initiatives table A1:H3: columns I..O, rows 1..3.
  const band = { top: 1, bottom: 3, left: 9, right: 15 };
  test.each([
    ['inside the band: its top-left', 'K2:L3', [{ row: 2, column: 11, merged: 'K2:L3' }]],
    ['entering from the left: the band first column', 'G3:J3', [{ row: 3, column: 9, merged: 'G3:J3' }]],
    ['entering from above: the header row', 'J1:K2', [{ row: 1, column: 10, merged: 'J1:K2' }]],
    ['entering from above and left', 'A1:I5', [{ row: 1, column: 9, merged: 'A1:I5' }]],
    ['below the table', 'K4:L5', []],
    ['right of the band', 'P1:Q3', []],
    ['left of the band', 'A2:H2', []],
  ])('a merge %s', (_label, ref, expected) => expect(mergedInBand([parseMergeRef(ref)!], band)).toEqual(expected));

  test('a plain range reports merged areas in its band as occupied, and ignores the rest', () => {
    const t = locateRange(
      {
        sheet: 'KPIs',
        originRow: 1,
        originColumn: 1,
        values: [
          ['ID', 'Name'],
          ['K1', 'x'],
        ],
        merged: [parseMergeRef('D2:E3')!, parseMergeRef('B5:D6')!],
      },
      'kpis',
    )!;
    expect(t.occupiedRight).toEqual([{ row: 2, column: 4, merged: 'D2:E3' }]);
  });
});
