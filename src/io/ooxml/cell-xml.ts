// One cell as worksheet XML. Text is always an inline string, so text that starts with "=" stays text
// and the shared-string table is never touched. Sheets hold hundreds of thousands of cells: the tag
// names are built once per element prefix.
import { escapeXml } from './xml';

export type PlainValue = number | string | boolean | null;

interface Tags {
  open: string;
  value: string;
  valueEnd: string;
  inline: string;
  inlineSpace: string;
  inlineEnd: string;
  close: string;
}

const TAGS = new Map<string, Tags>();

function tagsFor(tag: string): Tags {
  let t = TAGS.get(tag);
  if (!t) {
    const colon = tag.indexOf(':');
    const p = colon < 0 ? '' : tag.slice(0, colon + 1);
    t = {
      open: `<${tag} r="`,
      value: `><${p}v>`,
      valueEnd: `</${p}v></${tag}>`,
      inline: ` t="inlineStr"><${p}is><${p}t>`,
      inlineSpace: ` t="inlineStr"><${p}is><${p}t xml:space="preserve">`,
      inlineEnd: `</${p}t></${p}is></${tag}>`,
      close: '/>',
    };
    TAGS.set(tag, t);
  }
  return t;
}

/** Whether text needs xml:space="preserve": leading or trailing white space, or a line break. */
function keepsSpace(s: string): boolean {
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
