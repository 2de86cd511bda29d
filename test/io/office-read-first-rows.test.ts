// Every range's first rows come with the round trip that asks where the ranges are (issue 18's last
// figure): a table's range met with the sheet's first rows, a plain sheet's or the ledger's cells used
// in those rows. Where they cannot be used (a table lower down, a plain sheet whose first rows are
// narrower than its used area), the range is read in blocks as before; either way the read is the same
// as a read without them, which is what the adapter falls back to when Excel refuses that round trip's
// response as too large.
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { FakeExcel, type FakeValue } from '../support/excel-fake';
import { fakeOfOneTable } from '../../scripts/bench/office';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

/** Reads the workbook; with `refuseShapes`, Excel refuses the second round trip's response as too large. */
async function read(excel: FakeExcel, refuseShapes = false) {
  excel.resetCounters();
  excel.refuse = refuseShapes ? ({ sync }) => (sync === 2 ? 'ResponsePayloadSizeLimitExceeded' : null) : null;
  try {
    const snapshot = await port(excel).read();
    return { snapshot, syncs: excel.syncs, refused: excel.log.filter((l) => l.refused).length };
  } finally {
    excel.refuse = null;
  }
}

/** 3,000 KPI rows of 14 columns as the bench's one table, under 100 objectives; the KPIs moved to `top` (0-based). */
function kpis(top: number, asTable = true): FakeExcel {
  const bench = fakeOfOneTable(3_000);
  const excel = new FakeExcel();
  const objectives = bench.tables.find((t) => t.name === 'Objectives')!;
  const grid = (name: string): FakeValue[][] => {
    const sheet = bench.sheet(name)!;
    const t = bench.tables.find((x) => x.name === name)!;
    return Array.from({ length: t.dataRows + 1 }, (_, r) =>
      Array.from({ length: t.columns }, (_, c) => sheet.cells.get(`${r},${c}`)?.value ?? null),
    );
  };
  const [oh, ...orows] = grid(objectives.name);
  excel.addTable('Objectives', 'Objectives', oh as string[], orows);
  const [kh, ...krows] = grid('KPIs');
  if (asTable) excel.addTable('KPIs', 'KPIs', kh as string[], krows, top);
  else excel.addSheet('KPIs', [kh, ...krows], { row: top, column: 0 });
  return excel;
}

describe('the first rows come with the shapes', () => {
  // Round trips to read, hand-counted. With the first rows: names; shapes and the first 1,000 rows of
  // each range (100 objectives whole); the band beside each table and the 2,000 KPI rows left
  // (0.4 MB). Without them a round trip more reads the first blocks once the boxes are known.
  test.each([
    ['a table at A1', () => kpis(0), 3],
    ['a plain sheet at A1 (no table)', () => kpis(0, false), 3],
    ['a table whose header is below the first rows (row 1,201): read in blocks', () => kpis(1_200), 4],
    [
      'a plain sheet with a note right of its first rows (Z2500): its first rows are narrower, read in blocks',
      () => {
        const excel = kpis(0, false);
        excel.sheet('KPIs')!.cells.set('2499,25', { value: 'note' });
        return excel;
      },
      4,
    ],
  ])(
    '%s: %i read round trips, and the same read as without them',
    async (_, make, trips) => {
      const excel = make();
      const withFirst = await read(excel);
      expect(withFirst.refused).toBe(0);
      expect(withFirst.syncs).toBe(trips);
      const without = await read(excel, true);
      expect(without.refused).toBe(1);
      expect(without.snapshot).toEqual(withFirst.snapshot);
      // Refused, asked again without the first rows, then the first blocks, the rest with the band.
      expect(without.syncs).toBe(5);
    },
    60_000,
  );

  test('the ledger (blocks of different heights) and the owned columns: the weekly read is the same as without them', async () => {
    const excel = kpis(0);
    expect((await refreshWorkbook(port(excel), { today })).fatal).toEqual([]);
    const withFirst = await read(excel);
    expect(withFirst.snapshot.ledger).not.toBeNull();
    const without = await read(excel, true);
    expect(without.snapshot).toEqual(withFirst.snapshot);
    expect(withFirst.syncs).toBe(without.syncs - 2);
  }, 120_000);
});
