// The Excel fake's reading of an .xlsx given to Workbook.insertWorksheetsFromBase64: its own reader,
// with fflate and saxes and nothing of Throughline's (src/io/xlsx would share our blind spots). It
// reads what the fake models of a cell (value, formula, number format, fill, bold) and each sheet's
// name and visibility; what Excel on the web does not insert (charts, comments, PivotTables, slicers:
// the reference's remarks) it leaves out, as it does anything else it does not model. Kept apart from
// excel-fake.ts, which imports nothing (the browser tests compile it on its own).
import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';

export interface PackageCell {
  value: string | number | boolean | { error: string } | null;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
}

export interface PackageSheet {
  name: string;
  /** visible, hidden or veryHidden, as the workbook part says. */
  state: string;
  /** 0-based "row,column" -> cell. */
  cells: Map<string, PackageCell>;
}

/** Why a package is not a workbook; the fake turns it into Excel's InvalidArgument. */
export class NotAWorkbook extends Error {}

const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'm/d/yyyy',
};

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

const local = (n: string) => n.slice(n.indexOf(':') + 1);

/** A small part as a tree (workbook, relationships, styles, shared strings). */
function tree(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[k] = String(v);
    const node: Node = { name: local(t.name), attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    if (!t.isSelfClosing) stack.push(node);
  });
  parser.on('closetag', (t) => {
    if (!t.isSelfClosing) stack.pop();
  });
  parser.on('text', (s) => (stack[stack.length - 1].text += s));
  parser.write(xml).close();
  return root;
}

const kids = (n: Node | undefined, name: string) => (n ? n.children.filter((c) => c.name === name) : []);
const kid = (n: Node | undefined, name: string) => kids(n, name)[0];
const find = (n: Node, name: string): Node | undefined =>
  n.name === name ? n : n.children.map((c) => find(c, name)).find((x) => x !== undefined);

/** Relationships of a part: id -> target resolved against the part's folder. */
function rels(files: Record<string, Uint8Array>, part: string): Map<string, { type: string; target: string }> {
  const dir = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const relsPart = `${dir}_rels/${part.slice(dir.length)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  if (!files[relsPart]) return out;
  for (const r of kids(kid(tree(strFromU8(files[relsPart])), 'Relationships'), 'Relationship')) {
    const target = r.attrs.Target.startsWith('/') ? r.attrs.Target.slice(1) : normalise(dir + r.attrs.Target);
    out.set(r.attrs.Id, { type: r.attrs.Type, target });
  }
  return out;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Column letters and row of "AB12" as 0-based indexes. */
function decodeRef(ref: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new NotAWorkbook(`"${ref}" is not a cell reference`);
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, c - 1];
}

interface Styles {
  xfs: { numFmt?: string; fill?: string; bold?: boolean }[];
}

function readStyles(xml: string | null): Styles {
  if (!xml) return { xfs: [] };
  const sheet = kid(tree(xml), 'styleSheet');
  const formats = new Map<number, string>();
  for (const f of kids(kid(sheet, 'numFmts'), 'numFmt')) formats.set(Number(f.attrs.numFmtId), f.attrs.formatCode);
  const fills = kids(kid(sheet, 'fills'), 'fill').map((f) => {
    const pattern = kid(f, 'patternFill');
    const rgb = kid(pattern, 'fgColor')?.attrs.rgb;
    return pattern?.attrs.patternType === 'solid' && rgb ? `#${rgb.slice(-6)}` : undefined;
  });
  const bold = kids(kid(sheet, 'fonts'), 'font').map((f) => {
    const b = kid(f, 'b');
    return b !== undefined && b.attrs.val !== '0' && b.attrs.val !== 'false';
  });
  const xfs = kids(kid(sheet, 'cellXfs'), 'xf').map((x) => {
    const id = Number(x.attrs.numFmtId ?? 0);
    const code = formats.get(id) ?? BUILT_IN_FORMATS[id];
    return {
      numFmt: code && code !== 'General' ? code : undefined,
      fill: fills[Number(x.attrs.fillId ?? 0)],
      bold: bold[Number(x.attrs.fontId ?? 0)] || undefined,
    };
  });
  return { xfs };
}

function readSheet(xml: string, styles: Styles, shared: string[]): Map<string, PackageCell> {
  const cells = new Map<string, PackageCell>();
  const parser = new SaxesParser({ xmlns: false });
  let cell: { ref: string; t: string; s: number; v: string; f: string | null; inline: string } | null = null;
  let into: 'v' | 'f' | 't' | null = null;
  let column = -1;
  let row = -1;
  parser.on('opentag', (t) => {
    const name = local(t.name);
    if (name === 'row') {
      row = t.attributes.r ? Number(t.attributes.r) - 1 : row + 1;
      column = -1;
    } else if (name === 'c') {
      const ref = t.attributes.r ? String(t.attributes.r) : '';
      column = ref ? decodeRef(ref)[1] : column + 1;
      cell = { ref, t: String(t.attributes.t ?? 'n'), s: Number(t.attributes.s ?? 0), v: '', f: null, inline: '' };
    } else if (cell && (name === 'v' || name === 't')) into = name;
    else if (cell && name === 'f') {
      into = 'f';
      cell.f = '';
    }
  });
  parser.on('text', (s) => {
    if (!cell || !into) return;
    if (into === 'v') cell.v += s;
    else if (into === 'f') cell.f += s;
    else cell.inline += s;
  });
  parser.on('closetag', (t) => {
    const name = local(t.name);
    if (name === 'v' || name === 'f' || name === 't') into = null;
    if (name !== 'c' || !cell) return;
    const c: PackageCell = { value: null };
    if (cell.t === 'inlineStr') c.value = cell.inline;
    else if (cell.t === 's') c.value = shared[Number(cell.v)] ?? '';
    // A formula's text result; Excel shows the cached value until it recalculates.
    else if (cell.t === 'str') c.value = cell.v;
    else if (cell.t === 'b') c.value = cell.v === '1';
    else if (cell.t === 'e') c.value = { error: cell.v };
    else if (cell.v !== '') c.value = Number(cell.v);
    if (cell.f !== null) c.formula = `=${cell.f}`;
    const xf = styles.xfs[cell.s];
    if (xf?.numFmt) c.numberFormat = xf.numFmt;
    if (xf?.fill) c.fill = xf.fill;
    if (xf?.bold) c.bold = true;
    if (c.value !== null || c.formula || c.fill || c.bold || c.numberFormat) cells.set(`${row},${column}`, c);
    cell = null;
  });
  parser.write(xml).close();
  return cells;
}

/** The sheets of an .xlsx, in the workbook's order. Throws NotAWorkbook for anything that is not one. */
export function readFakePackage(bytes: Uint8Array): PackageSheet[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new NotAWorkbook(`not a zip package (${e instanceof Error ? e.message : String(e)})`);
  }
  const root = [...rels(files, '').values()].find((r) => r.type.endsWith('/officeDocument'));
  if (!root || !files[root.target]) throw new NotAWorkbook('the package has no workbook part');
  const workbookRels = rels(files, root.target);
  const text = (part: string | undefined) => (part && files[part] ? strFromU8(files[part]) : null);
  const ofType = (suffix: string) => [...workbookRels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const styles = readStyles(text(ofType('/styles')));
  const sst = text(ofType('/sharedStrings'));
  const shared = sst
    ? kids(kid(tree(sst), 'sst'), 'si').map((si) => {
        const all: string[] = [];
        const walk = (n: Node) => (n.name === 't' ? all.push(n.text) : n.children.forEach(walk));
        walk(si);
        return all.join('');
      })
    : [];
  const workbook = tree(strFromU8(files[root.target]));
  const sheets = kids(find(workbook, 'sheets'), 'sheet');
  if (sheets.length === 0) throw new NotAWorkbook('the workbook has no sheets');
  return sheets.map((s) => {
    const id = Object.entries(s.attrs).find(([k]) => local(k) === 'id' && k !== 'sheetId')?.[1] ?? '';
    const part = workbookRels.get(id)?.target;
    const xml = text(part);
    if (xml === null) throw new NotAWorkbook(`sheet ${s.attrs.name} has no part`);
    return { name: s.attrs.name, state: s.attrs.state ?? 'visible', cells: readSheet(xml, styles, shared) };
  });
}

/** Base64 as the reference's base64File: the whole string must be base64, or it is not a file. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new NotAWorkbook('not a base64 string');
  return new Uint8Array(Buffer.from(text, 'base64'));
}
