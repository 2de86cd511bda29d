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
import { LEDGER_SHEET, LEDGER_WIDTH, OWNED_BAND_WIDTH, OWNED_HEADER_SET, RISKS_SHEET, tableKindOf } from '../../engine';
import {
  ENVELOPE,
  PAYLOAD_BUDGET,
  RANGE_BY_INDEXES,
  addCost,
  jsonBytes,
  objectCost,
  queryCost,
  sheetCost,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  utf8Length,
  type Cost,
} from './wire';
import { ERROR_TEXTS, fromOffice } from './cells';
import { boxOf, firstColumnOf, firstRowOf, rangeOf, rowsOf } from './range';
import { columnCount, rowCount, type CellBox, type SheetBox } from '../../cells';

/** DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 one. */
const SERIAL_2000_1900 = 36526;
/** Columns of the ledger whose height is asked for separately; Throughline's blocks use far fewer. */
const LEDGER_COLUMNS_PROBED = LEDGER_WIDTH + 4;
/** A first block per range is this many rows at most, before its real size per cell is known. */
const CALIBRATION_ROWS = 1_000;
/** Bytes per cell assumed before a range's first block is measured. */
const FIRST_GUESS_PER_CELL = 32;
/** Columns per range assumed when the first rows are read with the shapes, before any width is known. */
const FIRST_GUESS_COLUMNS = 20;
/** Rows read after which a range's size per cell is taken as known, with a smaller margin. */
const SETTLED_ROWS = CALIBRATION_ROWS;
/** Rows sampled per range for the fingerprint. */
const SAMPLED_ROWS = 16;

/** The names Throughline's Risks sheet takes (a user's own "Risks" makes it "Throughline Risks", then "… 2"). */
const RISKS_NAMES = new RegExp(`^(${RISKS_SHEET}|Throughline Risks(?: \\d+)?)$`);

/** Throughline's own sheets while a refresh writes them; see write.ts. */
export const WRITING_SHEET = /^Throughline (Risks|Ledger) \(writing(?: \d+)?\)$/;

/**
 * A working sheet a refresh made and has not finished with: very hidden while it is written, Hidden
 * once a refresh has started to delete it (a VeryHidden sheet cannot be deleted as it is).
 */
export const isWorkingSheet = (s: { name: string; visibility: string }) =>
  s.visibility !== 'Visible' && WRITING_SHEET.test(s.name);

/** What a range held when read, small enough to ask for again just before writing. */
export interface Fingerprint {
  /** Where it was; for a table, its whole range (header to totals). */
  box: SheetBox;
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

/** The free band beside a table: the header-row cells, and the first used row (1-based) of each band column below. */
export interface Band {
  headers: unknown[];
  firstUsed: (number | null)[];
}

export interface TableRead {
  name: string;
  box: SheetBox;
  showTotals: boolean;
  band: Band;
  /** The first cell right of the table (to the sheet's end) that holds anything, as a one-cell box; null when nothing does. */
  rightUsed: SheetBox | null;
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
  ledger?: { box: SheetBox; cells: CellValue[][] } | null;
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
  /** The largest size per cell of the blocks read so far, and how many rows they held. */
  private measured = 0;
  private rowsMeasured = 0;
  /**
   * Columns read, from the range's first: for a table, the owned columns at its right end are read
   * once (with the header, in the first block) and then left out, since they are rewritten anyway.
   */
  columns: number;
  constructor(
    readonly box: SheetBox,
    readonly table: string | null,
  ) {
    this.columns = columnCount(box);
  }
  /** Cells (row,column) read through valuesAsJson: `values` sends "#VALUE!" for them, which the check compares. */
  readonly shown = new Set<string>();
  get done(): boolean {
    return this.next >= rowCount(this.box);
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
    const left = rowCount(this.box) - this.next;
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
  /**
   * Takes as its first block the rows a read over the range's top already holds (`from`, read before the
   * range's own box was known: see askShapes), when it covers the range's columns and its first row.
   */
  seed(from: SheetBox, values: unknown[][]): void {
    const b = this.box;
    if (this.next > 0 || from.top > b.top || from.bottom < b.top || from.left > b.left || from.right < b.right) return;
    const last = Math.min(b.bottom, from.bottom);
    const rows = values
      .slice(b.top - from.top, last - from.top + 1)
      .map((row) => row.slice(b.left - from.left, b.right - from.left + 1));
    this.accept(rows);
    this.next = rows.length;
  }
  /** Takes a block's rows (padded to the range's width), and learns the range's size per cell from them. */
  accept(rows: unknown[][]): void {
    const first = this.values.length === 0;
    const width = columnCount(this.box);
    for (const row of rows)
      this.values.push(row.length < width ? [...row, ...new Array<unknown>(width - row.length).fill('')] : row);
    if (first && this.table !== null && rows.length > 0) {
      const header = rows[0];
      let last = header.length - 1;
      while (last > 0 && typeof header[last] === 'string' && OWNED_HEADER_SET.has(String(header[last]).trim())) last--;
      this.columns = last + 1;
    }
    const cells = rows.length * this.columns;
    if (cells === 0) return;
    const perCell = (jsonBytes(rows.map((r) => r.slice(0, this.columns))) - rows.length * 3) / cells;
    this.measured = Math.max(this.measured, perCell);
    this.rowsMeasured += rows.length;
    // A margin for the blocks to come, which may hold longer texts than those read: a quarter while
    // fewer rows than a calibration block are known, a tenth once they are (a block Excel still
    // refuses is read again in halves, at the cost of a round trip).
    this.perCell = Math.max(1, this.measured * (this.rowsMeasured >= SETTLED_ROWS ? 1.1 : 1.25));
    this.calibrated = true;
  }
}

export interface Job {
  cost: Cost;
  /** Queues the job's loads; the returned function runs after the sync, and may add jobs. */
  queue(context: Excel.RequestContext): () => void;
}

const sheetOf = (context: Excel.RequestContext, name: string) => context.workbook.worksheets.getItem(name);
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
        const top = grid.box.top + grid.next;
        const block = { ...grid.box, top, bottom: top + n - 1, right: grid.box.left + grid.columns - 1 };
        const range = rangeOf(context, block).load('values');
        blocks.push({ grid, start: grid.next, range });
        grid.next += n;
        if (!grid.calibrated) break;
      }
    }
    if (blocks.length === 0 && taken.length === 0) {
      // Nothing fits an empty round trip: a single row over the budget.
      const grid = grids.find((g) => !g.done)!;
      throw new Error(
        `Row ${grid.box.top + grid.next} of sheet ${grid.box.sheet} is too large to read through Excel on the web (over ${budget} bytes).`,
      );
    }
    const after = taken.map((job) => job.queue(context));
    try {
      await sync();
    } catch (e) {
      // Only blocks can be made smaller: a round trip of jobs alone would be refused again.
      if (!isResponseTooLarge(e) || attempt >= 12 || blocks.length === 0) throw e;
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
  const { sheets, tables, date1904 } = await readNames(context, sync);
  const shapes = await readShapes(context, sync, sheets, tables, budget);
  const found = gridsOf(shapes);
  const jobs: Job[] = [];
  const reads = tableReads(found.tables, supportsResize, jobs);
  const plainMerged = supportsResize ? plainMergeJobs(found.plain, jobs) : new Map<GridRead, MergedArea[]>();
  const tableGrids = found.tables.map((t) => t.grid);
  const grids = [...tableGrids, ...found.plain, ...found.ledger];
  await runReads(context, sync, jobs, grids, budget);
  await confirmErrors(context, sync, grids, budget, supportsJson);

  const ledgerCells = found.ledgerBox ? assemble(found.ledgerBox, found.ledger) : null;
  const { risksSheet, risksHead } = shapes;
  return {
    state: {
      date1904,
      ledger: found.ledgerBox && ledgerCells ? { box: found.ledgerBox, cells: ledgerCells } : null,
      tables: reads,
      fingerprints: [...tableGrids, ...found.plain].map(fingerprintOf),
      sheets: userSheets(sheets),
    },
    sheetNames: sheets.filter((s) => !isWorkingSheet(s)).map((s) => s.name),
    protectedSheets: sheets.filter((s) => s.protection.protected).map((s) => s.name),
    tables: rawTablesOf(found.tables, reads, supportsResize),
    sheets: rawSheetsOf(found.plain, plainMerged),
    ledger: ledgerCells,
    sheetHeads: risksSheet && risksHead ? { [risksSheet.name]: risksHead.values[0] as CellValue[] } : {},
  };
}

/** The first round trip: the sheets, the tables, and which date system the workbook uses. */
async function readNames(
  context: Excel.RequestContext,
  sync: Sync,
): Promise<{ sheets: Excel.Worksheet[]; tables: Excel.Table[]; date1904: boolean }> {
  const workbook = context.workbook;
  const sheets = workbook.worksheets.load('items/name,items/visibility,items/protection/protected');
  const tables = workbook.tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
  const probe = workbook.functions.date(2000, 1, 1).load('value');
  await sync();
  return { sheets: sheets.items, tables: tables.items, date1904: probe.value !== SERIAL_2000_1900 };
}

/**
 * The sheet to read the ledger from. A first refresh interrupted in its last batch, after the Risks
 * sheet was named and before the ledger was (or an older version's refresh, between retiring the old
 * ledger and naming the new), left the whole ledger under its working name. Before the last batch no
 * Risks sheet stands, and a working ledger may be half written: it is not read, and the next refresh
 * clears it away.
 */
function ledgerSheetName(sheets: Excel.Worksheet[]): string | null {
  const risksShown = sheets.some((s) => s.visibility === 'Visible' && RISKS_NAMES.test(s.name));
  return (
    sheets.find((s) => s.name === LEDGER_SHEET)?.name ??
    (risksShown ? sheets.find((s) => isWorkingSheet(s) && s.name.includes('Ledger'))?.name : undefined) ??
    null
  );
}

/**
 * The second round trip, which also reads every range's first rows (below): when Excel refuses its
 * response as too large (wide ranges of long texts), it is asked again without them, and the first
 * rows come in blocks as any others.
 */
async function readShapes(
  context: Excel.RequestContext,
  sync: Sync,
  sheets: Excel.Worksheet[],
  tables: Excel.Table[],
  budget: number,
): Promise<Shapes> {
  const withTables = new Set(tables.map((t) => t.worksheet.name));
  const ranges =
    tables.filter((t) => t.showHeaders).length +
    sheets.filter((s) => !withTables.has(s.name) && tableKindOf(s.name) !== null).length +
    (ledgerSheetName(sheets) ? 1 : 0);
  const rows = firstRowsFor(ranges, budget);
  const shapes = askShapes(context, sheets, tables, rows);
  try {
    await sync();
    return shapes;
  } catch (e) {
    if (!isResponseTooLarge(e) || rows === 0) throw e;
  }
  const bare = askShapes(context, sheets, tables, 0);
  await sync();
  return bare;
}

/**
 * Rows from the sheet's top read with the shapes, per range: half the budget shared by the ranges, at a
 * guessed width and size per cell, and no more than a calibration block. Reading them there saves the
 * round trip that would otherwise read each range's first block once its box is known (issue 18: the
 * one 100k-row table's weekly refresh).
 */
function firstRowsFor(ranges: number, budget: number): number {
  if (ranges === 0) return 0;
  return Math.min(CALIBRATION_ROWS, Math.floor(budget / 2 / (ranges * FIRST_GUESS_COLUMNS * FIRST_GUESS_PER_CELL)));
}

const SHAPE = 'rowIndex,columnIndex,rowCount,columnCount';

/** The second round trip's loads: where every range to read lies. */
interface Shapes {
  /** `first`: the range's part in the sheet's first rows, with its values (null when none were asked for). */
  tables: { table: Excel.Table; range: Excel.Range; first: Excel.Range | null }[];
  plain: { name: string; used: Excel.Range; first: Excel.Range | null }[];
  ledgerName: string | null;
  ledgerUsed: Excel.Range | null;
  ledgerFirst: Excel.Range | null;
  /** The used rows of each of the ledger's first LEDGER_COLUMNS_PROBED columns, from column A. */
  ledgerHeights: Excel.Range[];
  risksSheet: Excel.Worksheet | undefined;
  risksHead: Excel.Range | null;
}

/**
 * Queues the loads that say where each table, each sheet without one, and the ledger's blocks lie, and
 * with them the values of each range's part in the sheet's first `rows` rows: a table's range meets
 * those rows in its own columns from its header down; a sheet without a table, or the ledger, is read
 * as the cells used in those rows, which are its used area's top when they span its columns (GridRead.seed).
 */
function askShapes(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  tables: Excel.Table[],
  rows: number,
): Shapes {
  const withTables = new Set(tables.map((t) => t.worksheet.name));
  const ledgerName = ledgerSheetName(sheets);
  const top = (sheet: string) => rangeOf(context, { sheet, top: 1, left: 1, bottom: rows, right: MAX_SHEET_COLUMNS });
  const usedTop = (sheet: string) =>
    rows > 0 ? top(sheet).getUsedRangeOrNullObject(true).load(`${SHAPE},values`) : null;
  const tableRanges = tables
    .filter((t) => t.showHeaders)
    .map((t) => {
      const range = t.getRange().load(SHAPE);
      const first = rows > 0 ? range.getIntersectionOrNullObject(top(t.worksheet.name)).load(`${SHAPE},values`) : null;
      return { table: t, range, first };
    });
  const plain = sheets
    .filter((s) => !withTables.has(s.name) && tableKindOf(s.name) !== null)
    .map((s) => ({ name: s.name, used: s.getUsedRangeOrNullObject(true).load(SHAPE), first: usedTop(s.name) }));
  const ledgerUsed = ledgerName ? sheetOf(context, ledgerName).getUsedRangeOrNullObject(true).load(SHAPE) : null;
  const ledgerFirst = ledgerName ? usedTop(ledgerName) : null;
  // The ledger's blocks stand side by side and differ in length: each column's own height, so the
  // short blocks are not read as a rectangle of blanks.
  const ledgerHeights = ledgerName
    ? Array.from({ length: LEDGER_COLUMNS_PROBED }, (_, k) =>
        rangeOf(context, { sheet: ledgerName, top: 1, left: k + 1, bottom: MAX_SHEET_ROWS, right: k + 1 })
          .getUsedRangeOrNullObject(true)
          .load('rowIndex,rowCount'),
      )
    : [];
  const risksSheet = sheets.find((s) => s.name.toLowerCase() === RISKS_SHEET.toLowerCase());
  const risksHead = risksSheet ? sheetOf(context, risksSheet.name).getRange('A1:J1').load('values') : null;
  return { tables: tableRanges, plain, ledgerName, ledgerUsed, ledgerFirst, ledgerHeights, risksSheet, risksHead };
}

/** A formal table to read, with its grid. */
interface TableGrid {
  name: string;
  showTotals: boolean;
  grid: GridRead;
}

/** What the second round trip found, as the grids to read. */
function gridsOf(shapes: Shapes): {
  tables: TableGrid[];
  plain: GridRead[];
  ledgerBox: SheetBox | null;
  ledger: GridRead[];
} {
  const seeded = (grid: GridRead, first: Excel.Range | null) => {
    if (first && !first.isNullObject) grid.seed(boxOf(grid.box.sheet, first), first.values);
    return grid;
  };
  const tables = shapes.tables.map(({ table, range, first }) => ({
    name: table.name,
    showTotals: table.showTotals,
    grid: seeded(new GridRead(boxOf(table.worksheet.name, range), table.name), first),
  }));
  const plain = shapes.plain
    .filter(({ used }) => !used.isNullObject)
    .map(({ name, used, first }) => seeded(new GridRead(boxOf(name, used), null), first));
  const { ledgerName, ledgerUsed } = shapes;
  const ledgerBox = ledgerUsed && !ledgerUsed.isNullObject && ledgerName ? boxOf(ledgerName, ledgerUsed) : null;
  const ledger = ledgerBox
    ? ledgerBlocks(
        ledgerBox,
        shapes.ledgerHeights.map((h) => (h.isNullObject ? null : rowsOf(h))),
      ).map((g) => seeded(g, shapes.ledgerFirst))
    : [];
  return { tables, plain, ledgerBox, ledger };
}

/** Each table's read, and the jobs that look at the band its owned columns would take. */
function tableReads(tables: TableGrid[], supportsResize: boolean, jobs: Job[]): Map<string, TableRead> {
  const reads = new Map<string, TableRead>();
  for (const { name, showTotals, grid } of tables) {
    const box = grid.box;
    const read: TableRead = {
      name,
      box,
      showTotals,
      band: { headers: [], firstUsed: [] },
      rightUsed: null,
      merged: [],
    };
    reads.set(name, read);
    jobs.push(...bandJobs(box, read.band));
    // Range.getMergedAreasOrNullObject is ExcelApi 1.13, as Table.resize is. Without it the table grows
    // by inserting cells, which moves a merged area rather than writing into it, and rightJob refuses
    // the table when anything (a fill, a format) lies right of it.
    if (supportsResize) jobs.push(mergeJob(bandBox(box), (areas) => (read.merged = areas)));
    else jobs.push(rightJob(box, (used) => (read.rightUsed = used), jobs));
  }
  return reads;
}

/**
 * A plain range's band is known only once the engine has found its header; the merged areas that may
 * reach it are asked for over the range's rows from the sheet's first row, from its first column to
 * OWNED_BAND_WIDTH columns past its last.
 */
function plainMergeJobs(plain: GridRead[], jobs: Job[]): Map<GridRead, MergedArea[]> {
  const merged = new Map<GridRead, MergedArea[]>();
  for (const g of plain) {
    const box = { ...g.box, top: 1, right: Math.min(g.box.right + OWNED_BAND_WIDTH, MAX_SHEET_COLUMNS) };
    jobs.push(mergeJob(box, (areas) => merged.set(g, areas)));
  }
  return merged;
}

const cells = (g: GridRead): CellValue[][] => g.values as CellValue[][];

/** The band a table's owned columns would take: its rows, in the OWNED_BAND_WIDTH columns right of it. */
const bandOf = (box: CellBox): CellBox => ({
  top: box.top,
  bottom: box.bottom,
  left: box.right + 1,
  right: box.right + OWNED_BAND_WIDTH,
});

/** The engine's view of each table read. */
function rawTablesOf(tables: TableGrid[], reads: Map<string, TableRead>, supportsResize: boolean): RawTable[] {
  // The other tables on a table's sheet: tables may not overlap, so one reaching the band (even with
  // an empty body) blocks it as a value does.
  const othersOn = (read: TableRead) => [...reads.values()].filter((o) => o !== read && o.box.sheet === read.box.sheet);
  return tables.map(({ name, showTotals, grid }) => {
    const read = reads.get(name)!;
    const values = cells(grid);
    const band = bandOf(read.box);
    return {
      sheet: read.box.sheet,
      name,
      headerRow: read.box.top,
      firstColumn: read.box.left,
      headers: values[0].map((h) =>
        h === null ? '' : typeof h === 'object' && !(h instanceof Date) ? h.error : String(h),
      ),
      rows: values.slice(1, showTotals ? values.length - 1 : values.length),
      occupiedRight: [...occupied(read), ...mergedInBand(read.merged, band), ...tablesInBand(othersOn(read), band)],
      shiftBlocker: supportsResize
        ? null
        : firstOf(
            blockerOf(read.rightUsed),
            tablesInBand(othersOn(read), { ...band, right: MAX_SHEET_COLUMNS })[0] ?? null,
          ),
    };
  });
}

/** The engine's view of each sheet read without a table. */
function rawSheetsOf(plain: GridRead[], plainMerged: Map<GridRead, MergedArea[]>): RawSheet[] {
  return plain.map((g) => {
    const merged = plainMerged.get(g) ?? [];
    return {
      sheet: g.box.sheet,
      originRow: g.box.top,
      originColumn: g.box.left,
      values: cells(g),
      ...(merged.length > 0 ? { merged } : {}),
    };
  });
}

/**
 * The ledger's used area as blocks of adjacent columns of equal height, from each column's own used
 * rows (`heights[k]` is column k + 1's; columns past those probed take the whole height).
 */
function ledgerBlocks(used: SheetBox, heights: (Pick<CellBox, 'top' | 'bottom'> | null)[]): GridRead[] {
  const blocks: GridRead[] = [];
  let open: SheetBox | null = null;
  for (let column = used.left; column <= used.right; column++) {
    const h = column <= heights.length ? heights[column - 1] : used;
    if (h && open && open.top === h.top && open.bottom === h.bottom && open.right + 1 === column) {
      open.right++;
      continue;
    }
    if (open) blocks.push(new GridRead(open, null));
    open = h ? { sheet: used.sheet, top: h.top, left: column, bottom: h.bottom, right: column } : null;
  }
  if (open) blocks.push(new GridRead(open, null));
  return blocks;
}

/** The blocks back in one grid over the used area, blanks between them. */
function assemble(used: SheetBox, blocks: GridRead[]): CellValue[][] {
  const grid: CellValue[][] = Array.from({ length: rowCount(used) }, () =>
    new Array<CellValue>(columnCount(used)).fill(null),
  );
  for (const b of blocks) {
    (b.values as CellValue[][]).forEach((row, r) =>
      row.forEach((v, c) => (grid[b.box.top - used.top + r][b.box.left - used.left + c] = v)),
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
export function bandJobs(box: SheetBox, into: Band): Job[] {
  const first = box.right + 1;
  const last = Math.min(box.right + OWNED_BAND_WIDTH, MAX_SHEET_COLUMNS);
  if (first > last) return [];
  const jobs: Job[] = [
    {
      cost: smallLoad(box.sheet, ['values']),
      queue: (context) => {
        const header = rangeOf(context, {
          sheet: box.sheet,
          top: box.top,
          left: first,
          bottom: box.top,
          right: last,
        }).load('values');
        return () => (into.headers = header.values[0]);
      },
    },
  ];
  if (rowCount(box) < 2) return jobs;
  for (let k = 0; first + k <= last; k++) {
    jobs.push({
      cost: addCost(smallLoad(box.sheet, ['rowIndex']), RANGE_BY_INDEXES),
      queue: (context) => {
        const column = first + k;
        const used = rangeOf(context, {
          sheet: box.sheet,
          top: box.top + 1,
          left: column,
          bottom: box.bottom,
          right: column,
        })
          .getUsedRangeOrNullObject(true)
          .load('rowIndex');
        return () => (into.firstUsed[k] = used.isNullObject ? null : firstRowOf(used));
      },
    });
  }
  return jobs;
}

/** The band right of a table, from the sheet's first row: see mergeJob. */
export function bandBox(box: SheetBox): SheetBox | null {
  const left = box.right + 1;
  const right = Math.min(box.right + OWNED_BAND_WIDTH, MAX_SHEET_COLUMNS);
  return left <= right ? { sheet: box.sheet, top: 1, left, bottom: box.bottom, right } : null;
}

/** Excel answers getMergedAreasOrNullObject with at most this many areas (it fails above). */
const MERGED_AREAS_MAX = 512;

/**
 * The merged areas whose top-left cell lies in `box` (1-based), which is all getMergedAreasOrNullObject
 * reports (office-js issue 3611). A box from the sheet's first row also finds an area that enters the
 * band from above; one entering from the left would cover the table's own cells, which Excel refuses.
 */
export function mergeJob(box: SheetBox | null, done: (areas: MergedArea[]) => void): Job {
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
export function rightJob(box: SheetBox, done: (used: SheetBox | null) => void, jobs: Job[]): Job {
  const first = box.right + 1;
  return {
    cost: addCost(smallLoad(box.sheet, ['rowIndex', 'columnIndex', 'rowCount', 'columnCount']), RANGE_BY_INDEXES),
    queue: (context) => {
      if (first > MAX_SHEET_COLUMNS) return () => done(null);
      const used = rangeOf(context, { ...box, left: first, right: MAX_SHEET_COLUMNS })
        .getUsedRangeOrNullObject(false)
        .load('rowIndex,columnIndex,rowCount,columnCount');
      return () => {
        if (used.isNullObject) return done(null);
        // The used area's top row, then the first cell used in it.
        const found = boxOf(box.sheet, used);
        const top: SheetBox = { ...found, bottom: found.top };
        jobs.push({
          cost: addCost(smallLoad(box.sheet, ['columnIndex']), RANGE_BY_INDEXES),
          queue: (ctx) => {
            const cell = rangeOf(ctx, top).getUsedRangeOrNullObject(false).load('columnIndex');
            return () => {
              const column = cell.isNullObject ? top.left : firstColumnOf(cell);
              done({ ...top, left: column, right: column });
            };
          },
        });
      };
    },
  };
}

/** Band cells the engine must not write over (1-based), with the header row's text for owned headers a failed refresh left. */
function occupied(read: TableRead): OccupiedCell[] {
  const { top, right } = read.box;
  const out: OccupiedCell[] = [];
  read.band.headers.forEach((v, k) => {
    if (v !== '' && v !== null && v !== undefined) out.push({ row: top, column: right + 1 + k, text: String(v) });
  });
  read.band.firstUsed.forEach((r, k) => {
    if (r !== null && r !== undefined) out.push({ row: r, column: right + 1 + k });
  });
  return out;
}

const blockerOf = (used: SheetBox | null): CellPosition | null => (used ? { row: used.top, column: used.left } : null);

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
        const row1 = g.box.top + r;
        const column1 = g.box.left + c;
        const box = { sheet: g.box.sheet, top: row1, left: column1, bottom: row1, right: column1 };
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
    samples: sampleOffsets(rowCount(g.box)).map((offset) => ({ offset, values: asExcelSends(rows[offset], offset) })),
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
  boxes: SheetBox[],
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
