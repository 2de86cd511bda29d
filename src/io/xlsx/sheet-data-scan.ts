// A worksheet's <sheetData> scanned by hand instead of through saxes: the cells of a large sheet are
// nearly all the same few elements (<row>, <c>, <v>, <is><t>, <f>), and a general XML parser spends
// most of its time on what they do not need (an attributes object per tag, a string per name, events).
// This scan is at least as strict as saxes over what it accepts, and gives up (`BAIL`) on anything it
// does not handle itself: comments, CDATA, processing instructions, prefixed names, entities other than
// XML's five and character references, a carriage return, a tab or newline inside an attribute value.
// Its caller then scans the whole part with saxes, so that what the sink receives and the errors thrown
// are exactly saxes' (worksheet-read.ts).
import { NOT_CALCULATED, type CellValue } from '../../engine';
import type { CellSink, SheetContext } from './worksheet-read';

/** What the scan needs of worksheet-read.ts: a cell's value from its parts, as the saxes scan makes it. */
export type CellValueOf = (
  type: string,
  style: number,
  value: string | null,
  inline: string | null,
  context: SheetContext,
) => CellValue;

/** Returned (as `-1 - cellsHandedOver`) when the scan gives up. */
export const gaveUp = (delivered: number) => -1 - delivered;

/**
 * How many characters at text[i] XML allows and this scan takes as they are (2 for a surrogate pair),
 * or 0: characters XML forbids (saxes rejects them), a carriage return and the newlines XML 1.1 knows
 * (saxes normalises them), unpaired surrogates.
 */
function charAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 32) {
    if (c < 0x85 || (c > 0x85 && c < 0x2028) || (c > 0x2028 && c < 0xd800) || (c >= 0xe000 && c <= 0xfffd)) return 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      return low >= 0xdc00 && low <= 0xdfff ? 2 : 0;
    }
    return 0;
  }
  return c === 9 || c === 10 ? 1 : 0;
}

const enum Text {
  Plain = 0,
  Entities = 1,
  /** Left to saxes: a character above, or "]]>" (saxes rejects it in text). */
  Unhandled = 2,
}

/** What text[from, to) between two tags holds. */
function textKind(text: string, from: number, to: number): Text {
  let kind = Text.Plain;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c < 127) {
      if (c === 38) kind = Text.Entities;
      else if (c === 93 && text.charCodeAt(i + 1) === 93 && text.charCodeAt(i + 2) === 62) return Text.Unhandled;
      continue;
    }
    const n = charAt(text, i);
    if (n === 0) return Text.Unhandled;
    i += n - 1;
  }
  return kind;
}

/** Element names the scan acts on. */
const enum El {
  Other = 0,
  Row = 1,
  C = 2,
  V = 3,
  F = 4,
  T = 5,
  RPh = 6,
  /** Names the saxes scan acts on outside <sheetData> (dimension, mergeCell, sheetProtection): given up. */
  Outside = 7,
}

const enum Capture {
  None = 0,
  V = 1,
  T = 2,
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9;

/** Which element a name is, from its characters (no string made). */
function elementOf(text: string, at: number, length: number): El {
  const c0 = text.charCodeAt(at);
  if (length === 1) {
    if (c0 === 99) return El.C;
    if (c0 === 118) return El.V;
    if (c0 === 116) return El.T;
    if (c0 === 102) return El.F;
    return El.Other;
  }
  if (length === 3) {
    if (text.startsWith('row', at)) return El.Row;
    if (text.startsWith('rPh', at)) return El.RPh;
    return El.Other;
  }
  if (
    (length === 9 && (text.startsWith('dimension', at) || text.startsWith('mergeCell', at))) ||
    (length === 15 && text.startsWith('sheetProtection', at))
  )
    return El.Outside;
  return El.Other;
}

/** The first "&" in text[from, to), or -1 (indexOf would look on to the end of a part of many megabytes). */
function ampersand(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 38) return i;
  return -1;
}

/** Text with XML's five entities and character references replaced; null when it holds anything else. */
function decodeEntities(text: string, from: number, to: number): string | null {
  let out = '';
  let at = from;
  for (let amp = ampersand(text, from, to); amp >= 0; amp = ampersand(text, at, to)) {
    let semi = amp + 1;
    while (semi < to && semi - amp <= 12 && text.charCodeAt(semi) !== 59) semi++;
    if (semi >= to || semi - amp > 12) return null;
    const name = text.slice(amp + 1, semi);
    let ch: string;
    if (name === 'lt') ch = '<';
    else if (name === 'gt') ch = '>';
    else if (name === 'amp') ch = '&';
    else if (name === 'quot') ch = '"';
    else if (name === 'apos') ch = "'";
    else {
      const m = /^#(?:([0-9]+)|x([0-9A-Fa-f]+))$/.exec(name);
      if (!m) return null;
      const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2], 16);
      const allowed =
        code === 9 ||
        code === 10 ||
        code === 13 ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) return null;
      ch = String.fromCodePoint(code);
    }
    out += text.slice(at, amp) + ch;
    at = semi + 1;
  }
  return out + text.slice(at, to);
}

const ONE_LETTER_TYPES = new Map(['s', 'n', 'b', 'e', 'd'].map((t) => [t.charCodeAt(0), t]));

/** A row number as Number(r) reads it, without making the string when it is plain digits. */
function numberAt(text: string, from: number, to: number): number {
  if (to - from > 9 || to === from) return Number(text.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number(text.slice(from, to));
    n = n * 10 + c - 48;
  }
  return n;
}

/**
 * Scans text[from, to) (the content of <sheetData>, with Infinity for the sink's last row) and hands the
 * wanted cells to the sink exactly as the saxes scan would. Returns the number of cells handed over,
 * or gaveUp(cells handed over so far) when it met something it leaves to saxes.
 */
export function scanSheetData(
  text: string,
  from: number,
  to: number,
  context: SheetContext,
  sink: CellSink,
  valueOf: CellValueOf,
): number {
  let delivered = 0;
  // The saxes scan's state (worksheet-read.ts), kept the same way.
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
  let capture = Capture.None;
  let phonetic = 0;
  let buffer = '';
  // Open elements, by where their names are (to match end tags without making strings).
  let stackStart = new Int32Array(64);
  let stackLength = new Int32Array(64);
  let depth = 0;
  // The current start tag's attributes (name and value positions) for the duplicate check and the reads.
  const attrName = new Int32Array(16);
  const attrNameLength = new Int32Array(16);
  const attrValue = new Int32Array(16);
  const attrValueEnd = new Int32Array(16);

  let i = from;
  while (i < to) {
    let lt = text.indexOf('<', i);
    if (lt < 0 || lt > to) lt = to;
    if (lt > i) {
      // Text: kept only while a value is captured, its entities checked either way.
      const kind = textKind(text, i, lt);
      if (kind === Text.Unhandled) return gaveUp(delivered);
      const plain = kind === Text.Plain;
      if (capture !== Capture.None) {
        const t = plain ? text.slice(i, lt) : decodeEntities(text, i, lt);
        if (t === null) return gaveUp(delivered);
        buffer += t;
      } else if (!plain && decodeEntities(text, i, lt) === null) return gaveUp(delivered);
    }
    if (lt >= to) break;
    let p = lt + 1;
    if (text.charCodeAt(p) === 47) {
      // An end tag: its name must be the open element's.
      p++;
      const nameAt = p;
      if (!isNameStart(text.charCodeAt(p))) return gaveUp(delivered);
      while (isNameChar(text.charCodeAt(p))) p++;
      const length = p - nameAt;
      while (isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 62 || p >= to || depth === 0) return gaveUp(delivered);
      depth--;
      if (stackLength[depth] !== length) return gaveUp(delivered);
      if (!sameName(stackStart[depth], nameAt, length, stackLength[depth])) return gaveUp(delivered);
      i = p + 1;
      const el = elementOf(text, nameAt, length);
      if (el !== El.Other && close(el)) delivered++;
      continue;
    }
    // A start tag.
    const nameAt = p;
    if (!isNameStart(text.charCodeAt(p))) return gaveUp(delivered);
    while (isNameChar(text.charCodeAt(p))) p++;
    const nameLength = p - nameAt;
    const el = elementOf(text, nameAt, nameLength);
    if (el === El.Outside) return gaveUp(delivered);
    let attrs = 0;
    let selfClosing = false;
    for (;;) {
      const before = p;
      while (isSpace(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(p);
      if (c === 62) {
        p++;
        break;
      }
      if (c === 47) {
        if (text.charCodeAt(p + 1) !== 62) return gaveUp(delivered);
        p += 2;
        selfClosing = true;
        break;
      }
      // An attribute: after white space, name="value" or name='value'.
      if (p === before || !isNameStart(c) || attrs === 16) return gaveUp(delivered);
      const at = p;
      while (isNameChar(text.charCodeAt(p)) || text.charCodeAt(p) === 58) p++;
      const length = p - at;
      while (isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 61) return gaveUp(delivered);
      p++;
      while (isSpace(text.charCodeAt(p))) p++;
      const quote = text.charCodeAt(p);
      if (quote !== 34 && quote !== 39) return gaveUp(delivered);
      const valueAt = ++p;
      for (;;) {
        const v = text.charCodeAt(p);
        if (v === quote) break;
        // "<" is an error, "&", tab and newline are rewritten by saxes: all left to it.
        if (v === 60 || v === 38 || v === 9 || v === 10 || p >= to) return gaveUp(delivered);
        if (v < 32 || v >= 127) {
          const n = charAt(text, p);
          if (n === 0) return gaveUp(delivered);
          p += n - 1;
        }
        p++;
      }
      // saxes refuses a duplicate attribute; so does this scan, by comparing names in place.
      for (let k = 0; k < attrs; k++)
        if (sameName(attrName[k], at, length, attrNameLength[k])) return gaveUp(delivered);
      attrName[attrs] = at;
      attrNameLength[attrs] = length;
      attrValue[attrs] = valueAt;
      attrValueEnd[attrs] = p;
      attrs++;
      p++;
    }
    if (p > to) return gaveUp(delivered);
    i = p;
    if (!selfClosing) {
      if (depth === stackStart.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        stackStart = grow(stackStart);
        stackLength = grow(stackLength);
      }
      stackStart[depth] = nameAt;
      stackLength[depth] = nameLength;
      depth++;
    }
    if (el !== El.Other) {
      open(el, attrs);
      if (selfClosing && close(el)) delivered++;
    }
  }
  return depth === 0 ? delivered : gaveUp(delivered);

  function sameName(a: number, b: number, length: number, otherLength: number): boolean {
    if (length !== otherLength) return false;
    for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
    return true;
  }

  /** A cell's t attribute, the usual ones without making a string. */
  function typeOf(attrs: number): string {
    const k = attributeAt(attrs, 116);
    if (k < 0) return 'n';
    const at = attrValue[k];
    const length = attrValueEnd[k] - at;
    if (length === 1) {
      const known = ONE_LETTER_TYPES.get(text.charCodeAt(at));
      if (known !== undefined) return known;
    } else if (length === 3 && text.startsWith('str', at)) return 'str';
    else if (length === 9 && text.startsWith('inlineStr', at)) return 'inlineStr';
    return text.slice(at, at + length);
  }

  function attributeAt(attrs: number, code: number): number {
    for (let k = 0; k < attrs; k++) if (attrNameLength[k] === 1 && text.charCodeAt(attrName[k]) === code) return k;
    return -1;
  }

  function open(el: El, attrs: number): void {
    switch (el) {
      case El.Row: {
        const k = attributeAt(attrs, 114);
        row = k >= 0 && attrValueEnd[k] > attrValue[k] ? numberAt(text, attrValue[k], attrValueEnd[k]) : row + 1;
        rowWanted = sink.wantRow(row);
        lastColumn = 0;
        return;
      }
      case El.C: {
        const k = attributeAt(attrs, 114);
        if (k >= 0 && attrValueEnd[k] > attrValue[k]) {
          // columnOfRef and rowOfRef (src/cells/ref-scan.ts), read in place.
          let col = 0;
          let r = 0;
          let letters = true;
          for (let q = attrValue[k]; q < attrValueEnd[k]; q++) {
            const code = text.charCodeAt(q);
            if (letters) {
              if (code >= 65 && code <= 90) col = col * 26 + code - 64;
              else if (code >= 97 && code <= 122) col = col * 26 + code - 96;
              else if (code !== 36) letters = false;
            }
            if (code >= 48 && code <= 57) r = r * 10 + code - 48;
          }
          column = col;
          if (r > 0 && r !== row) {
            row = r;
            rowWanted = sink.wantRow(row);
          }
        } else column = lastColumn + 1;
        lastColumn = column;
        cellWanted = rowWanted && sink.wantCell(row, column);
        if (!cellWanted) return;
        type = typeOf(attrs);
        const s = attributeAt(attrs, 115);
        style = s >= 0 && attrValueEnd[s] > attrValue[s] ? numberAt(text, attrValue[s], attrValueEnd[s]) : 0;
        value = null;
        inline = null;
        formula = false;
        return;
      }
      case El.F:
        if (cellWanted) formula = true;
        return;
      case El.V:
        if (cellWanted) {
          capture = Capture.V;
          buffer = '';
        }
        return;
      case El.T:
        if (cellWanted && phonetic === 0) {
          capture = Capture.T;
          buffer = '';
        }
        return;
      case El.RPh:
        phonetic++;
        return;
    }
  }

  /** Whether a cell was handed over. */
  function close(el: El): boolean {
    if (el === El.V && capture === Capture.V) {
      value = buffer;
      capture = Capture.None;
    } else if (el === El.T && capture === Capture.T) {
      inline = (inline ?? '') + buffer;
      capture = Capture.None;
    } else if (el === El.RPh) {
      phonetic--;
    } else if (el === El.C && cellWanted) {
      cellWanted = false;
      const v =
        formula && inline === null && (value === null || (value === '' && type !== 'str'))
          ? { error: NOT_CALCULATED }
          : valueOf(type, style, value, inline, context);
      if (v !== null) {
        sink.cell(row, column, v, style);
        return true;
      }
    }
    return false;
  }
}
