// Reading a workbook through Office.js within Excel on the web's limits. One round trip for names and
// the date system, one for the shape of every range, then the values in row blocks: each block is
// sized from the bytes the range's earlier blocks actually took, every round trip's response is kept
// under the budget, and a response Excel still refuses is read again in smaller blocks (reads change
// nothing, so trying again is safe). The same round trips ask, for each table, whether the cells its
// owned columns would take are free and, where the table can only grow by inserting cells, what lies
// to its right; the values read leave a small fingerprint per range for the check before writing.
import type {
  CellPosition,
  CellValue,
  MergedArea,
  OccupiedCell,
  RawSheet,
  RawTable,
  WorkbookSnapshot,
} from '../../engine';
import { mergedInBand, parseMergeRef, tablesInBand } from '../../engine';
import { LEDGER_SHEET, OWNED_BAND_WIDTH, OWNED_HEADER_SET, RISKS_SHEET, tableKindOf } from '../../engine';
import {
  ENVELOPE,
  PAYLOAD_BUDGET,
  RANGE_BY_INDEXES,
  addCost,
  jsonBytes,
  objectCost,
  queryCost,
  sheetCost,
  utf8Length,
  type Cost,
} from './wire';
import { ERROR_TEXTS, fromOffice } from './cells';

/** DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 one. */
const SERIAL_2000_1900 = 36526;
const LAST_COLUMN = 16_383;
const MAX_ROWS = 1_048_576;
/** Columns of the ledger whose height is asked for separately; Throughline's blocks use far fewer. */
const LEDGER_COLUMNS_PROBED = 32;
/** A first block per range is this many rows at most, before its real size per cell is known. */
const CALIBRATION_ROWS = 1_000;
/** Bytes per cell assumed before a range's first block is measured. */
const FIRST_GUESS_PER_CELL = 32;
/** Rows sampled per range for the fingerprint. */
const SAMPLED_ROWS = 16;

/** The names Throughline's Risks sheet takes (a user's own "Risks" makes it "Throughline Risks", then "… 2"). */
const RISKS_NAMES = new RegExp(`^(${RISKS_SHEET}|Throughline Risks(?: \\d+)?)$`);

/** Throughline's own sheets while a refresh writes them; see office-write.ts. */
export const WRITING_SHEET = /^Throughline (Risks|Ledger) \(writing(?: \d+)?\)$/;

/**
 * A working sheet a refresh made and has not finished with: very hidden while it is written, Hidden
 * once a refresh has started to delete it (a VeryHidden sheet cannot be deleted as it is).
 */
export const isWorkingSheet = (s: { name: string; visibility: string }) =>
  s.visibility !== 'Visible' && WRITING_SHEET.test(s.name);

export interface Box {
  sheet: string;
  /** 0-based, as Office.js counts. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** What a range held when read, small enough to ask for again just before writing. */
export interface Fingerprint {
  /** Where it was; for a table, its whole range (header to totals). */
  box: Box;
  table: string | null;
  /** Columns the sum and the samples cover, from the first: a table's trailing owned columns are left out. */
  columns: number;
  /**
   * SUM of each column as Excel computes it: numbers only; an error cell makes that column's sum an
   * error. Column by column, so a percentage typed beside a column of date serials still shows.
   */
  sums: (number | 'error')[];
  /** A few whole rows (offsets into the range) and their values, to notice a sort or a moved row. */
  samples: { offset: number; values: unknown[] }[];
}

/** The free band beside a table: the header-row cells, and the first used row of each band column below. */
export interface Band {
  headers: unknown[];
  firstUsed: (number | null)[];
}

export interface TableRead {
  name: string;
  box: Box;
  showTotals: boolean;
  band: Band;
  /** Rows and columns right of the table (to the sheet's end) that hold anything; null when nothing does. */
  rightUsed: Box | null;
  /** Merged areas reaching the band (ExcelApi 1.13; empty without it), 1-based. */
  merged: MergedArea[];
}

export interface ReadState {
  date1904: boolean;
  tables: Map<string, TableRead>;
  fingerprints: Fingerprint[];
  /** The workbook's sheets when read (leftovers of a failed write aside): a sheet added since (a "Risks") changes the plan. */
  sheets: string[];
  /** The ledger as read (its used area and values), so the write can leave the rows that did not change. */
  ledger?: { box: Box; cells: CellValue[][] } | null;
}

export interface ReadResult {
  state: ReadState;
  sheetNames: string[];
  protectedSheets: string[];
  tables: RawTable[];
  sheets: RawSheet[];
  ledger: CellValue[][] | null;
  /** Row 1 of a sheet called "Risks", by its name: with an older ledger it tells Throughline's Risks sheet from a user's. */
  sheetHeads: Record<string, CellValue[]>;
}

export type Sync = () => Promise<void>;

/** A range read block by block. */
class GridRead {
  readonly values: unknown[][] = [];
  next = 0;
  perCell = FIRST_GUESS_PER_CELL;
  calibrated = false;
  /**
   * Columns read, from the range's first: for a table, the owned columns at its right end are read
   * once (with the header, in the first block) and then left out, since they are rewritten anyway.
   */
  columns: number;
  constructor(
    readonly box: Box,
    readonly table: string | null,
  ) {
    this.columns = box.columns;
  }
  /** Cells (row,column) read through valuesAsJson: `values` sends "#VALUE!" for them, which the check compares. */
  readonly shown = new Set<string>();
  get done(): boolean {
    return this.next >= this.box.rows;
  }
  /** Response bytes a block of `n` rows costs. */
  cost(n: number): Cost {
    return addCost(
      addCost(RANGE_BY_INDEXES, sheetCost(this.box.sheet)),
      queryCost(['values'], Math.ceil(n * (this.columns * this.perCell + 4))),
    );
  }
  /** Rows that fit in `room`, within the calibration block while the size per cell is a guess. */
  rowsFitting(room: Cost): number {
    const left = this.box.rows - this.next;
    let n = Math.min(left, this.calibrated ? left : CALIBRATION_ROWS);
    const fits = (k: number) => {
      const c = this.cost(k);
      return c.request <= room.request && c.response <= room.response;
    };
    if (fits(n)) return n;
    let lo = 0;
    while (lo < n) {
      const mid = Math.ceil((lo + n) / 2);
      if (fits(mid)) lo = mid;
      else n = mid - 1;
    }
    return lo;
  }
  /** Takes a block's rows (padded to the range's width), and learns the range's size per cell from them. */
  accept(rows: unknown[][]): void {
    const first = this.values.length === 0;
    for (const row of rows)
      this.values.push(
        row.length < this.box.columns ? [...row, ...new Array<unknown>(this.box.columns - row.length).fill('')] : row,
      );
    if (first && this.table !== null && rows.length > 0) {
      const header = rows[0];
      let last = header.length - 1;
      while (last > 0 && typeof header[last] === 'string' && OWNED_HEADER_SET.has(String(header[last]).trim())) last--;
      this.columns = last + 1;
    }
    const cells = rows.length * this.columns;
    if (cells === 0) return;
    const perCell = (jsonBytes(rows.map((r) => r.slice(0, this.columns))) - rows.length * 3) / cells;
    // A margin for the blocks to come, which may hold longer texts than this one.
    this.perCell = this.calibrated ? Math.max(this.perCell, perCell * 1.25) : Math.max(1, perCell * 1.25);
    this.calibrated = true;
  }
}

export interface Job {
  cost: Cost;
  /** Queues the job's loads; the returned function runs after the sync, and may add jobs. */
  queue(context: Excel.RequestContext): () => void;
}

const sheetOf = (context: Excel.RequestContext, name: string) => context.workbook.worksheets.getItem(name);
export const rangeOf = (context: Excel.RequestContext, b: Box) =>
  sheetOf(context, b.sheet).getRangeByIndexes(b.row, b.column, b.rows, b.columns).untrack();
export const smallLoad = (sheet: string, select: string[]): Cost =>
  addCost(addCost(RANGE_BY_INDEXES, sheetCost(sheet)), queryCost(select, 400));

const isResponseTooLarge = (e: unknown) => (e as { code?: string } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Runs jobs and block reads in as few round trips as the budget allows. A round trip whose response
 * Excel refuses is tried again with every block in it read at half the size.
 */
export async function runReads(
  context: Excel.RequestContext,
  sync: Sync,
  jobs: Job[],
  grids: GridRead[],
  budget = PAYLOAD_BUDGET,
): Promise<void> {
  for (let attempt = 0; jobs.length > 0 || grids.some((g) => !g.done);) {
    const room: Cost = { request: budget - ENVELOPE, response: budget - ENVELOPE };
    const take = (c: Cost) => {
      room.request -= c.request;
      room.response -= c.response;
    };
    const fits = (c: Cost) => c.request <= room.request && c.response <= room.response;
    const taken: Job[] = [];
    while (jobs.length > 0 && (taken.length === 0 || fits(jobs[0].cost))) {
      const job = jobs.shift()!;
      take(job.cost);
      taken.push(job);
    }
    const blocks: { grid: GridRead; start: number; range: Excel.Range }[] = [];
    for (const grid of grids) {
      while (!grid.done) {
        const n = grid.rowsFitting(room);
        if (n === 0) break;
        take(grid.cost(n));
        const range = rangeOf(context, {
          ...grid.box,
          row: grid.box.row + grid.next,
          rows: n,
          columns: grid.columns,
        }).load('values');
        blocks.push({ grid, start: grid.next, range });
        grid.next += n;
        if (!grid.calibrated) break;
      }
    }
    if (blocks.length === 0 && taken.length === 0) {
      // Nothing fits an empty round trip: a single row over the budget.
      const grid = grids.find((g) => !g.done)!;
      throw new Error(
        `Row ${grid.box.row + grid.next + 1} of sheet ${grid.box.sheet} is too large to read through Excel on the web (over ${budget} bytes).`,
      );
    }
    const after = taken.map((job) => job.queue(context));
    try {
      await sync();
    } catch (e) {
      if (!isResponseTooLarge(e) || attempt >= 12) throw e;
      attempt++;
      jobs.unshift(...taken);
      for (const { grid, start } of blocks) {
        grid.next = Math.min(grid.next, start);
        grid.perCell *= 2;
        grid.calibrated = true;
      }
      continue;
    }
    attempt = 0;
    for (const { grid, range } of blocks) grid.accept(range.values);
    after.forEach((f) => f());
  }
}

/** Reads everything the engine may need, in round trips that each stay within the payload budget. */
export async function readWorkbook(
  context: Excel.RequestContext,
  sync: Sync,
  supportsResize: boolean,
  budget = PAYLOAD_BUDGET,
  /** ExcelApi 1.16: Range.valuesAsJson, so a linked data type reads as the text Excel shows. */
  supportsJson = false,
): Promise<ReadResult> {
  const workbook = context.workbook;
  const sheets = workbook.worksheets.load('items/name,items/visibility,items/protection/protected');
  const tables = workbook.tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
  const probe = workbook.functions.date(2000, 1, 1).load('value');
  await sync();
  const date1904 = probe.value !== SERIAL_2000_1900;

  const formal = tables.items.filter((t) => t.showHeaders);
  const withTables = new Set(tables.items.map((t) => t.worksheet.name));
  // A first refresh interrupted in its last batch, after the Risks sheet was named and before the
  // ledger was (or an older version's refresh, between retiring the old ledger and naming the new),
  // left the whole ledger under its working name. Before the last batch no Risks sheet stands, and
  // a working ledger may be half written: it is not read, and the next refresh clears it away.
  const risksShown = sheets.items.some((s) => s.visibility === 'Visible' && RISKS_NAMES.test(s.name));
  const ledgerName =
    sheets.items.find((s) => s.name === LEDGER_SHEET)?.name ??
    (risksShown ? sheets.items.find((s) => isWorkingSheet(s) && s.name.includes('Ledger'))?.name : undefined) ??
    null;
  const tableRanges = formal.map((t) => ({
    table: t,
    range: t.getRange().load('rowIndex,columnIndex,rowCount,columnCount'),
  }));
  const plain = sheets.items
    .filter((s) => !withTables.has(s.name) && tableKindOf(s.name) !== null)
    .map((s) => ({
      name: s.name,
      used: s.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'),
    }));
  const ledgerUsed = ledgerName
    ? sheetOf(context, ledgerName).getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount')
    : null;
  // The ledger's blocks stand side by side and differ in length: each column's own height, so the
  // short blocks are not read as a rectangle of blanks.
  const ledgerHeights = ledgerName
    ? Array.from({ length: LEDGER_COLUMNS_PROBED }, (_, c) =>
        rangeOf(context, { sheet: ledgerName, row: 0, column: c, rows: MAX_ROWS, columns: 1 })
          .getUsedRangeOrNullObject(true)
          .load('rowIndex,rowCount'),
      )
    : [];
  const risksSheet = sheets.items.find((s) => s.name.toLowerCase() === RISKS_SHEET.toLowerCase());
  const risksHead = risksSheet ? sheetOf(context, risksSheet.name).getRange('A1:J1').load('values') : null;
  await sync();

  const boxOf = (sheet: string, r: Excel.Range): Box => ({
    sheet,
    row: r.rowIndex,
    column: r.columnIndex,
    rows: r.rowCount,
    columns: r.columnCount,
  });
  const tableGrids = tableRanges.map(
    ({ table, range }) => new GridRead(boxOf(table.worksheet.name, range), table.name),
  );
  const plainGrids = plain
    .filter(({ used }) => !used.isNullObject)
    .map(({ name, used }) => new GridRead(boxOf(name, used), null));
  const ledgerBox = ledgerUsed && !ledgerUsed.isNullObject && ledgerName ? boxOf(ledgerName, ledgerUsed) : null;
  const ledgerGrids = ledgerBox
    ? ledgerBlocks(
        ledgerBox,
        ledgerHeights.map((h) => (h.isNullObject ? null : { row: h.rowIndex, rows: h.rowCount })),
      )
    : [];

  const reads = new Map<string, TableRead>();
  const jobs: Job[] = [];
  tableRanges.forEach(({ table }, i) => {
    const box = tableGrids[i].box;
    const read: TableRead = {
      name: table.name,
      box,
      showTotals: table.showTotals,
      band: { headers: [], firstUsed: [] },
      rightUsed: null,
      merged: [],
    };
    reads.set(table.name, read);
    jobs.push(...bandJobs(box, read.band));
    // Range.getMergedAreasOrNullObject is ExcelApi 1.13, as Table.resize is. Without it the table grows
    // by inserting cells, which moves a merged area rather than writing into it, and rightJob refuses
    // the table when anything (a fill, a format) lies right of it.
    if (supportsResize) jobs.push(mergeJob(bandBox(box), (areas) => (read.merged = areas)));
    else jobs.push(rightJob(box, (used) => (read.rightUsed = used), jobs));
  });
  // A plain range's band is known only once the engine has found its header; the merged areas that may
  // reach it: those down to its last row, from its first column to OWNED_BAND_WIDTH columns past its last.
  const plainMerged = new Map<GridRead, MergedArea[]>();
  if (supportsResize) {
    for (const g of plainGrids) {
      const { sheet, row, column, rows, columns } = g.box;
      const box = {
        sheet,
        row: 0,
        column,
        rows: row + rows,
        columns: Math.min(columns + OWNED_BAND_WIDTH, LAST_COLUMN + 1 - column),
      };
      jobs.push(mergeJob(box, (areas) => plainMerged.set(g, areas)));
    }
  }
  const grids = [...tableGrids, ...plainGrids, ...ledgerGrids];
  await runReads(context, sync, jobs, grids, budget);
  await confirmErrors(context, sync, grids, budget, supportsJson);

  const cells = (g: GridRead): CellValue[][] => g.values as CellValue[][];
  // The band a table's owned columns would take (1-based), and the other tables on its sheet: tables
  // may not overlap, so one reaching the band (even with an empty body) blocks it as a value does.
  const band = (read: TableRead) => ({
    top: read.box.row + 1,
    bottom: read.box.row + read.box.rows,
    left: read.box.column + read.box.columns + 1,
    right: read.box.column + read.box.columns + OWNED_BAND_WIDTH,
  });
  const othersOn = (read: TableRead) =>
    [...reads.values()]
      .filter((o) => o !== read && o.box.sheet === read.box.sheet)
      .map((o) => ({
        name: o.name,
        area: { row: o.box.row + 1, column: o.box.column + 1, rows: o.box.rows, columns: o.box.columns },
      }));
  const rawTables: RawTable[] = tableRanges.map(({ table }, i) => {
    const read = reads.get(table.name)!;
    const values = cells(tableGrids[i]);
    const { row, column } = read.box;
    return {
      sheet: read.box.sheet,
      name: table.name,
      headerRow: row + 1,
      firstColumn: column + 1,
      headers: values[0].map((h) =>
        h === null ? '' : typeof h === 'object' && !(h instanceof Date) ? h.error : String(h),
      ),
      rows: values.slice(1, table.showTotals ? values.length - 1 : values.length),
      occupiedRight: [
        ...occupied(read),
        ...mergedInBand(read.merged, band(read)),
        ...tablesInBand(othersOn(read), band(read)),
      ],
      shiftBlocker: supportsResize
        ? null
        : firstOf(
            blockerOf(read.rightUsed),
            tablesInBand(othersOn(read), { ...band(read), right: LAST_COLUMN + 1 })[0] ?? null,
          ),
    };
  });
  const rawSheets: RawSheet[] = plainGrids.map((g) => {
    const merged = plainMerged.get(g) ?? [];
    return {
      sheet: g.box.sheet,
      originRow: g.box.row + 1,
      originColumn: g.box.column + 1,
      values: cells(g),
      ...(merged.length > 0 ? { merged } : {}),
    };
  });
  const ledgerCells = ledgerBox ? assemble(ledgerBox, ledgerGrids) : null;
  return {
    state: {
      date1904,
      ledger: ledgerBox && ledgerCells ? { box: ledgerBox, cells: ledgerCells } : null,
      tables: reads,
      fingerprints: [...tableGrids, ...plainGrids].map(fingerprintOf),
      sheets: userSheets(sheets.items),
    },
    sheetNames: sheets.items.filter((s) => !isWorkingSheet(s)).map((s) => s.name),
    protectedSheets: sheets.items.filter((s) => s.protection.protected).map((s) => s.name),
    tables: rawTables,
    sheets: rawSheets,
    ledger: ledgerCells,
    sheetHeads: risksSheet && risksHead ? { [risksSheet.name]: risksHead.values[0] as CellValue[] } : {},
  };
}

/**
 * The ledger's used area as blocks of adjacent columns of equal height, from each column's own used
 * rows (columns past those probed take the whole height).
 */
function ledgerBlocks(used: Box, heights: ({ row: number; rows: number } | null)[]): GridRead[] {
  const blocks: GridRead[] = [];
  let open: Box | null = null;
  for (let c = used.column; c < used.column + used.columns; c++) {
    const h = c < heights.length ? heights[c] : { row: used.row, rows: used.rows };
    if (h && open && open.row === h.row && open.rows === h.rows && open.column + open.columns === c) {
      open.columns++;
      continue;
    }
    if (open) blocks.push(new GridRead(open, null));
    open = h ? { sheet: used.sheet, row: h.row, column: c, rows: h.rows, columns: 1 } : null;
  }
  if (open) blocks.push(new GridRead(open, null));
  return blocks;
}

/** The blocks back in one grid over the used area, blanks between them. */
function assemble(used: Box, blocks: GridRead[]): CellValue[][] {
  const grid: CellValue[][] = Array.from({ length: used.rows }, () => new Array<CellValue>(used.columns).fill(null));
  for (const b of blocks) {
    (b.values as CellValue[][]).forEach((row, r) =>
      row.forEach((v, c) => (grid[b.box.row - used.row + r][b.box.column - used.column + c] = v)),
    );
  }
  return grid;
}

/** The engine's view of a read. */
export function toSnapshot(read: ReadResult): WorkbookSnapshot {
  return {
    date1904: read.state.date1904,
    sheetNames: read.sheetNames,
    tables: read.tables,
    sheets: read.sheets,
    protectedSheets: read.protectedSheets,
    ledger: read.ledger,
    sheetHeads: read.sheetHeads,
  };
}

/** The band's header-row cells, and for each band column the first used row below the header. */
export function bandJobs(box: Box, into: Band): Job[] {
  const width = Math.min(OWNED_BAND_WIDTH, LAST_COLUMN - (box.column + box.columns - 1));
  if (width <= 0) return [];
  const first = box.column + box.columns;
  const jobs: Job[] = [
    {
      cost: smallLoad(box.sheet, ['values']),
      queue: (context) => {
        const header = rangeOf(context, {
          sheet: box.sheet,
          row: box.row,
          column: first,
          rows: 1,
          columns: width,
        }).load('values');
        return () => (into.headers = header.values[0]);
      },
    },
  ];
  if (box.rows < 2) return jobs;
  for (let k = 0; k < width; k++) {
    jobs.push({
      cost: addCost(smallLoad(box.sheet, ['rowIndex']), RANGE_BY_INDEXES),
      queue: (context) => {
        const used = rangeOf(context, {
          sheet: box.sheet,
          row: box.row + 1,
          column: first + k,
          rows: box.rows - 1,
          columns: 1,
        })
          .getUsedRangeOrNullObject(true)
          .load('rowIndex');
        return () => (into.firstUsed[k] = used.isNullObject ? null : used.rowIndex);
      },
    });
  }
  return jobs;
}

/** The band right of a table, 0-based, from the sheet's first row: see mergeJob. */
export function bandBox(box: Box): Box | null {
  const column = box.column + box.columns;
  const columns = Math.min(OWNED_BAND_WIDTH, LAST_COLUMN + 1 - column);
  return columns > 0 ? { sheet: box.sheet, row: 0, column, rows: box.row + box.rows, columns } : null;
}

/** Excel answers getMergedAreasOrNullObject with at most this many areas (it fails above). */
const MERGED_AREAS_MAX = 512;

/**
 * The merged areas whose top-left cell lies in `box` (1-based), which is all getMergedAreasOrNullObject
 * reports (office-js issue 3611). A box from the sheet's first row also finds an area that enters the
 * band from above; one entering from the left would cover the table's own cells, which Excel refuses.
 */
export function mergeJob(box: Box | null, done: (areas: MergedArea[]) => void): Job {
  const perArea = utf8Length(box?.sheet ?? '') * 2 + 24;
  return {
    cost: addCost(
      addCost(RANGE_BY_INDEXES, sheetCost(box?.sheet ?? '')),
      addCost(objectCost('GetMergedAreasOrNullObject', 0), queryCost(['address'], MERGED_AREAS_MAX * perArea)),
    ),
    queue: (context) => {
      if (!box) return () => done([]);
      const areas = rangeOf(context, box).getMergedAreasOrNullObject().load('address');
      return () => done(areas.isNullObject ? [] : mergedAreasOf(areas.address));
    },
  };
}

/**
 * "Sheet1!K2:L3, 'My sheet'!N5" as areas: each ref is what follows a "!" up to the next comma (a sheet
 * name is quoted when it holds a comma or a space, and the ref never holds one).
 */
export function mergedAreasOf(address: string): MergedArea[] {
  const out: MergedArea[] = [];
  for (const m of address.matchAll(/!([$A-Za-z0-9:]+)\s*(?=,|$)/g)) {
    const area = parseMergeRef(m[1]);
    if (area) out.push(area);
  }
  return out;
}

/**
 * What lies right of the table in its rows, to the sheet's last column, values or formats: an insert
 * there would move it. When anything does, a second look finds the first such cell in its top row.
 */
export function rightJob(box: Box, done: (used: Box | null) => void, jobs: Job[]): Job {
  const first = box.column + box.columns;
  return {
    cost: addCost(smallLoad(box.sheet, ['rowIndex', 'columnIndex', 'rowCount', 'columnCount']), RANGE_BY_INDEXES),
    queue: (context) => {
      if (first > LAST_COLUMN) return () => done(null);
      const used = rangeOf(context, {
        sheet: box.sheet,
        row: box.row,
        column: first,
        rows: box.rows,
        columns: LAST_COLUMN + 1 - first,
      })
        .getUsedRangeOrNullObject(false)
        .load('rowIndex,columnIndex,rowCount,columnCount');
      return () => {
        if (used.isNullObject) return done(null);
        const top: Box = {
          sheet: box.sheet,
          row: used.rowIndex,
          column: used.columnIndex,
          rows: 1,
          columns: used.columnCount,
        };
        jobs.push({
          cost: addCost(smallLoad(box.sheet, ['columnIndex']), RANGE_BY_INDEXES),
          queue: (ctx) => {
            const cell = rangeOf(ctx, top).getUsedRangeOrNullObject(false).load('columnIndex');
            return () => done({ ...top, column: cell.isNullObject ? top.column : cell.columnIndex, columns: 1 });
          },
        });
      };
    },
  };
}

/** Band cells the engine must not write over (1-based), with the header row's text for owned headers a failed refresh left. */
function occupied(read: TableRead): OccupiedCell[] {
  const { row, column, columns } = read.box;
  const out: OccupiedCell[] = [];
  read.band.headers.forEach((v, k) => {
    if (v !== '' && v !== null && v !== undefined)
      out.push({ row: row + 1, column: column + columns + k + 1, text: String(v) });
  });
  read.band.firstUsed.forEach((r, k) => {
    if (r !== null && r !== undefined) out.push({ row: r + 1, column: column + columns + k + 1 });
  });
  return out;
}

const blockerOf = (used: Box | null): CellPosition | null =>
  used ? { row: used.row + 1, column: used.column + 1 } : null;

/** Sheet names, without the very hidden working sheets a failed write may have left. */
export const userSheets = (items: { name: string; visibility: string }[]): string[] =>
  items.filter((s) => !isWorkingSheet(s)).map((s) => s.name);

/** The earlier (top, then left) of two cells, either of which may be missing. */
const firstOf = (a: CellPosition | null, b: CellPosition | null): CellPosition | null =>
  !a ? b : !b ? a : a.row < b.row || (a.row === b.row && a.column <= b.column) ? a : b;

/** Bytes assumed for one cell's valuesAsJson: an entity comes with its properties (a stock's, a place's). */
const ENTITY_JSON = 16_000;

/** A cell as valuesAsJson gives it (ExcelApi 1.16): its type, what Excel shows, and its basic value. */
interface JsonCell {
  type?: string;
  text?: string;
  basicValue?: unknown;
}

/** The value the engine gets for a cell `values` read as "#VALUE!", from what valuesAsJson says it is. */
function fromJson(cell: JsonCell | undefined, text: string): CellValue {
  if (!cell || cell.type === 'Error') return { error: text };
  // An entity (a stock, a place, a data type an add-in made) shows its text in the cell.
  if (typeof cell.text === 'string') return cell.text;
  const basic = cell.basicValue;
  return typeof basic === 'string' || typeof basic === 'number' || typeof basic === 'boolean' ? basic : { error: text };
}

/**
 * Cells whose text is an Excel error value are errors unless someone typed that text with an
 * apostrophe; `valueTypes` for just those cells tells which. A linked data type (a stock, a place:
 * EntityCellValue, ExcelApi 1.16) reads as "#VALUE!" through `values`; where the host has
 * `valuesAsJson`, those cells are asked for it instead, and read as the text Excel shows.
 */
async function confirmErrors(
  context: Excel.RequestContext,
  sync: Sync,
  grids: GridRead[],
  budget: number,
  supportsJson: boolean,
): Promise<void> {
  const jobs: Job[] = [];
  for (const g of grids) {
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== 'string' || !ERROR_TEXTS.has(v)) return;
        const json = supportsJson && v === '#VALUE!';
        const box = { sheet: g.box.sheet, row: g.box.row + r, column: g.box.column + c, rows: 1, columns: 1 };
        jobs.push({
          cost: addCost(smallLoad(g.box.sheet, [json ? 'valuesAsJson' : 'valueTypes']), {
            request: 0,
            response: json ? ENTITY_JSON : 0,
          }),
          queue: (ctx) => {
            if (json) {
              const cell = rangeOf(ctx, box).load('valuesAsJson');
              return () => {
                row[c] = fromJson(cell.valuesAsJson[0]?.[0] as JsonCell | undefined, v);
                if (typeof row[c] !== 'object') g.shown.add(`${r},${c}`);
              };
            }
            const cell = rangeOf(ctx, box).load('valueTypes');
            return () => {
              if (cell.valueTypes[0][0] === 'Error') row[c] = { error: v };
            };
          },
        });
      }),
    );
  }
  await runReads(context, sync, jobs, [], budget);
  for (const g of grids)
    for (const row of g.values)
      row.forEach((v, c) => (row[c] = typeof v === 'object' && v !== null ? v : fromOffice(v)));
}

/** SUM as Excel computes it over the cells read (Excel's SUM skips text, booleans and blanks). */
export function sumOf(rows: unknown[][]): number | 'error' {
  let total = 0;
  for (const row of rows) {
    for (const v of row) {
      if (typeof v === 'number') total += v;
      else if (typeof v === 'object' && v !== null) return 'error';
    }
  }
  return total;
}

/** Evenly spaced rows, the first and last among them. */
export function sampleOffsets(rows: number): number[] {
  if (rows <= SAMPLED_ROWS) return Array.from({ length: rows }, (_, i) => i);
  return [
    ...new Set(Array.from({ length: SAMPLED_ROWS }, (_, i) => Math.round((i * (rows - 1)) / (SAMPLED_ROWS - 1)))),
  ];
}

function fingerprintOf(g: GridRead): Fingerprint {
  const rows = g.values.map((row) => row.slice(0, g.columns));
  const asExcelSends = (row: unknown[], r: number) =>
    row.map((v, c) =>
      g.shown.has(`${r},${c}`)
        ? '#VALUE!'
        : typeof v === 'object' && v !== null
          ? (v as { error: string }).error
          : (v ?? ''),
    );
  const sums = Array.from({ length: g.columns }, (_, c) => sumOf(rows.map((row) => [row[c]])));
  return {
    box: g.box,
    table: g.table,
    columns: g.columns,
    sums,
    samples: sampleOffsets(g.box.rows).map((offset) => ({ offset, values: asExcelSends(rows[offset], offset) })),
  };
}

/**
 * Reads a few ranges again, as the full read reads them (error texts confirmed, linked data types as
 * the text Excel shows): the live update's re-read of the rows someone changed. One round trip when
 * nothing in them reads as an error text, two otherwise.
 */
export async function readRanges(
  context: Excel.RequestContext,
  sync: Sync,
  boxes: Box[],
  budget = PAYLOAD_BUDGET,
  supportsJson = false,
): Promise<CellValue[][][]> {
  const grids = boxes.map((b) => new GridRead(b, null));
  // The rows are few: read them whole in the first round trip rather than calibrating on them first.
  for (const g of grids) g.calibrated = true;
  await runReads(context, sync, [], grids, budget);
  await confirmErrors(context, sync, grids, budget, supportsJson);
  return grids.map((g) => g.values as CellValue[][]);
}
