// The cells of a sheet written from scratch, as bytes made once: each column's `<c r="AB`, each
// style's endings of the start tag, the row number's digits once a row. A cell then costs a few short
// copies and its text, escaped on the way into the chunk: no string, object or closure per cell (the
// Risks sheet of a 100,000-row workbook has half a million cells). The bytes are cellXml's.
import type { PlainValue } from './cell-xml';
import { keepsSpace } from './cell-xml';
import { XML_TEXT_ROOM, type ByteWriter } from './byte-writer';
import { columnLetters } from '../../cells';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

export const ROW_OPEN = ascii('<row r="');
export const TAG_END = ascii('">');
/** Room for `<row r="1048576">`. */
export const ROW_ROOM = 32;
const VALUE_END = ascii('</v></c>');
const TEXT_END = ascii('</t></is></c>');
/**
 * Room for one cell's markup, its text aside: `<c r="XFD1048576" s="4294967295" t="inlineStr"><is><t
 * xml:space="preserve">` and `</t></is></c>` are 85 bytes; a number's longest form ("-1.2345678901234567e-308") 24.
 */
const CELL_ROOM = 128;

/** The rest of a cell's start tag after its row number, for one style, by what the cell holds. */
interface StyleTails {
  empty: Uint8Array;
  number: Uint8Array;
  boolean: Uint8Array;
  text: Uint8Array;
  spaced: Uint8Array;
}

function tailsOf(style: number): StyleTails {
  const s = style > 0 ? `" s="${style}"` : '"';
  return {
    empty: ascii(`${s}/>`),
    number: ascii(`${s}><v>`),
    boolean: ascii(`${s} t="b"><v>`),
    text: ascii(`${s} t="inlineStr"><is><t>`),
    spaced: ascii(`${s} t="inlineStr"><is><t xml:space="preserve">`),
  };
}

/** A row number's digits, written once a row and copied into each of its cells' references. */
export class RowNumber {
  private readonly digits = new Uint8Array(16);
  private length = 0;

  set(n: number): void {
    let len = 0;
    for (let m = n; m >= 10; m = (m / 10) | 0) len++;
    this.length = len + 1;
    for (let i = len, m = n; i >= 0; i--, m = (m / 10) | 0) this.digits[i] = 48 + (m % 10);
  }

  /** Into room reserved. */
  put(out: ByteWriter): void {
    const b = out.current;
    let at = out.at;
    for (let i = 0; i < this.length; i++) b[at++] = this.digits[i];
    out.at = at;
  }
}

/** The markup of one sheet's cells (element `c`, no prefix), made once for the sheet. */
export class CellMarkup {
  /** `<c r="` and the column's letters, for each column from A. */
  private readonly columns: Uint8Array[];
  private readonly byStyle: (StyleTails | undefined)[] = [];

  constructor(width: number) {
    this.columns = Array.from({ length: width }, (_, c) => ascii(`<c r="${columnLetters(c + 1)}`));
  }

  private tails(style: number): StyleTails {
    return this.byStyle[style] ?? (this.byStyle[style] = tailsOf(style));
  }

  /** The bytes of cellXml('c', column letters + row, value, style) (nothing where it gives null). */
  put(out: ByteWriter, column: number, row: RowNumber, value: PlainValue, style: number): void {
    if (typeof value === 'string') {
      if (value.length === 0) this.putEmpty(out, column, row, style);
      else {
        out.reserve(CELL_ROOM + XML_TEXT_ROOM * value.length);
        this.open(out, column, row);
        const tails = this.tails(style);
        out.putBytes(keepsSpace(value) ? tails.spaced : tails.text);
        out.putXmlText(value);
        out.putBytes(TEXT_END);
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.putEmpty(out, column, row, style);
      else {
        out.reserve(CELL_ROOM);
        this.open(out, column, row);
        out.putBytes(this.tails(style).number);
        if (Number.isSafeInteger(value)) out.putInteger(value);
        else out.putAscii(String(value));
        out.putBytes(VALUE_END);
      }
    } else if (typeof value === 'boolean') {
      out.reserve(CELL_ROOM);
      this.open(out, column, row);
      out.putBytes(this.tails(style).boolean);
      out.current[out.at++] = value ? 49 : 48;
      out.putBytes(VALUE_END);
    } else this.putEmpty(out, column, row, style);
  }

  /** A cell without a value: written only when it has a format. */
  private putEmpty(out: ByteWriter, column: number, row: RowNumber, style: number): void {
    if (style <= 0) return;
    out.reserve(CELL_ROOM);
    this.open(out, column, row);
    out.putBytes(this.tails(style).empty);
  }

  private open(out: ByteWriter, column: number, row: RowNumber): void {
    out.putBytes(this.columns[column]);
    row.put(out);
  }
}
