// Streams a worksheet's XML and hands over only the cells asked for, as the engine's values: shared
// and inline strings (rich text runs joined, phonetic runs left out), numbers, booleans, errors,
// formulas by their cached result, and numbers in a date format as dates.
import { NOT_CALCULATED, type CellValue } from '../../engine';
import { dayFromSerial } from '../../engine';
import { localName, streamXml, unescapeOoxml } from '../ooxml/xml';
import { PackageError } from '../ooxml/errors';
import { isDateFormat } from '../ooxml/styles';
import { columnOfRef, rowOfRef } from '../../cells';
import { scanSheetData } from './sheet-data-scan';
import type { CellSink, SheetContext } from './cell-sink';

export type { CellSink, SheetContext } from './cell-sink';

export interface SheetScan {
  /** Whether the sheet's protection forbids editing cells. */
  protected: boolean;
  /** The <dimension> ref, when the sheet has one. */
  dimension: string | null;
}

const MS_PER_DAY = 86_400_000;

/**
 * One Date per distinct serial of a sheet: a check-in's month end or an item's due date is the same in
 * thousands of cells, and every Date made is an object the snapshot keeps (the young generation copies
 * each survivor). Nothing changes a cell's Date once read (the engine reads its time; the portfolio's
 * pool shares them the same way, src/portfolio/intern.ts).
 */
export type DatePool = Map<number, Date>;

function serialToDate(serial: number, date1904: boolean, dates: DatePool): Date | number {
  const known = dates.get(serial);
  if (known !== undefined) return known;
  const date = dateOfSerial(serial, date1904);
  if (date instanceof Date) dates.set(serial, date);
  return date;
}

function dateOfSerial(serial: number, date1904: boolean): Date | number {
  const day = dayFromSerial(serial, date1904);
  if (day === null) return serial;
  const fraction = serial - Math.floor(serial);
  return new Date(day * MS_PER_DAY + Math.round(fraction * MS_PER_DAY));
}

function isoToDate(text: string): Date | string {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || text.length <= 10 ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

/** Thrown inside the parser to end a scan early; never escapes scanWorksheet. */
class EndOfScan extends Error {}

/**
 * Hands the sink the wanted cells of a worksheet's XML. The cells of <sheetData> are scanned by hand
 * (sheet-data-scan.ts) and the few elements around it by saxes; anything the hand scan leaves to saxes
 * sends the whole part through saxes, so the sink receives the same cells and the same error either way.
 */
export function scanWorksheet(text: string, part: string, context: SheetContext, sink: CellSink): SheetScan {
  return (
    ((sink.lastRow ?? Infinity) === Infinity && scanQuickly(text, part, context, sink)) ||
    scanWithSaxes(text, part, context, sink)
  );
}

/**
 * Elements that change the saxes scan's state outside <sheetData> (a row, a cell, a phonetic run; after
 * the last cell <v>, <t> and <f> change nothing): such a part goes to saxes whole.
 */
const CELL_ELEMENT = /<(?:[\w.-]+:)?(?:row|c|rPh)[\s/>]/;

/** The hand scan of <sheetData>, or null when the part is left to saxes whole. */
function scanQuickly(text: string, part: string, context: SheetContext, sink: CellSink): SheetScan | null {
  const open = text.indexOf('<sheetData');
  if (open < 0) return null;
  const next = text.charCodeAt(open + 10);
  if (next !== 62 && next !== 32 && next !== 9 && next !== 10) return null;
  // Before it, nothing that could hide or fake it: no comment, CDATA, DOCTYPE or processing instruction.
  // (Looked for in the few hundred characters before it: indexOf would run on through megabytes of cells.)
  const head = text.slice(0, open);
  if (head.includes('<!') || head.indexOf('<?', 1) >= 0) return null;
  const openEnd = text.indexOf('>', open) + 1;
  const close = text.lastIndexOf('</sheetData>');
  if (openEnd === 0 || text.charCodeAt(openEnd - 2) === 47 || close < openEnd) return null;
  // The part around an empty <sheetData>, through saxes: its dimension, protection, merged areas.
  const around = text.slice(0, openEnd) + text.slice(close);
  if (CELL_ELEMENT.test(around)) return null;
  const merges: string[] = [];
  const none = () => false;
  let scan: SheetScan;
  try {
    scan = scanWithSaxes(around, part, context, {
      wantRow: none,
      wantCell: none,
      cell() {},
      merge: (ref) => merges.push(ref),
    });
  } catch {
    return null;
  }
  const dates: DatePool = new Map();
  const handed = scanSheetData(text, openEnd, close, context, sink, (type, style, value, inline, c) =>
    cellValue(type, style, value, inline, c, dates),
  );
  if (handed < 0) return scanWithSaxes(text, part, context, skipping(sink, -1 - handed));
  if (sink.merge) for (const ref of merges) sink.merge(ref);
  return scan;
}

/** The sink, but the first `count` cells (handed over already by a scan that then gave up) are not handed again. */
function skipping(sink: CellSink, count: number): CellSink {
  let skip = count;
  return {
    lastRow: sink.lastRow,
    wantRow: (row) => sink.wantRow(row),
    wantCell: (row, column) => sink.wantCell(row, column),
    cell(row, column, value, style) {
      if (skip > 0) skip--;
      else sink.cell(row, column, value, style);
    },
    merge: sink.merge ? (ref) => sink.merge!(ref) : undefined,
  };
}

/** The reference scan: every part through saxes (what the hand scan must match; tests compare them). */
export function scanWithSaxes(text: string, part: string, context: SheetContext, sink: CellSink): SheetScan {
  const result: SheetScan = { protected: false, dimension: null };
  const lastRow = sink.lastRow ?? Infinity;
  let row = 0;
  let rowWanted = false;
  let lastColumn = 0;
  let cellWanted = false;
  let column = 0;
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let formula = false;
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;
  let buffer = '';
  const dates: DatePool = new Map();

  try {
    scan();
  } catch (e) {
    if (!(e instanceof EndOfScan)) throw e;
    result.protected = sheetProtected(text);
  }
  return result;

  function scan(): void {
    streamXml(
      text,
      part,
      {
        open(tag) {
          const name = localName(tag.name);
          switch (name) {
            case 'row': {
              const r = tag.attributes.r;
              row = r ? Number(r) : row + 1;
              if (row > lastRow) throw new EndOfScan();
              rowWanted = sink.wantRow(row);
              lastColumn = 0;
              return;
            }
            case 'c': {
              const ref = tag.attributes.r;
              column = ref ? columnOfRef(ref) : lastColumn + 1;
              if (ref) {
                const r = rowOfRef(ref);
                if (r > 0 && r !== row) {
                  row = r;
                  rowWanted = sink.wantRow(row);
                }
              }
              lastColumn = column;
              cellWanted = rowWanted && sink.wantCell(row, column);
              if (!cellWanted) return;
              type = tag.attributes.t ?? 'n';
              style = tag.attributes.s ? Number(tag.attributes.s) : 0;
              value = null;
              inline = null;
              formula = false;
              return;
            }
            case 'f':
              if (cellWanted) formula = true;
              return;
            case 'v':
              if (cellWanted) {
                capture = 'v';
                buffer = '';
              }
              return;
            case 't':
              if (cellWanted && phonetic === 0) {
                capture = 't';
                buffer = '';
              }
              return;
            case 'rPh':
              phonetic++;
              return;
            case 'mergeCell': {
              const ref = tag.attributes.ref;
              if (ref && sink.merge) sink.merge(ref);
              return;
            }
            case 'dimension':
              result.dimension = tag.attributes.ref ?? null;
              return;
            case 'sheetProtection': {
              const s = tag.attributes.sheet;
              result.protected = s === '1' || s === 'true';
              return;
            }
          }
        },
        text(t) {
          if (capture !== null) buffer += t;
        },
        close(tagName) {
          const name = localName(tagName);
          if (name === 'v' && capture === 'v') {
            value = buffer;
            capture = null;
          } else if (name === 't' && capture === 't') {
            inline = (inline ?? '') + buffer;
            capture = null;
          } else if (name === 'rPh') {
            phonetic--;
          } else if (name === 'c' && cellWanted) {
            cellWanted = false;
            // A formula saved without its result (openpyxl and other writers that do not calculate) is
            // not an empty cell: the engine says so instead of reading a blank.
            const v =
              formula && inline === null && (value === null || (value === '' && type !== 'str'))
                ? { error: NOT_CALCULATED }
                : cellValue(type, style, value, inline, context, dates);
            if (v !== null) sink.cell(row, column, v, style);
          }
        },
      },
      false,
    );
  }
}

const SHEET_DATA = Array.from('sheetData', (ch) => ch.charCodeAt(0));

/**
 * Whether a sheet's protection forbids editing cells, from the part's bytes without decoding the
 * part: <sheetProtection> follows <sheetData> directly, so only a few hundred bytes after the last
 * "sheetData" need reading (a large Risks sheet is tens of megabytes).
 */
export function sheetProtectedBytes(bytes: Uint8Array): boolean {
  let at = -1;
  outer: for (let i = bytes.length - SHEET_DATA.length; i >= 0; i--) {
    for (let k = 0; k < SHEET_DATA.length; k++) if (bytes[i + k] !== SHEET_DATA[k]) continue outer;
    at = i;
    break;
  }
  if (at < 0) return false;
  return sheetProtected(new TextDecoder().decode(bytes.subarray(at, Math.min(bytes.length, at + 4096))));
}

/**
 * Whether a sheet's protection forbids editing cells, read from the part's tail: <sheetProtection>
 * comes after <sheetData>, so a sheet Throughline only checks need not be parsed whole.
 */
export function sheetProtected(text: string): boolean {
  const end = Math.max(text.lastIndexOf('sheetData>'), text.lastIndexOf('<sheetData'), 0);
  const m = /<(?:[\w.-]+:)?sheetProtection\b([^>]*)>/.exec(text.slice(end));
  if (!m) return false;
  const sheet = /\ssheet\s*=\s*["']([^"']*)["']/.exec(m[1]);
  return sheet !== null && (sheet[1] === '1' || sheet[1] === 'true');
}

function cellValue(
  type: string,
  style: number,
  value: string | null,
  inline: string | null,
  context: SheetContext,
  dates: DatePool,
): CellValue {
  switch (type) {
    case 's': {
      if (value === null) return null;
      return context.sharedStrings[Number(value)] ?? null;
    }
    case 'inlineStr':
      return inline === null ? (value === null ? null : unescapeOoxml(value)) : unescapeOoxml(inline);
    case 'str':
      return value === null ? null : unescapeOoxml(value);
    case 'b':
      return value === null ? null : value.trim() === '1' || value.trim().toLowerCase() === 'true';
    case 'e':
      return value === null ? null : { error: value.trim() };
    case 'd':
      return value === null ? null : isoToDate(value.trim());
    default: {
      if (value === null || value.trim() === '') return null;
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      return isDateFormat(context.styles, style) ? serialToDate(n, context.date1904, dates) : n;
    }
  }
}

/** Shared strings (xl/sharedStrings.xml): each item's text, rich text runs joined, phonetic runs left out. */
export function readSharedStrings(text: string, part: string, max: number): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let capture = false;
  let phonetic = 0;
  let buffer = '';
  streamXml(text, part, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && current !== null && phonetic === 0) {
        capture = true;
        buffer = '';
      }
    },
    text(t) {
      if (capture) buffer += t;
    },
    close(tagName) {
      const name = localName(tagName);
      if (name === 't' && capture) {
        current += buffer;
        capture = false;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        if (strings.length >= max)
          throw new PackageError(
            `${part} holds more than ${max.toLocaleString('en-US')} strings; Throughline reads at most that many`,
            part,
          );
        strings.push(unescapeOoxml(current ?? ''));
        current = null;
      }
    },
  });
  return strings;
}
