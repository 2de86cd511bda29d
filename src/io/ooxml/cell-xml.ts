// One cell as worksheet XML. Text is always an inline string, so text that starts with "=" stays text
// and the shared-string table is never touched. Sheets hold hundreds of thousands of cells: the tag
// names are built once per element prefix.
import { escapeXml } from './xml';
import { XML_TEXT_ROOM, type ByteWriter } from './byte-writer';

export type PlainValue = number | string | boolean | null;

interface Tags {
  open: string;
  value: string;
  valueEnd: string;
  inline: string;
  inlineSpace: string;
  inlineEnd: string;
  close: string;
  /** Whether the tag names are ASCII, so that they can be copied code unit by code unit. */
  ascii: boolean;
  /** Bytes enough for every piece of markup of one cell, its reference and value aside. */
  room: number;
}

const TAGS = new Map<string, Tags>();

function tagsFor(tag: string): Tags {
  let t = TAGS.get(tag);
  if (!t) {
    const colon = tag.indexOf(':');
    const p = colon < 0 ? '' : tag.slice(0, colon + 1);
    const x = {
      open: `<${tag} r="`,
      value: `><${p}v>`,
      valueEnd: `</${p}v></${tag}>`,
      inline: ` t="inlineStr"><${p}is><${p}t>`,
      inlineSpace: ` t="inlineStr"><${p}is><${p}t xml:space="preserve">`,
      inlineEnd: `</${p}t></${p}is></${tag}>`,
      close: '/>',
    };
    const room = Object.values(x).reduce((n, piece) => n + piece.length, 0) + 64;
    t = { ...x, ascii: /^[\x21-\x7e]+$/.test(tag), room };
    TAGS.set(tag, t);
  }
  return t;
}

/** Whether text needs xml:space="preserve": leading or trailing white space, or a line break. */
export function keepsSpace(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return (
    first === 32 ||
    first === 9 ||
    first === 10 ||
    first === 13 ||
    last === 32 ||
    last === 9 ||
    last === 10 ||
    last === 13 ||
    s.indexOf('\n') >= 0
  );
}

/** `tag` is the cell element's name with its prefix ("c" or "x:c"). Null when there is nothing to write. */
export function cellXml(tag: string, ref: string, value: PlainValue, style: number): string | null {
  const t = tagsFor(tag);
  const s = style > 0 ? `" s="${style}"` : '"';
  if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) {
    return style > 0 ? t.open + ref + s + t.close : null;
  }
  if (typeof value === 'number') return t.open + ref + s + t.value + value + t.valueEnd;
  if (typeof value === 'boolean') return `${t.open}${ref}${s} t="b"${t.value}${value ? 1 : 0}${t.valueEnd}`;
  return t.open + ref + s + (keepsSpace(value) ? t.inlineSpace : t.inline) + escapeXml(value) + t.inlineEnd;
}

/**
 * The same cell as `cellXml`, byte for byte, written into `out` (`letters` is its column, `row` its
 * row number as text): text, numbers and booleans straight into the chunk, without a string each (a
 * cell element name beyond ASCII, which no writer uses, goes the general way).
 */
export function writeCell(
  out: ByteWriter,
  tag: string,
  letters: string,
  row: string | number,
  value: PlainValue,
  style: number,
): void {
  const t = tagsFor(tag);
  const rowText = typeof row === 'number' ? String(row) : row;
  if (!t.ascii) {
    const xml = cellXml(tag, letters + rowText, value, style);
    if (xml !== null) out.text(xml);
    return;
  }
  if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) {
    if (style > 0) {
      out.reserve(t.room + letters.length + rowText.length);
      writeOpen(out, t, letters, rowText, style, t.close);
    }
    return;
  }
  if (typeof value === 'number') {
    out.reserve(t.room + letters.length + rowText.length);
    writeOpen(out, t, letters, rowText, style, t.value);
    if (Number.isSafeInteger(value)) out.putInteger(value);
    else out.putAscii(String(value));
    out.putAscii(t.valueEnd);
    return;
  }
  if (typeof value === 'boolean') {
    out.reserve(t.room + letters.length + rowText.length);
    writeOpen(out, t, letters, rowText, style, ' t="b"');
    out.putAscii(t.value);
    out.putAscii(value ? '1' : '0');
    out.putAscii(t.valueEnd);
    return;
  }
  out.reserve(t.room + letters.length + rowText.length + XML_TEXT_ROOM * value.length);
  writeOpen(out, t, letters, rowText, style, keepsSpace(value) ? t.inlineSpace : t.inline);
  out.putXmlText(value);
  out.putAscii(t.inlineEnd);
}

/** The start of a cell up to `rest`; the caller has reserved room for it. */
function writeOpen(out: ByteWriter, t: Tags, letters: string, row: string, style: number, rest: string): void {
  out.putAscii(t.open);
  out.putAscii(letters);
  out.putAscii(row);
  if (style > 0) {
    out.putAscii('" s="');
    out.putInteger(style);
  }
  out.putAscii('"');
  out.putAscii(rest);
}
