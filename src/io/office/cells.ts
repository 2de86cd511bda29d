// Cells between Throughline and Excel: what a value written becomes, and what a value read means.
import type { CellStyle, CellValue, OutValue } from '../../engine';
import { serialFromDay } from '../../engine';

/**
 * Excel reads a string written to a cell the way it reads typing: "=…", "+…", "-…" and "@…" start a
 * formula, "#N/A" is an error, and text that looks like a number, percentage, currency, date, time or
 * TRUE/FALSE becomes one (an ISO date becomes a serial of the workbook's own date system). A leading
 * apostrophe makes Excel keep the rest as text and show it as typed. Throughline's text is text, so
 * anything Excel might reinterpret gets one; the test is deliberately broader than Excel's, since an
 * apostrophe too many costs a byte and one too few changes a cell.
 */
export function needsTextPrefix(s: string): boolean {
  if (/^[=+\-@'#]/.test(s)) return true;
  const t = s.trim();
  if (t === '') return s !== '';
  // " -" or "  =1": once the spaces are trimmed a sign starts a formula; the apostrophe keeps it text
  // however Excel trims, and costs nothing (test/io/excel-fake.test.ts's property found " -").
  if (/^[=+\-@]/.test(t)) return true;
  if (/^[\d.,$€£¥(]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  // "Mar 31, 2026", "March 2026", "31 March 2026" are dates to Excel.
  return /^(\d{1,2}[\s\-/])?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?([\s\-/,]+\d{1,4}){1,2}$/i.test(
    t,
  );
}

/** A plan value as Office.js writes it: text kept as text, dates as serials of the workbook's system, blanks cleared. */
export function asOfficeValue(v: OutValue, date1904: boolean): string | number {
  if (v === null) return '';
  if (typeof v === 'object') return serialFromDay(v.day, date1904);
  if (typeof v === 'string' && needsTextPrefix(v)) return `'${v}`;
  return v;
}

/** Consecutive rows sharing a style, so fills are set once per run rather than once per cell. */
export function styleRuns(styles: (CellStyle | null)[]): { start: number; length: number; style: CellStyle | null }[] {
  const runs: { start: number; length: number; style: CellStyle | null }[] = [];
  styles.forEach((style, i) => {
    const last = runs[runs.length - 1];
    if (last && last.style === style) last.length++;
    else runs.push({ start: i, length: 1, style });
  });
  return runs;
}

/**
 * Excel's error values as `Range.values` returns them. Typing one into a cell makes the error itself,
 * so a cell showing one of these texts is almost always the error; the adapter asks `valueTypes` for
 * those few cells to be sure.
 */
export const ERROR_TEXTS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
  '#TIMEOUT!',
]);

/** A value from `Range.values` for the engine: blanks are null, everything else as Excel sent it. */
export function fromOffice(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}
