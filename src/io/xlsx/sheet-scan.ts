// Which cells of a sheet a read wants, and those cells recorded compactly, so that a sheet can be scanned
// on another thread (a worker) and handed back cheaply: a few typed arrays and one string, instead of a
// million small objects through structured clone. Browser-safe: no Node API here.
import type { CellValue } from '../../engine';
import { OWNED_HEADER_SET } from '../../engine';
import { scanWorksheet, type CellSink, type SheetContext } from './worksheet-read';
import type { ZipEntry } from '../ooxml/zip';

/** A table's cells and the band to its right, as the read wants them. */
export interface WantedRegion {
  top: number;
  bottom: number;
  left: number;
  /** The table's own last column; the band runs on to `right`. */
  tableRight: number;
  right: number;
}

/** What a read wants of one sheet, as plain data (it crosses to a worker). */
export interface SheetWants {
  /** Every non-empty cell (a sheet read as a plain range, or the ledger). */
  grid: boolean;
  /** The first ten cells of row 1 (a "Risks" sheet's header). */
  head: boolean;
  regions: WantedRegion[];
}

/**
 * The cells a read wants. Owned columns' values are Throughline's own output: after a table's header
 * row they are not read, so the header row's values, as they are seen, decide which columns those are
 * (the first time a row below the header asks, as the one-thread read always did).
 */
export class SheetFilter {
  readonly lastRow: number;
  private readonly headers: CellValue[][];
  private readonly owned: (Set<number> | null)[];

  constructor(private readonly wants: SheetWants) {
    this.lastRow = wants.grid || wants.regions.length > 0 ? Infinity : 1;
    this.headers = wants.regions.map((g) => new Array<CellValue>(g.tableRight - g.left + 1).fill(null));
    this.owned = wants.regions.map(() => null);
  }

  wantRow(row: number): boolean {
    const w = this.wants;
    return w.grid || (w.head && row === 1) || w.regions.some((g) => row >= g.top && row <= g.bottom);
  }

  wantCell(row: number, column: number): boolean {
    const w = this.wants;
    if (w.grid || (w.head && row === 1 && column <= 10)) return true;
    const regions = w.regions;
    for (let i = 0; i < regions.length; i++) {
      const g = regions[i];
      if (row < g.top || row > g.bottom || column < g.left || column > g.right) continue;
      if (row === g.top || !this.ownedOf(i).has(column)) return true;
    }
    return false;
  }

  /** Every cell handed over passes here first: a header row's values are remembered. */
  seen(row: number, column: number, value: CellValue): void {
    const regions = this.wants.regions;
    for (let i = 0; i < regions.length; i++) {
      const g = regions[i];
      if (row === g.top && column >= g.left && column <= g.tableRight) this.headers[i][column - g.left] = value;
    }
  }

  private ownedOf(i: number): Set<number> {
    let owned = this.owned[i];
    if (owned === null) {
      const left = this.wants.regions[i].left;
      owned = new Set(
        this.headers[i].flatMap((h, k) => (typeof h === 'string' && OWNED_HEADER_SET.has(h.trim()) ? [left + k] : [])),
      );
      this.owned[i] = owned;
    }
    return owned;
  }
}

/** How a recorded cell's value is kept: `numbers` holds the number, the date's time or the string's index. */
const enum Kind {
  Number = 0,
  String = 1,
  True = 2,
  False = 3,
  Date = 4,
  Error = 5,
}

/** A sheet's wanted cells in the order the scan met them, and what else the scan found. */
export interface ScannedSheet {
  protected: boolean;
  merges: string[];
  count: number;
  rows: Uint32Array;
  columns: Uint32Array;
  kinds: Uint8Array;
  numbers: Float64Array;
  /** Every distinct string once, end to end; `stringEnds[i]` is where string i ends. */
  strings: string;
  stringEnds: Uint32Array;
}

/** The typed arrays of a scanned sheet, to transfer (not copy) to another thread. */
export function transferables(s: ScannedSheet): ArrayBuffer[] {
  return [s.rows, s.columns, s.kinds, s.numbers, s.stringEnds].map((a) => a.buffer as ArrayBuffer);
}

/** Grows as cells come; each distinct string is kept once. */
class Recorder {
  count = 0;
  rows = new Uint32Array(1024);
  columns = new Uint32Array(1024);
  kinds = new Uint8Array(1024);
  numbers = new Float64Array(1024);
  private readonly index = new Map<string, number>();
  private readonly strings: string[] = [];

  add(row: number, column: number, value: CellValue): void {
    if (this.count === this.rows.length) this.grow();
    const i = this.count++;
    this.rows[i] = row;
    this.columns[i] = column;
    if (typeof value === 'number') this.put(i, Kind.Number, value);
    else if (typeof value === 'string') this.put(i, Kind.String, this.stringIndex(value));
    else if (typeof value === 'boolean') this.put(i, value ? Kind.True : Kind.False, 0);
    else if (value instanceof Date) this.put(i, Kind.Date, value.getTime());
    // The scan never hands over null: an empty cell is not a cell.
    else this.put(i, Kind.Error, this.stringIndex(value!.error));
  }

  private put(i: number, kind: Kind, n: number): void {
    this.kinds[i] = kind;
    this.numbers[i] = n;
  }

  private stringIndex(s: string): number {
    let at = this.index.get(s);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(s);
      this.index.set(s, at);
    }
    return at;
  }

  private grow(): void {
    const n = this.rows.length * 2;
    const more = <T extends Uint32Array | Uint8Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.rows = more(this.rows, Uint32Array);
    this.columns = more(this.columns, Uint32Array);
    this.kinds = more(this.kinds, Uint8Array);
    this.numbers = more(this.numbers, Float64Array);
  }

  finish(protectedSheet: boolean, merges: string[]): ScannedSheet {
    const ends = new Uint32Array(this.strings.length);
    let at = 0;
    this.strings.forEach((s, i) => (ends[i] = at += s.length));
    const n = this.count;
    return {
      protected: protectedSheet,
      merges,
      count: n,
      rows: this.rows.slice(0, n),
      columns: this.columns.slice(0, n),
      kinds: this.kinds.slice(0, n),
      numbers: this.numbers.slice(0, n),
      strings: this.strings.join(''),
      stringEnds: ends,
    };
  }
}

/** What a sheet's scan hands its cells to: the filter sees every cell kept, `deliver` takes it, merges are listed. */
export function filteredSink(
  filter: SheetFilter,
  deliver: (row: number, column: number, value: CellValue) => void,
  merges: string[],
): CellSink {
  return {
    lastRow: filter.lastRow,
    wantRow: (row) => filter.wantRow(row),
    wantCell: (row, column) => filter.wantCell(row, column),
    cell(row, column, value) {
      filter.seen(row, column, value);
      deliver(row, column, value);
    },
    merge: (ref) => merges.push(ref),
  };
}

/** Scans a sheet's text for the wanted cells and records them (what a worker does with a sheet). */
export function scanSheet(text: string, part: string, context: SheetContext, wants: SheetWants): ScannedSheet {
  const filter = new SheetFilter(wants);
  const recorder = new Recorder();
  const merges: string[] = [];
  const sink = filteredSink(filter, (row, column, value) => recorder.add(row, column, value), merges);
  const scan = scanWorksheet(text, part, context, sink);
  return recorder.finish(scan.protected, merges);
}

/** Hands every recorded cell to `cell`, in the order the scan met them, as the values the scan made. */
export function replayScanned(s: ScannedSheet, cell: (row: number, column: number, value: CellValue) => void): void {
  const strings: string[] = new Array<string>(s.stringEnds.length);
  let from = 0;
  for (let i = 0; i < s.stringEnds.length; i++) {
    strings[i] = s.strings.slice(from, s.stringEnds[i]);
    from = s.stringEnds[i];
  }
  const { rows, columns, kinds, numbers } = s;
  // One Date per distinct time, as the scan here makes them (worksheet-read.ts, DatePool).
  const dates = new Map<number, Date>();
  for (let i = 0; i < s.count; i++) {
    const n = numbers[i];
    let value: CellValue;
    switch (kinds[i] as Kind) {
      case Kind.Number:
        value = n;
        break;
      case Kind.String:
        value = strings[n];
        break;
      case Kind.True:
        value = true;
        break;
      case Kind.False:
        value = false;
        break;
      case Kind.Date: {
        let date = dates.get(n);
        if (date === undefined) dates.set(n, (date = new Date(n)));
        value = date;
        break;
      }
      default:
        value = { error: strings[n] };
    }
    cell(rows[i], columns[i], value);
  }
}

/**
 * Scans sheets off this thread (the command line fills it with a worker thread, src/io/node); without
 * one, every sheet is scanned here. Each call settles with the sheet's cells or with the error the
 * scan here would have thrown.
 */
export interface SheetReader {
  /** Inflates the part's stored entry and scans it for the wanted cells. */
  scan(part: string, entry: ZipEntry, context: SheetContext, wants: SheetWants): Promise<ScannedSheet>;
  /** Whether the sheet's protection forbids editing cells, found as it inflates, never whole in memory. */
  protectedPart?(part: string, entry: ZipEntry): Promise<boolean>;
  /** Which sheets it scans (by index, from their inflated sizes); read.ts's sheetsAway when not given. */
  choose?(sizes: readonly number[]): number[];
  /** Lets the thread go; later reads scan here. */
  close(): void;
}

/** The reader's thread is gone (it failed to start, or stopped): the sheet is scanned here instead. */
export class ReaderGone extends Error {}
