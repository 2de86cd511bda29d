// One cell as worksheet XML. Text is always an inline string, so text that starts with "=" stays text
// and the shared-string table is never touched.
import { escapeXml } from './xml';

export type PlainValue = number | string | boolean | null;

/** `tag` is the cell element's name with its prefix ("c" or "x:c"). Null when there is nothing to write. */
export function cellXml(tag: string, ref: string, value: PlainValue, style: number): string | null {
  const s = style > 0 ? ` s="${style}"` : '';
  if (value === null || value === '') return style > 0 ? `<${tag} r="${ref}"${s}/>` : null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return style > 0 ? `<${tag} r="${ref}"${s}/>` : null;
    return `<${tag} r="${ref}"${s}><${prefixed(tag, 'v')}>${value}</${prefixed(tag, 'v')}></${tag}>`;
  }
  if (typeof value === 'boolean') return `<${tag} r="${ref}"${s} t="b"><${prefixed(tag, 'v')}>${value ? 1 : 0}</${prefixed(tag, 'v')}></${tag}>`;
  const is = prefixed(tag, 'is');
  const t = prefixed(tag, 't');
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return `<${tag} r="${ref}"${s} t="inlineStr"><${is}><${t}${space}>${escapeXml(value)}</${t}></${is}></${tag}>`;
}

function prefixed(tag: string, name: string): string {
  const colon = tag.indexOf(':');
  return colon < 0 ? name : `${tag.slice(0, colon + 1)}${name}`;
}
