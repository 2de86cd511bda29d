// Adds Throughline's input sheets to a workbook saved by Excel, the way Excel itself would write them,
// and touches nothing else: a worksheet part shaped like the workbook's own first worksheet (its root
// element with its namespaces, its row height and margins), strings appended to the existing shared
// strings, a table part without headerRowCount, the sheet's relationships, a content-type override per
// new part, a <sheet> at the end of workbook.xml and its relationship. Strict workbooks get Strict
// namespaces and relationship types and their dates as ISO text (t="d"), as Excel writes them there.
// String work and fflate only: independent of Throughline's package layer, whose output it feeds.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8 } from 'fflate';
import { inflateRaw, newRawEntry, readRawZip, writeRawZip, type RawZipEntry } from './raw-zip';

export type InputValue = string | number | null;

/** One input sheet, as scripts/interop/example-data.ts writes them. */
export interface InputSheet {
  sheet: string;
  /** The table's name; null for a plain header-row range. */
  table: string | null;
  /** A title above a plain range (row 1; the header is then row 3). */
  title: string | null;
  headers: string[];
  /** Columns whose ISO date strings are dates. */
  dateColumns: number[];
  rows: InputValue[][];
  /** Hidden or very hidden (Review › Hide, or the VBA editor's xlSheetVeryHidden); visible when absent. */
  state?: 'hidden' | 'veryHidden';
}

export interface InjectedSheet {
  name: string;
  part: string;
  headerRow: number;
  table: { name: string; part: string } | null;
}

export interface Injection {
  bytes: Uint8Array;
  sheets: InjectedSheet[];
  /** Parts of the original that were rewritten (workbook, its relationships, content types, strings, styles). */
  edited: string[];
  /** New parts. */
  added: string[];
  strict: boolean;
  /** Where the workbook keeps its parts (as the package's relationships say). */
  workbookPart: string;
  stylesPart: string;
  sharedStringsPart: string;
}

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  strictMain: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  strictRel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  package: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
};
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const tail = (type: string) => type.slice(type.lastIndexOf('/') + 1);
const folderOf = (part: string) => part.slice(0, part.lastIndexOf('/') + 1);
const relsOf = (part: string) => `${folderOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A relationship target resolved against its source part (absolute targets as they are). */
function resolve(source: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : folderOf(source) + target;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '' && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

function relationships(text: string): { id: string; type: string; target: string }[] {
  return [...text.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
  }));
}

/** Inserts `xml` before the closing tag of the element `name` (the last one in the text). */
function beforeClose(text: string, name: string, xml: string): string {
  const at = text.lastIndexOf(`</${name}>`);
  if (at < 0) throw new Error(`no </${name}>`);
  return text.slice(0, at) + xml + text.slice(at);
}

/** Sets (or adds) an attribute on the first start tag of `name`. */
function setAttr(text: string, name: string, key: string, value: string): string {
  return text.replace(new RegExp(`<${name}\\b[^>]*>`), (tag) =>
    new RegExp(`\\s${key}="`).test(tag)
      ? tag.replace(new RegExp(`(\\s${key}=")[^"]*"`), `$1${value}"`)
      : tag.replace(/\s*(\/?)>$/, ` ${key}="${value}"$1>`),
  );
}

/** Days since 1899-12-30 (the 1900 system from March 1900 on) or since 1904-01-01. */
function serial(iso: string, date1904: boolean): number {
  const [y, m, d] = iso.split('-').map(Number);
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return date1904 ? days - 1462 : days;
}

/** A GUID that is the same on every run for the same seed (Excel's xr:uid values are random). */
function guid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

/** The package as parts of text, read lazily; what is set is what gets rewritten. */
class Parts {
  readonly entries: RawZipEntry[];
  private readonly byName: Map<string, RawZipEntry>;
  readonly changed = new Map<string, string>();
  readonly created: string[] = [];

  constructor(data: Uint8Array) {
    this.entries = readRawZip(data);
    this.byName = new Map(this.entries.map((e) => [e.name.toLowerCase(), e]));
  }
  has(name: string): boolean {
    return this.changed.has(name) || this.byName.has(name.toLowerCase());
  }
  text(name: string): string {
    const changed = this.changed.get(name);
    if (changed !== undefined) return changed;
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) throw new Error(`no part ${name}`);
    return strFromU8(inflateRaw(entry));
  }
  set(name: string, text: string): void {
    const stored = this.byName.get(name.toLowerCase())?.name ?? name;
    if (!this.has(stored)) this.created.push(stored);
    this.changed.set(stored, text);
  }
  free(prefix: string, extension: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${extension}`)) return `${prefix}${n}${extension}`;
  }
  names(): string[] {
    return [...this.entries.map((e) => e.name), ...this.created];
  }
  bytes(): Uint8Array {
    const kept = this.entries.map((e) => {
      const text = this.changed.get(e.name);
      return text === undefined ? e : newRawEntry(e.name, strToU8(text), { dosTime: e.dosTime, dosDate: e.dosDate });
    });
    return writeRawZip([...kept, ...this.created.map((n) => newRawEntry(n, strToU8(this.changed.get(n)!)))]);
  }
}

/** The shared strings: the existing items kept, new ones appended, plain ones reused as Excel does. */
class SharedStrings {
  private readonly known = new Map<string, number>();
  private readonly appended: string[] = [];
  private unique: number;
  private references = 0;

  constructor(private readonly xml: string) {
    const items = [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)];
    items.forEach((m, i) => {
      const plain = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/.exec(m[1] ?? '');
      if (plain && !this.known.has(unesc(plain[1]))) this.known.set(unesc(plain[1]), i);
    });
    this.unique = items.length;
  }
  index(s: string): number {
    this.references++;
    let i = this.known.get(s);
    if (i === undefined) {
      i = this.unique++;
      this.known.set(s, i);
      const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
      this.appended.push(`<si><t${space}>${esc(s)}</t></si>`);
    }
    return i;
  }
  text(): string {
    let xml = this.xml.replace(/<sst\b([^>]*)\/>/, '<sst$1></sst>');
    const count = Number(/<sst\b[^>]*\scount="(\d+)"/.exec(xml)?.[1] ?? 0) + this.references;
    xml = setAttr(xml, 'sst', 'count', String(count));
    xml = setAttr(xml, 'sst', 'uniqueCount', String(this.unique));
    return beforeClose(xml, 'sst', this.appended.join(''));
  }
}

/** The workbook's own way of writing a worksheet, taken from its first one. */
interface SheetHabits {
  root: string;
  formatPr: string;
  rowAttrs: string;
  margins: string;
  relPrefix: string;
  modern: boolean;
}

function habitsOf(template: string, relNs: string): SheetHabits {
  let root = /<worksheet\b[^>]*>/.exec(template)?.[0];
  if (!root) throw new Error('the first worksheet has no <worksheet> root without a prefix');
  const modern = /\sxr:uid="/.test(root);
  root = root.replace(/\sxr:uid="[^"]*"/, '');
  let relPrefix = new RegExp(`xmlns:(\\w+)="${relNs}"`).exec(root)?.[1];
  if (!relPrefix) {
    relPrefix = 'r';
    root = root.replace(/>$/, ` xmlns:r="${relNs}">`);
  }
  const pr = /<sheetFormatPr\b[^>]*\/>/.exec(template)?.[0] ?? '';
  const dy = attr(pr, 'x14ac:dyDescent');
  const base = attr(pr, 'baseColWidth');
  const keep = [
    base ? ` baseColWidth="${base}"` : '',
    ` defaultRowHeight="${attr(pr, 'defaultRowHeight') ?? '15'}"`,
    dy && /xmlns:x14ac=/.test(root) ? ` x14ac:dyDescent="${dy}"` : '',
  ].join('');
  return {
    root,
    formatPr: `<sheetFormatPr${keep}/>`,
    rowAttrs: dy && /xmlns:x14ac=/.test(root) ? ` x14ac:dyDescent="${dy}"` : '',
    margins:
      /<pageMargins\b[^>]*\/>/.exec(template)?.[0] ??
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    relPrefix,
    modern,
  };
}

interface Context {
  strict: boolean;
  date1904: boolean;
  strings: SharedStrings;
  dateStyle: number;
  habits: SheetHabits;
  seed: string;
}

function cellXml(ref: string, value: InputValue, isDate: boolean, c: Context): string {
  if (value === null) return '';
  if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
  if (isDate && /^\d{4}-\d\d-\d\d$/.test(value)) {
    return c.strict
      ? `<c r="${ref}" s="${c.dateStyle}" t="d"><v>${value}</v></c>`
      : `<c r="${ref}" s="${c.dateStyle}"><v>${serial(value, c.date1904)}</v></c>`;
  }
  return `<c r="${ref}" t="s"><v>${c.strings.index(value)}</v></c>`;
}

/**
 * Column widths as Excel writes them after a user widens columns to fit: one <col> per run of
 * neighbouring columns of the same width.
 */
function colsXml(spec: InputSheet): string {
  const widths = spec.headers.map((h, i) => {
    const longest = Math.max(h.length, ...spec.rows.map((r) => String(r[i] ?? '').length));
    return Math.min(60, Math.max(9, longest + 2)) + 0.7109375;
  });
  const cols: string[] = [];
  for (let i = 0; i < widths.length;) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    cols.push(`<col min="${i + 1}" max="${j + 1}" width="${widths[i]}" customWidth="1"/>`);
    i = j + 1;
  }
  return `<cols>${cols.join('')}</cols>`;
}

/** A drop-down on the status-like column, as Data › Data Validation › List writes it. */
function validationXml(spec: InputSheet, headerRow: number): string {
  const column = spec.headers.findIndex((h) => /^(status|rag|direction)$/i.test(h));
  if (column < 0 || spec.rows.length === 0) return '';
  const l = letters(column + 1);
  const list = /direction/i.test(spec.headers[column]) ? 'Increase,Decrease' : 'Green,Amber,Red,On track';
  return (
    '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" ' +
    `sqref="${l}${headerRow + 1}:${l}${headerRow + spec.rows.length}"><formula1>"${list}"</formula1></dataValidation></dataValidations>`
  );
}

const X14_DATABAR = '{B025F937-C7B1-47D3-B67F-A62EFF666E3E}';
const X14_FORMATS = '{78C0D931-6437-407d-A8EE-F0AAD7539E65}';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

/**
 * A data bar on the progress column as Excel 2010 and later write one: the 2007 rule in
 * <conditionalFormatting>, pointing by id at its x14 twin in the sheet's <extLst>.
 */
function dataBarXml(spec: InputSheet, headerRow: number, seed: string): { rule: string; ext: string } {
  const column = spec.headers.findIndex((h) => /complete/i.test(h));
  if (column < 0 || spec.rows.length === 0) return { rule: '', ext: '' };
  const l = letters(column + 1);
  const sqref = `${l}${headerRow + 1}:${l}${headerRow + spec.rows.length}`;
  const id = guid(`${seed}/databar`);
  return {
    rule:
      `<conditionalFormatting sqref="${sqref}"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/>` +
      `<color rgb="FF638EC6"/></dataBar><extLst><ext uri="${X14_DATABAR}" xmlns:x14="${X14}"><x14:id>${id}</x14:id></ext>` +
      '</extLst></cfRule></conditionalFormatting>',
    ext:
      `<extLst><ext uri="${X14_FORMATS}" xmlns:x14="${X14}"><x14:conditionalFormattings>` +
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      `<x14:cfRule type="dataBar" id="${id}">` +
      '<x14:dataBar minLength="0" maxLength="100" border="1" negativeBarBorderColorSameAsPositive="0">' +
      '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:borderColor rgb="FF638EC6"/><x14:negativeFillColor rgb="FFFF0000"/>' +
      '<x14:negativeBorderColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>' +
      `<xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`,
  };
}

/**
 * The sheet as a user leaves it in Excel: header row frozen, columns widened, a drop-down on the
 * status column, a data bar on progress, a plain range's title merged across it.
 */
function worksheetXml(spec: InputSheet, headerRow: number, c: Context, seed: string): string {
  const width = spec.headers.length;
  const h = c.habits;
  const rows: string[] = [];
  const row = (r: number, cells: string) => rows.push(`<row r="${r}" spans="1:${width}"${h.rowAttrs}>${cells}</row>`);
  if (spec.title !== null) row(1, cellXml('A1', spec.title, false, c));
  row(headerRow, spec.headers.map((v, i) => cellXml(`${letters(i + 1)}${headerRow}`, v, false, c)).join(''));
  spec.rows.forEach((values, k) => {
    const r = headerRow + 1 + k;
    row(r, values.map((v, i) => cellXml(`${letters(i + 1)}${r}`, v, spec.dateColumns.includes(i), c)).join(''));
  });
  const last = headerRow + spec.rows.length;
  const root = h.modern ? h.root.replace(/>$/, ` xr:uid="${guid(`${seed}/sheet`)}">`) : h.root;
  const below = `A${headerRow + 1}`;
  const pane =
    `<pane ySplit="${headerRow}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>`;
  const merge =
    spec.title !== null ? `<mergeCells count="1"><mergeCell ref="A1:${letters(width)}1"/></mergeCells>` : '';
  const tableParts = spec.table ? `<tableParts count="1"><tablePart ${h.relPrefix}:id="rId1"/></tableParts>` : '';
  const bar = dataBarXml(spec, headerRow, seed);
  return (
    `${DECLARATION}${root}<dimension ref="A1:${letters(width)}${last}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>${h.formatPr}${colsXml(spec)}` +
    `<sheetData>${rows.join('')}</sheetData>${merge}${bar.rule}${validationXml(spec, headerRow)}${h.margins}${tableParts}` +
    `${bar.ext}</worksheet>`
  );
}

function tableXml(spec: InputSheet, id: number, ref: string, c: Context, seed: string): string {
  const m = c.habits.modern;
  const uid = (what: string) => (m ? ` ${what}:uid="${guid(`${seed}/${what}/${id}`)}"` : '');
  const ns = m
    ? ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3"' +
      ' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"' +
      ' xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"'
    : '';
  const columns = spec.headers
    .map(
      (name, i) =>
        `<tableColumn id="${i + 1}"${m ? ` xr3:uid="${guid(`${seed}/col/${id}/${i}`)}"` : ''} name="${esc(name)}"/>`,
    )
    .join('');
  return (
    `${DECLARATION}<table xmlns="${c.strict ? NS.strictMain : NS.main}"${ns} id="${id}"${uid('xr')} name="${spec.table}" ` +
    `displayName="${spec.table}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"${uid('xr')}/>` +
    `<tableColumns count="${spec.headers.length}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}

/** The index of a plain short-date cell format (built-in 14), appended to cellXfs when there is none. */
function dateStyle(parts: Parts, stylesPart: string): number {
  const xml = parts.text(stylesPart);
  const m = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
  if (!m) throw new Error(`${stylesPart} has no cellXfs`);
  const xfs = [...m[1].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((x) => x[0]);
  const plain = xfs.findIndex(
    (x) =>
      x.endsWith('/>') &&
      ['numFmtId="14"', 'fontId="0"', 'fillId="0"', 'borderId="0"', 'xfId="0"'].every((a) => x.includes(` ${a}`)),
  );
  if (plain >= 0) return plain;
  const added = '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>';
  parts.set(stylesPart, setAttr(beforeClose(xml, 'cellXfs', added), 'cellXfs', 'count', String(xfs.length + 1)));
  return xfs.length;
}

/**
 * The workbook with `sheets` added after its last sheet. Throws when a sheet or table name is taken:
 * the corpus was chosen so that none is.
 */
export function injectInputSheets(data: Uint8Array, sheets: InputSheet[], seed = 'throughline'): Injection {
  const parts = new Parts(data);
  const officeDocument = relationships(parts.text('_rels/.rels')).find((r) => tail(r.type) === 'officeDocument');
  if (!officeDocument) throw new Error('no officeDocument relationship');
  const wbPart = resolve('', officeDocument.target);
  const wbRelsPart = relsOf(wbPart);
  let wb = parts.text(wbPart);
  let wbRels = parts.text(wbRelsPart);
  let types = parts.text('[Content_Types].xml');
  const strict = /<workbook\b[^>]*\sxmlns="http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main"/.test(wb);
  const mainNs = strict ? NS.strictMain : NS.main;
  const relNs = strict ? NS.strictRel : NS.rel;
  const relType = (t: string) => `${relNs}/${t}`;
  const wbRelPrefix = new RegExp(`xmlns:(\\w+)="${relNs}"`).exec(/<workbook\b[^>]*>/.exec(wb)![0])?.[1];
  if (!wbRelPrefix) throw new Error('the workbook declares no relationships namespace');
  const rels = relationships(wbRels);
  const relOf = (type: string) => rels.find((r) => tail(r.type) === type);
  let nextRel = Math.max(0, ...rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;

  const sheetTags = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  const taken = new Set(sheetTags.map((t) => unesc(attr(t, 'name') ?? '').toLowerCase()));
  const names = new Set([...wb.matchAll(/<definedName\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1].toLowerCase()));
  let sheetId = Math.max(0, ...sheetTags.map((t) => Number(attr(t, 'sheetId') ?? 0)));
  const firstWorksheet = sheetTags
    .map((t) => rels.find((r) => r.id === attr(t, `${wbRelPrefix}:id`)))
    .find((r) => r && tail(r.type) === 'worksheet');
  if (!firstWorksheet) throw new Error('no worksheet to take habits from');
  const habits = habitsOf(parts.text(resolve(wbPart, firstWorksheet.target)), relNs);

  // Tables: ids and names are unique across the workbook.
  const tableParts = parts.names().filter((n) => /(^|\/)tables\/[^/]+\.xml$/i.test(n));
  let tableId = Math.max(
    0,
    ...tableParts.map((n) => Number(attr(/<(?:\w+:)?table\b[^>]*>/.exec(parts.text(n))?.[0] ?? '', 'id') ?? 0)),
  );
  for (const n of tableParts)
    names.add((attr(/<(?:\w+:)?table\b[^>]*>/.exec(parts.text(n))![0], 'name') ?? '').toLowerCase());

  const sstRel = relOf('sharedStrings');
  const sstPart = sstRel ? resolve(wbPart, sstRel.target) : `${folderOf(wbPart)}sharedStrings.xml`;
  const strings = new SharedStrings(
    sstRel ? parts.text(sstPart) : `${DECLARATION}<sst xmlns="${mainNs}" count="0" uniqueCount="0"></sst>`,
  );
  const stylesRel = relOf('styles');
  if (!stylesRel) throw new Error('no styles part');
  const c: Context = {
    strict,
    date1904: /<workbookPr\b[^>]*\sdate1904="(1|true)"/.test(wb),
    strings,
    dateStyle: dateStyle(parts, resolve(wbPart, stylesRel.target)),
    habits,
    seed,
  };

  const injected: InjectedSheet[] = [];
  for (const spec of sheets) {
    if (taken.has(spec.sheet.toLowerCase())) throw new Error(`the workbook already has a sheet ${spec.sheet}`);
    if (spec.table && names.has(spec.table.toLowerCase())) throw new Error(`the name ${spec.table} is taken`);
    const headerRow = spec.title === null ? 1 : 3;
    const part = parts.free(`${folderOf(wbPart)}worksheets/sheet`, '.xml');
    parts.set(part, worksheetXml(spec, headerRow, c, `${seed}/${spec.sheet}`));
    types = beforeClose(types, 'Types', `<Override PartName="/${part}" ContentType="${CT.worksheet}"/>`);
    let table: InjectedSheet['table'] = null;
    if (spec.table) {
      const tablePart = parts.free(`${folderOf(wbPart)}tables/table`, '.xml');
      const ref = `A${headerRow}:${letters(spec.headers.length)}${headerRow + spec.rows.length}`;
      parts.set(tablePart, tableXml(spec, ++tableId, ref, c, seed));
      parts.set(
        relsOf(part),
        `${DECLARATION}<Relationships xmlns="${NS.package}"><Relationship Id="rId1" Type="${relType('table')}" ` +
          `Target="../tables/${tablePart.slice(tablePart.lastIndexOf('/') + 1)}"/></Relationships>`,
      );
      types = beforeClose(types, 'Types', `<Override PartName="/${tablePart}" ContentType="${CT.table}"/>`);
      names.add(spec.table.toLowerCase());
      table = { name: spec.table, part: tablePart };
    }
    const id = `rId${nextRel++}`;
    wbRels = beforeClose(
      wbRels,
      'Relationships',
      `<Relationship Id="${id}" Type="${relType('worksheet')}" Target="${part.slice(folderOf(wbPart).length)}"/>`,
    );
    wb = beforeClose(
      wb,
      'sheets',
      `<sheet name="${esc(spec.sheet)}" sheetId="${++sheetId}" ${wbRelPrefix}:id="${id}"/>`,
    );
    taken.add(spec.sheet.toLowerCase());
    injected.push({ name: spec.sheet, part, headerRow, table });
  }
  if (!sstRel) {
    wbRels = beforeClose(
      wbRels,
      'Relationships',
      `<Relationship Id="rId${nextRel++}" Type="${relType('sharedStrings')}" Target="${sstPart.slice(folderOf(wbPart).length)}"/>`,
    );
    types = beforeClose(types, 'Types', `<Override PartName="/${sstPart}" ContentType="${CT.sharedStrings}"/>`);
  }
  parts.set(sstPart, strings.text());
  parts.set(wbPart, wb);
  parts.set(wbRelsPart, wbRels);
  parts.set('[Content_Types].xml', types);
  const added = new Set(parts.created);
  return {
    bytes: parts.bytes(),
    sheets: injected,
    edited: [...parts.changed.keys()].filter((n) => !added.has(n)),
    added: parts.created,
    strict,
    workbookPart: wbPart,
    stylesPart: resolve(wbPart, stylesRel.target),
    sharedStringsPart: sstPart,
  };
}
