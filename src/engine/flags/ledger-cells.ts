// The ledger's item rows hold each item in packed text cells rather than a cell per field: a 100k-row
// workbook has about 16,000 items and 70,000 check-ins, and a cell costs about 60 bytes of sheet XML
// before its text. The formats (docs/decisions.md, "A compact ledger"):
//   State      Red,0.56,20260726,3,20261207;Amber,0.5,20260701,20261130
//              health, progress, forecast, generation, seen; then, after ";", what it was before that
//              refresh: health, progress, forecast, since. Blank fields are empty.
//   Check-ins  20260131,0.11,Red,20261207;20260302,0.22,Red,20261207
//              per check-in: its date, value, status, and the day a refresh first recorded it.
// Days are compact YYYYMMDD text, so no host or date system turns them into serials. Text this code
// cannot read is dropped, field group by field group, as the rest of the ledger does with its rows.
import type { Day, Health, ReportedStatus } from '../types';
import type { MarkEntry } from '../changes';
import { compactDay, dayOfCompact, dayOfDigits } from '../parse/compact-day';

/** What History said the first time a refresh saw one (ID, date). */
export interface LedgerEntry {
  id: string;
  date: Day;
  value: number | null;
  status: ReportedStatus | null;
  /** The refresh (host clock) that first saw it. */
  recorded: Day;
}

/**
 * Excel keeps at most 32,767 characters in a cell. A packed cell longer than this continues in the
 * next row of the same item (decades of weekly check-ins); split between two check-ins.
 */
export const PACKED_CELL_LIMIT = 32_000;

const day = (d: Day | null) => (d === null ? '' : compactDay(d));
const num = (x: number | null) => (x === null ? '' : String(x));

/** A number as written by `num`; undefined when the text is not one. */
function numberOf(s: string): number | null | undefined {
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && s.trim() === s ? n : undefined;
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

// A cell's pieces, joined once: join makes one flat string, where + and templates make a tree of pieces
// (one heap object each) that the plan then has to flatten (flat-text.ts). One array for every cell,
// written from the start by index and cut to the cell's count before the join: emptied with
// `length = 0` it gave back its storage each time and grew again a push at a time for the next cell
// (10 MB of copies at 100k rows, the ledger's largest allocation).
const pieces: string[] = [];
let count = 0;

function put(piece: string): void {
  pieces[count++] = piece;
}

function joined(): string {
  pieces.length = count;
  count = 0;
  return pieces.join('');
}

/** One check-in's four fields; `recorded` already compact. */
function pushFields(date: Day, value: number | null, status: ReportedStatus | null, recorded: string): void {
  put(compactDay(date));
  put(',');
  put(num(value));
  put(',');
  put(status ?? '');
  put(',');
  put(recorded);
}

const pushCheckIn = (e: LedgerEntry): void => pushFields(e.date, e.value, e.status, compactDay(e.recorded));

export function encodeCheckIn(e: LedgerEntry): string {
  count = 0;
  pushCheckIn(e);
  return joined();
}

/** The check-ins in date order, one cell's text (before any split at the cell limit). */
export function encodeCheckIns(byDate: ReadonlyMap<Day, LedgerEntry>): string {
  // History is nearly always entered in date order: written as it comes, and sorted only when it is not.
  let last = -Infinity;
  let inOrder = true;
  for (const e of byDate.values()) {
    if (e.date < last) {
      inOrder = false;
      break;
    }
    last = e.date;
  }
  const list = inOrder ? byDate.values() : [...byDate.values()].sort((a, b) => a.date - b.date);
  count = 0;
  let first = true;
  for (const e of list) {
    if (!first) put(';');
    first = false;
    pushCheckIn(e);
  }
  return joined();
}

/** Check-ins in date order, one a date, first recorded on `recorded` (compact text): as encodeCheckIns writes them. */
export function encodeRows(rows: readonly Omit<LedgerEntry, 'id' | 'recorded'>[], recorded: string): string {
  count = 0;
  for (let i = 0; i < rows.length; i++) {
    const h = rows[i];
    if (i > 0) put(';');
    pushFields(h.date, h.value, h.status, recorded);
  }
  return joined();
}

/** Adds the check-ins a cell holds to `into` (by date); the first one read for a date is kept. */
export function decodeCheckIns(id: string, text: string, into: Map<Day, LedgerEntry>): void {
  // Read with indexOf rather than split, and days and statuses straight from the text (no piece of
  // text made for them): a weekly refresh reads every check-in of the workbook.
  let from = 0;
  while (from <= text.length) {
    let end = text.indexOf(';', from);
    if (end < 0) end = text.length;
    const a = text.indexOf(',', from);
    const b = a < 0 || a > end ? -1 : text.indexOf(',', a + 1);
    const c = b < 0 || b > end ? -1 : text.indexOf(',', b + 1);
    const extra = c < 0 || c > end ? -1 : text.indexOf(',', c + 1);
    const start = from;
    from = end + 1;
    if (c < 0 || c > end || (extra >= 0 && extra < end)) continue;
    const date = dayIn(text, start, a);
    const recorded = dayIn(text, c + 1, end);
    if (date === null || date === undefined || recorded === null || recorded === undefined) continue;
    const value = numberOf(text.slice(a + 1, b));
    const status = b + 1 === c ? null : statusIn(text, b + 1, c);
    if (value === undefined || status === undefined) continue;
    if (!into.has(date)) into.set(date, { id, date, value, status, recorded });
  }
}

/**
 * Whether a check-ins cell already says what `rows` (one item's History, in date order) says, read in
 * place: every row's date is in the cell with the same value (as written) and status, in a group of four
 * readable fields, and every group's date reads, rising (a group History no longer has is kept as it is
 * whatever else it holds, as decoding would keep the cell). Then decoding it
 * would find no check-in revised and none new, so a weekly refresh need not make an entry per check-in
 * for the item (72,000 at 100k rows, alive from the flags to the plan). False whenever in doubt: the
 * caller then decodes the cell as before.
 */
export function sameCheckIns(text: string, rows: readonly Omit<LedgerEntry, 'id' | 'recorded'>[]): boolean {
  if (rows.length === 0) return false;
  let from = 0;
  let k = 0;
  let last = -Infinity;
  while (from <= text.length) {
    let end = text.indexOf(';', from);
    if (end < 0) end = text.length;
    const a = text.indexOf(',', from);
    if (a < 0 || a > end) return false;
    const date = dayIn(text, from, a);
    if (date === null || date === undefined || date <= last) return false;
    last = date;
    if (k < rows.length && rows[k].date <= date) {
      // A row whose date the cell does not have is a new check-in: the cell grows.
      if (!sameGroup(text, a, end, rows[k], date)) return false;
      k++;
    }
    // A group History no longer has is written back as it is, whatever it holds: only its date, for the order.
    from = end + 1;
  }
  return k === rows.length;
}

/** Whether the group text[…a…end) (its date read) is `h` as decodeCheckIns would read it, with four readable fields. */
function sameGroup(text: string, a: number, end: number, h: Omit<LedgerEntry, 'id' | 'recorded'>, date: Day): boolean {
  const b = text.indexOf(',', a + 1);
  const c = b < 0 || b > end ? -1 : text.indexOf(',', b + 1);
  if (c < 0 || c > end) return false;
  const extra = text.indexOf(',', c + 1);
  if (extra >= 0 && extra < end) return false;
  const recorded = dayIn(text, c + 1, end);
  if (recorded === null || recorded === undefined || h.date !== date) return false;
  const status = b + 1 === c ? null : statusIn(text, b + 1, c);
  // The value as num writes it: a finite number's text reads back as that number (any other does not read).
  if (h.value !== null && !Number.isFinite(h.value)) return false;
  return status === h.status && sameText(text, a + 1, b, num(h.value));
}

/** Whether text[from, to) is `piece`, without cutting it out. */
function sameText(text: string, from: number, to: number, piece: string): boolean {
  return to - from === piece.length && text.startsWith(piece, from);
}

/** The status word text[from, to) names, or undefined when it names none. */
function statusIn(text: string, from: number, to: number): ReportedStatus | undefined {
  for (const s of STATUS_WORDS) if (to - from === s.length && text.startsWith(s, from)) return s;
  return undefined;
}
const STATUS_WORDS: readonly ReportedStatus[] = ['Green', 'Amber', 'Red'];

/** The day text[from, to) names as dayOfCompact reads it, eight digits read in place. */
function dayIn(text: string, from: number, to: number): Day | null | undefined {
  if (to - from !== 8) return dayOfCompact(text.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return dayOfDigits(n);
}

// A state is a few short pieces: a template (flattened where the row is made) measured faster for them
// than the joined array the check-ins cells use.
export function encodeState(m: MarkEntry): string {
  const now = `${m.health},${num(m.progress)},${day(m.forecast)},${m.generation},${compactDay(m.seen)}`;
  if (m.was === null) return now;
  const w = m.was;
  return `${now};${w.health},${num(w.progress)},${day(w.forecast)},${compactDay(w.since)}`;
}

/** The item's mark, or null when the text is not one this code wrote. */
export function decodeState(id: string, text: string): MarkEntry | null {
  // Read in place (every item's state is read on a weekly refresh): split made two arrays and nine pieces
  // of text an item; here only the numbers' texts are cut out, as Number reads text.
  const semi = text.indexOf(';');
  if (semi >= 0 && text.indexOf(';', semi + 1) >= 0) return null;
  const nowEnd = semi < 0 ? text.length : semi;
  const c = commas(text, 0, nowEnd, 4);
  if (c === null) return null;
  const health = healthIn(text, 0, c[0]);
  if (health === undefined) return null;
  const progress = numberOf(text.slice(c[0] + 1, c[1]));
  const forecast = dayIn(text, c[1] + 1, c[2]);
  const generation = numberOf(text.slice(c[2] + 1, c[3]));
  const seen = dayIn(text, c[3] + 1, nowEnd);
  if (progress === undefined || forecast === undefined || generation === null || generation === undefined) return null;
  if (seen === null || seen === undefined) return null;
  const entry: MarkEntry = { id, health, progress: round4(progress), forecast, generation, seen, was: null };
  if (semi < 0) return entry;
  const w = commas(text, semi + 1, text.length, 3);
  if (w === null) return null;
  const wasHealth = healthIn(text, semi + 1, w[0]);
  if (wasHealth === undefined) return null;
  const wasProgress = numberOf(text.slice(w[0] + 1, w[1]));
  const wasForecast = dayIn(text, w[1] + 1, w[2]);
  const since = dayIn(text, w[2] + 1, text.length);
  if (wasProgress === undefined || wasForecast === undefined || since === null || since === undefined) return null;
  entry.was = { health: wasHealth, progress: round4(wasProgress), forecast: wasForecast, since };
  return entry;
}

// The positions of exactly `count` commas in text[from, to), or null when it has another number of them.
// One array reused: its positions are read before the next call.
const COMMAS: number[] = [0, 0, 0, 0];
function commas(text: string, from: number, to: number, count: number): number[] | null {
  let at = from - 1;
  for (let k = 0; k < count; k++) {
    at = text.indexOf(',', at + 1);
    if (at < 0 || at >= to) return null;
    COMMAS[k] = at;
  }
  const more = text.indexOf(',', at + 1);
  return more >= 0 && more < to ? null : COMMAS;
}

const HEALTH_WORDS: readonly Health[] = ['Green', 'Amber', 'Red', 'Grey'];

/** The health word text[from, to) names, or undefined when it names none. */
function healthIn(text: string, from: number, to: number): Health | undefined {
  for (const h of HEALTH_WORDS) if (to - from === h.length && text.startsWith(h, from)) return h;
  return undefined;
}

/**
 * A packed text as the cells that hold it: one when it fits, else pieces of at most `limit`
 * characters, each cut just before a ";" (the reader joins them with ";" again).
 */
export function splitPacked(text: string, limit = PACKED_CELL_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let from = 0;
  while (text.length - from > limit) {
    let cut = text.lastIndexOf(';', from + limit);
    // A single group longer than the limit cannot be split between groups: cut it where it must.
    if (cut <= from) cut = from + limit;
    pieces.push(text.slice(from, cut));
    from = text[cut] === ';' ? cut + 1 : cut;
  }
  pieces.push(text.slice(from));
  return pieces;
}
