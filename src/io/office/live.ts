// Live updates in Excel: Worksheet.onChanged and Table.onChanged (ExcelApi 1.7) tell where cells
// changed, by this user or a co-author (source Remote). Changes are gathered until a quiet period
// passes, then only the changed rows are read again and merged into the last snapshot; a change the
// snapshot cannot place (a new row, a header, a table's shape) reads the whole workbook once. Nothing
// here writes, and nothing here touches what the check before writing compares against.
import type { CellValue, RawSheet, RawTable, SheetLink, WorkbookSnapshot } from '../../engine';
import { OWNED_HEADER_SET } from '../../engine';
import type { LiveChange, WatchOptions } from '../port';
import { readRanges, readWorkbook, toSnapshot } from './read';
import { a1, columnCount, decodeRef, type CellBox, type SheetBox } from '../../cells';

/** How long after the last change the update starts: about a second, never once per keystroke. */
export const QUIET_MS = 1_000;
/** Below ExcelApi 1.8 the adapter cannot turn its events off: events this long after its last write are its own. */
export const WRITE_GRACE_MS = 2_000;

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the live watch needs from the adapter. */
export interface LiveHost {
  run: Run;
  /** Whether the host supports this ExcelApi version. */
  has(version: string): boolean;
  budget: number;
  /** The snapshot the last read or live update left. */
  base(): WorkbookSnapshot | null;
  setBase(snapshot: WorkbookSnapshot): void;
  /** True while Throughline writes, and for a grace period after (asked only below ExcelApi 1.8). */
  writing(): boolean;
}

/** A change event as heard: which watched table or sheet, and Excel's arguments. */
interface Heard {
  table: string | null;
  sheet: string;
  address: string;
  changeType: string;
  source: string;
}

interface ChangedArgs {
  address: string;
  changeType: string;
  source: string;
}

/** Where a change goes in the snapshot: the rows to read again; 'ignore' for owned columns; null when it cannot be placed. */
type Place = { box: SheetBox; table: RawTable | null; sheet: RawSheet | null; offset: number } | 'ignore' | null;

/** An event's address ("B5", "B5:D7", "'Q3 Plan'!C2:C4") as the cells it covers, 1-based. */
export function areaOf(address: string): CellBox | null {
  return decodeRef(address.trim().replace(/^.*!/, ''));
}

/** Table columns the engine reads: the owned "(auto)" columns at the right end are outputs. */
function inputWidth(table: RawTable): number {
  let n = table.headers.length;
  while (n > 1 && OWNED_HEADER_SET.has(table.headers[n - 1].trim())) n--;
  return n;
}

function placeOf(base: WorkbookSnapshot, heard: Heard): Place {
  const area = areaOf(heard.address);
  if (!area) return null;
  if (heard.table !== null) {
    const t = base.tables.find((x) => x.name === heard.table);
    if (!t) return null;
    const lastInput = t.firstColumn + inputWidth(t) - 1;
    // Throughline's own columns changed only: nothing the engine reads.
    if (area.left > lastInput) return 'ignore';
    const inRows = area.top > t.headerRow && area.bottom <= t.headerRow + t.rows.length;
    if (heard.changeType !== 'RangeEdited' || !inRows) return null;
    const box = { sheet: t.sheet, top: area.top, bottom: area.bottom, left: t.firstColumn, right: lastInput };
    return { box, table: t, sheet: null, offset: area.top - t.headerRow - 1 };
  }
  const s = base.sheets.find((x) => x.sheet === heard.sheet);
  if (!s) return 'ignore';
  const [top, left] = [s.originRow, s.originColumn];
  const width = Math.max(1, ...s.values.map((r) => r.length));
  const inside =
    area.top >= top && area.bottom <= top + s.values.length - 1 && area.left >= left && area.right <= left + width - 1;
  if (heard.changeType !== 'RangeEdited' || !inside) return null;
  return {
    box: { sheet: s.sheet, top: area.top, bottom: area.bottom, left, right: left + width - 1 },
    table: null,
    sheet: s,
    offset: area.top - top,
  };
}

/** The base snapshot with the rows read again put in place (the base itself is left as it was). */
function merged(
  base: WorkbookSnapshot,
  places: Exclude<Place, 'ignore' | null>[],
  read: CellValue[][][],
): WorkbookSnapshot {
  const tables = new Map<RawTable, CellValue[][]>();
  const sheets = new Map<RawSheet, CellValue[][]>();
  places.forEach((p, i) => {
    const rows = p.table
      ? (tables.get(p.table) ?? tables.set(p.table, [...p.table.rows]).get(p.table)!)
      : (sheets.get(p.sheet!) ?? sheets.set(p.sheet!, [...p.sheet!.values]).get(p.sheet!)!);
    const length = p.table ? p.table.headers.length : columnCount(p.box);
    read[i].forEach((row, r) => {
      const full = row.map((v) => (v === '' ? null : v));
      while (full.length < length) full.push(null);
      rows[p.offset + r] = full;
    });
  });
  return {
    ...base,
    tables: base.tables.map((t) => (tables.has(t) ? { ...t, rows: tables.get(t)! } : t)),
    sheets: base.sheets.map((s) => (sheets.has(s) ? { ...s, values: sheets.get(s)! } : s)),
  };
}

/** The whole workbook read again, without touching the adapter's record of its last read. */
export async function readAll(host: LiveHost): Promise<WorkbookSnapshot> {
  return host.run(async (context) =>
    toSnapshot(await readWorkbook(context, () => context.sync(), host.has('1.13'), host.budget, host.has('1.16'))),
  );
}

/** Reads what the gathered changes touched and builds the update; null when they touched only owned columns. */
export async function liveUpdate(host: LiveHost, heard: Heard[]): Promise<LiveChange | null> {
  const base = host.base();
  const places = base ? heard.map((h) => placeOf(base, h)) : [null];
  const remote = heard.some((h) => h.source === 'Remote');
  const cells: SheetLink[] = heard.map((h) => {
    const a = areaOf(h.address);
    const cell = a ? a1(a.top, a.left) : 'A1';
    return { sheet: h.sheet, cell };
  });
  if (base === null || places.includes(null)) return { snapshot: await readAll(host), remote, cells, partial: false };
  const rows = places.filter((p): p is Exclude<Place, 'ignore' | null> => p !== 'ignore' && p !== null);
  if (rows.length === 0) return null;
  const read = await host.run((context) =>
    readRanges(
      context,
      () => context.sync(),
      rows.map((p) => p.box),
      host.budget,
      host.has('1.16'),
    ),
  );
  return { snapshot: merged(base, rows, read), remote, cells, partial: true };
}

/**
 * Registers the change handlers on the tables and plain-range sheets of the base snapshot, in one
 * round trip, and calls back after each quiet period with the update. Resolves to how to stop (the
 * handlers removed in the context that added them); null below ExcelApi 1.7.
 */
export async function watchChanges(
  host: LiveHost,
  listener: (change: LiveChange) => void,
  options: WatchOptions = {},
): Promise<(() => Promise<void>) | null> {
  if (!host.has('1.7')) return null;
  if (host.base() === null) host.setBase(await readAll(host));
  const base = host.base()!;
  const quiet = options.quietMs ?? QUIET_MS;
  const pending: Heard[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    const batch = pending.splice(0);
    if (batch.length === 0 || stopped) return;
    // One update at a time, in order: a slow read never overtakes a later one.
    chain = chain.then(async () => {
      try {
        const change = await liveUpdate(host, batch);
        if (change === null || stopped) return;
        host.setBase(change.snapshot);
        listener(change);
      } catch (e) {
        options.onError?.(e);
      }
    });
  };
  const hear = (table: string | null, sheet: string) => async (args: ChangedArgs) => {
    if (stopped) return;
    // Without Runtime.enableEvents (ExcelApi 1.8), Throughline's own writes come back as events.
    if (!host.has('1.8') && args.source === 'Local' && host.writing()) return;
    pending.push({ table, sheet, address: args.address, changeType: args.changeType, source: args.source });
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, quiet);
  };
  const added = await host.run(async (context) => {
    const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
    for (const t of base.tables)
      results.push(context.workbook.tables.getItem(t.name).onChanged.add(hear(t.name, t.sheet)));
    for (const s of base.sheets)
      results.push(context.workbook.worksheets.getItem(s.sheet).onChanged.add(hear(null, s.sheet)));
    await context.sync();
    return results;
  });
  return async () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    if (added.length === 0) return;
    // An event handler is removed through the request context that added it.
    for (const h of added) h.remove();
    await added[0].context.sync();
  };
}
