// Reads a WorkbookSnapshot from a package: the cells of every table the engine may recognise (and the
// band to their right), a grid for each recognisable sheet without tables, the ledger, and the header
// of a sheet called "Risks". Sheets the engine cannot use are never parsed.
import type { CellValue, MergedArea, OccupiedCell, RawSheet, RawTable, WorkbookSnapshot } from '../../engine';
import { mergedInBand, parseMergeRef, tablesInBand } from '../../engine';
import { LEDGER_SHEET, OWNED_BAND_WIDTH, RISKS_SHEET, matchTableName, tableKindOf } from '../../engine';
import { scanWorksheet, sheetProtectedBytes, type CellSink } from './worksheet-read';
import {
  ReaderGone,
  SheetFilter,
  filteredSink,
  replayScanned,
  type ScannedSheet,
  type SheetReader,
  type SheetWants,
  type WantedRegion,
} from './sheet-scan';
import { readOwnedSheets } from '../../engine';
import type { SheetModel, TableModel, WorkbookModel } from './model';

export function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function headerText(v: CellValue, fallback: string): string {
  if (v === null) return fallback;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** Whether the engine could read this table: by its own name, or alone on a sheet with a recognised name. */
function candidate(sheet: SheetModel, table: TableModel): boolean {
  if (table.headerRowCount < 1) return false;
  return (
    matchTableName(table.name) !== null || (sheet.tables.length === 1 && matchTableName(sheet.entry.name) !== null)
  );
}

interface TableCells {
  table: TableModel;
  headers: CellValue[];
  rows: CellValue[][];
  occupiedRight: OccupiedCell[];
  lastData: number;
}

/** A growing grid of every non-empty cell, for sheets read as plain ranges and for the ledger. */
class GridSink implements CellSink {
  /** Sheet row -> sparse row of values by sheet column. */
  private readonly rows: CellValue[][] = [];
  top = Infinity;
  left = Infinity;
  right = 0;
  bottom = 0;
  wantRow(): boolean {
    return true;
  }
  wantCell(): boolean {
    return true;
  }
  cell(row: number, column: number, value: CellValue): void {
    if (isEmpty(value)) return;
    (this.rows[row] ??= [])[column] = value;
    if (row < this.top) this.top = row;
    if (row > this.bottom) this.bottom = row;
    if (column < this.left) this.left = column;
    if (column > this.right) this.right = column;
  }
  values(): CellValue[][] | null {
    if (this.bottom === 0) return null;
    const out: CellValue[][] = [];
    for (let r = this.top; r <= this.bottom; r++) {
      const cells = this.rows[r];
      const row: CellValue[] = [];
      if (cells) for (let c = this.left; c <= this.right; c++) row.push(cells[c] ?? null);
      out.push(row);
    }
    return out;
  }
}

/** One sheet to be scanned: what is wanted of it, and where each wanted cell goes. */
interface SheetPlan {
  sheet: SheetModel;
  wants: SheetWants;
  /** Takes a wanted cell (already filtered) into the tables, the grid and the head. */
  deliver(row: number, column: number, value: CellValue): void;
  /** After the scan: the merged areas found, and the bands they and other tables block. */
  finish(protectedSheet: boolean, merges: readonly string[]): SheetOutcome;
}

interface SheetOutcome {
  protected: boolean;
  merged: MergedArea[];
}

function planSheet(sheet: SheetModel, reads: TableCells[], grid: GridSink | null, head: CellValue[] | null): SheetPlan {
  const regions: WantedRegion[] = reads.map((t) => ({
    top: t.table.box.top,
    bottom: t.table.box.bottom,
    left: t.table.box.left,
    tableRight: t.table.box.right,
    right: t.table.box.right + OWNED_BAND_WIDTH,
  }));
  return {
    sheet,
    wants: { grid: grid !== null, head: head !== null, regions },
    deliver(row, column, value) {
      if (grid) grid.cell(row, column, value);
      if (head && row === 1 && column <= 10) head[column - 1] = value;
      for (let i = 0; i < reads.length; i++) {
        const g = regions[i];
        if (row < g.top || row > g.bottom || column < g.left || column > g.right) continue;
        const t = reads[i];
        const box = t.table.box;
        if (column > box.right) {
          if (!isEmpty(value)) t.occupiedRight.push({ row, column });
        } else if (row === box.top) {
          t.headers[column - box.left] = value;
        } else if (row <= t.lastData) {
          t.rows[row - box.top - 1][column - box.left] = value;
        }
      }
    },
    finish(protectedSheet, merges) {
      const merged: MergedArea[] = [];
      for (const ref of merges) {
        const area = parseMergeRef(ref);
        if (area) merged.push(area);
      }
      // A merged area, or another table (even an empty one), reaching the band blocks it like a value
      // there: the table's rows, header to totals.
      reads.forEach((t, i) => {
        const { top, bottom, right } = regions[i];
        const band = { top, bottom, left: t.table.box.right + 1, right };
        t.occupiedRight.push(
          ...mergedInBand(merged, band),
          ...tablesInBand(
            sheet.tables.filter((x) => x.name !== t.table.name),
            band,
          ),
        );
      });
      return { protected: protectedSheet, merged };
    },
  };
}

/** Scans the sheet in this thread, straight into the plan's tables, grid and head. */
function scanHere(model: WorkbookModel, plan: SheetPlan): SheetOutcome {
  const filter = new SheetFilter(plan.wants);
  const merges: string[] = [];
  const sink = filteredSink(filter, (row, column, value) => plan.deliver(row, column, value), merges);
  const part = plan.sheet.entry.part;
  const scan = scanWorksheet(model.pkg.text(part), part, model.context, sink);
  model.pkg.forget(part);
  return plan.finish(scan.protected, merges);
}

/** The engine's reading of a table's cells, from the cells read. */
function tablesOf(sheet: SheetModel, reads: TableCells[]): RawTable[] {
  const name = sheet.entry.name;
  const out: RawTable[] = [];
  for (const table of sheet.tables) {
    const read = reads.find((r) => r.table === table);
    if (read) {
      out.push({
        sheet: name,
        name: table.name,
        headerRow: table.box.top,
        firstColumn: table.box.left,
        headers: read.headers.map((h, i) => headerText(h, table.columns[i]?.name ?? '')),
        rows: read.rows,
        occupiedRight: read.occupiedRight.sort((a, b) => a.row - b.row || a.column - b.column),
      });
    } else if (table.headerRowCount > 0) {
      // Not readable by the engine, but named in messages and counted per sheet.
      out.push({
        sheet: name,
        name: table.name,
        headerRow: table.box.top,
        firstColumn: table.box.left,
        headers: table.columns.map((c) => c.name),
        rows: [],
        occupiedRight: [],
      });
    }
  }
  return out;
}

/** The candidate tables of a sheet, each with room for its cells. */
function readsOf(sheet: SheetModel): TableCells[] {
  return sheet.tables
    .filter((t) => candidate(sheet, t))
    .map((table) => {
      const width = table.box.right - table.box.left + 1;
      const lastData = table.box.bottom - table.totalsRowCount;
      const rowCount = Math.max(0, lastData - table.box.top);
      // Copies of one blank row: copying a packed array is cheaper than making and filling each (100,000 rows).
      const blank = new Array<CellValue>(width).fill(null);
      const rows: CellValue[][] = [];
      for (let i = 0; i < rowCount; i++) rows.push(blank.slice());
      return {
        table,
        headers: blank.slice(),
        rows,
        occupiedRight: [],
        lastData,
      };
    });
}

/** What is read of one sheet, and how: its outcome settles once its cells are in. */
interface SheetRead {
  sheet: SheetModel;
  reads: TableCells[];
  grid: GridSink | null;
  head: CellValue[] | null;
  /** Null when nothing of the sheet is read. */
  outcome: Promise<SheetOutcome | null>;
}

const isRisksName = (name: string) => name.toLowerCase() === RISKS_SHEET.toLowerCase();

/** A sheet Throughline may own: only its protection matters, and that sits right after its cells. */
function protectionOnly(model: WorkbookModel, sheet: SheetModel, reader: SheetReader | null): Promise<SheetOutcome> {
  const part = sheet.entry.part;
  if (reader?.protectedPart) return reader.protectedPart(part, model.pkg.entryToInflate(part)).then(outcomeOf);
  return Promise.resolve(outcomeOf(sheetProtectedBytes(model.pkg.bytes(part))));
}

const outcomeOf = (protectedSheet: boolean): SheetOutcome => ({ protected: protectedSheet, merged: [] });

/** A promise of what `work` returns, or of its error; never an unhandled rejection while it waits its turn. */
function settled<T>(work: () => T | Promise<T>): Promise<T> {
  let p: Promise<T>;
  try {
    p = Promise.resolve(work());
  } catch (e) {
    p = Promise.reject(e);
  }
  p.catch(() => undefined);
  return p;
}

/**
 * Scans the plans: with a reader, the largest sheets go to it (another thread) and the rest are
 * scanned here meanwhile; the outcomes come in the plans' order.
 */
function scanAll(model: WorkbookModel, plans: SheetPlan[], reader: SheetReader | null): Promise<SheetOutcome>[] {
  const away = reader ? (reader.choose ?? sheetsAway)(plans.map((p) => model.pkg.sizeOf(p.sheet.entry.part))) : [];
  const outcomes: Promise<SheetOutcome>[] = new Array<Promise<SheetOutcome>>(plans.length);
  // Handed over first, so the other thread works while this one scans its own share.
  for (const i of away) {
    const plan = plans[i];
    const part = plan.sheet.entry.part;
    outcomes[i] = settled(async () => {
      let scanned: ScannedSheet;
      try {
        scanned = await reader!.scan(part, model.pkg.entryToInflate(part), model.context, plan.wants);
      } catch (e) {
        if (e instanceof ReaderGone) return scanHere(model, plan);
        throw e;
      }
      replayScanned(scanned, plan.deliver);
      return plan.finish(scanned.protected, scanned.merges);
    });
  }
  plans.forEach((plan, i) => (outcomes[i] ??= settled(() => scanHere(model, plan))));
  return outcomes;
}

/**
 * Which sheets (by index) another thread scans, from their sizes: largest first, each to the thread
 * with less to do. The other thread starts behind (a worker is ready some 60-250 ms after it starts,
 * most of it loading modules, while this one only opens the file), and this thread still puts the
 * cells it hands back in place (counted as a sixteenth of scanning them; measured 2-3 %). Small sheets stay:
 * handing them over costs more than it saves.
 */
export function sheetsAway(sizes: readonly number[]): number[] {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const away: number[] = [];
  let here = 0;
  let there = HEAD_START;
  for (const i of order) {
    if (sizes[i] >= MIN_SIZE_AWAY && there <= here) {
      away.push(i);
      there += sizes[i];
      here += sizes[i] / 16;
    } else here += sizes[i];
  }
  return away.sort((a, b) => a - b);
}

/** Sheet XML below this size is scanned here (about 5,000 rows of a typical table). */
const MIN_SIZE_AWAY = 512 * 1024;
/**
 * The other thread's late start, as the sheet XML this one scans meanwhile (set at ~30 ms a megabyte
 * through saxes; the hand scan takes 10-17 ms, so it now stands for less than a worker's start, but at
 * 100,000 rows no other split of the sheets comes closer to even: docs/benchmarks.md, the weekly read).
 */
const HEAD_START = 2 * 1024 * 1024;

/**
 * The snapshot of the workbook. With a `reader` (the command line's worker thread), the larger sheets
 * are scanned on another thread while this one scans the others; the snapshot is the same either way,
 * and so is the error when a sheet cannot be read (the first in the order sheets are read).
 */
export async function readSnapshot(model: WorkbookModel, reader: SheetReader | null = null): Promise<WorkbookSnapshot> {
  // The ledger first: when it lists the sheets Throughline owns, a "Risks" sheet's header is not needed,
  // so a Risks sheet is planned once the ledger is in.
  const ledgerSheet = model.sheets.find((s) => s.entry.name === LEDGER_SHEET);
  const ledgerGrid = ledgerSheet ? new GridSink() : null;
  const plans: SheetPlan[] = [];
  if (ledgerSheet) plans.push(planSheet(ledgerSheet, [], ledgerGrid, null));
  const early = new Map<SheetModel, Omit<SheetRead, 'outcome'> & { plan: SheetPlan | null }>();
  for (const sheet of model.sheets) {
    if (sheet === ledgerSheet || isRisksName(sheet.entry.name)) continue;
    const reads = readsOf(sheet);
    const grid = sheet.tables.length === 0 && tableKindOf(sheet.entry.name) !== null ? new GridSink() : null;
    const plan = reads.length > 0 || grid !== null ? planSheet(sheet, reads, grid, null) : null;
    if (plan) plans.push(plan);
    early.set(sheet, { sheet, reads, grid, head: null, plan });
  }
  // A Risks sheet's protection, found off this thread (zlib's) when the reader can: started before the
  // sheets are scanned, not once the ledger is in, where it was the weekly read's last step (41 MB to
  // inflate after the ledger). Used when the ledger says whose the sheet is, as it does after a refresh.
  const risksEarly = new Map<SheetModel, Promise<SheetOutcome>>();
  if (reader?.protectedPart)
    for (const sheet of model.sheets)
      if (isRisksName(sheet.entry.name) && sheet.tables.length === 0 && tableKindOf(sheet.entry.name) === null)
        risksEarly.set(
          sheet,
          settled(() => protectionOnly(model, sheet, reader)),
        );
  const scanned = scanAll(model, plans, reader);
  const outcomeOfPlan = new Map(plans.map((p, i) => [p, scanned[i]]));
  const protectedSheets: string[] = [];
  let ledger: CellValue[][] | null = null;
  if (ledgerSheet) {
    if ((await scanned[0]).protected) protectedSheets.push(LEDGER_SHEET);
    ledger = ledgerGrid!.values();
  }
  const ownershipKnown = readOwnedSheets(ledger) !== null;
  const steps: SheetRead[] = [];
  for (const sheet of model.sheets) {
    if (sheet === ledgerSheet) continue;
    const name = sheet.entry.name;
    const planned = early.get(sheet);
    if (planned) {
      const { plan } = planned;
      const outcome = plan
        ? outcomeOfPlan.get(plan)!
        : /^throughline risks/i.test(name)
          ? settled(() => protectionOnly(model, sheet, reader))
          : Promise.resolve(null);
      steps.push({ ...planned, outcome });
      continue;
    }
    const reads = readsOf(sheet);
    const head = ownershipKnown ? null : new Array<CellValue>(10).fill(null);
    const grid = sheet.tables.length === 0 && tableKindOf(name) !== null ? new GridSink() : null;
    const outcome =
      reads.length > 0 || grid !== null || head !== null
        ? settled(() => scanHere(model, planSheet(sheet, reads, grid, head)))
        : (risksEarly.get(sheet) ?? settled(() => protectionOnly(model, sheet, reader)));
    steps.push({ sheet, reads, grid, head, outcome });
  }
  return assemble(model, ledger, protectedSheets, steps);
}

async function assemble(
  model: WorkbookModel,
  ledger: CellValue[][] | null,
  protectedSheets: string[],
  steps: SheetRead[],
): Promise<WorkbookSnapshot> {
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  const sheetHeads: Record<string, CellValue[]> = {};
  for (const { sheet, reads, grid, head, outcome } of steps) {
    const name = sheet.entry.name;
    const scan = await outcome;
    if (scan?.protected) protectedSheets.push(name);
    const merged = scan?.merged ?? [];
    tables.push(...tablesOf(sheet, reads));
    if (head) sheetHeads[name] = head;
    if (grid) {
      const values = grid.values();
      if (values)
        sheets.push({
          sheet: name,
          originRow: grid.top,
          originColumn: grid.left,
          values,
          ...(merged.length > 0 ? { merged } : {}),
        });
    }
  }
  return {
    date1904: model.info.date1904,
    sheetNames: model.info.sheets.map((s) => s.name),
    tables,
    sheets,
    protectedSheets,
    ledger,
    sheetHeads,
  };
}
