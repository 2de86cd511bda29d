// The one interface every host's workbook access goes through. Adapters read and write;
// they never decide health, flags or layout: that is all in the WritePlan the engine hands them.
import type { WorkbookSnapshot, WritePlan, SheetLink } from '../engine';

/** What a live update hands the pane: the workbook as it stands after someone's edits, nothing written. */
export interface LiveChange {
  /** The last snapshot with the changed rows read again (or, after a change of shape, the whole workbook read again). */
  snapshot: WorkbookSnapshot;
  /** A co-author made (some of) the changes: Excel's event source was Remote. */
  remote: boolean;
  /** The changed areas, sheet and top-left cell. */
  cells: SheetLink[];
  /** false when the changes could not be placed in the last snapshot and the whole workbook was read again. */
  partial: boolean;
}

export interface WatchOptions {
  /** Changes are gathered until none has come for this long (milliseconds): never a recompute per keystroke. */
  quietMs?: number;
  /** Told when a live update could not be read (the pane keeps what it shows). */
  onError?: (e: unknown) => void;
}

export interface WorkbookPort {
  /** Reads every candidate table and header-row range the engine may need. */
  read(): Promise<WorkbookSnapshot>;
  /** Applies a write-back plan: owned columns, their styles, and the Risks sheet. */
  apply(plan: WritePlan): Promise<void>;
  /** Moves the user's selection to a cell (hosts without a selection may ignore it). */
  select?(target: SheetLink): Promise<void>;
  /** The cell the user has selected, where the host has a selection. */
  activeCell?(): Promise<SheetLink | null>;
  /** Calls back with the selected cell each time the user selects another; resolves to how to stop. */
  watchSelection?(listener: (cell: SheetLink | null) => void): Promise<() => void>;
  /**
   * Live updates: calls back with the workbook as it stands after edits (this user's or a co-author's),
   * reading only what changed and writing nothing; resolves to how to stop (handlers removed). Hosts
   * without change events leave it out; null when this host's Excel cannot (below ExcelApi 1.7).
   */
  watchChanges?(listener: (change: LiveChange) => void, options?: WatchOptions): Promise<(() => Promise<void>) | null>;
}
