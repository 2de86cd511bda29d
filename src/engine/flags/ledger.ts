// The audit ledger: what History said the first time a refresh saw each (ID, date), and what each
// item looked like at the last refresh. A later refresh that finds a past check-in rewritten flags the
// item with both values and both dates.
//
// Layout (docs/decisions.md, "A compact ledger"): one row per item at A:C, `Item | State | Check-ins`,
// its mark and its check-ins packed into one text cell each (ledger-cells.ts). Earlier versions wrote
// a row of five cells per check-in at A:E and the marks at G:P; those ledgers are read as they are and
// rewritten in the new layout by the first refresh. The blocks right of them (settings, owned sheets,
// plans over time) stay in the columns earlier versions gave them.
import type { CellValue, Day, Flag, HistoryRow, LedgerPlan, OutValue, ReportedStatus } from '../types';
import { compactDay } from '../parse/compact-day';
import { flat } from '../flat-text';
import { LEDGER_SHEET } from '../recognise/names';
import { isoFromDay, parseNumber, parseStatus, parseText, readDay } from '../parse/values';
import { readMarks, type MarkEntry } from '../changes';
import { SETTINGS_HEADERS, readSettingsMarks, settingsRows, type SettingsMarks } from '../settings-changes';
import {
  decodeCheckIns,
  decodeState,
  sameCheckIns,
  encodeCheckIns,
  encodeRows,
  encodeState,
  splitPacked,
  PACKED_CELL_LIMIT,
  type LedgerEntry,
} from './ledger-cells';

export type { LedgerEntry } from './ledger-cells';

export const LEDGER_HEADERS = ['Item', 'State', 'Check-ins'];

/** The check-in rows of ledgers written before the compact layout (read to migrate them). */
export const LEGACY_LEDGER_HEADERS = ['ID', 'Date', 'Value', 'Status', 'Recorded'];
/** Where those ledgers kept the item marks. */
export const LEGACY_MARKS_OFFSET = LEGACY_LEDGER_HEADERS.length + 1;

/** The settings in force at the latest generation (and the ones before): column R, as in earlier versions. */
export const SETTINGS_OFFSET = 17;

type Grid = CellValue[][] | null | undefined;

const isCompact = (grid: Grid) => Boolean(grid) && LEDGER_HEADERS.every((h, i) => grid![0]?.[i] === h);
const isLegacy = (grid: Grid) => Boolean(grid) && LEGACY_LEDGER_HEADERS.every((h, i) => grid![0]?.[i] === h);

/** Whether row 1 is the header of a ledger Throughline wrote, in this layout or an earlier one. */
export function hasLedgerHeader(grid: Grid): boolean {
  return isCompact(grid) || isLegacy(grid);
}

/** The check-ins the ledger holds. */
export interface CheckInLedger {
  /** Per item, its check-ins by date. */
  byId: Map<string, Map<Day, LedgerEntry>>;
  /**
   * Each item's check-ins cell as read (continuations joined): written back as it was unless it grew.
   * readLedger puts every item it decodes in both; an item here but not in `byId` is one whose History
   * the cell already holds, unchanged (see readLedger).
   */
  raw: Map<string, string>;
}

const emptyCheckIns = (): CheckInLedger => ({ byId: new Map(), raw: new Map() });

/** Text of a cell: the ledger writes text, another program may have re-typed it. */
const ledgerText = (v: CellValue | undefined) =>
  typeof v === 'string' ? v.trim() || null : ((r) => (r.ok ? r.value : null))(parseText(v ?? null));

/** Each item's packed cells in column `column`, continuation rows joined with ";". */
function packedCells(grid: CellValue[][], column: number): Map<string, string> {
  const cells = new Map<string, string>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const v = row[column];
    if (typeof v !== 'string' || v === '') continue;
    const id = ledgerText(row[0]);
    if (!id) continue;
    const before = cells.get(id);
    cells.set(id, before === undefined ? v : `${before};${v}`);
  }
  return cells;
}

/**
 * Reads the check-ins of a ledger in either layout; what it cannot read is dropped (the next refresh rewrites it).
 * Given `historyOf`, an item whose cell already says what its History says (`sameCheckIns`) is kept as
 * its text only (in `raw`, not in `byId`): nothing of it is revised or new, so nothing reads its entries.
 */
export function readLedger(grid: Grid, date1904: boolean, historyOf?: HistoryByItem): CheckInLedger {
  const ledger = emptyCheckIns();
  if (!grid || grid.length < 2) return ledger;
  if (isCompact(grid)) {
    for (const [id, text] of packedCells(grid, 2)) {
      const rows = historyOf?.get(id);
      if (rows !== undefined && sameCheckIns(text, rows)) {
        ledger.raw.set(id, text);
        continue;
      }
      const dates = new Map<Day, LedgerEntry>();
      decodeCheckIns(id, text, dates);
      if (dates.size === 0) continue;
      ledger.byId.set(id, dates);
      ledger.raw.set(id, text);
    }
    return ledger;
  }
  readLegacyCheckIns(grid, date1904, ledger.byId);
  return ledger;
}

// Earlier versions wrote ISO text dates, plain numbers and status words; anything else (another
// program, or Excel itself, turned a date into a serial) goes through the general parsers, in the
// workbook's own date system.
const ledgerNumber = (v: CellValue | undefined): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const r = parseNumber(v ?? null);
  return r.ok ? r.value : null;
};
const ledgerStatus = (v: CellValue | undefined): ReportedStatus | null => {
  if (v === 'Green' || v === 'Amber' || v === 'Red') return v;
  const r = parseStatus(v ?? null);
  return r.ok ? r.value : null;
};

function readLegacyCheckIns(grid: CellValue[][], date1904: boolean, byId: CheckInLedger['byId']): void {
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const id = ledgerText(row[0]);
    if (!id) continue;
    const date = readDay(row[1], date1904);
    const recorded = readDay(row[4], date1904);
    if (date === null || recorded === null) continue;
    let dates = byId.get(id);
    if (!dates) byId.set(id, (dates = new Map()));
    // A later row for the same (ID, date) replaced an earlier one, as the old reader's map did.
    dates.set(date, { id, date, value: ledgerNumber(row[2]), status: ledgerStatus(row[3]), recorded });
  }
}

/** What each item looked like at the last refresh, from a ledger in either layout. */
export function readLedgerMarks(grid: Grid, date1904: boolean): Map<string, MarkEntry> {
  if (!isCompact(grid)) return readMarks(grid, LEGACY_MARKS_OFFSET, date1904);
  const marks = new Map<string, MarkEntry>();
  for (let r = 1; r < grid!.length; r++) {
    const row = grid![r];
    const v = row[1];
    if (typeof v !== 'string' || v === '') continue;
    const id = ledgerText(row[0]);
    const mark = id ? decodeState(id, v) : null;
    if (mark && !marks.has(mark.id)) marks.set(mark.id, mark);
  }
  return marks;
}

export function readLedgerSettings(grid: Grid): SettingsMarks | null {
  return readSettingsMarks(grid, SETTINGS_OFFSET);
}

const same = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** Each item's check-ins, in date order and one a date: the linked model's `historyOf`. */
export type HistoryByItem = ReadonlyMap<string, readonly HistoryRow[]>;

/** One flag per item whose past check-ins changed, naming each change with both values and dates. */
export function revisedHistoryFlags(
  historyOf: HistoryByItem,
  ledger: CheckInLedger,
  format: (id: string, value: number) => string,
): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  // Only items the ledger has can have a revised check-in: on a first refresh, none.
  if (ledger.byId.size === 0) return flags;
  for (const [id, rows] of historyOf) {
    const dates = ledger.byId.get(id);
    if (dates === undefined) continue;
    let list: string[] | null = null;
    for (const h of rows) {
      const seen = dates.get(h.date);
      if (!seen || (same(seen.value, h.value) && seen.status === h.status)) continue;
      const describe = (value: number | null, status: ReportedStatus | null) =>
        [value === null ? 'no value' : format(id, value), status ? `(${status})` : ''].filter(Boolean).join(' ');
      (list ??= []).push(
        `the check-in for ${isoFromDay(h.date)} said ${describe(seen.value, seen.status)} when first recorded on ` +
          `${isoFromDay(seen.recorded)}; it now says ${describe(h.value, h.status)}`,
      );
    }
    if (list !== null) flags.set(id, { code: 'revised-history', severity: 'high', message: list.join('; ') });
  }
  return flags;
}

/**
 * Check-in rows in any order as `historyOf` holds them: by item, in date order, the later row of two
 * on one date kept (as the linked model and the ledger's own map keep them).
 */
export function historyByItem(history: readonly HistoryRow[]): HistoryByItem {
  const byId = new Map<string, Map<Day, HistoryRow>>();
  for (const h of history) {
    let dates = byId.get(h.id);
    if (!dates) byId.set(h.id, (dates = new Map()));
    dates.set(h.date, h);
  }
  return new Map([...byId].map(([id, dates]) => [id, [...dates.values()].sort((a, b) => a.date - b.date)]));
}

/** An item of the ledger's rows: its check-ins cell when it gained a check-in, and its mark. */
interface ItemEntry {
  text: string | undefined;
  mark: MarkEntry | undefined;
}

/**
 * The item rows: one per item in ID order (a further row for each continuation of a long cell). An
 * item's check-ins cell is written back as read unless it gained a check-in, so identical refreshes
 * leave it unchanged and it grows only with new check-ins.
 */
function itemRows(ledger: CheckInLedger, entries: Map<string, ItemEntry>): OutValue[][] {
  const rows: OutValue[][] = [];
  // The default sort orders text by UTF-16 code units, as < does, without a comparator call per comparison.
  for (const id of [...entries.keys()].sort()) {
    const { text: grown, mark } = entries.get(id)!;
    let text = grown ?? ledger.raw.get(id);
    if (text === undefined) {
      const dates = ledger.byId.get(id);
      text = dates && dates.size > 0 ? encodeCheckIns(dates) : '';
    }
    const state = mark ? flat(encodeState(mark)) : null;
    // Nearly every cell fits: split (an array made) only the few that do not.
    const cell = text === '' ? null : flat(text);
    if (cell === null || cell.length <= PACKED_CELL_LIMIT) {
      rows.push([id, state, cell]);
      continue;
    }
    const pieces = splitPacked(cell);
    rows.push([id, state, pieces[0]]);
    for (let k = 1; k < pieces.length; k++) rows.push([id, null, pieces[k]]);
  }
  return rows;
}

/**
 * The ledger after this refresh: every check-in it had (first values are never overwritten), plus
 * check-ins seen for the first time, and each item's mark. `history` is each item's check-ins as the
 * linked model holds them (or rows in any order, for callers that have no model).
 */
export function ledgerPlan(
  history: HistoryByItem | readonly HistoryRow[],
  ledger: CheckInLedger,
  today: Day,
  marks: MarkEntry[] = [],
  settings: SettingsMarks | null = null,
): LedgerPlan {
  const historyOf = Array.isArray(history) ? historyByItem(history) : (history as HistoryByItem);
  // Every item the rows name (the ledger's, those with check-ins, those with a mark), one entry each: one
  // map by ID rather than a map of texts, a map of marks and a set of their IDs (string-keyed look-ups
  // are most of what the rows cost).
  const entries = new Map<string, ItemEntry>();
  const entryOf = (id: string): ItemEntry => {
    let entry = entries.get(id);
    if (entry === undefined) entries.set(id, (entry = { text: undefined, mark: undefined }));
    return entry;
  };
  // The items read (an unchanged one is in `raw` only), and those a caller put in `byId` without a text.
  for (const id of ledger.raw.keys()) entries.set(id, { text: undefined, mark: undefined });
  for (const id of ledger.byId.keys()) if (!entries.has(id)) entries.set(id, { text: undefined, mark: undefined });
  // The check-ins cell of each item that gained a check-in; the ledger as read stays as it was.
  const recorded = compactDay(today);
  // forEach: a for-of over the map's entries made an array per item.
  historyOf.forEach((rows, id) => {
    if (rows.length === 0) return;
    const dates = ledger.byId.get(id);
    // An item whose cell already holds its History, as read: nothing to add.
    if (dates === undefined && ledger.raw.has(id)) return;
    // An item the ledger has not seen (every item, on a first refresh): its rows are the cell, with no
    // entry made per check-in.
    if (dates === undefined) {
      entryOf(id).text = encodeRows(rows, recorded);
      return;
    }
    let grown: Map<Day, LedgerEntry> | null = null;
    for (const h of rows) {
      if (dates.has(h.date)) continue;
      grown ??= new Map(dates);
      grown.set(h.date, { id, date: h.date, value: h.value, status: h.status, recorded: today });
    }
    if (grown !== null) entryOf(id).text = encodeCheckIns(grown);
  });
  // The last mark of an ID is its own, as a map by ID keeps it.
  for (const m of marks) entryOf(m.id).mark = m;
  return {
    sheetName: LEDGER_SHEET,
    blocks: [
      { column: 0, headers: LEDGER_HEADERS, rows: itemRows(ledger, entries) },
      ...(settings ? [{ column: SETTINGS_OFFSET, headers: SETTINGS_HEADERS, rows: settingsRows(settings) }] : []),
    ],
  };
}

/** One ledger's part of a joined one: its grid, and the ID each of its items takes there. */
export interface LedgerPart {
  grid: Grid;
  date1904: boolean;
  qualify: (id: string) => string;
  /** Whether its settings block is the joined ledger's. */
  settings: boolean;
}

/**
 * One ledger for several workbooks (a portfolio): each one's check-ins and item marks under their
 * qualified IDs, in this layout whatever layout each was written in, and the settings block of the
 * one marked. Null when none has a ledger.
 */
export function joinLedgers(parts: LedgerPart[]): CellValue[][] | null {
  const joined = emptyCheckIns();
  const marks: MarkEntry[] = [];
  let settings: SettingsMarks | null = null;
  let any = false;
  for (const part of parts) {
    if (!part.grid || part.grid.length === 0) continue;
    any = true;
    const read = readLedger(part.grid, part.date1904);
    for (const [id, dates] of read.byId) {
      const q = part.qualify(id);
      joined.byId.set(q, dates);
      const raw = read.raw.get(id);
      if (raw !== undefined) joined.raw.set(q, raw);
    }
    for (const m of readLedgerMarks(part.grid, part.date1904).values()) marks.push({ ...m, id: part.qualify(m.id) });
    if (part.settings) settings = readLedgerSettings(part.grid);
  }
  if (!any) return null;
  const blocks = ledgerPlan([], joined, 0, marks, settings).blocks;
  const height = Math.max(...blocks.map((b) => b.rows.length)) + 1;
  const width = Math.max(...blocks.map((b) => b.column + b.headers.length));
  const grid: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  for (const b of blocks)
    [b.headers, ...b.rows].forEach((row, r) =>
      // Item rows and settings hold text and numbers only.
      row.forEach((v, c) => (grid[r][b.column + c] = v as CellValue)),
    );
  return grid;
}
