// The one interface every host's workbook access goes through. Adapters read and write;
// they never decide health, flags or layout: that is all in the WritePlan the engine hands them.
import type { WorkbookSnapshot, WritePlan, SheetLink } from '../engine';

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
}
