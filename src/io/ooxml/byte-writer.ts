// UTF-8 written straight into byte chunks of about a megabyte, for parts of tens of megabytes (the
// Risks sheet, the ledger): no string per cell or row, so the garbage collector has little to do and
// no part is ever whole in memory as text. Callers take a chunk at a boundary of their own choosing
// (a row) and hand it to the deflater, which keeps none of it past the next chunk.

const encoder = new TextEncoder();

/** The size at which a caller should take the chunk. */
export const CHUNK_BYTES = 1 << 20;

export class ByteWriter {
  private buf = new Uint8Array(CHUNK_BYTES + (CHUNK_BYTES >> 2));
  /** Bytes written into the current chunk; a caller may set it back to drop what it wrote since. */
  at = 0;

  /** Grows the chunk when one piece of text is larger than what is left of it. */
  private ensure(n: number): void {
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
  }

  /**
   * The chunk being written: bytes [0, at) are written. They stay as they are after take() or a move to
   * a larger chunk, so a caller may keep the chunk and a range of it instead of copying them.
   */
  get current(): Uint8Array {
    return this.buf;
  }

  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** The bytes written so far, as their own array; writing goes on into a fresh chunk. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.buf = new Uint8Array(this.buf.length);
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

  /**
   * Text that needs no XML escaping, copied as UTF-8 (room for `3 × s.length` bytes reserved). Returns
   * false, with the position left wherever it stopped, at the first code unit that is not that simple:
   * a control character (line breaks and tabs included), DEL and the C1 controls, & < > ", a surrogate
   * (a character beyond the BMP), U+FFFE or U+FFFF, or "_x" (which may begin an OOXML escape). The
   * caller then goes back and writes the text the general way. Letters beyond ASCII ("→", "é") are
   * encoded here, so names and arrows stay on the fast path.
   */
  putPlain(s: string): boolean {
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 127) {
        if (c < 32 || c === 38 || c === 60 || c === 62 || c === 34) return false;
        if (c === 95 && s.charCodeAt(i + 1) === 120) return false;
        b[at++] = c;
      } else if (c < 0xa0) {
        return false;
      } else if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
      } else if ((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) {
        return false;
      } else {
        b[at++] = 0xe0 | (c >> 12);
        b[at++] = 0x80 | ((c >> 6) & 0x3f);
        b[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.at = at;
    return true;
  }
}
