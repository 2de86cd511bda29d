// The check just before writing, in one round trip that costs a few kilobytes rather than a second
// read of everything: has any input range changed shape, has its SUM changed (Excel computes it), have
// any of a few sampled rows changed (a sort or a moved row), and are the cells the plan is about to
// take beside each growing table still as they were? Any difference means someone edited the
// workbook while Throughline worked: the plan is stale and nothing is written.
import type { WritePlan } from '../../engine';
import { ConcurrentEditError, WorkbookWriteError } from '../errors';

const STRUCTURE_LOCKED =
  "The workbook's structure is protected (Review › Protect Workbook), so Throughline can neither add nor replace " +
  "its Risks sheet and ledger. Unprotect the workbook's structure and refresh again. Nothing was written.";
import type { MergedArea } from '../../engine';
import { mergedInBand } from '../../engine';
import type { CellBox, SheetBox } from '../../cells';
import {
  bandBox,
  bandJobs,
  mergeJob,
  rightJob,
  runReads,
  smallLoad,
  userSheets,
  type Band,
  type Job,
  type ReadState,
  type Sync,
} from './read';
import { boxOf, rangeOf } from './range';
import { fromOffice } from './cells';
import { ENVELOPE, RANGE_BY_INDEXES, addCost, jsonBytes, objectCost, queryCost } from './wire';
import { ownedKey, type HostSupport, type SheetInfo } from './batches';

// Excel may add a column in another order than the read did: equal within 1e-10 of the sum, which is
// far below any edit (one day in a column of 10,000 date serials is 2e-9 of its sum).
const sameSum = (a: number | 'error', b: number | 'error') =>
  a === 'error' || b === 'error' ? a === b : Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b));

const sameBox = (a: CellBox, b: CellBox) =>
  a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

const isGone = (e: unknown) => (e as { code?: string } | null)?.code === 'ItemNotFound';
const isResponseTooLarge = (e: unknown) => (e as { code?: string } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Loads of the owned columns a refresh rewrites (not those it appends), largest first, while the check's
 * one round trip has room for them: each is budgeted at its new values' bytes and half again (Excel's
 * old values are of the same kind; a response still too large is checked again without them).
 */
function ownedLoads(plan: WritePlan, jobs: Job[], budget: number, owned: Map<string, unknown[]>): Job[] {
  const used = jobs.reduce((c, j) => addCost(c, j.cost), { request: ENVELOPE, response: ENVELOPE });
  let room = budget - used.response;
  const candidates = plan.tables.flatMap((w) =>
    w.rowCount === 0
      ? []
      : w.columns
          .filter((c) => !c.append)
          .map((c) => ({
            w,
            c,
            cost: addCost(smallLoad(w.sheet, ['values']), queryCost([], 1.5 * jsonBytes(c.values))),
          })),
  );
  const loads: Job[] = [];
  for (const { w, c, cost } of candidates.sort((a, b) => b.cost.response - a.cost.response)) {
    if (cost.response > room || used.request + cost.request > budget) continue;
    room -= cost.response;
    used.request += cost.request;
    loads.push({
      cost,
      queue: (ctx) => {
        const box = {
          sheet: w.sheet,
          top: w.headerRow + 1,
          left: c.column,
          bottom: w.headerRow + w.rowCount,
          right: c.column,
        };
        const range = rangeOf(ctx, box).load('values');
        // As the read takes a value: "" (Excel's empty cell) is a blank.
        return () =>
          owned.set(
            ownedKey(w.sheet, c.column),
            range.values.map((row) => fromOffice(row[0])),
          );
      },
    });
  }
  return loads;
}

/** Checks the workbook against what was read; returns its sheets, or throws ConcurrentEditError. */
export async function recheck(
  context: Excel.RequestContext,
  sync: Sync,
  state: ReadState,
  plan: WritePlan,
  support: HostSupport,
  /**
   * Filled with owned columns as Excel holds them now (by ownedKey), as many as the round trip's
   * response has room for, so that the write sends only the cells that change.
   */
  owned?: Map<string, unknown[]>,
): Promise<SheetInfo[]> {
  const supportsResize = support.resize;
  const changed = new Set<string>();
  const jobs: Job[] = [];
  /** Comparisons that need every look (some take two round trips) to have come back. */
  const compare: (() => void)[] = [];
  let sheets: SheetInfo[] = [];
  let structureLocked = false;
  if (support.v17) {
    jobs.push({
      cost: addCost(objectCost('Protection', 0), queryCost(['protected'], 40)),
      queue: (ctx) => {
        const protection = ctx.workbook.protection.load('protected');
        return () => (structureLocked = protection.protected);
      },
    });
  }
  jobs.push({
    cost: queryCost(['name', 'visibility', 'position'], 20_000),
    queue: (ctx) => {
      const list = ctx.workbook.worksheets.load('items/name,items/visibility,items/position');
      return () => (sheets = list.items.map((s) => ({ name: s.name, visibility: s.visibility, position: s.position })));
    },
  });
  for (const f of state.fingerprints) {
    const { box } = f;
    jobs.push({
      cost: addCost(
        addCost(
          smallLoad(box.sheet, ['rowIndex', 'columnIndex', 'rowCount', 'columnCount']),
          objectCost('GetItem', 70),
        ),
        f.sums.map(() => addCost(RANGE_BY_INDEXES, objectCost('Sum', 40))).reduce(addCost, { request: 0, response: 0 }),
      ),
      queue: (ctx) => {
        const now = (
          f.table !== null
            ? ctx.workbook.tables.getItem(f.table).getRange()
            : ctx.workbook.worksheets.getItem(box.sheet).getUsedRangeOrNullObject(true)
        ).load('rowIndex,columnIndex,rowCount,columnCount');
        const sums = f.sums.map((_, c) =>
          ctx.workbook.functions
            .sum(rangeOf(ctx, { ...box, left: box.left + c, right: box.left + c }))
            .load('value,error'),
        );
        return () => {
          const changedSum = sums.some((sum, c) => !sameSum(f.sums[c], sum.error ? 'error' : Number(sum.value)));
          if (now.isNullObject || !sameBox(box, boxOf(box.sheet, now)) || changedSum) changed.add(box.sheet);
        };
      },
    });
    for (const sample of f.samples) {
      jobs.push({
        cost: smallLoad(box.sheet, ['values']),
        queue: (ctx) => {
          const top = box.top + sample.offset;
          const row = rangeOf(ctx, { ...box, top, bottom: top, right: box.left + f.columns - 1 }).load('values');
          return () => {
            if (JSON.stringify(row.values[0]) !== JSON.stringify(sample.values)) changed.add(box.sheet);
          };
        },
      });
    }
  }
  // The cells the plan takes beside a growing table: still exactly as they were when the plan was made.
  for (const w of plan.tables) {
    const appended = w.columns.filter((c) => c.append);
    if (appended.length > 0 && w.tableName === null) {
      // A plain range: the plan only takes cells that were empty, so they must still be.
      const band: SheetBox = {
        sheet: w.sheet,
        top: w.headerRow,
        left: appended[0].column,
        bottom: w.headerRow + w.rowCount,
        right: appended[0].column + appended.length - 1,
      };
      jobs.push({
        cost: addCost(smallLoad(w.sheet, ['rowIndex']), objectCost('GetUsedRangeOrNullObject', 12, { range: true })),
        queue: (ctx) => {
          const used = rangeOf(ctx, band).getUsedRangeOrNullObject(true).load('rowIndex');
          return () => {
            if (!used.isNullObject) changed.add(w.sheet);
          };
        },
      });
      // Nor merged since (the read saw no merged area there, or the engine would have refused the range).
      if (supportsResize) {
        jobs.push(
          mergeJob({ ...band, top: 1 }, (areas) => {
            if (mergedInBand(areas, band).length > 0) changed.add(w.sheet);
          }),
        );
      }
    }
    const read = w.tableName ? state.tables.get(w.tableName) : undefined;
    if (!read || appended.length === 0) continue;
    const band: Band = { headers: [], firstUsed: [] };
    jobs.push(...bandJobs(read.box, band));
    let right: SheetBox | null | undefined;
    let merged: MergedArea[] = [];
    if (supportsResize) jobs.push(mergeJob(bandBox(read.box), (areas) => (merged = areas)));
    else jobs.push(rightJob(read.box, (used) => (right = used), jobs));
    compare.push(() => {
      const same =
        JSON.stringify(band) === JSON.stringify(read.band) && JSON.stringify(merged) === JSON.stringify(read.merged);
      if (!same || (!supportsResize && JSON.stringify(right ?? null) !== JSON.stringify(read.rightUsed)))
        changed.add(read.box.sheet);
    });
  }
  const looks = jobs.length;
  if (owned) jobs.push(...ownedLoads(plan, jobs, support.budget, owned));
  try {
    try {
      await runReads(context, sync, [...jobs], [], support.budget);
    } catch (e) {
      // The owned columns held more than their new values suggested: check without them.
      if (!isResponseTooLarge(e) || jobs.length === looks) throw e;
      owned?.clear();
      await runReads(context, sync, jobs.slice(0, looks), [], support.budget);
    }
  } catch (e) {
    if (!isGone(e)) throw e;
    // A table or sheet that was read has gone (deleted or renamed) since.
    throw new ConcurrentEditError([...new Set(state.fingerprints.map((f) => f.box.sheet))]);
  }
  // Review › Protect Workbook: Throughline's Risks sheet and ledger could be neither added nor swapped.
  if (structureLocked) throw new WorkbookWriteError(STRUCTURE_LOCKED);
  compare.forEach((f) => f());
  // A sheet added, removed or renamed since the read: a new "Risks" would be the user's, not ours.
  const before = new Set(state.sheets.map((n) => n.toLowerCase()));
  const now = userSheets(sheets);
  for (const n of now) if (!before.has(n.toLowerCase())) changed.add(`sheet ${n} added`);
  const after = new Set(now.map((n) => n.toLowerCase()));
  for (const n of state.sheets) if (!after.has(n.toLowerCase())) changed.add(`sheet ${n} removed or renamed`);
  if (changed.size > 0) throw new ConcurrentEditError([...changed]);
  return sheets;
}
