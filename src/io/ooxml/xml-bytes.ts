// A tag scanner over a part's UTF-8 bytes, for patching a large worksheet without decoding it or
// running the full parser a second time: it finds where each element starts and ends and nothing
// more. Markup characters are ASCII and never occur inside a multi-byte UTF-8 sequence, so scanning
// bytes is as exact as scanning text. It trusts that the part is well-formed (the read pass parsed
// it with saxes); anything it does not expect (a DOCTYPE, an unterminated tag) makes it give up with
// NotPlainXml, and the caller patches the slow, checked way instead.

export class NotPlainXml extends Error {}

export interface ByteXmlHandlers {
  /** A start tag: `start` is its '<', `openEnd` just past its '>'. The name is bytes [nameStart, nameEnd). */
  open(nameStart: number, nameEnd: number, start: number, openEnd: number, selfClosing: boolean): void;
  /** An end tag (or a self-closing start tag): `end` is just past it. */
  close(nameStart: number, nameEnd: number, end: number): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

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

/** Every element of the part, in document order. */
export function scanXmlBytes(b: Uint8Array, handlers: ByteXmlHandlers): void {
  const n = b.length;
  let i = b.indexOf(LT);
  while (i >= 0) {
    const next = b[i + 1];
    if (next === SLASH) {
      let j = i + 2;
      while (j < n && b[j] !== GT && !isSpace(b[j])) j++;
      const gt = b.indexOf(GT, j);
      if (gt < 0) throw new NotPlainXml('an end tag is not closed');
      handlers.close(i + 2, j, gt + 1);
      i = b.indexOf(LT, gt + 1);
    } else if (next === BANG) {
      let end: number;
      if (startsWith(b, i, '<!--')) end = find(b, '-->', i + 4) + 3;
      else if (startsWith(b, i, '<![CDATA[')) end = find(b, ']]>', i + 9) + 3;
      else throw new NotPlainXml('a declaration (DOCTYPE) in the part');
      if (end < 3) throw new NotPlainXml('a comment or CDATA section is not closed');
      i = b.indexOf(LT, end);
    } else if (next === QUESTION) {
      const end = find(b, '?>', i + 2);
      if (end < 0) throw new NotPlainXml('a processing instruction is not closed');
      i = b.indexOf(LT, end + 2);
    } else {
      i = startTag(b, i, handlers);
    }
  }
}

/** Reads the start tag at `i`, tells the handlers, and returns where the next markup starts. */
function startTag(b: Uint8Array, i: number, handlers: ByteXmlHandlers): number {
  const n = b.length;
  let j = i + 1;
  while (j < n && b[j] !== GT && b[j] !== SLASH && !isSpace(b[j])) j++;
  const nameEnd = j;
  for (;;) {
    while (j < n && isSpace(b[j])) j++;
    const c = b[j];
    if (c === GT) {
      handlers.open(i + 1, nameEnd, i, j + 1, false);
      return b.indexOf(LT, j + 1);
    }
    if (c === SLASH && b[j + 1] === GT) {
      handlers.open(i + 1, nameEnd, i, j + 2, true);
      handlers.close(i + 1, nameEnd, j + 2);
      return b.indexOf(LT, j + 2);
    }
    // An attribute: its name, '=', and a quoted value (which may hold '>' or '/').
    while (j < n && b[j] !== EQUALS && b[j] !== GT) j++;
    if (b[j] !== EQUALS) throw new NotPlainXml('an attribute without a value');
    j++;
    while (j < n && isSpace(b[j])) j++;
    const quote = b[j];
    if (quote !== 34 && quote !== 39) throw new NotPlainXml('an attribute value without quotes');
    const close = b.indexOf(quote, j + 1);
    if (close < 0) throw new NotPlainXml('an attribute value is not closed');
    j = close + 1;
  }
}

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
 * The values of the attributes named (matched exactly, prefix included) in the start tag
 * [start, openEnd), in one pass. Entities are not expanded: an attribute read here that holds one
 * gives up (they are numbers and cell references, which never need one).
 */
export function attrsOf(
  b: Uint8Array,
  start: number,
  openEnd: number,
  names: readonly string[],
): Record<string, string> {
  const found: Record<string, string> = {};
  let j = start + 1;
  while (j < openEnd && !isSpace(b[j]) && b[j] !== GT && b[j] !== SLASH) j++;
  for (;;) {
    while (j < openEnd && isSpace(b[j])) j++;
    if (j >= openEnd || b[j] === GT || b[j] === SLASH) return found;
    const nameStart = j;
    while (j < openEnd && b[j] !== EQUALS && !isSpace(b[j])) j++;
    const nameEnd = j;
    while (j < openEnd && b[j] !== EQUALS) j++;
    j++;
    while (j < openEnd && isSpace(b[j])) j++;
    const close = b.indexOf(b[j], j + 1);
    for (const name of names) {
      if (nameEnd - nameStart !== name.length || !startsWith(b, nameStart, name)) continue;
      const value = textOf(b, j + 1, close);
      if (value.includes('&')) throw new NotPlainXml('an entity in an attribute Throughline reads');
      found[name] = value;
    }
    j = close + 1;
  }
}
