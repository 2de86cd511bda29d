// Excel's hard limit on a cell's text, applied to every text cell a plan writes. A longer text makes
// Excel refuse the write (Office.js) or the file, so the plan cuts it and says where the rest is.
import type { LedgerPlan, OutValue } from '../types';

/** The most characters an Excel cell holds. */
export const MAX_CELL_CHARS = 32_767;

/** Ends an owned-column cell that had to be cut: the Risks sheet lists every flag and driver in full. */
export const OWNED_CELL_TAIL = '… see the Risks sheet';
/** Ends a Risks sheet cell that had to be cut: the task pane and the JSON report carry every message whole. */
export const RISKS_CELL_TAIL = '… (cut at Excel’s cell limit; the task pane and the JSON report have all of it)';

/** The text itself when it fits, else as much as fits followed by `tail`, never splitting a surrogate pair. */
export function fitCell(text: string, tail: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let keep = MAX_CELL_CHARS - tail.length;
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep--;
  return text.slice(0, keep) + tail;
}

/** An owned-column cell within the limit: the text itself when it fits (the same string), else cut. */
export function fitOwned(v: OutValue): OutValue {
  return typeof v === 'string' && v.length > MAX_CELL_CHARS ? fitCell(v, OWNED_CELL_TAIL) : v;
}

/** A Risks or ledger row's cells within the limit, cut in place (a row just made, not shared). */
export function fitRow(cells: OutValue[]): OutValue[] {
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (typeof v === 'string' && v.length > MAX_CELL_CHARS) cells[i] = fitCell(v, RISKS_CELL_TAIL);
  }
  return cells;
}

/**
 * The ledger with every text cell within Excel's limit; a block with none too long is the same object.
 * The owned columns and the Risks rows are fitted as they are made (fitOwned, fitRow), while their
 * values are still in the processor's cache: a pass over the finished plan read half a million cells
 * again from memory (about 20 ms at 100k rows).
 */
export function fitLedger(ledger: LedgerPlan): LedgerPlan {
  // A plain loop: the ledger's blocks are tens of thousands of rows.
  const cutsNothing = (values: readonly OutValue[]) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) return false;
    }
    return true;
  };
  return {
    ...ledger,
    blocks: ledger.blocks.map((b) =>
      b.rows.every(cutsNothing) ? b : { ...b, rows: b.rows.map((row) => fitRow([...row])) },
    ),
  };
}
