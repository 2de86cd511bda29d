// UTF-8 written straight into byte chunks of about a megabyte, for parts of tens of megabytes (the
// Risks sheet, the ledger): no string per cell or row, so the garbage collector has little to do and
// no part is ever whole in memory as text. Callers take a chunk at a boundary of their own choosing
// (a row) and hand it to the deflater, which keeps none of it past the next chunk.

const encoder = new TextEncoder();

/** The size at which a caller should take the chunk. */
export const CHUNK_BYTES = 1 << 20;

/** A chunk's room: a row or a cell may run past CHUNK_BYTES before the caller takes it. */
const CHUNK_ROOM = CHUNK_BYTES + (CHUNK_BYTES >> 2);

/**
 * Chunks the deflater has given back, to be written again. A 40 MB part would otherwise take 40 fresh
 * buffers, each zeroed by the system, and their external memory sets off a young-generation collection
 * every 32 MB or so (V8's rule for array buffers); a few chunks going round do the same work.
 */
const spare: Uint8Array[] = [];
/** More than the pieces deflating at once (the package's IN_FLIGHT, 4) plus the two being written. */
const SPARE_MOST = 6;
/** The buffers of chunks taken from a writer that reuses them, until they are given back once. */
const lent = new WeakSet<ArrayBuffer>();

/**
 * Says that nothing will read `chunk` again (the deflater is done with it): when it was taken from a
 * writer made with `reuse`, its buffer is written again by the next chunk taken. Any other array is left alone.
 */
export function giveBack(chunk: Uint8Array): void {
  const buffer = chunk.buffer as ArrayBuffer;
  if (!lent.has(buffer)) return;
  lent.delete(buffer);
  if (spare.length < SPARE_MOST) spare.push(new Uint8Array(buffer));
}

export class ByteWriter {
  private buf: Uint8Array;
  /** Bytes written into the current chunk; a caller may set it back to drop what it wrote since. */
  at = 0;

  /**
   * `reuse`: the chunks taken go to a deflater that gives them back (giveBack) once it has read them,
   * and no caller keeps a range of them; their buffers are then written again.
   */
  constructor(private readonly reuse = false) {
    this.buf = (reuse && spare.pop()) || new Uint8Array(CHUNK_ROOM);
  }

  /** Grows the chunk when one piece of text is larger than what is left of it. */
  private ensure(n: number): void {
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
  }

  /**
   * The chunk being written: bytes [0, at) are written. They stay as they are after take() or a move to
   * a larger chunk, so a caller may keep the chunk and a range of it instead of copying them (not with
   * `reuse`, where a chunk given back is written again).
   */
  get current(): Uint8Array {
    return this.buf;
  }

  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** The bytes written so far, as their own array; writing goes on into a fresh chunk. */
  take(): Uint8Array {
    const out = this.taken();
    this.buf = (this.reuse && spare.pop()) || new Uint8Array(this.buf.length);
    return out;
  }

  /** The bytes written so far, as take() gives them, when nothing more will be written. */
  takeLast(): Uint8Array {
    const out = this.taken();
    this.buf = new Uint8Array(0);
    return out;
  }

  private taken(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    if (this.reuse && this.buf.length === CHUNK_ROOM) lent.add(this.buf.buffer as ArrayBuffer);
    this.at = 0;
    return out;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  /** Bytes [from, to) of `src` copied in (short stretches one by one: quicker than a view of each). */
  copy(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    this.reserve(n);
    const b = this.buf;
    if (n < 64) {
      let at = this.at;
      for (let i = from; i < to; i++) b[at++] = src[i];
    } else b.set(src.subarray(from, to), this.at);
    this.at += n;
  }

  /** Any text: copied code unit by code unit while it is ASCII (markup mostly is), else encoded. */
  string(s: string): void {
    this.reserve(s.length * 3);
    const b = this.buf;
    const start = this.at;
    let at = start;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.at = start + encoder.encodeInto(s, b.subarray(start)).written;
        return;
      }
      b[at++] = c;
    }
    this.at = at;
  }

  /** Text the caller knows is ASCII (tags, cell references, numbers): copied code unit by code unit. */
  ascii(s: string): void {
    this.reserve(s.length);
    this.putAscii(s);
  }

  /** A whole number as JavaScript prints it (a safe integer: plain decimal digits). */
  integer(n: number): void {
    this.reserve(17);
    this.putInteger(n);
  }

  /** Room for `n` more bytes: the put* methods below write without checking, into room reserved first. */
  reserve(n: number): void {
    if (this.at + n > this.buf.length) this.ensure(n);
  }

  putAscii(s: string): void {
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** At most 17 bytes. */
  putInteger(n: number): void {
    const b = this.buf;
    if (n < 0) {
      b[this.at++] = 45;
      n = -n;
    }
    if (n < 10) {
      b[this.at++] = 48 + n;
      return;
    }
    if (n < 0x7fffffff) {
      let digits = 1;
      for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
      let at = this.at + digits;
      this.at = at;
      for (let m = n; m > 0; m = (m / 10) | 0) b[--at] = 48 + (m % 10);
      return;
    }
    this.putAscii(String(n));
  }

  /** Bytes the caller knows are short (markup made once and kept): copied one by one, into room reserved. */
  putBytes(src: Uint8Array): void {
    const b = this.buf;
    const n = src.length;
    if (n > 16) {
      b.set(src, this.at);
      this.at += n;
      return;
    }
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = src[i];
    this.at = at;
  }

  /** `escapeXml(s)` as UTF-8 (see putXmlText), room reserved here. */
  xmlText(s: string): void {
    this.reserve(XML_TEXT_ROOM * s.length);
    this.putXmlText(s);
  }

  /**
   * `escapeXml(s)` (xml.ts) as UTF-8, in one pass and without a string: & < > " as entities, the
   * characters XML cannot hold as _xHHHH_, a literal _xHHHH_ protected as _x005F_xHHHH_ (matches taken
   * left to right without overlap, as the regular expression does), letters beyond ASCII encoded here,
   * a lone surrogate as U+FFFD (what TextEncoder writes). The caller has reserved XML_TEXT_ROOM bytes a
   * code unit. Most text is plain ASCII: one table look-up and one store a code unit, or for longer text
   * the encoder's copy and one look-up a byte (putPlainEncoded).
   */
  putXmlText(s: string): void {
    if (s.length >= ENCODER_FROM && this.putPlainEncoded(s)) return;
    const b = this.buf;
    let at = this.at;
    const n = s.length;
    // No _xHHHH_ match may start before this index (the last one ended there).
    let free = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        const kind = ASCII_KIND[c];
        if (kind === PLAIN) b[at++] = c;
        else if (kind === ENTITY) at = putEntity(b, at, c);
        else if (kind === CONTROL) at = putEscape(b, at, c);
        else {
          // "_": protected when it begins _xHHHH_.
          if (i >= free && isOoxmlEscape(s, i)) {
            at = putEscape(b, at, 0x5f);
            free = i + 7;
          } else b[at++] = c;
        }
      } else if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const low = s.charCodeAt(i + 1);
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          const p = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          b[at++] = 0xf0 | (p >> 18);
          b[at++] = 0x80 | ((p >> 12) & 0x3f);
          b[at++] = 0x80 | ((p >> 6) & 0x3f);
          b[at++] = 0x80 | (p & 0x3f);
          i++;
        } else {
          b[at++] = 0xef;
          b[at++] = 0xbf;
          b[at++] = 0xbd;
        }
      } else if (c >= 0xfffe) {
        at = putEscape(b, at, c);
      } else {
        b[at++] = 0xe0 | (c >> 12);
        b[at++] = 0x80 | ((c >> 6) & 0x3f);
        b[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.at = at;
  }

  /**
   * Longer text encoded by the platform's encoder, then checked byte by byte for anything escapeXml would
   * change; kept when there is none (most text), else left for putXmlText's loop to write over. The loop
   * costs about 2 ns a code unit; the encoder a fraction of that beyond its call (docs/benchmarks.md,
   * issue 23's sixth round). A lone surrogate comes out as U+FFFD from both. Room reserved by the caller.
   */
  private putPlainEncoded(s: string): boolean {
    const b = this.buf;
    const start = this.at;
    const end = start + encoder.encodeInto(s, b.subarray(start)).written;
    for (let i = start; i < end; i++) if (ESCAPE_BYTE[b[i]] !== 0) return false;
    this.at = end;
    return true;
  }
}

/**
 * From this many code units text goes through the encoder first (below it the call costs more than
 * the loop saves; measured on the 100,000-row workbook's owned sheets).
 */
const ENCODER_FROM = 16;

/**
 * UTF-8 bytes after which encoded text may differ from escapeXml's: the controls it escapes, & < > ",
 * the "_" that may begin _xHHHH_, and the last bytes of U+FFFE and U+FFFF (EF BF BE, EF BF BF; other
 * characters with those continuation bytes merely take the loop).
 */
const ESCAPE_BYTE = (() => {
  const bytes = new Uint8Array(256);
  for (let c = 0; c < 32; c++) if (c !== 9 && c !== 10 && c !== 13) bytes[c] = 1;
  for (const c of [34, 38, 60, 62, 95, 0xbe, 0xbf]) bytes[c] = 1;
  return bytes;
})();

/** Bytes to reserve for each code unit of text putXmlText writes: a control character becomes _xHHHH_. */
export const XML_TEXT_ROOM = 7;

const PLAIN = 0;
const ENTITY = 1;
const CONTROL = 2;
const UNDERSCORE = 3;

/** What each ASCII code unit is to escapeXml: tab, line feed and carriage return are kept as they are. */
const ASCII_KIND = (() => {
  const kinds = new Uint8Array(128);
  for (let c = 0; c < 32; c++) if (c !== 9 && c !== 10 && c !== 13) kinds[c] = CONTROL;
  for (const c of [34, 38, 60, 62]) kinds[c] = ENTITY;
  kinds[95] = UNDERSCORE;
  return kinds;
})();

const ENTITIES: Record<number, string> = { 34: '&quot;', 38: '&amp;', 60: '&lt;', 62: '&gt;' };

function putEntity(b: Uint8Array, at: number, c: number): number {
  const e = ENTITIES[c];
  for (let k = 0; k < e.length; k++) b[at++] = e.charCodeAt(k);
  return at;
}

const HEX_DIGITS = '0123456789ABCDEF';

/** _xHHHH_ for code unit `c`, its hex digits upper case (as escapeXml writes them). */
function putEscape(b: Uint8Array, at: number, c: number): number {
  b[at++] = 0x5f;
  b[at++] = 0x78;
  b[at++] = HEX_DIGITS.charCodeAt((c >> 12) & 15);
  b[at++] = HEX_DIGITS.charCodeAt((c >> 8) & 15);
  b[at++] = HEX_DIGITS.charCodeAt((c >> 4) & 15);
  b[at++] = HEX_DIGITS.charCodeAt(c & 15);
  b[at++] = 0x5f;
  return at;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Whether `s` holds _xHHHH_ at `i` (where it has "_"). */
function isOoxmlEscape(s: string, i: number): boolean {
  return (
    s.charCodeAt(i + 1) === 0x78 &&
    isHex(s.charCodeAt(i + 2)) &&
    isHex(s.charCodeAt(i + 3)) &&
    isHex(s.charCodeAt(i + 4)) &&
    isHex(s.charCodeAt(i + 5)) &&
    s.charCodeAt(i + 6) === 0x5f
  );
}
