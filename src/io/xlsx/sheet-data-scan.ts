// A worksheet's <sheetData> scanned by hand instead of through saxes: the cells of a large sheet are
// nearly all the same few elements (<row>, <c>, <v>, <is><t>, <f>), and a general XML parser spends
// most of its time on what they do not need (an attributes object per tag, a string per name, events).
// This scan is at least as strict as saxes over what it accepts, and gives up (`BAIL`) on anything it
// does not handle itself: comments, CDATA, processing instructions, prefixed names, entities other than
// XML's five and character references, a carriage return, a tab or newline inside an attribute value.
// Its caller then scans the whole part with saxes, so that what the sink receives and the errors thrown
// are exactly saxes' (worksheet-read.ts).
import { NOT_CALCULATED, type CellValue } from '../../engine';
import type { CellSink, SheetContext } from './cell-sink';

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
}

/** Whether text[at, at + word.length) is `word` (a builtin call per tag measured slower than these compares). */
function isWord(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
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
    if (c0 === 114 && isWord(text, at, 'row')) return El.Row;
    if (c0 === 114 && isWord(text, at, 'rPh')) return El.RPh;
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
  return new SheetDataScan(text, to, context, sink, valueOf).run(from);
}

/** Where a tag's scan gave up. */
const GIVE_UP = -1;

class SheetDataScan {
  private delivered = 0;
  // The saxes scan's state (worksheet-read.ts), kept the same way.
  private row = 0;
  private rowWanted = false;
  private lastColumn = 0;
  private cellWanted = false;
  private column = 0;
  private type = 'n';
  private style = 0;
  private value: string | null = null;
  private inline: string | null = null;
  private formula = false;
  private capture = Capture.None;
  private phonetic = 0;
  private buffer = '';
  // Open elements, by where their names are (to match end tags without making strings).
  private stackStart = new Int32Array(64);
  private stackLength = new Int32Array(64);
  /** Each open element's El, so that its end tag need not find it again from its name. */
  private stackEl = new Uint8Array(64);
  private depth = 0;
  // The current start tag's attributes (name and value positions) for the duplicate check and the reads.
  private attrs = 0;
  private selfClosing = false;
  /** Which of the current tag's attributes are r, s and t (-1: none), noted as they are read. */
  private rAt = -1;
  private sAt = -1;
  private tAt = -1;
  private readonly attrName = new Int32Array(16);
  private readonly attrNameLength = new Int32Array(16);
  private readonly attrValue = new Int32Array(16);
  private readonly attrValueEnd = new Int32Array(16);

  constructor(
    private readonly text: string,
    private readonly to: number,
    private readonly context: SheetContext,
    private readonly sink: CellSink,
    private readonly valueOf: CellValueOf,
  ) {}

  run(from: number): number {
    const { text, to } = this;
    let i = from;
    while (i < to) {
      // Tags mostly follow each other directly; text runs to the next "<" (its characters checked as passed).
      if (text.charCodeAt(i) !== 60) {
        i = this.textTo(i);
        if (i === GIVE_UP) return gaveUp(this.delivered);
        if (i >= to) break;
      }
      i = text.charCodeAt(i + 1) === 47 ? this.endTag(i + 2) : this.startTag(i + 1);
      if (i === GIVE_UP) return gaveUp(this.delivered);
    }
    return this.depth === 0 ? this.delivered : gaveUp(this.delivered);
  }

  /**
   * Text from `from` to the next "<" (or the end): kept only while a value is captured, its characters and
   * entities checked either way. Returns where the text ends, or GIVE_UP.
   */
  private textTo(from: number): number {
    const { text, to } = this;
    let kind = Text.Plain;
    let i = from;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 32 && c < 127) {
        if (c === 60) break;
        if (c === 38) kind = Text.Entities;
        else if (c === 93 && text.charCodeAt(i + 1) === 93 && text.charCodeAt(i + 2) === 62) return GIVE_UP;
        continue;
      }
      // A character above: left to saxes.
      const n = charAt(text, i);
      if (n === 0) return GIVE_UP;
      i += n - 1;
    }
    return this.takeText(from, i, kind) ? i : GIVE_UP;
  }

  private takeText(from: number, to: number, kind: Text): boolean {
    if (this.capture !== Capture.None) {
      const t = kind === Text.Plain ? this.text.slice(from, to) : decodeEntities(this.text, from, to);
      if (t === null) return false;
      this.buffer += t;
      return true;
    }
    return kind === Text.Plain || decodeEntities(this.text, from, to) !== null;
  }

  /** An end tag from its name at `p`: the open element's name. Returns where the scan goes on. */
  private endTag(p: number): number {
    // Nearly always the open element's name and ">" right after it: compared in place, nothing else to find.
    const top = this.depth - 1;
    if (top >= 0) {
      const length = this.stackLength[top];
      const end = p + length;
      if (end < this.to && this.text.charCodeAt(end) === 62 && this.sameName(this.stackStart[top], p, length, length)) {
        this.depth = top;
        const el = this.stackEl[top] as El;
        if (el !== El.Other && this.close(el)) this.delivered++;
        return end + 1;
      }
    }
    return this.endTagFully(p);
  }

  /** An end tag with white space before its ">", or not the open element's (given up). */
  private endTagFully(p: number): number {
    const text = this.text;
    const nameAt = p;
    if (!isNameStart(text.charCodeAt(p))) return GIVE_UP;
    while (isNameChar(text.charCodeAt(p))) p++;
    const length = p - nameAt;
    while (isSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== 62 || p >= this.to || this.depth === 0) return GIVE_UP;
    const depth = --this.depth;
    if (!this.sameName(this.stackStart[depth], nameAt, length, this.stackLength[depth])) return GIVE_UP;
    const el = elementOf(text, nameAt, length);
    if (el !== El.Other && this.close(el)) this.delivered++;
    return p + 1;
  }

  /** A start tag from its name at `p`. Returns where the scan goes on. */
  private startTag(p: number): number {
    const text = this.text;
    const nameAt = p;
    if (!isNameStart(text.charCodeAt(p))) return GIVE_UP;
    while (isNameChar(text.charCodeAt(p))) p++;
    const nameLength = p - nameAt;
    const el = elementOf(text, nameAt, nameLength);
    if (el === El.Outside) return GIVE_UP;
    p = this.attributes(p);
    if (p === GIVE_UP || p > this.to) return GIVE_UP;
    if (!this.selfClosing) this.push(nameAt, nameLength, el);
    if (el !== El.Other) {
      this.open(el);
      if (this.selfClosing && this.close(el)) this.delivered++;
    }
    return p;
  }

  /** A start tag's attributes, from just after its name, to just past its end. */
  private attributes(p: number): number {
    const text = this.text;
    this.attrs = 0;
    this.rAt = this.sAt = this.tAt = -1;
    for (;;) {
      const before = p;
      while (isSpace(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(p);
      if (c === 62 || c === 47) {
        this.selfClosing = c === 47;
        if (c === 47 && text.charCodeAt(p + 1) !== 62) return GIVE_UP;
        return p + (c === 47 ? 2 : 1);
      }
      // An attribute: after white space, name="value" or name='value'.
      if (p === before || !isNameStart(c) || this.attrs === 16) return GIVE_UP;
      const at = p;
      while (isNameChar(text.charCodeAt(p)) || text.charCodeAt(p) === 58) p++;
      const length = p - at;
      while (isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 61) return GIVE_UP;
      p++;
      while (isSpace(text.charCodeAt(p))) p++;
      const quote = text.charCodeAt(p);
      if (quote !== 34 && quote !== 39) return GIVE_UP;
      const valueAt = ++p;
      for (; ; p++) {
        const v = text.charCodeAt(p);
        if (v >= 32 && v < 127 && v !== 60 && v !== 38 && v !== quote) continue;
        if (v === quote) break;
        // Past the end, "<" (an error), "&", tab and newline (rewritten by saxes): all left to it.
        if (p >= this.to || v === 60 || v === 38 || v === 9 || v === 10) return GIVE_UP;
        const n = charAt(text, p);
        if (n === 0) return GIVE_UP;
        p += n - 1;
      }
      if (p >= this.to) return GIVE_UP;
      // saxes refuses a duplicate attribute; so does this scan, by comparing names in place.
      for (let k = 0; k < this.attrs; k++)
        if (this.sameName(this.attrName[k], at, length, this.attrNameLength[k])) return GIVE_UP;
      const k = this.attrs++;
      if (length === 1) {
        const name = text.charCodeAt(at);
        if (name === 114) this.rAt = k;
        else if (name === 115) this.sAt = k;
        else if (name === 116) this.tAt = k;
      }
      this.attrName[k] = at;
      this.attrNameLength[k] = length;
      this.attrValue[k] = valueAt;
      this.attrValueEnd[k] = p;
      p++;
    }
  }

  private push(nameAt: number, nameLength: number, el: El): void {
    if (this.depth === this.stackStart.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
        const b = new make(a.length * 2);
        b.set(a);
        return b;
      };
      this.stackStart = grow(this.stackStart, Int32Array);
      this.stackLength = grow(this.stackLength, Int32Array);
      this.stackEl = grow(this.stackEl, Uint8Array);
    }
    this.stackStart[this.depth] = nameAt;
    this.stackLength[this.depth] = nameLength;
    this.stackEl[this.depth] = el;
    this.depth++;
  }

  private sameName(a: number, b: number, length: number, otherLength: number): boolean {
    if (length !== otherLength) return false;
    const text = this.text;
    for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
    return true;
  }

  /** A number attribute as `x ? Number(x) : otherwise` reads it. */
  private numberOr(k: number, otherwise: number): number {
    if (k < 0 || this.attrValueEnd[k] === this.attrValue[k]) return otherwise;
    return numberAt(this.text, this.attrValue[k], this.attrValueEnd[k]);
  }

  /** A cell's t attribute, the usual ones without making a string. */
  private typeOf(): string {
    const k = this.tAt;
    if (k < 0) return 'n';
    const { text } = this;
    const at = this.attrValue[k];
    const length = this.attrValueEnd[k] - at;
    if (length === 1) {
      const known = ONE_LETTER_TYPES.get(text.charCodeAt(at));
      if (known !== undefined) return known;
    } else if (length === 3 && isWord(text, at, 'str')) return 'str';
    else if (length === 9 && isWord(text, at, 'inlineStr')) return 'inlineStr';
    return text.slice(at, at + length);
  }

  /** What the saxes scan does on a start tag (worksheet-read.ts). */
  private open(el: El): void {
    switch (el) {
      case El.Row:
        this.row = this.numberOr(this.rAt, this.row + 1);
        this.rowWanted = this.sink.wantRow(this.row);
        this.lastColumn = 0;
        return;
      case El.C:
        this.openCell();
        return;
      case El.F:
        if (this.cellWanted) this.formula = true;
        return;
      case El.V:
        if (this.cellWanted) {
          this.capture = Capture.V;
          this.buffer = '';
        }
        return;
      case El.T:
        if (this.cellWanted && this.phonetic === 0) {
          this.capture = Capture.T;
          this.buffer = '';
        }
        return;
      case El.RPh:
        this.phonetic++;
        return;
    }
  }

  private openCell(): void {
    const k = this.rAt;
    if (k >= 0 && this.attrValueEnd[k] > this.attrValue[k]) {
      // columnOfRef and rowOfRef (src/cells/ref-scan.ts), read in place.
      let column = 0;
      let row = 0;
      let letters = true;
      for (let q = this.attrValue[k]; q < this.attrValueEnd[k]; q++) {
        const code = this.text.charCodeAt(q);
        if (letters) {
          if (code >= 65 && code <= 90) column = column * 26 + code - 64;
          else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
          else if (code !== 36) letters = false;
        }
        if (code >= 48 && code <= 57) row = row * 10 + code - 48;
      }
      this.column = column;
      if (row > 0 && row !== this.row) {
        this.row = row;
        this.rowWanted = this.sink.wantRow(row);
      }
    } else this.column = this.lastColumn + 1;
    this.lastColumn = this.column;
    this.cellWanted = this.rowWanted && this.sink.wantCell(this.row, this.column);
    if (!this.cellWanted) return;
    this.type = this.typeOf();
    this.style = this.numberOr(this.sAt, 0);
    this.value = null;
    this.inline = null;
    this.formula = false;
  }

  /** What the saxes scan does on an end tag; whether a cell was handed over. */
  private close(el: El): boolean {
    if (el === El.V && this.capture === Capture.V) {
      this.value = this.buffer;
      this.capture = Capture.None;
    } else if (el === El.T && this.capture === Capture.T) {
      this.inline = (this.inline ?? '') + this.buffer;
      this.capture = Capture.None;
    } else if (el === El.RPh) {
      this.phonetic--;
    } else if (el === El.C && this.cellWanted) {
      this.cellWanted = false;
      const { formula, inline, value, type } = this;
      const v =
        formula && inline === null && (value === null || (value === '' && type !== 'str'))
          ? { error: NOT_CALCULATED }
          : this.valueOf(type, this.style, value, inline, this.context);
      if (v !== null) {
        this.sink.cell(this.row, this.column, v, this.style);
        return true;
      }
    }
    return false;
  }
}
