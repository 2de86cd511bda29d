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
import { LEDGER_SHEET } from '../recognise/names';
import { isoFromDay, parseNumber, parseStatus, parseText, readDay } from '../parse/values';
import { readMarks, type MarkEntry } from '../changes';
import { SETTINGS_HEADERS, readSettingsMarks, settingsRows, type SettingsMarks } from '../settings-changes';
import {
  decodeCheckIns,
  decodeState,
  encodeCheckIns,
  encodeState,
  splitPacked,
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
  /** Each item's check-ins cell as read (continuations joined): written back as it was unless it grew. */
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

/** Reads the check-ins of a ledger in either layout; what it cannot read is dropped (the next refresh rewrites it). */
export function readLedger(grid: Grid, date1904: boolean): CheckInLedger {
  const ledger = emptyCheckIns();
  if (!grid || grid.length < 2) return ledger;
  if (isCompact(grid)) {
    for (const [id, text] of packedCells(grid, 2)) {
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

/** One flag per item whose past check-ins changed, naming each change with both values and dates. */
export function revisedHistoryFlags(
  history: HistoryRow[],
  ledger: CheckInLedger,
  format: (id: string, value: number) => string,
): Map<string, Flag> {
  const changes = new Map<string, string[]>();
  for (const h of history) {
    const seen = ledger.byId.get(h.id)?.get(h.date);
    if (!seen || (same(seen.value, h.value) && seen.status === h.status)) continue;
    const describe = (value: number | null, status: ReportedStatus | null) =>
      [value === null ? 'no value' : format(h.id, value), status ? `(${status})` : ''].filter(Boolean).join(' ');
    const list = changes.get(h.id) ?? [];
    list.push(
      `the check-in for ${isoFromDay(h.date)} said ${describe(seen.value, seen.status)} when first recorded on ` +
        `${isoFromDay(seen.recorded)}; it now says ${describe(h.value, h.status)}`,
    );
    changes.set(h.id, list);
  }
  const flags = new Map<string, Flag>();
  for (const [id, list] of changes)
    flags.set(id, { code: 'revised-history', severity: 'high', message: list.join('; ') });
  return flags;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The item rows: one per item in ID order (a further row for each continuation of a long cell). An
 * item's check-ins cell is written back as read unless it gained a check-in, so identical refreshes
 * leave it unchanged and it grows only with new check-ins.
 */
function itemRows(ledger: CheckInLedger, marks: MarkEntry[], grown: ReadonlySet<string>): OutValue[][] {
  const markOf = new Map(marks.map((m) => [m.id, m]));
  const ids = [...new Set([...ledger.byId.keys(), ...markOf.keys()])].sort(byText);
  const rows: OutValue[][] = [];
  for (const id of ids) {
    const mark = markOf.get(id);
    const dates = ledger.byId.get(id);
    const raw = grown.has(id) ? undefined : ledger.raw.get(id);
    const text = raw ?? (dates && dates.size > 0 ? encodeCheckIns(dates) : '');
    const pieces = text === '' ? [null] : splitPacked(text);
    rows.push([id, mark ? encodeState(mark) : null, pieces[0]]);
    for (let k = 1; k < pieces.length; k++) rows.push([id, null, pieces[k]]);
  }
  return rows;
}

/**
 * The ledger after this refresh: every check-in it had (first values are never overwritten), plus
 * check-ins seen for the first time, and each item's mark.
 */
export function ledgerPlan(
  history: HistoryRow[],
  ledger: CheckInLedger,
  today: Day,
  marks: MarkEntry[] = [],
  settings: SettingsMarks | null = null,
): LedgerPlan {
  const byId = new Map(ledger.byId);
  const grown = new Set<string>();
  for (const h of history) {
    let dates = byId.get(h.id);
    if (dates?.has(h.date)) continue;
    // Copied before the first addition: the ledger as read stays as it was.
    if (!grown.has(h.id)) {
      dates = new Map(dates ?? []);
      byId.set(h.id, dates);
      grown.add(h.id);
    }
    dates!.set(h.date, { id: h.id, date: h.date, value: h.value, status: h.status, recorded: today });
  }
  return {
    sheetName: LEDGER_SHEET,
    blocks: [
      { column: 0, headers: LEDGER_HEADERS, rows: itemRows({ byId, raw: ledger.raw }, marks, grown) },
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
