// The Office.js WorkbookPort. It reads everything in two round trips and writes in as few as the
// 5 MB request limit of Excel on the web allows; every decision comes from the engine's plan.
import type { CellPosition, CellValue, OutValue, RawSheet, RawTable, SheetLink, WorkbookSnapshot, WritePlan, CellStyle } from '../engine/types';
import { LEDGER_SHEET, OWNED_BAND_WIDTH, RISKS_SHEET, tableKindOf } from '../engine/recognise/names';
import { PALETTE, cssColour } from '../engine/palette';
import { serialFromDay } from '../engine/parse/values';
import { ConcurrentEditError, type WorkbookPort } from './port';

/** `Excel.run`, or a stand-in with the same shape in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Bytes of queued work after which the adapter syncs; below Excel on the web's 5 MB request limit. */
  maxBatchBytes?: number;
  /** Rows written per range operation, so no single operation approaches the limit on its own. */
  rowsPerWrite?: number;
  /** Whether the host supports ExcelApi 1.9 (screen updating suspension, auto filters). */
  supports19?: boolean;
}

const DEFAULT_BATCH_BYTES = 4_400_000;
const DEFAULT_ROWS_PER_WRITE = 25_000;

/** DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 one. */
const SERIAL_2000_1900 = 36526;

function toCell(value: unknown, type: string | undefined): CellValue {
  if (type === 'Error') return { error: String(value) };
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function grid(values: unknown[][], types: string[][] | undefined): CellValue[][] {
  return values.map((row, r) => row.map((v, c) => toCell(v, types?.[r]?.[c])));
}

/**
 * Text that Excel would read as a formula (or whose leading apostrophe it would swallow) gets an
 * apostrophe prefix: Excel stores the rest as text and shows it as typed.
 */
export function asOfficeValue(v: OutValue, date1904: boolean): string | number {
  if (v === null) return '';
  if (typeof v === 'object') return serialFromDay(v.day, date1904);
  if (typeof v === 'string' && /^[=+\-@']/.test(v)) return `'${v}`;
  return v;
}

function a1Quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Consecutive rows sharing a style, so fills are set once per run rather than once per cell. */
export function styleRuns(styles: (CellStyle | null)[]): { start: number; length: number; style: CellStyle | null }[] {
  const runs: { start: number; length: number; style: CellStyle | null }[] = [];
  styles.forEach((style, i) => {
    const last = runs[runs.length - 1];
    if (last && last.style === style) last.length++;
    else runs.push({ start: i, length: 1, style });
  });
  return runs;
}

/** Queues work and syncs whenever the queued bytes would pass the limit. */
class Batcher {
  private bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
    private readonly onSync: () => void,
  ) {}

  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.limit) await this.flush();
    queue();
    this.bytes += bytes;
  }

  /** Bytes the current batch can still take. */
  room(): number {
    return this.limit - this.bytes;
  }

  /**
   * Writes rows [0, count) in operations that fill each batch up to the limit: rows are taken while
   * they fit in what the batch has left, then the batch is sent and the rest starts a fresh one.
   */
  async rows(count: number, maxRows: number, bytesOfRow: (i: number) => number, write: (start: number, n: number) => void): Promise<void> {
    let start = 0;
    while (start < count) {
      const room = this.room() - OP_BYTES;
      let used = 0;
      let n = 0;
      while (start + n < count && n < maxRows) {
        const b = bytesOfRow(start + n);
        if (n > 0 && used + b > room) break;
        used += b;
        n++;
      }
      if (used > room && this.bytes > 0) {
        await this.flush();
        continue;
      }
      const at = start;
      const rows = n;
      await this.add(used + OP_BYTES, () => write(at, rows));
      start += n;
    }
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
    this.onSync();
  }
}

/** What one range operation costs beyond its values, in request bytes. */
const OP_BYTES = 200;
/** A range and one fill: the object path, the address and the colour. */
const PAINT_BYTES = 160;
const sizeOf = (values: unknown): number => JSON.stringify(values).length + OP_BYTES;

/** FNV-1a over the JSON of a grid: enough to notice that someone typed between read and write. */
function fingerprint(values: unknown): number {
  const text = JSON.stringify(values);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface ReadMark {
  sheet: string;
  table: string | null;
  fingerprint: number;
}

export class OfficeWorkbook implements WorkbookPort {
  private date1904 = false;
  /** What each input range held when read, checked again just before writing. */
  private marks: ReadMark[] = [];
  private readonly maxBatchBytes: number;
  private readonly rowsPerWrite: number;

  constructor(
    private readonly run: ExcelRun,
    private readonly options: OfficeWorkbookOptions = {},
  ) {
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
    this.rowsPerWrite = options.rowsPerWrite ?? DEFAULT_ROWS_PER_WRITE;
  }

  /** Two round trips: names, tables and the date system; then every candidate range at once. */
  async read(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const workbook = context.workbook;
      const sheets = workbook.worksheets.load('items/name,items/protection/protected');
      const tables = workbook.tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
      const probe = workbook.functions.date(2000, 1, 1).load('value');
      await context.sync();
      this.date1904 = probe.value !== SERIAL_2000_1900;

      const withTables = new Set(tables.items.map((t) => t.worksheet.name));
      const tableReads = tables.items
        .filter((t) => t.showHeaders)
        .map((t) => {
          const range = t.getRange().load('values,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
          const band = t.getRange().getColumnsAfter(OWNED_BAND_WIDTH).load('values,rowIndex,columnIndex');
          return { table: t, range, band };
        });
      const sheetReads = sheets.items
        .filter((s) => !withTables.has(s.name) && tableKindOf(s.name) !== null)
        .map((s) => ({ sheet: s, used: s.getUsedRangeOrNullObject(true).load('values,valueTypes,rowIndex,columnIndex') }));
      const ledgerSheet = sheets.items.find((s) => s.name === LEDGER_SHEET);
      const ledgerRange = ledgerSheet ? ledgerSheet.getUsedRangeOrNullObject(true).load('values,valueTypes') : null;
      const risksSheet = sheets.items.find((s) => s.name.toLowerCase() === RISKS_SHEET.toLowerCase());
      const risksHead = risksSheet ? risksSheet.getRange('A1:J1').load('values') : null;
      await context.sync();

      const rawTables: RawTable[] = tableReads.map(({ table, range, band }) => {
        const values = grid(range.values, range.valueTypes as unknown as string[][]);
        const body = values.slice(1, table.showTotals ? values.length - 1 : values.length);
        const occupiedRight: CellPosition[] = [];
        band.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== '' && v !== null) occupiedRight.push({ row: band.rowIndex + r + 1, column: band.columnIndex + c + 1 });
          }),
        );
        return {
          sheet: table.worksheet.name,
          name: table.name,
          headerRow: range.rowIndex + 1,
          firstColumn: range.columnIndex + 1,
          headers: values[0].map((h) => (h === null ? '' : String(typeof h === 'object' ? (h as { error: string }).error : h))),
          rows: body,
          occupiedRight,
        };
      });
      const rawSheets: RawSheet[] = sheetReads
        .filter(({ used }) => !used.isNullObject)
        .map(({ sheet, used }) => ({
          sheet: sheet.name,
          originRow: used.rowIndex + 1,
          originColumn: used.columnIndex + 1,
          values: grid(used.values, used.valueTypes as unknown as string[][]),
        }));
      this.marks = [
        ...tableReads.map(({ table, range }) => ({ sheet: table.worksheet.name, table: table.name, fingerprint: fingerprint(range.values) })),
        ...sheetReads.filter(({ used }) => !used.isNullObject).map(({ sheet, used }) => ({ sheet: sheet.name, table: null, fingerprint: fingerprint(used.values) })),
      ];
      const ledger = ledgerRange && !ledgerRange.isNullObject ? grid(ledgerRange.values, ledgerRange.valueTypes as unknown as string[][]) : null;
      const protectedSheets = sheets.items.filter((s) => s.protection.protected).map((s) => s.name);
      const sheetHeads = risksSheet && risksHead ? { [risksSheet.name]: risksHead.values[0] as CellValue[] } : {};
      return { date1904: this.date1904, sheetNames: sheets.items.map((s) => s.name), tables: rawTables, sheets: rawSheets, protectedSheets, ledger, sheetHeads };
    });
  }

  async apply(plan: WritePlan): Promise<void> {
    await this.run(async (context) => {
      const suspend = () => {
        context.application.suspendApiCalculationUntilNextSync();
        if (this.options.supports19) context.application.suspendScreenUpdatingUntilNextSync();
      };
      const batch = new Batcher(context, this.maxBatchBytes, suspend);
      suspend();
      const old = context.workbook.worksheets.getItemOrNullObject(plan.risks.sheetName).load('isNullObject,position');
      const oldLedger = context.workbook.worksheets.getItemOrNullObject(plan.ledger.sheetName).load('isNullObject');
      // One round trip to see the input as it is now: a plan computed from stale data is not written.
      const now = this.marks.map((m) => ({
        mark: m,
        range: (m.table !== null
          ? context.workbook.tables.getItem(m.table).getRange()
          : context.workbook.worksheets.getItem(m.sheet).getUsedRangeOrNullObject(true)
        ).load('values'),
      }));
      await batch.flush();
      const changed = now.filter(({ mark, range }) => range.isNullObject || fingerprint(range.values) !== mark.fingerprint).map(({ mark }) => mark.sheet);
      if (changed.length > 0) throw new ConcurrentEditError([...new Set(changed)]);

      for (const write of plan.tables) {
        const sheet = context.workbook.worksheets.getItem(write.sheet);
        const appended = write.columns.filter((c) => c.append);
        if (write.tableName !== null && appended.length > 0) {
          const table = context.workbook.tables.getItem(write.tableName);
          for (const c of appended) await batch.add(sizeOf(c.header), () => table.columns.add(undefined, undefined, c.header));
        } else {
          for (const c of appended) {
            await batch.add(sizeOf(c.header), () => {
              sheet.getRangeByIndexes(write.headerRow - 1, c.column - 1, 1, 1).values = [[c.header]];
            });
          }
        }
        for (const column of write.columns) {
          const cells = column.values.map((v) => asOfficeValue(v, this.date1904));
          const formatBytes = column.numFmt ? column.numFmt.length + 6 : 0;
          await batch.rows(
            write.rowCount,
            this.rowsPerWrite,
            (i) => JSON.stringify(cells[i]).length + 4 + formatBytes,
            (start, rows) => {
              const range = sheet.getRangeByIndexes(write.headerRow + start, column.column - 1, rows, 1);
              range.values = cells.slice(start, start + rows).map((v) => [v]);
              if (column.numFmt) range.numberFormat = Array.from({ length: rows }, () => [column.numFmt!]);
            },
          );
          if (column.styles) {
            for (const run of styleRuns(column.styles)) {
              await batch.add(PAINT_BYTES, () => {
                const range = sheet.getRangeByIndexes(write.headerRow + run.start, column.column - 1, run.length, 1);
                paint(range, run.style);
              });
            }
          }
        }
      }

      // The Risks sheet is rebuilt from nothing, in the place the old one held.
      const position = old.isNullObject ? null : old.position;
      if (!old.isNullObject) old.delete();
      const risks = context.workbook.worksheets.add(plan.risks.sheetName);
      if (position !== null) risks.position = position;
      const r = plan.risks;
      await batch.add(sizeOf(r.headers), () => {
        const header = risks.getRangeByIndexes(0, 0, 1, r.headers.length);
        header.values = [r.headers];
        header.format.font.bold = true;
        risks.freezePanes.freezeRows(1);
      });
      const linkColumn = r.links.find((l) => l !== null)?.column ?? null;
      const riskCells = r.rows.map((row, i) =>
        row.map((v, c) => {
          const link = r.links[i];
          if (c === linkColumn && link) {
            const text = String(v ?? '').replace(/"/g, '""');
            const target = `#${a1Quote(link.target.sheet)}!${link.target.cell}`.replace(/"/g, '""');
            return `=HYPERLINK("${target}","${text}")`;
          }
          return asOfficeValue(v, this.date1904);
        }),
      );
      await batch.rows(
        riskCells.length,
        this.rowsPerWrite,
        (i) => JSON.stringify(riskCells[i]).length + 2,
        (start, rows) => {
          // Formulas only where this adapter wrote a HYPERLINK itself; everything else is escaped text or a number.
          risks.getRangeByIndexes(start + 1, 0, rows, r.headers.length).formulas = riskCells.slice(start, start + rows);
        },
      );
      for (const run of styleRuns(r.styles)) {
        if (run.style === null) continue;
        await batch.add(PAINT_BYTES, () => paint(risks.getRangeByIndexes(run.start + 1, 0, run.length, 1), run.style));
      }
      const l = plan.ledger;
      if (!oldLedger.isNullObject) oldLedger.delete();
      const ledger = context.workbook.worksheets.add(l.sheetName);
      ledger.visibility = 'Hidden';
      for (const block of l.blocks) {
        const cells = [block.headers, ...block.rows].map((row) => row.map((v) => asOfficeValue(v, this.date1904)));
        await batch.rows(
          cells.length,
          this.rowsPerWrite,
          (i) => JSON.stringify(cells[i]).length + 2,
          (start, rows) => {
            ledger.getRangeByIndexes(start, block.column, rows, block.headers.length).values = cells.slice(start, start + rows);
          },
        );
      }
      await batch.add(300, () => {
        risks.getRangeByIndexes(0, 0, Math.max(1, r.rows.length + 1), r.headers.length).format.autofitColumns();
        if (this.options.supports19 && r.rows.length > 0) risks.autoFilter.apply(risks.getRangeByIndexes(0, 0, r.rows.length + 1, r.headers.length));
      });
      await batch.flush();
    });
  }

  async activeCell(): Promise<SheetLink | null> {
    return this.run(async (context) => {
      const cell = context.workbook.getActiveCell().load('address');
      await context.sync();
      return parseSheetAddress(cell.address);
    });
  }

  private readonly selectionListeners = new Set<(cell: SheetLink | null) => void>();
  private selectionWatched: Promise<void> | null = null;

  /**
   * One workbook-level handler, registered on first use and kept: removing an Office event handler
   * needs the request context that added it, and a handler with no listeners costs nothing. Each
   * event reads the active cell in one round trip.
   */
  async watchSelection(listener: (cell: SheetLink | null) => void): Promise<() => void> {
    this.selectionListeners.add(listener);
    this.selectionWatched ??= this.run(async (context) => {
      context.workbook.onSelectionChanged.add(async () => {
        if (this.selectionListeners.size === 0) return;
        const cell = await this.activeCell().catch(() => null);
        for (const l of this.selectionListeners) l(cell);
      });
      await context.sync();
    });
    try {
      await this.selectionWatched;
    } catch (e) {
      this.selectionWatched = null;
      this.selectionListeners.delete(listener);
      throw e;
    }
    return () => this.selectionListeners.delete(listener);
  }

  async select(target: SheetLink): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(target.sheet);
      sheet.activate();
      sheet.getRange(target.cell).select();
      await context.sync();
    });
  }
}

/** "'Q3 Plan'!$B$5" or "KPIs!B5" as Office writes addresses: the sheet and the top-left cell. */
export function parseSheetAddress(address: string): SheetLink | null {
  const match = /^(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Z]{1,3})\$?(\d+)/.exec(address);
  if (!match) return null;
  return { sheet: (match[1] ?? match[2]).replace(/''/g, "'"), cell: `${match[3]}${match[4]}` };
}

/**
 * Fill only: one action per run of cells. (The file adapter also sets the palette's font colour;
 * here every action counts against the request limit, and the fill is what tells Red from Green.)
 */
function paint(range: Excel.Range, style: CellStyle | null): void {
  if (style === null) range.format.fill.clear();
  else range.format.fill.color = cssColour(PALETTE[style].fill);
}
