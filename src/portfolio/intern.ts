// One string per distinct cell text across a portfolio's members. A member read in a worker thread
// arrives as a structured clone, which copies every string once per cell: "Green", an owner's name,
// an objective's ID are a new string in each of a million rows. The merged rows hold them while the
// engine runs, so they are made to share one copy each as the members arrive (docs/benchmarks.md,
// issue 23: about 15 % of the rows' heap).
import type { CellValue, WorkbookSnapshot } from '../engine';

/** Texts longer than this are seldom repeated (notes, descriptions): looking them up costs more than it saves. */
const LONGEST_SHARED = 64;

export type TextPool = Map<string, string>;

function shareRow(row: CellValue[], pool: TextPool): void {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string' || v.length > LONGEST_SHARED) continue;
    const known = pool.get(v);
    // Equal texts compare equal whatever their copy: assigning the pool's one is what shares it.
    if (known === undefined) pool.set(v, v);
    else row[c] = known;
  }
}

/** Makes the snapshot's cell texts the pool's copies, in place (the pool learns those it did not have). */
export function shareTexts(snapshot: WorkbookSnapshot, pool: TextPool): void {
  for (const t of snapshot.tables) for (const row of t.rows) shareRow(row, pool);
  for (const s of snapshot.sheets) for (const row of s.values) if (row) shareRow(row, pool);
  for (const row of snapshot.ledger ?? []) if (row) shareRow(row, pool);
}
