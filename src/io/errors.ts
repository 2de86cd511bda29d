// What can go wrong reading or writing a workbook, as error types, and every cause put into words in
// this one module: the file system's codes, and any error shown to a person (the pane, the ribbon's
// dialog, the command line).

/** Any error as one sentence for a person: its message, never a stack. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/**
 * A file system error in words. Opening and writing a file name the file; replacing one names a file
 * that was there a moment ago, so a missing one means its folder went, and a busy one is open elsewhere.
 */
export function fileErrorWords(e: unknown, action: 'open' | 'write' | 'replace' = 'open'): string {
  const code = (e as { code?: string } | null)?.code;
  const words: Record<string, string> = {
    ENOENT: action === 'replace' ? 'its folder is gone' : 'the file does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder, not a file',
    EBUSY: action === 'replace' ? 'the file is open in another program' : 'the file is locked by another program',
  };
  return (code !== undefined && words[code]) || describeError(e);
}

/** Why the system would not move the file, in the user's words. */
export function lockErrorWords(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'EBUSY') return 'it is open in another program (the system refused to replace it)';
  return `the system refused to replace it (${code}): it is open in another program, read-only, or not yours to change`;
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
