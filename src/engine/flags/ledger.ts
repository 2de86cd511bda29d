// The audit ledger: what History said the first time a refresh saw each (ID, date). A later refresh
// that finds a past check-in rewritten flags the item with both values and both dates.
import type { CellValue, Day, Flag, HistoryRow, LedgerPlan, ReportedStatus } from '../types';
import { LEDGER_SHEET } from '../recognise/names';
import { isoFromDay, parseNumber, parseStatus, parseText, readDay } from '../parse/values';
import { MARK_HEADERS, markRows, readMarks, type MarkEntry } from '../changes';
import { SETTINGS_HEADERS, readSettingsMarks, settingsRows, type SettingsMarks } from '../settings-changes';

export const LEDGER_HEADERS = ['ID', 'Date', 'Value', 'Status', 'Recorded'];
/** The item marks (what each item looked like at the last refresh) sit to the right, past one blank column. */
export const MARKS_OFFSET = LEDGER_HEADERS.length + 1;

/** The settings in force at the latest generation (and the ones before) sit right of the marks. */
export const SETTINGS_OFFSET = MARKS_OFFSET + MARK_HEADERS.length + 1;

export function readLedgerMarks(grid: CellValue[][] | null | undefined, date1904: boolean): Map<string, MarkEntry> {
  return readMarks(grid, MARKS_OFFSET, date1904);
}

export function readLedgerSettings(grid: CellValue[][] | null | undefined): SettingsMarks | null {
  return readSettingsMarks(grid, SETTINGS_OFFSET);
}

export interface LedgerEntry {
  id: string;
  date: Day;
  value: number | null;
  status: ReportedStatus | null;
  /** The refresh (host clock) that first saw it. */
  recorded: Day;
}

const keyOf = (id: string, date: Day) => `${id}\u0000${date}`;

// The ledger is Throughline's own writing: ISO text dates, plain numbers and status words. Those are
// read directly; anything else (another program, or Excel itself, turned a date into a serial) goes
// through the general parsers, in the workbook's own date system.
const ledgerText = (v: CellValue | undefined) =>
  typeof v === 'string' ? v.trim() || null : ((r) => (r.ok ? r.value : null))(parseText(v ?? null));
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

/** Reads the ledger grid; rows it cannot read are dropped (the next refresh rewrites them). */
export function readLedger(grid: CellValue[][] | null | undefined, date1904: boolean): Map<string, LedgerEntry> {
  const entries = new Map<string, LedgerEntry>();
  if (!grid || grid.length < 2) return entries;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const id = ledgerText(row[0]);
    if (!id) continue;
    const date = readDay(row[1], date1904);
    const recorded = readDay(row[4], date1904);
    if (date === null || recorded === null) continue;
    entries.set(keyOf(id, date), { id, date, value: ledgerNumber(row[2]), status: ledgerStatus(row[3]), recorded });
  }
  return entries;
}

const same = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** One flag per item whose past check-ins changed, naming each change with both values and dates. */
export function revisedHistoryFlags(
  history: HistoryRow[],
  ledger: Map<string, LedgerEntry>,
  format: (id: string, value: number) => string,
): Map<string, Flag> {
  const changes = new Map<string, string[]>();
  for (const h of history) {
    const seen = ledger.get(keyOf(h.id, h.date));
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

/**
 * The ledger after this refresh: every entry it had (first values are never overwritten, so identical
 * refreshes leave it unchanged and it grows only with new check-ins), plus check-ins seen for the first time.
 */
export function ledgerPlan(
  history: HistoryRow[],
  ledger: Map<string, LedgerEntry>,
  today: Day,
  marks: MarkEntry[] = [],
  settings: SettingsMarks | null = null,
): LedgerPlan {
  const entries = new Map(ledger);
  for (const h of history) {
    const key = keyOf(h.id, h.date);
    if (!entries.has(key))
      entries.set(key, { id: h.id, date: h.date, value: h.value, status: h.status, recorded: today });
  }
  const checkIns: LedgerPlan['blocks'][number]['rows'] = [...entries.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.date - b.date))
    .map((e) => [e.id, isoFromDay(e.date), e.value, e.status, isoFromDay(e.recorded)]);
  return {
    sheetName: LEDGER_SHEET,
    blocks: [
      { column: 0, headers: LEDGER_HEADERS, rows: checkIns },
      { column: MARKS_OFFSET, headers: MARK_HEADERS, rows: markRows(marks) },
      ...(settings ? [{ column: SETTINGS_OFFSET, headers: SETTINGS_HEADERS, rows: settingsRows(settings) }] : []),
    ],
  };
}
