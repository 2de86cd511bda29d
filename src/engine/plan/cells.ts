// Excel's hard limit on a cell's text, applied to every text cell a plan writes. A longer text makes
// Excel refuse the write (Office.js) or the file, so the plan cuts it and says where the rest is.
import type { OutValue, WritePlan } from '../types';

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

const fit =
  (tail: string) =>
  (v: OutValue): OutValue =>
    typeof v === 'string' && v.length > MAX_CELL_CHARS ? fitCell(v, tail) : v;

/** The plan with every text cell within Excel's limit. Values that fit are the same objects, so nothing is copied needlessly. */
export function fitPlan(plan: WritePlan): WritePlan {
  const owned = fit(OWNED_CELL_TAIL);
  const risks = fit(RISKS_CELL_TAIL);
  // A plain loop: this runs over every cell of the plan (the Risks sheet alone is half a million).
  const cutsNothing = (values: readonly OutValue[]) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) return false;
    }
    return true;
  };
  return {
    ...plan,
    tables: plan.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (cutsNothing(c.values) ? c : { ...c, values: c.values.map(owned) })),
    })),
    // Nearly always nothing is cut: then the rows stay the same array (53,000 rows at 100k), not a copy.
    risks: plan.risks.rows.every(cutsNothing)
      ? plan.risks
      : { ...plan.risks, rows: plan.risks.rows.map((row) => (cutsNothing(row) ? row : row.map(risks))) },
    ledger: {
      ...plan.ledger,
      blocks: plan.ledger.blocks.map((b) =>
        b.rows.every(cutsNothing) ? b : { ...b, rows: b.rows.map((row) => row.map(risks)) },
      ),
    },
  };
}
