// XML for package parts: strict decoding (UTF-8 or UTF-16 by BOM), no DOCTYPE and so no entity
// expansion ever, and a small element tree that remembers where each element sits in the source text,
// so a part can be patched by splicing instead of re-serialised.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { PackageError } from './errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A part's text. Bad UTF-8 is an error, never a replacement character. */
export function decodeText(bytes: Uint8Array, part: string): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return utf8.decode(start ? bytes.subarray(start) : bytes);
  } catch {
    throw new PackageError(`${part} is not valid UTF-8 text`, part);
  }
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon);
}

export interface XmlHandlers {
  open?(tag: SaxesTagPlain, start: number, openEnd: number): void;
  close?(name: string, end: number): void;
  text?(text: string): void;
}

/**
 * Streams a part through saxes. Positions are indexes into `text`: `start` is the element's '<',
 * `openEnd` just past its start tag's '>', and `end` just past its end tag (or of the start tag when
 * it closes itself). Without `positions` (faster, for reading only) they are all -1.
 */
export function streamXml(text: string, part: string, handlers: XmlHandlers, positions = true): void {
  const parser = new SaxesParser<{ xmlns: false; position: boolean }>({ xmlns: false, position: positions });
  parser.on('doctype', () => {
    throw new PackageError(
      `${part} declares a DOCTYPE; Throughline refuses XML with document type or entity declarations`,
      part,
    );
  });
  parser.on('error', (e) => {
    throw new PackageError(`${part} is not well-formed XML (${e.message.replace(/^undefined:/, 'at ')})`, part);
  });
  const { open, close, text: onText } = handlers;
  if (open) {
    parser.on(
      'opentag',
      positions
        ? (tag) => {
            const openEnd = parser.position;
            open(tag, text.lastIndexOf('<', openEnd - 1), openEnd);
          }
        : (tag) => open(tag, -1, -1),
    );
  }
  if (close)
    parser.on('closetag', positions ? (tag) => close(tag.name, parser.position) : (tag) => close(tag.name, -1));
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.write(text).close();
}

export interface XmlElement {
  name: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  parent: XmlElement | null;
  /** Concatenated text directly inside the element. */
  text: string;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
}

/** The whole part as a tree; for small parts (workbook, relationships, styles, tables). */
export function parseXml(text: string, part: string): XmlElement {
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  streamXml(text, part, {
    open(tag, start, openEnd) {
      const parent = stack[stack.length - 1] ?? null;
      const el: XmlElement = {
        name: tag.name,
        local: localName(tag.name),
        attrs: tag.attributes,
        children: [],
        parent,
        text: '',
        start,
        openEnd,
        end: openEnd,
        selfClosing: Boolean(tag.isSelfClosing),
      };
      if (parent) parent.children.push(el);
      else root = el;
      stack.push(el);
    },
    close(_name, end) {
      stack.pop()!.end = end;
    },
    text(t) {
      const top = stack[stack.length - 1];
      if (top) top.text += t;
    },
  });
  if (!root) throw new PackageError(`${part} has no root element`, part);
  return root;
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenOf(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** An attribute by namespace URI and local name, resolving prefixes through the xmlns declarations in scope. */
export function attrNS(el: XmlElement, uri: string, local: string): string | undefined {
  for (const [name, value] of Object.entries(el.attrs)) {
    const prefix = prefixOf(name);
    if (!prefix || prefix === 'xmlns' || localName(name) !== local) continue;
    if (namespaceOf(el, prefix) === uri) return value;
  }
  return undefined;
}

function namespaceOf(el: XmlElement, prefix: string): string | undefined {
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const uri = e.attrs[`xmlns:${prefix}`];
    if (uri !== undefined) return uri;
  }
  return undefined;
}

/** The prefix (with its colon) that `root` binds to `uri`, declaring one under `wanted` when none is bound. */
export function prefixFor(root: XmlElement, uri: string, wanted: string): { prefix: string; declare: string | null } {
  for (const [name, value] of Object.entries(root.attrs)) {
    if (value === uri && name.startsWith('xmlns:')) return { prefix: `${name.slice(6)}:`, declare: null };
  }
  let name = wanted;
  for (let n = 2; root.attrs[`xmlns:${name}`] !== undefined; n++) name = `${wanted}${n}`;
  return { prefix: `${name}:`, declare: ` xmlns:${name}="${uri}"` };
}

// ---------------------------------------------------------------------------------------------
// Writing

// Characters XML 1.0 forbids, which cells may still hold: Excel writes them as _xHHHH_.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text for an element or attribute. Characters XML cannot hold are written the way Excel writes
 * them (_x0001_), and a literal "_x0041_" in the text is protected so it is not read back as "A".
 */
export function escapeXml(s: string): string {
  // Most text needs nothing: one scan decides.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(CONTROL, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/** The OOXML string escape: _xHHHH_ stands for one UTF-16 code unit (and _x005F_ protects a literal one). */
export function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Replaces [start, end) ranges of `text`; edits must not overlap. */
export function splice(text: string, edits: { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  out.push(text.slice(at));
  return out.join('');
}

/** A start tag with one attribute set (added when missing), leaving the others exactly as written. */
export function setAttr(startTag: string, name: string, value: string): string {
  const escaped = escapeXml(value);
  const re = new RegExp(`(\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(startTag)) return startTag.replace(re, (_m, lead: string) => `${lead}"${escaped}"`);
  const close = startTag.endsWith('/>') ? startTag.length - 2 : startTag.length - 1;
  let insertAt = close;
  while (insertAt > 0 && /\s/.test(startTag[insertAt - 1])) insertAt--;
  return `${startTag.slice(0, insertAt)} ${name}="${escaped}"${startTag.slice(insertAt)}`;
}
