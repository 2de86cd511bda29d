// One copy of each repeated cell value across a portfolio's members. A member read in a worker thread
// arrives as a structured clone, which makes a new string and a new Date for every cell: "Green", an
// owner's name, an objective's ID, a check-in's month end are a new value in each of a million rows.
// The merged rows hold them while the engine runs, so they are made to share one copy each as the
// members arrive (docs/benchmarks.md, issue 23: texts about 15 % of the rows' heap; dates, which are
// objects of their own, over 80 % of what was left).
import type { CellValue, WorkbookSnapshot } from '../engine';

/** Texts longer than this are seldom repeated (notes, descriptions): looking them up costs more than it saves. */
const LONGEST_SHARED = 64;

/** The copies kept: texts by their value, dates by their time. */
export interface CellPool {
  texts: Map<string, string>;
  dates: Map<number, Date>;
}

export function cellPool(): CellPool {
  return { texts: new Map(), dates: new Map() };
}

function shareRow(row: CellValue[], pool: CellPool, texts: boolean): void {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === 'string') {
      if (!texts || v.length > LONGEST_SHARED) continue;
      const known = pool.texts.get(v);
      // Equal texts compare equal whatever their copy: assigning the pool's one is what shares it.
      if (known === undefined) pool.texts.set(v, v);
      else row[c] = known;
    } else if (v instanceof Date) {
      // Nothing changes a cell's Date once read (the engine reads its time), so cells of one time may
      // hold one object; an invalid date (NaN) shares too, as Map keys treat NaN as one key.
      const time = v.getTime();
      const known = pool.dates.get(time);
      if (known === undefined) pool.dates.set(time, v);
      else row[c] = known;
    }
  }
}

/**
 * Makes the snapshot's cell texts and dates the pool's copies, in place (the pool learns those it did not
 * have). `texts: false` shares only dates: where a member is read in a worker, a structured clone keeps
 * one object one object (a thousand distinct dates cross instead of twelve thousand cells' worth) but
 * copies every string whatever its copy was.
 */
export function shareCells(snapshot: WorkbookSnapshot, pool: CellPool, texts = true): void {
  for (const t of snapshot.tables) for (const row of t.rows) shareRow(row, pool, texts);
  for (const s of snapshot.sheets) for (const row of s.values) if (row) shareRow(row, pool, texts);
  for (const row of snapshot.ledger ?? []) if (row) shareRow(row, pool, texts);
}
