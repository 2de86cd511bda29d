// Cell values as people type them, turned into typed values or a reason they cannot be.
// Parsers never throw: a bad value is data, reported with the caller's cell address.
import {
  NOT_CALCULATED,
  type Cadence,
  type CellValue,
  type CommitmentStatus,
  type Day,
  type Direction,
  type ErrorCode,
  type ReportedStatus,
} from '../types';
import { messages } from '../messages';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

const MS_PER_DAY = 86_400_000;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: ErrorCode, message: string): Parsed<never> => ({ ok: false, code, message });

function isExcelError(v: unknown): v is { error: string } {
  return (
    typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as { error?: unknown }).error === 'string'
  );
}

function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Quotes a typed value for a message, shortened so a 5,000-character cell does not flood it. */
function quote(v: unknown): string {
  const text = v instanceof Date ? (isNaN(v.getTime()) ? 'an invalid date' : v.toISOString().slice(0, 10)) : String(v);
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

/** Keeps an Excel error as it is; any other rejection takes the parser's own code. */
function as(p: Parsed<null>, code: ErrorCode): Parsed<null> {
  return p.ok || p.code === 'excel-error' ? p : { ...p, code };
}

/** Shared preamble: blanks are null, Excel errors are their own code, anything unexpected is rejected. */
function pre(v: unknown): Parsed<null> | null {
  if (isBlankCell(v)) return ok(null);
  if (isExcelError(v) && v.error === NOT_CALCULATED) return fail('excel-error', messages.notCalculated);
  if (isExcelError(v)) return fail('excel-error', `the cell holds the Excel error ${v.error}`);
  if (typeof v === 'object' && !(v instanceof Date))
    return fail('invalid-number', `unexpected cell content ${quote(JSON.stringify(v))}`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Days

export function dayFromUTCDate(d: Date): Day {
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** Validated calendar day, or null when the parts do not name a real date (2026-02-30). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The day number of a calendar date, or null when there is no such date. Calendar arithmetic
 * (the inverse of isoFromDay, counting years from March so the leap day falls at the end) rather
 * than a Date: every date cell and every ledger row goes through here.
 */
export function dayFromParts(year: number, month: number, dayOfMonth: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || dayOfMonth < 1) return null;
  if (dayOfMonth > (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1])) return null;
  return civilDay(year, month, dayOfMonth);
}

/** The value of `length` decimal digits of `s` from `at`, or -1 when one of them is not a digit. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function dayFromISO(s: string): Day | null {
  // "2026-03-31" as the ledger and the plans hold it: read without a regular expression; anything
  // else (spaces around it, other shapes) as ever.
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digitsAt(s, 0, 4);
    const m = digitsAt(s, 5, 2);
    const d = digitsAt(s, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return dayFromParts(y, m, d);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  return m ? dayFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * YYYY-MM-DD by calendar arithmetic (days to civil date, proleptic Gregorian), without a Date:
 * the engine formats a date for nearly every row, and this is many times faster than toISOString.
 */
export function isoFromDay(d: Day): string {
  const known = ISO_OF.get(d);
  if (known !== undefined) return known;
  if (ISO_OF.size >= ISO_CACHE_LIMIT) ISO_OF.clear();
  const iso = composeIso(d);
  ISO_OF.set(d, iso);
  return iso;
}

// A refresh formats the same few hundred days tens of thousands of times (as-of, due dates, forecasts):
// each text is made once. Bounded, so a long-lived pane cannot grow it forever.
const ISO_CACHE_LIMIT = 20_000;
const ISO_OF = new Map<Day, string>();

function composeIso(d: Day): string {
  civilFromDay(d);
  const year = civil.year;
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${y}-${pad2(civil.month)}-${pad2(civil.day)}`;
}

/** Where civilFromDay leaves its answer: read at once (no object per call, as every date cell comes here). */
const civil = { year: 0, month: 0, day: 0 };

/** Year, month (1–12) and day of month of a day number into `civil`: days to civil date, proleptic Gregorian. */
function civilFromDay(d: Day): void {
  const z = Math.floor(d) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civil.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civil.month = mp < 10 ? mp + 3 : mp - 9;
  civil.year = yoe + era * 400 + (civil.month <= 2 ? 1 : 0);
}

export function todayDay(): Day {
  return dayFromUTCDate(new Date());
}

/** Calendar months, clamping the day of month: Jan 31 + 1 month is the last day of February. */
export function addMonths(day: Day, n: number): Day {
  civilFromDay(day);
  const { year, month, day: dayOfMonth } = civil;
  // Calendar arithmetic, as for isoFromDay: every stale check of a monthly cadence comes here.
  const months = year * 12 + (month - 1) + n;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  const last = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
  return civilDay(y, m, Math.min(dayOfMonth, last));
}

/** Day number of a valid civil date, for any year (dayFromParts checks the date first). */
function civilDay(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day number of 1899-12-30 and 1904-01-01: Excel's serial zero points. */
const EPOCH_1900 = -25569;
const EPOCH_1904 = -24107;
const MAX_SERIAL = 2958465;

/**
 * Excel's 1900 system counts a 29 February 1900 that never was (serial 60), so serials from 61 on
 * are offset from 1899-12-30 and earlier ones from 1899-12-31.
 */
export function dayFromSerial(serial: number, date1904: boolean): Day | null {
  if (!Number.isFinite(serial) || serial > MAX_SERIAL || serial < (date1904 ? 0 : 1)) return null;
  const whole = Math.floor(serial);
  if (date1904) return EPOCH_1904 + whole;
  if (whole === 60) return null;
  return EPOCH_1900 + whole + (whole < 60 ? 1 : 0);
}

export function serialFromDay(day: Day, date1904: boolean): number {
  if (date1904) return day - EPOCH_1904;
  const serial = day - EPOCH_1900;
  return serial < 61 ? serial - 1 : serial;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthIndex = (word: string): number => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

function dayFromText(text: string): Day | null | 'ambiguous' {
  const t = text.trim();
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})$/.exec(t);
  if (m && monthIndex(m[2]) > 0) return dayFromParts(Number(m[3]), monthIndex(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m && monthIndex(m[1]) > 0) return dayFromParts(Number(m[3]), monthIndex(m[1]), Number(m[2]));
  // Day and month in either order: read only when one of them cannot be a month, and with a
  // four-digit year; anything else is a guess, which is refused.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return dayFromParts(year, b, a);
    if (b > 12 && a <= 12) return dayFromParts(year, a, b);
    return a === b ? dayFromParts(year, a, b) : 'ambiguous';
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(t)) return 'ambiguous';
  return null;
}

/**
 * A day from any value a host hands back, for readers that skip what they cannot read (the ledger,
 * the item marks): ISO text first (Throughline's own writing), then everything `parseDate` accepts,
 * serials counted in the workbook's own date system. There is no default for `date1904`: a reader
 * that forgot it would shift a 1904 workbook's dates by 1,462 days.
 */
export function readDay(v: CellValue | undefined, date1904: boolean): Day | null {
  if (typeof v === 'string') {
    const quick = dayFromISO(v);
    if (quick !== null) return quick;
  }
  const r = parseDate(v ?? null, date1904);
  return r.ok ? r.value : null;
}

export function parseDate(v: CellValue, date1904: boolean): Parsed<Day | null> {
  const p = pre(v);
  if (p) return as(p, 'invalid-date');
  if (v instanceof Date) {
    return isNaN(v.getTime()) ? fail('invalid-date', 'the cell holds an invalid date') : ok(dayFromUTCDate(v));
  }
  if (typeof v === 'number') {
    const day = dayFromSerial(v, date1904);
    return day === null ? fail('invalid-date', `${v} is not a date serial Excel can show`) : ok(day);
  }
  if (typeof v === 'string') {
    const day = dayFromText(v);
    if (day === 'ambiguous') {
      return fail(
        'invalid-date',
        `${quote(v)} could be day/month or month/day; type it as YYYY-MM-DD (e.g. 2026-06-30)`,
      );
    }
    if (day !== null) return ok(day);
    return fail('invalid-date', `${quote(v)} is not a date; use a date like 2026-06-30`);
  }
  return fail('invalid-date', `${quote(v)} is not a date; use a date like 2026-06-30`);
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

/** "1,234.5", "$1.2M", "€300k", "(1,200)", "12%", "USD 1,000". A comma is always a thousands separator. */
function numberFromText(text: string): number | null {
  let t = text.trim().replace(/\u00a0/g, ' ');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1].trim();
  }
  t = t.replace(/^(USD|EUR|GBP|JPY|CHF|AUD|CAD|INR)\s*/i, '').replace(/\s*(USD|EUR|GBP|JPY|CHF|AUD|CAD|INR)$/i, '');
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  t = t.replace(/^[$€£¥]\s*/, '').replace(/\s*[$€£¥]$/, '');
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:e([+-]?\d+))?\s*(%|k|m|mm|mn|b|bn)?$/i.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  let n = Number(`${(m[1] ?? '0').replace(/,/g, '')}${m[2] ?? ''}${m[3] !== undefined ? `e${m[3]}` : ''}`);
  const suffix = m[4]?.toLowerCase();
  if (suffix === '%') n /= 100;
  else if (suffix) n *= SCALE[suffix];
  return negative ? -n : n;
}

export function parseNumber(v: CellValue): Parsed<number | null> {
  const p = pre(v);
  if (p) return p;
  if (typeof v === 'number') {
    return Number.isFinite(v) ? ok(v) : fail('invalid-number', `${quote(v)} is not a finite number`);
  }
  if (typeof v === 'string') {
    const n = numberFromText(v);
    if (n === null) return fail('invalid-number', `${quote(v)} is not a number`);
    return Number.isFinite(n) ? ok(n) : fail('invalid-number', `${quote(v)} is too large to be a number`);
  }
  return fail('invalid-number', `${quote(v)} is not a number`);
}

/** A fraction complete: 45%, 0.45 and 45 all mean 0.45, because a value above 1 is a percentage. */
export function parsePercent(v: CellValue): Parsed<number | null> {
  const p = pre(v);
  if (p) return as(p, 'invalid-percent');
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const text = v.trim();
    n = numberFromText(text);
    if (n !== null && text.endsWith('%')) return check(n, v);
  }
  if (n === null || !Number.isFinite(n))
    return fail('invalid-percent', `${quote(v)} is not a percentage; use 45%, 0.45 or 45`);
  return check(n > 1 ? n / 100 : n, v);

  function check(x: number, raw: unknown): Parsed<number | null> {
    if (!Number.isFinite(x)) return fail('invalid-percent', `${quote(raw)} is not a percentage`);
    return x < 0 ? fail('invalid-percent', `${quote(raw)} is negative; a percentage complete is 0% or more`) : ok(x);
  }
}

// ---------------------------------------------------------------------------------------------
// Words

const squeeze = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/** Text as typed, trimmed; numbers typed as IDs (101) become "101". */
export function parseText(v: CellValue): Parsed<string | null> {
  const p = pre(v);
  if (p) return p;
  if (typeof v === 'string') return ok(v.trim());
  if (typeof v === 'number')
    return Number.isFinite(v) ? ok(String(v)) : fail('invalid-number', `${quote(v)} is not usable text`);
  if (typeof v === 'boolean') return ok(v ? 'TRUE' : 'FALSE');
  if (v instanceof Date)
    return isNaN(v.getTime())
      ? fail('invalid-date', 'the cell holds an invalid date')
      : ok(isoFromDay(dayFromUTCDate(v)));
  return fail('invalid-number', `${quote(v)} is not usable text`);
}

/**
 * A parser of typed words that remembers its answer for each text it has seen: a workbook writes the
 * same few words (Green, Monthly, Increase) in tens of thousands of cells, and each was lower-cased and
 * squeezed by a regular expression. The answers are shared, so no caller may change one (none does).
 * Bounded, so a long-lived pane cannot grow it forever.
 */
function remembered<T>(parse: (v: CellValue) => Parsed<T>): (v: CellValue) => Parsed<T> {
  const known = new Map<string, Parsed<T>>();
  return (v) => {
    if (typeof v !== 'string') return parse(v);
    let r = known.get(v);
    if (r === undefined) {
      if (known.size >= 2_000) known.clear();
      known.set(v, (r = parse(v)));
    }
    return r;
  };
}

function wordParser<T>(table: Record<string, T>, code: ErrorCode, accepted: string) {
  return remembered((v: CellValue): Parsed<T | null> => {
    const p = pre(v);
    if (p) return as(p, code);
    const word = table[squeeze(String(v))];
    return word !== undefined ? ok(word) : fail(code, `${quote(v)} is not one of ${accepted}`);
  });
}

const STATUS_WORDS: Record<string, ReportedStatus> = {
  green: 'Green',
  ontrack: 'Green',
  g: 'Green',
  amber: 'Amber',
  yellow: 'Amber',
  atrisk: 'Amber',
  a: 'Amber',
  y: 'Amber',
  red: 'Red',
  offtrack: 'Red',
  r: 'Red',
};
export const parseStatus = wordParser(
  STATUS_WORDS,
  'invalid-status',
  'Green / On track / G, Amber / Yellow / At risk / A, Red / Off track / R',
);

/** A dependency's promise: the four words of SPEC §1, plus the obvious past tenses people type. */
const COMMITMENT_WORDS: Record<string, CommitmentStatus> = {
  requested: 'Requested',
  request: 'Requested',
  committed: 'Committed',
  commit: 'Committed',
  declined: 'Declined',
  decline: 'Declined',
  delivered: 'Delivered',
  deliver: 'Delivered',
};
export const parseCommitment = wordParser(
  COMMITMENT_WORDS,
  'invalid-status',
  'Requested, Committed, Declined or Delivered',
);

const DIRECTION_WORDS: Record<string, Direction> = {
  increase: 'Increase',
  increasing: 'Increase',
  up: 'Increase',
  higherisbetter: 'Increase',
  higher: 'Increase',
  maximise: 'Increase',
  maximize: 'Increase',
  '↑': 'Increase',
  decrease: 'Decrease',
  decreasing: 'Decrease',
  down: 'Decrease',
  lowerisbetter: 'Decrease',
  lower: 'Decrease',
  minimise: 'Decrease',
  minimize: 'Decrease',
  '↓': 'Decrease',
};
export const parseDirection = wordParser(
  DIRECTION_WORDS,
  'invalid-direction',
  'Increase (higher is better, up) or Decrease (lower is better, down)',
);

const CADENCE_WORDS: Record<string, Cadence> = {
  daily: { unit: 'days', count: 1 },
  weekly: { unit: 'days', count: 7 },
  biweekly: { unit: 'days', count: 14 },
  fortnightly: { unit: 'days', count: 14 },
  monthly: { unit: 'months', count: 1 },
  quarterly: { unit: 'months', count: 3 },
  semiannual: { unit: 'months', count: 6 },
  semiannually: { unit: 'months', count: 6 },
  halfyearly: { unit: 'months', count: 6 },
  annually: { unit: 'months', count: 12 },
  annual: { unit: 'months', count: 12 },
  yearly: { unit: 'months', count: 12 },
};
const CADENCE_ACCEPTED = 'weekly, biweekly / fortnightly, monthly, quarterly, or a number of days';

export const parseCadence = remembered(parseCadenceOnce);

function parseCadenceOnce(v: CellValue): Parsed<Cadence | null> {
  const p = pre(v);
  if (p) return as(p, 'invalid-cadence');
  const days =
    typeof v === 'number' ? v : typeof v === 'string' ? /^\s*(\d+)\s*(d|days?)?\s*$/i.exec(v)?.[1] : undefined;
  if (days !== undefined) {
    const n = Number(days);
    return Number.isInteger(n) && n > 0 && n <= 3660
      ? ok({ unit: 'days', count: n })
      : fail('invalid-cadence', `${quote(v)} is not a whole number of days above 0`);
  }
  const word = typeof v === 'string' ? CADENCE_WORDS[squeeze(v)] : undefined;
  return word ? ok(word) : fail('invalid-cadence', `${quote(v)} is not a cadence; use ${CADENCE_ACCEPTED}`);
}
