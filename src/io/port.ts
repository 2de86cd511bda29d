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

/** A workbook that cannot be opened or read at all: not an .xlsx, corrupt, missing, locked. */
export class WorkbookReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookReadError';
  }
}

/** A workbook that was read but could not be written (output folder missing, file locked, sheet protected). */
export class WorkbookWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookWriteError';
  }
}

/** The workbook changed between reading it and writing to it (someone typed while Throughline worked). */
export class ConcurrentEditError extends Error {
  constructor(readonly sheets: string[]) {
    super(
      `The workbook changed while Throughline was refreshing (${sheets.join(', ')}). Nothing was written; refresh again.`,
    );
    this.name = 'ConcurrentEditError';
  }
}

/**
 * Excel refused one of the batches a write was split into, after earlier ones were written. Those only
 * ever hold Throughline's own cells (computed columns, and the new Risks sheet and ledger, which are
 * swapped in by the last batch), and the next refresh rewrites all of them.
 */
export class PartialWriteError extends WorkbookWriteError {
  constructor(
    readonly batch: number,
    readonly batches: number,
    readonly written: string[],
    cause: unknown,
    /** What the refused part was writing: Excel carries out a batch in order until one action fails. */
    readonly partly: string[] = [],
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Excel refused part ${batch} of ${batches} of the write (${reason}). ` +
        (written.length > 0 ? `Written before it: ${written.join('; ')}. ` : 'No earlier part was written. ') +
        (partly.length > 0 ? `Some of this part may have been written too: ${partly.join('; ')}. ` : '') +
        "Only Throughline's own cells were touched; refresh again to finish.",
      { cause },
    );
    this.name = 'PartialWriteError';
  }
}

/**
 * What a failed refresh tells the user about the workbook: the error's own words, and "Nothing was
 * written." only when that is true. Every refresh failure is thrown before the first write (the plan is
 * validated, checked and batched first) except Excel refusing a later batch, whose message lists what
 * was written; a message that already says so is not told twice.
 */
export function failureText(e: unknown, message: string): string {
  if (e instanceof PartialWriteError || /nothing was written/i.test(message)) return message;
  return `${message.trimEnd()} Nothing was written.`;
}
