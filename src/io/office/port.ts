// The Office.js WorkbookPort: reads in round trips sized to Excel on the web's payload limit, checks
// cheaply that nothing changed, then writes the engine's plan in batches planned and measured before
// the first is sent. Every decision about what to write comes from the plan; see read.ts,
// check.ts and write.ts for how.
import type { SheetLink, WorkbookSnapshot, WritePlan } from '../../engine';
import type { LiveChange, WatchOptions, WorkbookPort } from '../port';
import { watchChanges, WRITE_GRACE_MS, type LiveHost } from './live';
import { readWorkbook, toSnapshot, type ReadState } from './read';
import { recheck } from './check';
import { InsertRefusedError, planBatches, sendBatches, validatePlan } from './write';
import type { HostSupport, SheetInfo } from './batches';
import { PAYLOAD_BUDGET } from './wire';

export { asOfficeValue, styleRuns } from './cells';

/** `Excel.run`, or a stand-in with the same shape in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Office.context.requirements`, or a stand-in. */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface OfficeWorkbookOptions {
  /** Which ExcelApi requirement sets the host supports; defaults to Office.js's own answer, or the 1.7 floor outside Office. */
  requirements?: Requirements;
  /** Whether the host supports ExcelApi 1.9, for callers that only ask about that one. */
  supports19?: boolean;
  /** Bytes per request and per response; below Excel on the web's 5 MB (tests lower it to split small workbooks). */
  budget?: number;
  /** Bytes of value writes from which a staged sheet is sent as a package (tests lower it; see compressed.ts). */
  compressFrom?: number;
  /** Live updates: the quiet period after the last change before the update (tests shorten it). */
  quietMs?: number;
}

function officeRequirements(): Requirements | null {
  const office = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office;
  return office?.context?.requirements ?? null;
}

export class OfficeWorkbook implements WorkbookPort {
  /** What the last read saw: where each table is, and each range's fingerprint for the check before writing. */
  private state: ReadState | null = null;
  /** The workbook as last seen, by a read or a live update: what the next live update merges into. */
  private seen: WorkbookSnapshot | null = null;
  /** When Throughline last wrote (or is writing: Infinity), for hosts that cannot turn their events off. */
  private wroteAt = -Infinity;

  constructor(
    private readonly run: ExcelRun,
    private readonly options: OfficeWorkbookOptions = {},
  ) {}

  /** What the host can do, asked when needed (Office.js answers only once it is ready). */
  private support(): HostSupport {
    const requirements = this.options.requirements ?? officeRequirements();
    const has = (version: string) => requirements?.isSetSupported('ExcelApi', version) ?? false;
    return {
      resize: has('1.13'),
      insert: has('1.13'),
      compressFrom: this.options.compressFrom,
      v19: this.options.supports19 ?? has('1.9'),
      v17: has('1.7'),
      json: has('1.16'),
      v16: has('1.6'),
      budget: this.options.budget ?? PAYLOAD_BUDGET,
    };
  }

  async read(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const support = this.support();
      const read = await readWorkbook(context, () => context.sync(), support.resize, support.budget, support.json);
      this.state = read.state;
      return (this.seen = toSnapshot(read));
    });
  }

  /**
   * Writes the plan the engine made from the last read. Before anything is written: the plan is
   * checked against Excel's limits and what was read, the workbook is checked for edits made since
   * (ConcurrentEditError), and every batch is planned within the payload budget.
   */
  async apply(plan: WritePlan): Promise<void> {
    const state = this.state;
    if (state === null)
      throw new Error(
        'OfficeWorkbook.apply needs a read() first: the plan is written where that read found the tables.',
      );
    validatePlan(plan, state);
    const support = this.support();
    // Its own writes must not come back as live updates: from ExcelApi 1.8 events are off while it
    // writes; below, the live watch ignores this user's changes while it writes and just after.
    const quiet = this.has('1.8');
    this.wroteAt = Infinity;
    try {
      await this.run(async (context) => {
        if (quiet) context.runtime.enableEvents = false;
        let queued = false;
        let restored = false;
        try {
          const owned = new Map<string, unknown[]>();
          const sheets = await recheck(context, () => context.sync(), state, plan, support, owned);
          // Events come back on in the last batch's round trip, after its writes: no round trip more.
          const last = () => {
            if (quiet) context.runtime.enableEvents = true;
            queued = true;
          };
          try {
            await sendBatches(context, planBatches(plan, state, support, sheets, owned), support, last);
          } catch (e) {
            if (!(e instanceof InsertRefusedError)) throw e;
            // Only very hidden working sheets can have changed: list the sheets again (the next plan
            // deletes those as leftovers) and write by value, as a host without ExcelApi 1.13 does.
            const now = await listSheets(context);
            const byValue = { ...support, insert: false };
            await sendBatches(context, planBatches(plan, state, byValue, now, owned), byValue, last, true);
          }
          restored = queued;
        } finally {
          // Nothing was written, or a batch failed: turn them back on in a round trip of their own.
          if (quiet && !restored) {
            context.runtime.enableEvents = true;
            // Turning events back on must not hide why a write failed.
            await context.sync().catch(() => undefined);
          }
        }
      });
    } finally {
      this.wroteAt = Date.now();
    }
  }

  private has(version: string): boolean {
    const requirements = this.options.requirements ?? officeRequirements();
    return requirements?.isSetSupported('ExcelApi', version) ?? false;
  }

  /** Live updates (ExcelApi 1.7): see live.ts. Nothing is written; null where Excel has no change events. */
  async watchChanges(
    listener: (change: LiveChange) => void,
    options?: WatchOptions,
  ): Promise<(() => Promise<void>) | null> {
    const host: LiveHost = {
      run: this.run,
      has: (v) => this.has(v),
      budget: this.options.budget ?? PAYLOAD_BUDGET,
      base: () => this.seen,
      setBase: (snapshot) => (this.seen = snapshot),
      writing: () => Date.now() - this.wroteAt < WRITE_GRACE_MS,
    };
    return watchChanges(host, listener, { quietMs: this.options.quietMs, ...options });
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

/** The workbook's sheets as the check before writing lists them, in one round trip. */
async function listSheets(context: Excel.RequestContext): Promise<SheetInfo[]> {
  const list = context.workbook.worksheets.load('items/name,items/visibility,items/position');
  await context.sync();
  return list.items.map((s) => ({ name: s.name, visibility: s.visibility, position: s.position }));
}

/** "'Q3 Plan'!$B$5" or "KPIs!B5" as Office writes addresses: the sheet and the top-left cell. */
export function parseSheetAddress(address: string): SheetLink | null {
  const match = /^(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Z]{1,3})\$?(\d+)/.exec(address);
  if (!match) return null;
  return { sheet: (match[1] ?? match[2]).replace(/''/g, "'"), cell: `${match[3]}${match[4]}` };
}
