// The style sheet (xl/styles.xml): what a cell's style index means (number format, font, fill), and
// appending the few formats Throughline writes without renumbering any that exist.
import { child, childrenOf, escapeXml, parseXml, prefixOf, setAttr, splice, type XmlElement } from './xml';

export interface CellFormat {
  numFmtId: number;
  fontId: number;
  fillId: number;
}

export interface FontInfo {
  bold: boolean;
  /** ARGB when the font has an explicit RGB colour. */
  rgb: string | null;
}

export interface StyleInfo {
  cellXfs: CellFormat[];
  /** Per cell format: whether its number format shows a date (decided once, asked per cell). */
  dateXfs: boolean[];
  numFmts: Map<number, string>;
  fonts: FontInfo[];
  /** ARGB of each fill's solid colour, or null. */
  fills: (string | null)[];
}

const num = (v: string | undefined, fallback = 0) => {
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
};

function rgbOf(el: XmlElement | undefined): string | null {
  const rgb = el?.attrs.rgb;
  return rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? (rgb.length === 6 ? `FF${rgb}` : rgb).toUpperCase() : null;
}

export const EMPTY_STYLES: StyleInfo = { cellXfs: [], dateXfs: [], numFmts: new Map(), fonts: [], fills: [] };

export function readStyles(text: string, part: string): StyleInfo {
  const root = parseXml(text, part);
  const numFmts = new Map<number, string>();
  const fmts = child(root, 'numFmts');
  if (fmts)
    for (const f of childrenOf(fmts, 'numFmt')) numFmts.set(num(f.attrs.numFmtId, -1), f.attrs.formatCode ?? '');
  const xfs = child(root, 'cellXfs');
  const cellXfs = xfs
    ? childrenOf(xfs, 'xf').map((x) => ({
        numFmtId: num(x.attrs.numFmtId),
        fontId: num(x.attrs.fontId),
        fillId: num(x.attrs.fillId),
      }))
    : [];
  const fontsEl = child(root, 'fonts');
  const fonts = fontsEl
    ? childrenOf(fontsEl, 'font').map((f) => {
        const b = child(f, 'b');
        return {
          bold: b !== undefined && b.attrs.val !== '0' && b.attrs.val !== 'false',
          rgb: rgbOf(child(f, 'color')),
        };
      })
    : [];
  const fillsEl = child(root, 'fills');
  const fills = fillsEl
    ? childrenOf(fillsEl, 'fill').map((f) => {
        const pattern = child(f, 'patternFill');
        return pattern && pattern.attrs.patternType === 'solid' ? rgbOf(child(pattern, 'fgColor')) : null;
      })
    : [];
  const dateXfs = cellXfs.map((x) => {
    const code = numFmts.get(x.numFmtId);
    return code !== undefined ? isDateCode(code) : builtInIsDate(x.numFmtId);
  });
  return { cellXfs, dateXfs, numFmts, fonts, fills };
}

/** Built-in number formats whose code Throughline may ask for, by code. */
const BUILT_IN_CODES = new Map<string, number>([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
]);

/** Built-in format ids that show dates or times (ECMA-376 §18.8.30, with the East Asian ones). */
function builtInIsDate(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58) ||
    (id >= 71 && id <= 81)
  );
}

/** Whether a format code shows a date or time: d, m, y, h or s outside quotes, escapes and [colour] or [$-locale] brackets. */
export function isDateCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '') || /\[[hms]+\]/i.test(code);
}

/** Codes of the built-in formats a money column may use (ECMA-376 §18.8.30, en-US). */
export const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: '0%',
  10: '0.00%',
  37: '#,##0_);(#,##0)',
  38: '#,##0_);[Red](#,##0)',
  39: '#,##0.00_);(#,##0.00)',
  40: '#,##0.00_);[Red](#,##0.00)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
};

/** The number format code of a cell format: its own, or the built-in one's; null when unknown. */
export function formatCode(styles: StyleInfo, xf: number): string | null {
  const format = styles.cellXfs[xf];
  if (!format) return null;
  return styles.numFmts.get(format.numFmtId) ?? BUILT_IN_FORMATS[format.numFmtId] ?? null;
}

export function isDateFormat(styles: StyleInfo, xf: number): boolean {
  return styles.dateXfs[xf] === true;
}

// ---------------------------------------------------------------------------------------------
// Appending formats

/** What Throughline changes about a cell's look; everything else (borders, alignment) stays as the base format has it. */
export interface StyleChange {
  /** Solid fill colour (ARGB); 'none' clears the fill; undefined keeps the base fill. */
  fill?: string | 'none';
  /** Font colour (ARGB); 'auto' removes an explicit colour; undefined keeps it. */
  fontColour?: string | 'auto';
  bold?: boolean;
  underline?: boolean;
  /** Font size in points. */
  size?: number;
  /** A thin bottom border. */
  bottomBorder?: boolean;
  /** Number format code; undefined keeps the base format. */
  numFmt?: string;
}

/** The schema's order of a font's children: Excel rejects a style sheet whose children are out of order. */
const FONT_ORDER = [
  'b',
  'i',
  'strike',
  'condense',
  'extend',
  'outline',
  'shadow',
  'u',
  'vertAlign',
  'sz',
  'color',
  'name',
  'family',
  'charset',
  'scheme',
];
/** The schema's order of the style sheet's children. */
const SHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

/** An element written the same way whatever program wrote it: prefixes dropped, attributes sorted, whitespace ignored. */
function canonical(el: XmlElement): string {
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => !k.startsWith('xmlns'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  return `<${el.local}${attrs}>${el.children.map(canonical).join('')}${el.text.trim()}</${el.local}>`;
}

interface Collection {
  local: string;
  /** The container element, or null when the style sheet lacks it. */
  el: XmlElement | null;
  items: XmlElement[];
  /** Canonical form -> index, for reuse. */
  known: Map<string, number>;
  added: string[];
}

export const DEFAULT_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * Derives cell formats from existing ones and appends what is new. An identical format already in the
 * sheet is reused, so a second refresh appends nothing and the part stays byte for byte the same.
 */
export class StyleEditor {
  private readonly root: XmlElement;
  private readonly prefix: string;
  private readonly fonts: Collection;
  private readonly fills: Collection;
  private readonly xfs: Collection;
  private readonly borders: Collection;
  private readonly numFmtCodes = new Map<string, number>();
  private readonly numFmtsEl: XmlElement | null;
  private readonly addedNumFmts: string[] = [];
  private nextNumFmt = 164;
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly source: string,
    part: string,
  ) {
    this.root = parseXml(source, part);
    const p = prefixOf(this.root.name);
    this.prefix = p ? `${p}:` : '';
    const collect = (container: string, item: string): Collection => {
      const el = child(this.root, container) ?? null;
      const items = el ? childrenOf(el, item) : [];
      const known = new Map<string, number>();
      items.forEach((it, i) => {
        const key = canonical(it);
        if (!known.has(key)) known.set(key, i);
      });
      return { local: container, el, items, known, added: [] };
    };
    this.fonts = collect('fonts', 'font');
    this.fills = collect('fills', 'fill');
    this.xfs = collect('cellXfs', 'xf');
    this.borders = collect('borders', 'border');
    this.numFmtsEl = child(this.root, 'numFmts') ?? null;
    if (this.numFmtsEl) {
      for (const f of childrenOf(this.numFmtsEl, 'numFmt')) {
        const id = num(f.attrs.numFmtId, -1);
        if (!this.numFmtCodes.has(f.attrs.formatCode ?? '')) this.numFmtCodes.set(f.attrs.formatCode ?? '', id);
        this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
      }
    }
  }

  /** How many cell formats the sheet has (a cell's `s` beyond this is out of range). */
  get formatCount(): number {
    return this.xfs.items.length + this.xfs.added.length;
  }

  private add(c: Collection, xml: string): number {
    const key = canonical(parseXml(xml, 'styles'));
    const found = c.known.get(key);
    if (found !== undefined) return found;
    const index = c.items.length + c.added.length;
    c.added.push(xml);
    c.known.set(key, index);
    return index;
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_CODES.get(code);
    if (builtIn !== undefined) return builtIn;
    const existing = this.numFmtCodes.get(code);
    if (existing !== undefined) return existing;
    const id = this.nextNumFmt++;
    this.numFmtCodes.set(code, id);
    this.addedNumFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  private itemXml(c: Collection, index: number): string | null {
    if (index < c.items.length) {
      const el = c.items[index];
      return this.source.slice(el.start, el.end);
    }
    return c.added[index - c.items.length] ?? null;
  }

  private fontWith(base: number, change: StyleChange): number {
    const p = this.prefix;
    const xml = this.itemXml(this.fonts, base) ?? `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`;
    const font = parseXml(xml, 'styles');
    const parts = new Map<string, string>();
    for (const c of font.children) parts.set(c.local, xml.slice(c.start - font.start, c.end - font.start));
    if (change.bold !== undefined) {
      if (change.bold) parts.set('b', `<${p}b/>`);
      else parts.delete('b');
    }
    if (change.underline !== undefined) {
      if (change.underline) parts.set('u', `<${p}u/>`);
      else parts.delete('u');
    }
    if (change.size !== undefined) parts.set('sz', `<${p}sz val="${change.size}"/>`);
    // 'auto' drops a colour Throughline set (an explicit RGB); theme and indexed colours are the user's.
    if (change.fontColour === 'auto') {
      if (/\srgb=/.test(parts.get('color') ?? '')) parts.delete('color');
    } else if (change.fontColour) parts.set('color', `<${p}color rgb="${change.fontColour}"/>`);
    const children = FONT_ORDER.filter((k) => parts.has(k)).map((k) => parts.get(k)!);
    for (const [k, v] of parts) if (!FONT_ORDER.includes(k)) children.push(v);
    return this.add(this.fonts, `<${p}font>${children.join('')}</${p}font>`);
  }

  private fillWith(change: Exclude<StyleChange['fill'], undefined>): number {
    const p = this.prefix;
    if (change === 'none') return this.add(this.fills, `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`);
    return this.add(
      this.fills,
      `<${p}fill><${p}patternFill patternType="solid">` +
        `<${p}fgColor rgb="${change}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
  }

  /** The index of a cell format like `base` with `change` applied, appending it when new. */
  derive(base: number, change: StyleChange): number {
    const memoKey = [base, change.fill, change.fontColour, change.bold, change.underline, change.size]
      .concat([change.bottomBorder, change.numFmt])
      .map((v) => v ?? '')
      .join('|');
    const memo = this.memo.get(memoKey);
    if (memo !== undefined) return memo;
    const p = this.prefix;
    let tag = this.itemXml(this.xfs, base) ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const xf = parseXml(tag, 'styles');
    const startTag = tag.slice(0, xf.openEnd - xf.start);
    let head = startTag;
    // An attribute changes only when its value does, so a format that already looks right is reused.
    const set = (id: string, apply: string, value: number) => {
      if (num(xf.attrs[id], 0) !== value) head = setAttr(setAttr(head, id, String(value)), apply, '1');
    };
    if (change.numFmt !== undefined) set('numFmtId', 'applyNumberFormat', this.numFmtId(change.numFmt));
    if (change.bottomBorder) {
      const border =
        `<${p}border><${p}left/><${p}right/><${p}top/>` +
        `<${p}bottom style="thin"><${p}color indexed="64"/></${p}bottom><${p}diagonal/></${p}border>`;
      set('borderId', 'applyBorder', this.add(this.borders, border));
    }
    if (
      change.fontColour !== undefined ||
      change.bold !== undefined ||
      change.underline !== undefined ||
      change.size !== undefined
    ) {
      set('fontId', 'applyFont', this.fontWith(num(xf.attrs.fontId), change));
    }
    if (change.fill !== undefined) set('fillId', 'applyFill', this.fillWith(change.fill));
    tag = head + tag.slice(startTag.length);
    const index = this.add(this.xfs, tag);
    this.memo.set(memoKey, index);
    return index;
  }

  get changed(): boolean {
    return (
      this.fonts.added.length +
        this.fills.added.length +
        this.borders.added.length +
        this.xfs.added.length +
        this.addedNumFmts.length >
      0
    );
  }

  /** The style sheet with the appended formats; the source itself when nothing was added. */
  text(): string {
    if (!this.changed) return this.source;
    const edits: { start: number; end: number; text: string }[] = [];
    const p = this.prefix;
    const appendTo = (el: XmlElement | null, local: string, added: string[], total: number) => {
      if (added.length === 0) return;
      if (el) {
        const open = setAttr(this.source.slice(el.start, el.openEnd), 'count', String(total));
        if (el.selfClosing) {
          edits.push({ start: el.start, end: el.end, text: `${open.slice(0, -2)}>${added.join('')}</${el.name}>` });
        } else {
          edits.push({ start: el.start, end: el.openEnd, text: open });
          const closeAt = this.source.lastIndexOf('</', el.end - 1);
          edits.push({ start: closeAt, end: closeAt, text: added.join('') });
        }
        return;
      }
      // The container is missing: insert it before the first sibling that must follow it.
      const after = SHEET_ORDER.slice(SHEET_ORDER.indexOf(local) + 1);
      const next = this.root.children.find((c) => after.includes(c.local));
      const at = next ? next.start : this.source.lastIndexOf('</', this.root.end - 1);
      edits.push({ start: at, end: at, text: `<${p}${local} count="${total}">${added.join('')}</${p}${local}>` });
    };
    const numFmtTotal = (this.numFmtsEl ? childrenOf(this.numFmtsEl, 'numFmt').length : 0) + this.addedNumFmts.length;
    appendTo(this.numFmtsEl, 'numFmts', this.addedNumFmts, numFmtTotal);
    for (const c of [this.fonts, this.fills, this.borders, this.xfs])
      appendTo(c.el, c.local, c.added, c.items.length + c.added.length);
    return splice(this.source, edits);
  }
}
