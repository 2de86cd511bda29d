// A tag scanner over a part's UTF-8 bytes, for patching a large worksheet without decoding it or
// running the full parser a second time: it finds where each element starts and ends and nothing
// more. Markup characters are ASCII and never occur inside a multi-byte UTF-8 sequence, so scanning
// bytes is as exact as scanning text. It trusts that the part is well-formed (the read pass parsed
// it with saxes); anything it does not expect (a DOCTYPE, an unterminated tag) makes it give up with
// NotPlainXml, and the caller patches the slow, checked way instead.

export class NotPlainXml extends Error {}

export interface ByteXmlHandlers {
  /**
   * A start tag: `start` is its '<', `openEnd` just past its '>'. The name is bytes [nameStart, nameEnd).
   * Returning true (exactly) stops the scan there: scanXmlBytes then returns `openEnd`.
   */
  open(nameStart: number, nameEnd: number, start: number, openEnd: number, selfClosing: boolean): unknown;
  /** An end tag (or a self-closing start tag): `end` is just past it. */
  close(nameStart: number, nameEnd: number, end: number): void;
}

/** The bytes of XML's markup characters, shared by the byte scanners. */
export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const BANG = 33;
export const QUESTION = 63;
export const EQUALS = 61;

export const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/**
 * The next `byte` from `from`, or -1. A loop rather than indexOf: markup is dense (`<v>1</v>`), and for
 * a hop of a few bytes the built-in's call costs more than the search.
 */
export function next(b: Uint8Array, byte: number, from: number): number {
  const n = b.length;
  for (let i = from; i < n; i++) if (b[i] === byte) return i;
  return -1;
}

/** Finds `seq` (ASCII) in `b` from `from`; -1 when it is not there. */
function find(b: Uint8Array, seq: string, from: number): number {
  const first = seq.charCodeAt(0);
  for (let i = b.indexOf(first, from); i >= 0; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < seq.length && b[i + k] === seq.charCodeAt(k)) k++;
    if (k === seq.length) return i;
  }
  return -1;
}

function startsWith(b: Uint8Array, at: number, seq: string): boolean {
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq.charCodeAt(k)) return false;
  return true;
}

/**
 * Every element of the part from byte `from` (a tag's '<' or text before one), in document order; -1 at
 * the end, or where a start tag's handler stopped the scan, just past that tag.
 */
export function scanXmlBytes(b: Uint8Array, handlers: ByteXmlHandlers, from = 0): number {
  const n = b.length;
  let i = next(b, LT, from);
  while (i >= 0) {
    const second = b[i + 1];
    if (second === SLASH) {
      let j = i + 2;
      while (j < n && b[j] !== GT && !isSpace(b[j])) j++;
      const gt = next(b, GT, j);
      if (gt < 0) throw new NotPlainXml('an end tag is not closed');
      handlers.close(i + 2, j, gt + 1);
      i = next(b, LT, gt + 1);
    } else if (second === BANG || second === QUESTION) {
      i = next(b, LT, pastMarkup(b, i));
    } else {
      i = startTag(b, i, handlers);
      if (i < -1) return -i - 2;
    }
  }
  return -1;
}

/** Just past the comment, CDATA section or processing instruction at `i` (a '<' followed by '!' or '?'). */
export function pastMarkup(b: Uint8Array, i: number): number {
  if (b[i + 1] === QUESTION) {
    const end = find(b, '?>', i + 2);
    if (end < 0) throw new NotPlainXml('a processing instruction is not closed');
    return end + 2;
  }
  let end: number;
  if (startsWith(b, i, '<!--')) end = find(b, '-->', i + 4) + 3;
  else if (startsWith(b, i, '<![CDATA[')) end = find(b, ']]>', i + 9) + 3;
  else throw new NotPlainXml('a declaration (DOCTYPE) in the part');
  if (end < 3) throw new NotPlainXml('a comment or CDATA section is not closed');
  return end;
}

/**
 * Reads the start tag at `i`, tells the handlers, and returns where the next markup starts (-1: none),
 * or, when the handler stops the scan, -2 - the tag's end.
 */
function startTag(b: Uint8Array, i: number, handlers: ByteXmlHandlers): number {
  const n = b.length;
  let j = i + 1;
  while (j < n && b[j] !== GT && b[j] !== SLASH && !isSpace(b[j])) j++;
  const nameEnd = j;
  for (;;) {
    while (j < n && isSpace(b[j])) j++;
    const c = b[j];
    if (c === GT) {
      if (handlers.open(i + 1, nameEnd, i, j + 1, false) === true) return -2 - (j + 1);
      return next(b, LT, j + 1);
    }
    if (c === SLASH && b[j + 1] === GT) {
      if (handlers.open(i + 1, nameEnd, i, j + 2, true) === true) return -2 - (j + 2);
      handlers.close(i + 1, nameEnd, j + 2);
      return next(b, LT, j + 2);
    }
    // An attribute: its name, '=', and a quoted value (which may hold '>' or '/').
    j = attributeValueEnd(b, j) + 1;
  }
}

/**
 * From inside an attribute's name, past '=' to its quoted value: returns the closing quote's index (the
 * value starts one past the opening quote, left in `lastValue.start`). A value without quotes, an attribute
 * without a value or one left open is not plain XML to the byte path.
 */
export function attributeValueEnd(b: Uint8Array, j: number): number {
  const n = b.length;
  while (j < n && b[j] !== EQUALS && b[j] !== GT) j++;
  if (b[j] !== EQUALS) throw new NotPlainXml('an attribute without a value');
  j++;
  while (j < n && isSpace(b[j])) j++;
  const quote = b[j];
  if (quote !== 34 && quote !== 39) throw new NotPlainXml('an attribute value without quotes');
  const close = next(b, quote, j + 1);
  if (close < 0) throw new NotPlainXml('an attribute value is not closed');
  lastValue.start = j + 1;
  return close;
}

/** Where the value of the attribute attributeValueEnd last read starts (one past its opening quote). */
export const lastValue = { start: 0 };

/** Whether the name in bytes [start, end), without its prefix, is `local` (ASCII). */
export function localNameIs(b: Uint8Array, start: number, end: number, local: string): boolean {
  const from = end - local.length;
  if (from < start || (from > start && b[from - 1] !== 58)) return false;
  return startsWith(b, from, local);
}

const utf8 = new TextDecoder();

/** Bytes as text (names, attribute values and start tags: short, and almost always ASCII). */
export function textOf(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let ascii = true;
    for (let k = start; k < end; k++) if (b[k] >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(b.subarray(start, end));
}

/**
 * Each attribute of the start tag [start, openEnd): its name's bytes and its value's, quotes left out.
 * Entities are not expanded (the attributes read here are numbers and cell references, which never
 * need one): the caller refuses a value holding one.
 */
export function forEachAttr(
  b: Uint8Array,
  start: number,
  openEnd: number,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => void,
): void {
  let j = start + 1;
  while (j < openEnd && !isSpace(b[j]) && b[j] !== GT && b[j] !== SLASH) j++;
  for (;;) {
    while (j < openEnd && isSpace(b[j])) j++;
    if (j >= openEnd || b[j] === GT || b[j] === SLASH) return;
    const nameStart = j;
    while (j < openEnd && b[j] !== EQUALS && !isSpace(b[j])) j++;
    const nameEnd = j;
    while (j < openEnd && b[j] !== EQUALS) j++;
    j++;
    while (j < openEnd && isSpace(b[j])) j++;
    const close = next(b, b[j], j + 1);
    visit(nameStart, nameEnd, j + 1, close);
    j = close + 1;
  }
}

/** Whether bytes [start, end) hold an entity or character reference. */
export function hasEntity(b: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (b[k] === 38) return true;
  return false;
}

/** The values of the attributes named (matched exactly, prefix included), in one pass. */
export function attrsOf(
  b: Uint8Array,
  start: number,
  openEnd: number,
  names: readonly string[],
): Record<string, string> {
  const found: Record<string, string> = {};
  forEachAttr(b, start, openEnd, (nameStart, nameEnd, valueStart, valueEnd) => {
    for (const name of names) {
      if (nameEnd - nameStart !== name.length || !startsWith(b, nameStart, name)) continue;
      if (hasEntity(b, valueStart, valueEnd)) throw new NotPlainXml('an entity in an attribute Throughline reads');
      found[name] = textOf(b, valueStart, valueEnd);
    }
  });
  return found;
}
