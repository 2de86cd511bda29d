// An in-memory Excel that behaves like Office.js and Excel where it matters to Throughline, written
// from the Excel JavaScript API reference and office.js's own request format:
// - properties cannot be read until they are loaded and a sync has run; writes happen at sync, in order;
// - every batch is encoded as office.js sends it (its RichApi request: object paths, instantiate,
//   keep-reference, query, method and set-property actions, array writes above 1,500 cells split as
//   office.js splits them) and every response as the results Excel returns; both are measured in
//   UTF-8 bytes, and one over Excel on the web's 5 MB limit is refused with office.js's error code;
// - a value written is read as Excel reads typing: "=…" is a formula, "'…" is text, number-, date-,
//   time-, percent- and TRUE/FALSE-looking text becomes a number, date or boolean (dates as serials of
//   the workbook's own date system, 1900 or 1904), "#N/A" an error; more than 32,767 characters in a
//   cell, a formula over 8,192 characters or a text constant in a formula over 255 are refused;
// - adding a table column inserts cells: everything right of the table in its rows moves one column
//   right (and the insert fails if that would split another table); `Table.resize` (ExcelApi 1.13)
//   moves nothing; APIs above the fake's ExelApi version throw as office.js does;
// - merged areas (FakeExcel.mergeCells) as Excel keeps them: never inside a table (merging there, or
//   resizing a table over one, is refused), moved whole by an insert and refused when an insert would
//   split one; `Range.getMergedAreasOrNullObject` (ExcelApi 1.13) reports only the areas whose top-left
//   cell lies in the range (office-js issue 3611), as "Sheet!A1:B2, Sheet!D4:E5", and fails above 512.
// - worksheets as the reference (@types/office-js, Excel.Worksheet) describes them: each has an id that
//   outlives renames, a tab colour and a position; `delete()` of a VeryHidden sheet fails with
//   InvalidOperation ("if the worksheet's visibility is set to "VeryHidden", the delete operation will
//   fail with an InvalidOperation exception. You should first change its visibility to hidden or visible
//   before deleting it"); a workbook keeps one visible sheet; deleting a sheet turns every formula that
//   refers to it into #REF!, as Excel does;
// - `numberFormat` set to a single value, or a 1×1 array, applies it to every cell of the range
//   (Excel.Range.numberFormat in the ExcelApi 1.1 reference: "If the argument is a single value, it
//   will be applied to all cells in the range"; the 1×1 array form as office-js-docs-pr issue 5400
//   verified on Windows, Mac and the web); `format.fill.color` on a range colours all its cells;
// - `Worksheet.getRanges` (ExcelApi 1.9) takes the areas joined by the user's list separator: with a
//   ";" separator a comma-joined address is refused (office-js issues 1167 and 1985), so the fake's
//   `listSeparator` can be set to ";" to be that Excel;
// - entity values (linked data types, ExcelApi 1.16 EntityCellValue): `values` reads them as "#VALUE!"
//   and `valueTypes` as "Error", as Excel.EntityCellValue.basicValue/basicType say; `valuesAsJson`
//   gives the entity with the `text` Excel shows in the cell;
// - conditional formats (ExcelApi 1.6, Excel.ConditionalFormatCollection): `add("CellValue")` on a range,
//   its `cellValue.rule` ({formula1, operator}) and `cellValue.format.fill.color`; the fake evaluates the
//   "EqualTo" operator against a text constant (formula1 `="text"`) as Excel compares text, ignoring
//   case; `add("Custom")` with `custom.rule.formula` and `custom.format.fill.color`, its formula's
//   references relative to the range's top-left cell (the fake evaluates `=A2="text"` and
//   `=AND(A2="text",B2="text")`); `clearAll()` removes every conditional format from the range's cells (the parts of a format
//   outside it stay), as `Range.clear()` does; `FakeExcel.shownFill` is the fill a cell shows;
// - `Workbook.insertWorksheetsFromBase64` (ExcelApi 1.13) reads the .xlsx it is given with its own reader
//   (excel-fake-xlsx.ts: fflate and saxes, nothing of Throughline's), counts the base64 in the request,
//   returns the new sheets' ids as a ClientResult readable after the sync, and refuses what is not a
//   workbook (see FakeContext.insertWorksheetsFromBase64);
// - `suspendScreenUpdatingUntilNextSync` is counted: the reference says not to call it repeatedly
//   ("Repeated calls will cause the Excel window to flicker").
// It counts syncs, write actions and the bytes of every request and response, so round trips and
// payloads are assertions, not hopes. It imports nothing: the browser tests compile it on its own.

/** An entity (a linked data type such as a stock or a place): Excel shows `text` in the cell. */
export interface FakeEntity {
  entity: { text: string; linked?: boolean };
}

export type FakeValue = string | number | boolean | { error: string } | FakeEntity | null;

export interface FakeCell {
  value: FakeValue;
  formula?: string;
  numberFormat?: string;
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
}

interface FakeTableModel {
  /** Table.id: Excel's key for the table, kept through renames (given when first asked for). */
  id?: string;
  name: string;
  sheet: FakeSheetModel;
  top: number; // 0-based sheet row of the header
  left: number; // 0-based column
  columns: number;
  dataRows: number;
  showTotals: boolean;
}

/** A merged area, 0-based. */
interface FakeArea {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

interface FakeSheetModel {
  /** Worksheet.id: Excel's key for the sheet, kept through renames and moves. */
  id?: string;
  name: string;
  tabColor?: string;
  cells: Map<string, FakeCell>;
  merged?: FakeArea[];
  frozenRows: number;
  visibility?: string;
  /** The AutoFilter's range, when the sheet has one. */
  autoFilter?: string | null;
  protected?: boolean;
  /** Conditional formats (ExcelApi 1.6), in the order they were added. */
  conditional?: FakeConditional[];
}

/**
 * A conditional format of type cellValue (Excel.CellValueConditionalFormat): the cells it applies to
 * (whole rectangles, 0-based; `clearAll` on part of them leaves the rest), its rule, and its fill.
 */
export interface FakeConditional {
  areas: FakeArea[];
  /** A CellValue format's rule. */
  rule: { formula1: string; operator: string } | null;
  /** A Custom format's formula, its references relative to `origin`, the top-left cell it was added on. */
  formula?: string;
  origin: { r0: number; c0: number };
  fill: string | null;
}

/** Excel on the web refuses a request, or a response, larger than this (5 MB). */
export const PAYLOAD_LIMIT = 5_000_000;
export const CELL_TEXT_LIMIT = 32_767;
export const FORMULA_LIMIT = 8_192;
export const FORMULA_TEXT_LIMIT = 255;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** office.js writes an array of more cells than this in pieces of about this many. */
const BULK_CELLS = 1_500;

const key = (r: number, c: number) => `${r},${c}`;

/** An error as office.js reports one: a code Excel names (InvalidArgument, ItemNotFound, …) and a message. */
export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export class PropertyNotLoaded extends Error {
  constructor(what: string) {
    super(
      `The property '${what}' is not available. Before reading the property's value, call the load method on ` +
        'the containing object and call "context.sync()" on the associated request context.',
    );
    this.name = 'PropertyNotLoaded';
  }
}

// ---------------------------------------------------------------------------------------------
// The wire format

const enum PathType {
  Global = 1,
  Method = 3,
  Property = 4,
  Indexer = 5,
}

const enum ActionType {
  Instantiate = 1,
  Query = 2,
  Method = 3,
  SetProperty = 4,
}

interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: number[];
}

interface PathInfo {
  Id: number;
  ObjectPathType: PathType;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
  /** office.js marks an untracked object's path so Excel keeps no reference to it. */
  D?: boolean;
}

interface ActionInfo {
  Id: number;
  ActionType: ActionType;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select: string[] };
  /** The object paths this action is the last to use, so Excel can release them. */
  L?: number[];
}

class ObjectPath {
  /** Whether Excel keeps a reference to the object (every Range inside Excel.run, until untracked). */
  tracked = false;
  constructor(
    readonly info: PathInfo,
    readonly parent: ObjectPath | null,
    readonly args: ObjectPath[] = [],
  ) {}
}

interface Queued {
  info: ActionInfo;
  path: ObjectPath;
  args: ObjectPath[];
  /** What the action does in Excel; its result (if any) goes into the response. */
  run?: () => unknown;
  write: boolean;
}

/** UTF-8 length of a string, without building the bytes. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const pascal = (p: string) =>
  p
    .split('/')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('/');

/** `{ "Protection": { "Protected": true } }` from "protection/protected". */
function nest(target: Record<string, unknown>, prop: string, value: unknown): void {
  const parts = pascal(prop).split('/');
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]] = value;
}

// ---------------------------------------------------------------------------------------------
// Excel's reading of typed values

const ERROR_VALUES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function serialOf(y: number, m: number, d: number, date1904: boolean): number | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return null;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  const serial = Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
  return date1904 ? serial - 1462 : serial;
}

/** What Excel stores when `text` is typed into a cell: a number, date serial, boolean, error, formula or the text itself. */
function typedText(text: string, date1904: boolean): { value: FakeValue; formula?: string } {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: null, formula: text };
  const t = text.trim();
  if (t === '') return { value: text };
  // Most text starts with a letter Excel reads nothing into: only TRUE/FALSE and month names start a value.
  if (/^[a-z]/i.test(t) && !/^(true|false|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(t))
    return { value: text };
  const upper = t.toUpperCase();
  if (ERROR_VALUES.includes(upper)) return { value: { error: upper } };
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  const number = /^([+-])?\s*\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(%)?$/.exec(t);
  if (number) {
    const n =
      Number(`${number[2].replace(/,/g, '')}${number[3] !== undefined ? `e${number[3]}` : ''}`) *
      (number[1] === '-' ? -1 : 1);
    return { value: number[4] ? n / 100 : n };
  }
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) {
    const s = serialOf(Number(m[1]), Number(m[2]), Number(m[3]), date1904);
    if (s !== null) return { value: s };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const s = serialOf(year, Number(m[1]), Number(m[2]), date1904);
    if (s !== null) return { value: s };
  }
  m = /^(\d{1,2})[-\s]([a-z]{3,9})[-\s,]+(\d{4})$/i.exec(t) ?? null;
  if (m && MONTHS.includes(m[2].slice(0, 3).toLowerCase())) {
    const s = serialOf(Number(m[3]), MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, Number(m[1]), date1904);
    if (s !== null) return { value: s };
  }
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(t);
  if (m && MONTHS.includes(m[1].slice(0, 3).toLowerCase())) {
    const s = serialOf(Number(m[3]), MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, Number(m[2]), date1904);
    if (s !== null) return { value: s };
  }
  m = /^([a-z]{3,9})\.?\s+(\d{4})$/i.exec(t);
  if (m && MONTHS.includes(m[1].slice(0, 3).toLowerCase())) {
    const s = serialOf(Number(m[2]), MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, 1, date1904);
    if (s !== null) return { value: s };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60)
    return { value: (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) / 86_400 };
  // Excel takes a leading + or - as the start of a formula.
  if (t.startsWith('+') || t.startsWith('-')) return { value: { error: '#NAME?' }, formula: `=${t}` };
  return { value: text };
}

function checkFormula(formula: string): void {
  if (formula.length > FORMULA_LIMIT)
    throw new OfficeError(
      'InvalidArgument',
      `a formula of ${formula.length} characters is over Excel's ${FORMULA_LIMIT}`,
    );
  for (const literal of formula.match(/"(?:[^"]|"")*"/g) ?? []) {
    if (literal.length - 2 > FORMULA_TEXT_LIMIT)
      throw new OfficeError(
        'InvalidArgument',
        `text values in formulas are limited to ${FORMULA_TEXT_LIMIT} characters`,
      );
  }
}

/** The cell after Excel stores `x`, or undefined when `x` is null (a null in an array leaves its cell alone). */
function storeTyped(cell: FakeCell, x: unknown, date1904: boolean): void {
  if (x === null || x === undefined) return;
  delete cell.formula;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new OfficeError('InvalidArgument', `${x} is not a number Excel can store`);
    cell.value = x;
  } else if (typeof x === 'boolean') cell.value = x;
  else if (typeof x === 'string') {
    if (x === '') {
      cell.value = null;
      return;
    }
    const typed = typedText(x, date1904);
    if (typed.formula !== undefined) {
      checkFormula(typed.formula);
      cell.formula = typed.formula;
      const link = /^=HYPERLINK\("(?:[^"]|"")*","((?:[^"]|"")*)"\)$/.exec(typed.formula);
      cell.value = link ? link[1].replace(/""/g, '"') : typed.value;
    } else cell.value = typed.value;
  } else throw new OfficeError('InvalidArgument', `cannot store ${JSON.stringify(x)} in a cell`);
}

function checkTyped(x: unknown): void {
  if (typeof x === 'string' && x.length - (x.startsWith("'") ? 1 : 0) > CELL_TEXT_LIMIT) {
    throw new OfficeError(
      'InvalidArgument',
      `a cell holds at most ${CELL_TEXT_LIMIT} characters; this text has ${x.length}`,
    );
  }
}

const isEntity = (v: FakeValue): v is FakeEntity => typeof v === 'object' && v !== null && 'entity' in v;

/** What `values` returns: an entity's basicValue is "#VALUE!" (Excel.EntityCellValue). */
function displayValue(cell: FakeCell | undefined): unknown {
  if (!cell || cell.value === null) return '';
  if (isEntity(cell.value)) return '#VALUE!';
  if (typeof cell.value === 'object') return cell.value.error;
  return cell.value;
}

/** What `valuesAsJson` (ExcelApi 1.16) returns for a cell: a CellValue with its type and basic value. */
function jsonValue(cell: FakeCell | undefined): unknown {
  const v = cell?.value ?? null;
  if (v === null) return { type: 'Empty', basicType: 'Empty', basicValue: '' };
  if (isEntity(v))
    return {
      type: v.entity.linked ? 'LinkedEntity' : 'Entity',
      text: v.entity.text,
      basicType: 'Error',
      basicValue: '#VALUE!',
      properties: {},
    };
  if (typeof v === 'object') return { type: 'Error', basicType: 'Error', basicValue: v.error, errorType: 'Value' };
  if (typeof v === 'number') return { type: 'Double', basicType: 'Double', basicValue: v };
  if (typeof v === 'boolean') return { type: 'Boolean', basicType: 'Boolean', basicValue: v };
  return { type: 'String', basicType: 'String', basicValue: v };
}

function typeOf(cell: FakeCell | undefined): string {
  if (!cell || cell.value === null) return cell?.formula ? 'String' : 'Empty';
  if (typeof cell.value === 'object') return 'Error';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

const hasFormat = (cell: FakeCell) => Boolean(cell.fill || cell.numberFormat || cell.bold || cell.fontColor);
const hasValue = (cell: FakeCell) => cell.value !== null || Boolean(cell.formula);

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseA1(a: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a.replace(/\$/g, '').toUpperCase());
  if (!m) throw new OfficeError('InvalidArgument', `"${a}" is not a cell address`);
  return { r: Number(m[2]) - 1, c: m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
}

// ---------------------------------------------------------------------------------------------
// Proxies

interface Box {
  sheet: FakeSheetModel;
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

// ---------------------------------------------------------------------------------------------
// Change events, as the Excel JavaScript API reference describes them:
// - Worksheet.onChanged and Table.onChanged are ExcelApi 1.7; a handler registered with `add` takes
//   effect at the sync that sends it, and EventHandlerResult.remove() at the next sync of the context
//   that added it (learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member).
// - They fire for any change of cell data, the add-in's own writes included, after the change:
//   asynchronously, never inside the sync that made it.
// - WorksheetChangedEventArgs (ExcelApi 1.7): type 'WorksheetChanged', changeType (Excel.DataChangeType,
//   'RangeEdited' for values written or typed), source (Excel.EventSource: 'Local', or 'Remote' for a
//   co-author's change), address (the changed area on the sheet, without the sheet's name), worksheetId;
//   triggerSource ('ThisLocalAddin' or 'Unknown') from ExcelApi 1.14
//   (learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs).
// - TableChangedEventArgs (ExcelApi 1.7): type 'TableChanged', the same fields plus tableId; address is
//   the changed area within the table (learn.microsoft.com/javascript/api/excel/excel.tablechangedeventargs).
// - Runtime.enableEvents (ExcelApi 1.8) "toggles JavaScript events in the current task pane or content
//   add-in": while false, none of the add-in's handlers is called, for its own changes or anyone's
//   (learn.microsoft.com/javascript/api/excel/excel.runtime).

export interface FakeChangedArgs {
  type: 'WorksheetChanged' | 'TableChanged';
  changeType: string;
  source: 'Local' | 'Remote';
  address: string;
  worksheetId: string;
  tableId?: string;
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

type ChangedHandler = (args: FakeChangedArgs) => Promise<unknown> | unknown;

interface ChangeRegistration {
  on: { sheet: FakeSheetModel } | { table: FakeTableModel };
  handler: ChangedHandler;
}

interface FakeChange {
  box: Box;
  /** Whether runtime.enableEvents was on when the change was made. */
  enabled: boolean;
}

/** EventHandlerResult: `remove()` queues the removal in the context that added the handler. */
export interface FakeEventHandlerResult {
  context: FakeContext;
  remove(): void;
}

abstract class FakeObject {
  protected loaded = new Map<string, unknown>();
  constructor(
    readonly ctx: FakeContext,
    readonly path: ObjectPath,
  ) {}
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new PropertyNotLoaded(prop);
    return this.loaded.get(prop) as T;
  }
  /** Called at sync: the loaded properties by their names, and as Excel sends them. */
  protected abstract fetch(select: string[]): Map<string, unknown>;
  load(props?: string | string[]): this {
    const select = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.query(this.path, select, () => {
      const values = this.fetch(select);
      return { values, apply: () => values.forEach((v, k) => this.loaded.set(k, v)) };
    });
    return this;
  }
  untrack(): this {
    this.ctx.untrack(this.path);
    return this;
  }
}

export class FakeWorkbookProtection extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    private readonly state: () => boolean,
  ) {
    super(ctx, path);
  }
  get protected(): boolean {
    return this.read('protected');
  }
  protected fetch(select: string[]): Map<string, unknown> {
    this.ctx.excel.requireApi('WorkbookProtection', '1.7');
    const out = new Map<string, unknown>();
    for (const p of select) {
      if (p === 'protected') out.set(p, this.state());
      else throw new Error(`fake WorkbookProtection cannot load '${p}'`);
    }
    return out;
  }
}

export class FakeRange extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    /** Where the range is, worked out when Excel runs the batch (null for a null object). */
    readonly resolve: () => Box | null,
  ) {
    super(ctx, path);
  }

  private box(): Box {
    const b = this.resolve();
    if (!b) throw new OfficeError('InvalidReference', 'the range is a null object');
    return b;
  }

  private derive(name: string, args: unknown[], f: (b: Box) => Box | null, argPaths: ObjectPath[] = []): FakeRange {
    const path = this.ctx.methodPath(this.path, name, args, { argPaths, range: true });
    return new FakeRange(this.ctx, path, () => f(this.box()));
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): FakeValue[][] {
    return this.read('values');
  }
  get valuesAsJson(): unknown[][] {
    return this.read('valuesAsJson');
  }
  set values(v: unknown) {
    this.setCells('Values', v, (cell, x) => storeTyped(cell, x, this.ctx.excel.date1904));
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown) {
    this.setCells('Formulas', v, (cell, x) => storeTyped(cell, x, this.ctx.excel.date1904));
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  /** A single value, or a 1×1 array, applies to every cell of the range (see the header). */
  set numberFormat(v: unknown) {
    this.setCells(
      'NumberFormat',
      v,
      (cell, x) => {
        if (x !== null && x !== undefined) cell.numberFormat = String(x);
      },
      true,
    );
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }

  private formatPath: ObjectPath | null = null;
  /** range.format.fill.color / .clear(), range.format.font.bold / .color, range.format.autofitColumns(). */
  get format() {
    const range = this;
    const ctx = this.ctx;
    const format = (this.formatPath ??= ctx.propertyPath(this.path, 'Format'));
    const each = (f: (cell: FakeCell) => void) => () => {
      const b = range.box();
      for (let r = 0; r < b.rows; r++)
        for (let c = 0; c < b.cols; c++) f(ctx.excel.cellAt(b.sheet, b.r0 + r, b.c0 + c));
    };
    return {
      get fill() {
        const fill = ctx.propertyPath(format, 'Fill');
        return {
          set color(color: string) {
            ctx.setProperty(
              fill,
              'Color',
              color,
              each((cell) => (cell.fill = color)),
            );
          },
          clear: () =>
            ctx.method(
              fill,
              'Clear',
              [],
              true,
              each((cell) => (cell.fill = null)),
            ),
        };
      },
      get font() {
        const font = ctx.propertyPath(format, 'Font');
        return {
          set bold(b: boolean) {
            ctx.setProperty(
              font,
              'Bold',
              b,
              each((cell) => (cell.bold = b)),
            );
          },
          set color(color: string) {
            ctx.setProperty(
              font,
              'Color',
              color,
              each((cell) => (cell.fontColor = color)),
            );
          },
        };
      },
      autofitColumns: () => ctx.method(format, 'AutofitColumns', [], true, () => range.box()),
    };
  }

  protected fetch(select: string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const b = this.resolve();
    out.set('isNullObject', b === null);
    if (b === null) return out;
    const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] =>
      Array.from({ length: b.rows }, (_, r) =>
        Array.from({ length: b.cols }, (_, c) => f(b.sheet.cells.get(key(b.r0 + r, b.c0 + c)))),
      );
    for (const p of select) {
      if (p === 'values') out.set(p, grid(displayValue));
      else if (p === 'valuesAsJson') {
        this.ctx.excel.requireApi('Range.valuesAsJson', '1.16');
        out.set(p, grid(jsonValue));
      } else if (p === 'valueTypes') out.set(p, grid(typeOf));
      else if (p === 'formulas')
        out.set(
          p,
          grid((cell) => cell?.formula ?? displayValue(cell)),
        );
      else if (p === 'numberFormat')
        out.set(
          p,
          grid((cell) => cell?.numberFormat ?? 'General'),
        );
      else if (p === 'rowIndex') out.set(p, b.r0);
      else if (p === 'columnIndex') out.set(p, b.c0);
      else if (p === 'rowCount') out.set(p, b.rows);
      else if (p === 'columnCount') out.set(p, b.cols);
      else if (p === 'address')
        out.set(
          p,
          `${quoteSheet(b.sheet.name)}!${colName(b.c0)}${b.r0 + 1}:${colName(b.c0 + b.cols - 1)}${b.r0 + b.rows}`,
        );
      else if (p !== 'isNullObject') throw new Error(`fake Range cannot load '${p}'`);
    }
    return out;
  }

  /**
   * A property set over the range, as office.js sends it: an array of more than 1,500 cells goes in
   * pieces of whole rows (each its own pair of row ranges and their bounding range).
   */
  private setCells(name: string, v: unknown, store: (cell: FakeCell, x: unknown) => void, broadcast = false): void {
    const ctx = this.ctx;
    const apply = (target: () => Box, sent: unknown) => () => {
      const b = target();
      ctx.excel.checkWritable(b.sheet);
      if (name !== 'NumberFormat') ctx.noteChange(b);
      const single = broadcast && Array.isArray(sent) && sent.length === 1 && (sent[0] as unknown[])?.length === 1;
      const part = single ? (sent as unknown[][])[0][0] : sent;
      if (Array.isArray(part)) {
        const rows = part as unknown[][];
        if (rows.length !== b.rows || rows.some((row) => !Array.isArray(row) || row.length !== b.cols)) {
          throw new OfficeError(
            'InvalidArgument',
            `${name} is ${rows.length}x${rows[0]?.length} but the range is ${b.rows}x${b.cols}`,
          );
        }
        rows.forEach((row) => row.forEach(checkTyped));
        rows.forEach((row, r) => row.forEach((x, c) => store(ctx.excel.cellAt(b.sheet, b.r0 + r, b.c0 + c), x)));
      } else {
        if (part === null || part === undefined)
          throw new OfficeError('InvalidArgument', `${name} cannot be set to null`);
        checkTyped(part);
        for (let r = 0; r < b.rows; r++)
          for (let c = 0; c < b.cols; c++) store(ctx.excel.cellAt(b.sheet, b.r0 + r, b.c0 + c), part);
      }
    };
    const grid = Array.isArray(v) && v.length > 0 && Array.isArray(v[0]) ? (v as unknown[][]) : null;
    if (grid && grid.length * grid[0].length > BULK_CELLS) {
      const perPiece = Math.max(1, Math.round(BULK_CELLS / grid[0].length));
      ctx.method(this.path, '_ValidateArraySize', [grid.length, grid[0].length], false, () => {
        const b = this.box();
        if (b.rows !== grid.length || b.cols !== grid[0].length)
          throw new OfficeError(
            'InvalidArgument',
            `${name} is ${grid.length}x${grid[0].length} but the range is ${b.rows}x${b.cols}`,
          );
      });
      for (let start = 0; start < grid.length; start += perPiece) {
        const n = Math.min(perPiece, grid.length - start);
        const first = this.getRow(start).untrack();
        const last = this.getRow(start + n - 1).untrack();
        const piece = first.getBoundingRect(last).untrack();
        ctx.setProperty(
          piece.path,
          name,
          grid.slice(start, start + n),
          apply(() => piece.box(), grid.slice(start, start + n)),
        );
      }
      return;
    }
    ctx.setProperty(
      this.path,
      name,
      v,
      apply(() => this.box(), v),
    );
  }

  getRow(i: number): FakeRange {
    return this.derive('GetRow', [i], (b) => ({ ...b, r0: b.r0 + i, rows: 1 }));
  }
  getColumn(i: number): FakeRange {
    return this.derive('GetColumn', [i], (b) => ({ ...b, c0: b.c0 + i, cols: 1 }));
  }
  getCell(r: number, c: number): FakeRange {
    return this.derive('GetCell', [r, c], (b) => ({ ...b, r0: b.r0 + r, c0: b.c0 + c, rows: 1, cols: 1 }));
  }
  getLastRow(): FakeRange {
    return this.derive('GetLastRow', [], (b) => ({ ...b, r0: b.r0 + b.rows - 1, rows: 1 }));
  }
  getLastColumn(): FakeRange {
    return this.derive('GetLastColumn', [], (b) => ({ ...b, c0: b.c0 + b.cols - 1, cols: 1 }));
  }
  getEntireRow(): FakeRange {
    return this.derive('GetEntireRow', [], (b) => ({ ...b, c0: 0, cols: MAX_COLUMNS }));
  }
  getColumnsAfter(count = 1): FakeRange {
    return this.derive('GetColumnsAfter', [count], (b) => {
      if (b.c0 + b.cols + count > MAX_COLUMNS)
        throw new OfficeError('InvalidArgument', 'the columns after the range are past the last column');
      return { ...b, c0: b.c0 + b.cols, cols: count };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive('GetResizedRange', [deltaRows, deltaColumns], (b) => ({
      ...b,
      rows: b.rows + deltaRows,
      cols: b.cols + deltaColumns,
    }));
  }
  getBoundingRect(other: FakeRange): FakeRange {
    return this.derive(
      'GetBoundingRect',
      [other.path.info.Id],
      (b) => {
        const o = other.box();
        const r0 = Math.min(b.r0, o.r0);
        const c0 = Math.min(b.c0, o.c0);
        return {
          sheet: b.sheet,
          r0,
          c0,
          rows: Math.max(b.r0 + b.rows, o.r0 + o.rows) - r0,
          cols: Math.max(b.c0 + b.cols, o.c0 + o.cols) - c0,
        };
      },
      [other.path],
    );
  }
  /**
   * The rectangle both ranges cover (ExcelApi 1.4): "If no intersection is found, then this method
   * returns an object with its isNullObject property set to true"
   * (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getintersectionornullobject-member(1)).
   * Ranges on two sheets have none; the reference does not say, so the fake answers a null object.
   */
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    this.ctx.excel.requireApi('Range.getIntersectionOrNullObject', '1.4');
    return this.derive(
      'GetIntersectionOrNullObject',
      [other.path.info.Id],
      (b) => {
        const o = other.box();
        const r0 = Math.max(b.r0, o.r0);
        const c0 = Math.max(b.c0, o.c0);
        const rows = Math.min(b.r0 + b.rows, o.r0 + o.rows) - r0;
        const cols = Math.min(b.c0 + b.cols, o.c0 + o.cols) - c0;
        return o.sheet !== b.sheet || rows <= 0 || cols <= 0 ? null : { sheet: b.sheet, r0, c0, rows, cols };
      },
      [other.path],
    );
  }
  /** The merged areas whose top-left cell is in this range (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.excel.requireApi('Range.getMergedAreasOrNullObject', '1.13');
    const path = this.ctx.methodPath(this.path, 'GetMergedAreasOrNullObject', [], { range: true });
    return new FakeRangeAreas(this.ctx, path, () => {
      const b = this.box();
      const found = (b.sheet.merged ?? []).filter(
        (m) => m.r0 >= b.r0 && m.r0 < b.r0 + b.rows && m.c0 >= b.c0 && m.c0 < b.c0 + b.cols,
      );
      if (found.length > MERGED_AREAS_MAX)
        throw new OfficeError(
          'GeneralException',
          `the range holds ${found.length} merged areas; Excel reports at most ${MERGED_AREAS_MAX}`,
        );
      return found.length === 0 ? null : found.map((m) => ({ sheet: b.sheet, ...m }));
    });
  }
  /** The smallest range holding every used cell inside this one (values only, or formats too). */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.derive('GetUsedRangeOrNullObject', [valuesOnly], (b) => usedBox(b.sheet, valuesOnly, b));
  }
  /**
   * Copies `source`'s cells (values, formulas, formats) onto this range's top-left (ExcelApi 1.9,
   * Range.copyFrom with copyType "All"); blanks in the source clear the cells they land on
   * (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1)).
   */
  copyFrom(source: FakeRange, copyType = 'All', skipBlanks = false, transpose = false): void {
    this.ctx.excel.requireApi('Range.copyFrom', '1.9');
    if (copyType !== 'All' || skipBlanks || transpose) throw new Error('the fake copies All, blanks included, only');
    this.ctx.method(
      this.path,
      'CopyFrom',
      [source.path.info.Id, copyType, skipBlanks, transpose],
      true,
      () => {
        const from = source.box();
        const to = this.box();
        this.ctx.excel.checkWritable(to.sheet);
        const copies: [number, number, FakeCell | undefined][] = [];
        for (let r = 0; r < from.rows; r++)
          for (let c = 0; c < from.cols; c++) copies.push([r, c, from.sheet.cells.get(key(from.r0 + r, from.c0 + c))]);
        for (const [r, c, cell] of copies) {
          const k = key(to.r0 + r, to.c0 + c);
          if (cell) to.sheet.cells.set(k, { ...cell });
          else to.sheet.cells.delete(k);
        }
      },
      [source.path],
    );
  }
  /**
   * Range.autoFill (ExcelApi 1.9) with "FillCopy" ("populates the adjacent cells with the selected
   * value(s)"): the destination holds this range and extends it down; the range's rows are repeated
   * over it, values and formats. The fake fills plain values only (Excel would adjust a formula's
   * relative references), and down only. Excel, as its Range.AutoFill reference says, needs the
   * destination to include the source (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-autofill-member(1);
   * learn.microsoft.com/office/vba/api/excel.range.autofill).
   */
  autoFill(destination: FakeRange, autoFillType = 'FillDefault'): void {
    this.ctx.excel.requireApi('Range.autoFill', '1.9');
    if (autoFillType !== 'FillCopy') throw new Error(`the fake fills with FillCopy only, not ${autoFillType}`);
    this.ctx.method(
      this.path,
      'AutoFill',
      [destination.path.info.Id, autoFillType],
      true,
      () => {
        const from = this.box();
        const to = destination.box();
        this.ctx.excel.checkWritable(to.sheet);
        if (
          to.sheet !== from.sheet ||
          to.r0 !== from.r0 ||
          to.c0 !== from.c0 ||
          to.cols !== from.cols ||
          to.rows < from.rows
        )
          throw new OfficeError('InvalidArgument', 'the destination must extend the range down from its top-left cell');
        this.ctx.noteChange(to);
        for (let r = from.rows; r < to.rows; r++)
          for (let c = 0; c < to.cols; c++) {
            const cell = from.sheet.cells.get(key(from.r0 + (r % from.rows), from.c0 + c));
            if (cell?.formula) throw new Error('the fake does not fill formulas');
            const k = key(to.r0 + r, to.c0 + c);
            if (cell) to.sheet.cells.set(k, { ...cell });
            else to.sheet.cells.delete(k);
          }
      },
      [destination.path],
    );
  }
  /** Range.clear(): values, formulas and formats of every cell in the range go. */
  clear(applyTo = 'All'): void {
    if (applyTo !== 'All') throw new Error('the fake clears All only');
    this.ctx.method(this.path, 'Clear', [applyTo], true, () => {
      const b = this.box();
      this.ctx.excel.checkWritable(b.sheet);
      this.ctx.noteChange(b);
      clearConditional(b);
      const gone: string[] = [];
      eachCell(b.sheet, b, (r, c) => gone.push(key(r, c)));
      for (const k of gone) b.sheet.cells.delete(k);
    });
  }
  /**
   * Range.conditionalFormats (ExcelApi 1.6): `add(type)` creates a format over the range (the fake
   * knows the "CellValue" type), `clearAll()` takes every format off the range's cells
   * (learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection; Range.clear("All")
   * removes them too: learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-clear-member(1)).
   */
  get conditionalFormats() {
    const ctx = this.ctx;
    ctx.excel.requireApi('Range.conditionalFormats', '1.6');
    const range = this;
    const collection = ctx.propertyPath(this.path, 'ConditionalFormats');
    return {
      add(type: string) {
        if (type !== 'CellValue' && type !== 'Custom')
          throw new Error(`the fake adds CellValue and Custom conditional formats only, not ${type}`);
        const model: FakeConditional = { areas: [], rule: null, fill: null, origin: { r0: 0, c0: 0 } };
        const added = ctx.methodPath(collection, 'Add', [type], {
          onCreate: () => {
            const b = range.box();
            ctx.excel.checkWritable(b.sheet);
            model.areas = [{ r0: b.r0, c0: b.c0, rows: b.rows, cols: b.cols }];
            model.origin = { r0: b.r0, c0: b.c0 };
            (b.sheet.conditional ??= []).push(model);
          },
        });
        const cellValue = ctx.propertyPath(added, type);
        const fillOf = (owner: ObjectPath) => ({
          get fill() {
            const fill = ctx.propertyPath(ctx.propertyPath(owner, 'Format'), 'Fill');
            return {
              set color(color: string) {
                ctx.setProperty(fill, 'Color', color, () => (model.fill = color));
              },
            };
          },
        });
        if (type === 'Custom') {
          const rule = ctx.propertyPath(cellValue, 'Rule');
          return {
            custom: {
              rule: {
                set formula(formula: string) {
                  ctx.setProperty(rule, 'Formula', formula, () => {
                    if (!formula.startsWith('=') || formula.length > FORMULA_LIMIT)
                      throw new OfficeError('InvalidArgument', `"${formula}" is not a rule's formula`);
                    model.formula = formula;
                  });
                },
              },
              format: fillOf(cellValue),
            },
          };
        }
        return {
          cellValue: {
            set rule(rule: { formula1: string; operator: string }) {
              ctx.setProperty(cellValue, 'Rule', rule, () => {
                if (!rule.formula1?.startsWith('=') || rule.formula1.length > FORMULA_LIMIT)
                  throw new OfficeError('InvalidArgument', `"${rule.formula1}" is not a rule's formula`);
                model.rule = { formula1: rule.formula1, operator: rule.operator };
              });
            },
            get format() {
              const format = ctx.propertyPath(cellValue, 'Format');
              return {
                get fill() {
                  const fill = ctx.propertyPath(format, 'Fill');
                  return {
                    set color(color: string) {
                      ctx.setProperty(fill, 'Color', color, () => (model.fill = color));
                    },
                  };
                },
              };
            },
          },
        };
      },
      clearAll: () =>
        ctx.method(collection, 'ClearAll', [], true, () => {
          const b = range.box();
          ctx.excel.checkWritable(b.sheet);
          clearConditional(b);
        }),
    };
  }
  /**
   * Range.setCellProperties (ExcelApi 1.9): one entry per cell, each setting only what it names; the
   * fake knows format.fill.color and format.font.bold. The array must match the range's size.
   */
  setCellProperties(cells: { format?: { fill?: { color?: string }; font?: { bold?: boolean } } }[][]): void {
    this.ctx.excel.requireApi('Range.setCellProperties', '1.9');
    this.ctx.method(this.path, 'SetCellProperties', [cells], true, () => {
      const b = this.box();
      this.ctx.excel.checkWritable(b.sheet);
      if (cells.length !== b.rows || cells.some((row) => row.length !== b.cols))
        throw new OfficeError('InvalidArgument', `the cell properties do not match the range's ${b.rows}x${b.cols}`);
      cells.forEach((row, r) =>
        row.forEach((p, c) => {
          if (!p.format) return;
          const cell = this.ctx.excel.cellAt(b.sheet, b.r0 + r, b.c0 + c);
          if (p.format.fill?.color !== undefined) cell.fill = p.format.fill.color;
          if (p.format.font?.bold !== undefined) cell.bold = p.format.font.bold;
        }),
      );
    });
  }
  select(): void {
    this.ctx.method(this.path, 'Select', [], false, () => {
      const b = this.box();
      this.ctx.excel.selection = { sheet: b.sheet.name, address: `${colName(b.c0)}${b.r0 + 1}` };
    });
  }
}

/** Excel's address of an area: one cell as "K2", more as "K2:L3". */
const areaAddress = (b: FakeArea) => {
  const first = `${colName(b.c0)}${b.r0 + 1}`;
  return b.rows === 1 && b.cols === 1 ? first : `${first}:${colName(b.c0 + b.cols - 1)}${b.r0 + b.rows}`;
};
const overlaps = (a: FakeArea, b: FakeArea) =>
  a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
const MERGED_AREAS_MAX = 512;

/** What is left of area `a` once `b` is taken out of it: up to four rectangles. */
function subtractArea(a: FakeArea, b: FakeArea): FakeArea[] {
  if (!overlaps(a, b)) return [a];
  const out: FakeArea[] = [];
  const top = Math.max(a.r0, b.r0);
  const bottom = Math.min(a.r0 + a.rows, b.r0 + b.rows);
  if (b.r0 > a.r0) out.push({ r0: a.r0, c0: a.c0, rows: b.r0 - a.r0, cols: a.cols });
  if (bottom < a.r0 + a.rows) out.push({ r0: bottom, c0: a.c0, rows: a.r0 + a.rows - bottom, cols: a.cols });
  if (b.c0 > a.c0) out.push({ r0: top, c0: a.c0, rows: bottom - top, cols: b.c0 - a.c0 });
  if (b.c0 + b.cols < a.c0 + a.cols)
    out.push({ r0: top, c0: b.c0 + b.cols, rows: bottom - top, cols: a.c0 + a.cols - (b.c0 + b.cols) });
  return out;
}

/** Takes every conditional format off the cells of `box` (ConditionalFormatCollection.clearAll, Range.clear). */
function clearConditional(box: Box): void {
  const sheet = box.sheet;
  if (!sheet.conditional) return;
  for (const cf of sheet.conditional) cf.areas = cf.areas.flatMap((a) => subtractArea(a, box));
  sheet.conditional = sheet.conditional.filter((cf) => cf.areas.length > 0);
}

/** Whether a Custom rule's formula holds at (r, c): `=A2="x"` or `=AND(A2="x",B2="y")`, relative to `origin`. */
function formulaHolds(cf: FakeConditional, sheet: FakeSheetModel, r: number, c: number): boolean {
  const body = /^=AND\((.*)\)$/.exec(cf.formula!)?.[1] ?? cf.formula!.slice(1);
  const parts = body.match(/[A-Z]+\d+="(?:[^"]|"")*"/g) ?? [];
  if (parts.join(',') !== body)
    throw new Error(`the fake evaluates comparisons of cells with text only: ${cf.formula}`);
  return parts.every((part) => {
    const m = /^([A-Z]+\d+)=(".*")$/.exec(part)!;
    const at = parseA1(m[1]);
    const cell = sheet.cells.get(key(r + at.r - cf.origin.r0, c + at.c - cf.origin.c0));
    return ruleHolds({ formula1: `=${m[2]}`, operator: 'EqualTo' }, cell);
  });
}

/** Whether a cellValue rule holds for a cell. Excel compares text without regard to case. */
function ruleHolds(rule: { formula1: string; operator: string }, cell: FakeCell | undefined): boolean {
  const text = /^="((?:[^"]|"")*)"$/.exec(rule.formula1);
  if (rule.operator !== 'EqualTo' || !text) throw new Error(`the fake evaluates EqualTo a text constant only`);
  const value = cell?.value;
  return typeof value === 'string' && value.toLowerCase() === text[1].replace(/""/g, '"').toLowerCase();
}

const quoteSheet = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

/** The rows and columns a sheet's stored cells reach, remembered until the sheet's cell count changes. */
const extents = new WeakMap<Map<string, FakeCell>, { size: number; rows: number; cols: number }>();
function extentOf(sheet: FakeSheetModel): { rows: number; cols: number } {
  const known = extents.get(sheet.cells);
  if (known && known.size === sheet.cells.size) return known;
  let rows = 0;
  let cols = 0;
  for (const k of sheet.cells.keys()) {
    const comma = k.indexOf(',');
    rows = Math.max(rows, Number(k.slice(0, comma)) + 1);
    cols = Math.max(cols, Number(k.slice(comma + 1)) + 1);
  }
  const extent = { size: sheet.cells.size, rows, cols };
  extents.set(sheet.cells, extent);
  return extent;
}

/** Every stored cell inside the box (all of the sheet's when there is none), by whichever way is quicker. */
function eachCell(
  sheet: FakeSheetModel,
  within: Box | undefined,
  f: (r: number, c: number, cell: FakeCell) => void,
): void {
  const extent = within ? extentOf(sheet) : null;
  const rowEnd = within && extent ? Math.min(within.r0 + within.rows, extent.rows) : 0;
  const colEnd = within && extent ? Math.min(within.c0 + within.cols, extent.cols) : 0;
  if (within && (rowEnd - within.r0) * (colEnd - within.c0) < sheet.cells.size) {
    for (let r = within.r0; r < rowEnd; r++) {
      for (let c = within.c0; c < colEnd; c++) {
        const cell = sheet.cells.get(key(r, c));
        if (cell) f(r, c, cell);
      }
    }
    return;
  }
  for (const [k, cell] of sheet.cells) {
    const comma = k.indexOf(',');
    const r = Number(k.slice(0, comma));
    const c = Number(k.slice(comma + 1));
    if (within && (r < within.r0 || r >= within.r0 + within.rows || c < within.c0 || c >= within.c0 + within.cols))
      continue;
    f(r, c, cell);
  }
}

function usedBox(sheet: FakeSheetModel, valuesOnly: boolean, within?: Box): Box | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  eachCell(sheet, within, (r, c, cell) => {
    if (!hasValue(cell) && (valuesOnly || !hasFormat(cell))) return;
    if (r < top) top = r;
    if (c < left) left = c;
    if (r > bottom) bottom = r;
    if (c > right) right = c;
  });
  if (bottom < 0) return null;
  return { sheet, r0: top, c0: left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** Several areas of one sheet (ExcelApi 1.9), for one format over many runs of cells; null (a null object) when there are none. */
export class FakeRangeAreas extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    private readonly resolveBoxes: () => Box[] | null,
  ) {
    super(ctx, path);
  }
  private boxes(): Box[] {
    const b = this.resolveBoxes();
    if (!b) throw new OfficeError('InvalidReference', 'the range areas are a null object');
    return b;
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }
  protected fetch(select: string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const boxes = this.resolveBoxes();
    out.set('isNullObject', boxes === null);
    if (boxes === null) return out;
    for (const p of select) {
      if (p === 'areaCount') out.set(p, boxes.length);
      else if (p === 'address')
        out.set(p, boxes.map((b) => `${quoteSheet(b.sheet.name)}!${areaAddress(b)}`).join(', '));
      else if (p !== 'isNullObject') throw new Error(`fake RangeAreas cannot load '${p}'`);
    }
    return out;
  }
  get format() {
    const ctx = this.ctx;
    const format = ctx.propertyPath(this.path, 'Format');
    const each = (f: (cell: FakeCell) => void) => () => {
      for (const b of this.boxes())
        for (let r = 0; r < b.rows; r++)
          for (let c = 0; c < b.cols; c++) f(ctx.excel.cellAt(b.sheet, b.r0 + r, b.c0 + c));
    };
    return {
      get fill() {
        const fill = ctx.propertyPath(format, 'Fill');
        return {
          set color(color: string) {
            ctx.setProperty(
              fill,
              'Color',
              color,
              each((cell) => (cell.fill = color)),
            );
          },
          clear: () =>
            ctx.method(
              fill,
              'Clear',
              [],
              true,
              each((cell) => (cell.fill = null)),
            ),
        };
      },
    };
  }
}

export class FakeWorksheet extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    readonly resolve: () => FakeSheetModel | null,
  ) {
    super(ctx, path);
  }
  private model(): FakeSheetModel {
    const m = this.resolve();
    if (!m) throw new OfficeError('ItemNotFound', 'the worksheet does not exist');
    return m;
  }
  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.ctx.setProperty(this.path, 'Name', n, () => this.ctx.excel.renameSheet(this.model(), n));
  }
  get position(): number {
    return this.read('position');
  }
  set position(p: number) {
    this.ctx.setProperty(this.path, 'Position', p, () => this.ctx.excel.moveSheet(this.model(), p));
  }
  get visibility(): string {
    return this.read('visibility');
  }
  get id(): string {
    return this.read('id');
  }
  get tabColor(): string {
    return this.read('tabColor');
  }
  set tabColor(color: string) {
    this.ctx.setProperty(this.path, 'TabColor', color, () => (this.model().tabColor = color));
  }
  set visibility(v: string) {
    this.ctx.setProperty(this.path, 'Visibility', v, () => {
      const m = this.model();
      const others = this.ctx.excel.sheets.some((s) => s !== m && (s.visibility ?? 'Visible') === 'Visible');
      // A workbook keeps one visible sheet: the last one cannot be hidden.
      if (v !== 'Visible' && !others)
        throw new OfficeError('InvalidOperation', 'a workbook must keep one visible sheet');
      m.visibility = v;
    });
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get protection(): { protected: boolean } {
    return { protected: this.read<boolean>('protection/protected') };
  }
  protected fetch(select: string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const m = this.resolve();
    out.set('isNullObject', m === null);
    if (m === null) return out;
    for (const p of select) {
      if (p === 'name') out.set(p, m.name);
      else if (p === 'position') out.set(p, this.ctx.excel.sheets.indexOf(m));
      else if (p === 'visibility') out.set(p, m.visibility ?? 'Visible');
      else if (p === 'id') out.set(p, m.id);
      else if (p === 'tabColor') out.set(p, m.tabColor ?? '');
      else if (p === 'protection/protected') out.set(p, Boolean(m.protected));
      else if (p !== 'isNullObject') throw new Error(`fake Worksheet cannot load '${p}'`);
    }
    return out;
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    const path = this.ctx.methodPath(this.path, 'GetRangeByIndexes', [r, c, rows, cols], { range: true });
    return new FakeRange(this.ctx, path, () => {
      if (r < 0 || c < 0 || rows < 1 || cols < 1 || r + rows > MAX_ROWS || c + cols > MAX_COLUMNS)
        throw new OfficeError('InvalidArgument', `no range at ${r},${c} of ${rows}x${cols}`);
      return { sheet: this.model(), r0: r, c0: c, rows, cols };
    });
  }
  getRange(address: string): FakeRange {
    const path = this.ctx.methodPath(this.path, 'GetRange', [address], { range: true });
    return new FakeRange(this.ctx, path, () => ({ sheet: this.model(), ...boxOf(address) }));
  }
  /** Comma-separated areas (ExcelApi 1.9). */
  getRanges(address: string): FakeRangeAreas {
    this.ctx.excel.requireApi('Worksheet.getRanges', '1.9');
    const path = this.ctx.methodPath(this.path, 'GetRanges', [address], { range: true });
    return new FakeRangeAreas(this.ctx, path, () => {
      // Excel refuses long multi-area addresses (office-js issue 5198: from about 8,200 characters).
      if (address.length > FORMULA_LIMIT)
        throw new OfficeError('InvalidArgument', `an address of ${address.length} characters is too long`);
      // The areas are joined by the list separator of the user's locale (office-js issues 1167, 1985).
      const separator = this.ctx.excel.listSeparator;
      const other = separator === ',' ? ';' : ',';
      if (address.includes(other))
        throw new OfficeError('InvalidArgument', `"${address.slice(0, 40)}…" is not an address in this locale`);
      return address.split(separator).map((a) => ({ sheet: this.model(), ...boxOf(a.trim()) }));
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const path = this.ctx.methodPath(this.path, 'GetUsedRangeOrNullObject', [valuesOnly], { range: true });
    return new FakeRange(this.ctx, path, () => usedBox(this.model(), valuesOnly));
  }
  delete(): void {
    this.ctx.method(this.path, 'Delete', [], true, () => this.ctx.excel.deleteSheet(this.model()));
  }
  /** Worksheet.onChanged (ExcelApi 1.7): see "Change events" above. */
  get onChanged() {
    this.ctx.excel.requireApi('Worksheet.onChanged', '1.7');
    return { add: (handler: ChangedHandler) => this.ctx.register(this.path, () => ({ sheet: this.model() }), handler) };
  }
  activate(): void {
    this.ctx.method(this.path, 'Activate', [], false, () => (this.ctx.excel.activeSheet = this.model().name));
  }
  get freezePanes() {
    const path = this.ctx.propertyPath(this.path, 'FreezePanes');
    return {
      freezeRows: (n: number) => this.ctx.method(path, 'FreezeRows', [n], true, () => (this.model().frozenRows = n)),
    };
  }
  get autoFilter() {
    this.ctx.excel.requireApi('Worksheet.autoFilter', '1.9');
    const path = this.ctx.propertyPath(this.path, 'AutoFilter');
    return {
      apply: (range: FakeRange) =>
        this.ctx.method(
          path,
          'Apply',
          [range.path.info.Id],
          true,
          () => {
            const b = range.resolve();
            const m = this.model();
            if (m.autoFilter) throw new OfficeError('InvalidOperation', 'the sheet has an AutoFilter already');
            m.autoFilter = b ? areaAddress(b) : null;
          },
          [range.path],
        ),
      /** Removes the sheet's AutoFilter; nothing happens when it has none. */
      remove: () => this.ctx.method(path, 'Remove', [], true, () => (this.model().autoFilter = null)),
    };
  }
  get tables() {
    const path = this.ctx.propertyPath(this.path, 'Tables');
    return {
      add: (range: FakeRange, hasHeaders: boolean) => {
        const model: { table: FakeTableModel | null } = { table: null };
        const tablePath = this.ctx.methodPath(path, 'Add', [range.path.info.Id, hasHeaders], {
          argPaths: [range.path],
          onCreate: () => {
            const b = range.resolve()!;
            if ((b.sheet.merged ?? []).some((m) => overlaps(m, b)))
              throw new OfficeError('InvalidOperation', 'a table cannot hold merged cells');
            const t: FakeTableModel = {
              name: `Table${this.ctx.excel.tables.length + 1}`,
              sheet: b.sheet,
              top: b.r0,
              left: b.c0,
              columns: b.cols,
              dataRows: b.rows - 1,
              showTotals: false,
            };
            this.ctx.excel.tables.push(t);
            model.table = t;
          },
        });
        return new FakeTable(this.ctx, tablePath, () => model.table);
      },
    };
  }
}

function boxOf(address: string): Omit<Box, 'sheet'> {
  const [a, b = a] = address.replace(/^.*!/, '').split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  return { r0: p.r, c0: p.c, rows: q.r - p.r + 1, cols: q.c - p.c + 1 };
}

export class FakeTable extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    readonly resolve: () => FakeTableModel | null,
  ) {
    super(ctx, path);
  }
  private model(): FakeTableModel {
    const m = this.resolve();
    if (!m) throw new OfficeError('ItemNotFound', 'the table does not exist');
    return m;
  }
  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.ctx.setProperty(this.path, 'Name', n, () => (this.model().name = n));
  }
  get showHeaders(): boolean {
    return this.read('showHeaders');
  }
  get showTotals(): boolean {
    return this.read('showTotals');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get worksheet(): { name: string } {
    return { name: this.read<string>('worksheet/name') };
  }
  protected fetch(select: string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const m = this.resolve();
    out.set('isNullObject', m === null);
    if (m === null) return out;
    for (const p of select) {
      if (p === 'name') out.set(p, m.name);
      else if (p === 'showHeaders') out.set(p, true);
      else if (p === 'showTotals') out.set(p, m.showTotals);
      else if (p === 'worksheet/name') out.set(p, m.sheet.name);
      else if (p === 'id') out.set(p, this.ctx.excel.tableId(m));
      else if (p !== 'isNullObject') throw new Error(`fake Table cannot load '${p}'`);
    }
    return out;
  }
  /** Table.onChanged (ExcelApi 1.7): see "Change events" above. */
  get onChanged() {
    this.ctx.excel.requireApi('Table.onChanged', '1.7');
    return { add: (handler: ChangedHandler) => this.ctx.register(this.path, () => ({ table: this.model() }), handler) };
  }
  getRange(): FakeRange {
    const path = this.ctx.methodPath(this.path, 'GetRange', [], { range: true });
    return new FakeRange(this.ctx, path, () => {
      const m = this.model();
      return { sheet: m.sheet, r0: m.top, c0: m.left, rows: 1 + m.dataRows + (m.showTotals ? 1 : 0), cols: m.columns };
    });
  }
  /**
   * Resizes the table over `range` without moving any cell (ExcelApi 1.13). The header stays in its
   * row and the new range overlaps the old; empty header cells become "Column1"….
   */
  resize(range: FakeRange | string): void {
    this.ctx.excel.requireApi('Table.resize', '1.13');
    const arg = typeof range === 'string' ? range : range.path.info.Id;
    this.ctx.method(
      this.path,
      'Resize',
      [arg],
      true,
      () =>
        this.ctx.excel.resizeTable(
          this.model(),
          typeof range === 'string' ? { sheet: this.model().sheet, ...boxOf(range) } : range.resolve()!,
        ),
      typeof range === 'string' ? [] : [range.path],
    );
  }
  get columns() {
    const path = this.ctx.propertyPath(this.path, 'Columns');
    return {
      /** Adds a column at the right, inserting cells: what lies right of the table in its rows moves one column right. */
      add: (index?: number | null, values?: unknown, name?: string) => {
        if (index !== undefined && index !== null) throw new Error('the fake only appends table columns');
        this.ctx.methodPath(path, 'Add', [index ?? null, values ?? null, name ?? null], {
          onCreate: () => this.ctx.excel.insertTableColumn(this.model(), name),
        });
      },
    };
  }
}

class FakeFunctionResult extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    private readonly compute: () => { value: unknown; error: string | null },
  ) {
    super(ctx, path);
  }
  get value(): number {
    return this.read('value');
  }
  get error(): string | null {
    return this.read('error');
  }
  protected fetch(select: string[]): Map<string, unknown> {
    const result = this.compute();
    const out = new Map<string, unknown>();
    for (const p of select) {
      if (p === 'value') out.set(p, result.value);
      else if (p === 'error') out.set(p, result.error);
      else throw new Error(`fake FunctionResult cannot load '${p}'`);
    }
    return out;
  }
}

/** The selected cell: its address reads as Office writes it, sheet name quoted when it needs to be. */
class FakeActiveCell extends FakeObject {
  protected fetch(): Map<string, unknown> {
    const sel = this.ctx.excel.selection ?? { sheet: this.ctx.excel.sheets[0]?.name ?? 'Sheet1', address: 'A1' };
    return new Map([['address', `${quoteSheet(sel.sheet)}!${sel.address}`]]);
  }
  get address(): string {
    return this.read('address');
  }
}

class FakeCollection<T extends FakeObject> extends FakeObject {
  items: T[] = [];
  constructor(
    ctx: FakeContext,
    path: ObjectPath,
    private readonly list: () => { id: string; make: (path: ObjectPath) => T }[],
  ) {
    super(ctx, path);
  }
  protected fetch(): Map<string, unknown> {
    return new Map();
  }
  override load(props?: string | string[]): this {
    const select = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.query(this.path, select, () => {
      const items = this.list().map(({ id, make }) => {
        const item = make(this.ctx.indexerPath(this.path, id));
        return { item, values: (item as unknown as { fetch: (s: string[]) => Map<string, unknown> }).fetch(select) };
      });
      return {
        values: new Map([['items', items.map((i) => i.values)]]),
        wire: { _Items: items.map((i) => wireOf(i.values)) },
        apply: () => {
          this.items = items.map(({ item, values }) => {
            values.forEach((v, k) => (item as unknown as { loaded: Map<string, unknown> }).loaded.set(k, v));
            return item;
          });
        },
      };
    });
    return this;
  }
}

function wireOf(values: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (values.get('isNullObject') === true) return { _IsNull: true };
  values.forEach((v, k) => {
    if (k !== 'isNullObject') nest(out, k, v);
  });
  return out;
}

/** Excel.Runtime: enableEvents turns this add-in's event handlers off and on (ExcelApi 1.8). */
export class FakeRuntime extends FakeObject {
  get enableEvents(): boolean {
    return this.read('enableEvents');
  }
  set enableEvents(on: boolean) {
    this.ctx.excel.requireApi('Runtime.enableEvents', '1.8');
    this.ctx.setProperty(this.path, 'EnableEvents', on, () => (this.ctx.excel.eventsEnabled = on), false);
  }
  protected fetch(select: string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const p of select) {
      if (p !== 'enableEvents') throw new Error(`fake Runtime cannot load '${p}'`);
      this.ctx.excel.requireApi('Runtime.enableEvents', '1.8');
      out.set(p, this.ctx.excel.eventsEnabled);
    }
    return out;
  }
}

/**
 * OfficeExtension.ClientResult: a method's result, whose `value` is "retrieved from the document after
 * `context.sync()` is invoked" (the reference); office.js throws when it is read before.
 */
export class FakeClientResult<T> {
  private settled = false;
  private result: T | undefined;
  get value(): T {
    if (!this.settled) throw new PropertyNotLoaded('value');
    return this.result as T;
  }
  settle(value: T): void {
    this.result = value;
    this.settled = true;
  }
}

/** InsertWorksheetOptions (ExcelApi 1.13). */
export interface FakeInsertOptions {
  positionType?: string;
  relativeTo?: FakeWorksheet | string;
  sheetNamesToInsert?: string[];
}

/** The package reader (excel-fake-xlsx.ts), where a module loader can give it; none in the browser tests. */
function packageReader(): typeof import('./excel-fake-xlsx') | null {
  // The browser tests compile this file on its own, with no require: there every insert is refused.
  if (typeof require !== 'function') return null;
  return require('./excel-fake-xlsx') as typeof import('./excel-fake-xlsx');
}

// ---------------------------------------------------------------------------------------------
// The request context: one per Excel.run

interface LoadResult {
  values: Map<string, unknown>;
  wire?: unknown;
  apply: () => void;
}

export class FakeContext {
  private lastId = 0;
  private queue: Queued[] = [];
  private instantiated = new Set<number>();
  readonly root: ObjectPath;
  private readonly created = new Map<number, () => void>();

  constructor(readonly excel: FakeExcel) {
    this.root = new ObjectPath({ Id: this.nextId(), ObjectPathType: PathType.Global, Name: '' }, null);
  }

  private nextId(): number {
    return ++this.lastId;
  }

  /** office.js instantiates every object as it is created, and inside Excel.run keeps a reference to every range. */
  private born(path: ObjectPath, keepReference: boolean): ObjectPath {
    this.instantiate(path, true);
    if (keepReference) {
      path.tracked = true;
      this.push(
        {
          Id: this.nextId(),
          ActionType: ActionType.Method,
          Name: '_KeepReference',
          ObjectPathId: path.info.Id,
          ArgumentInfo: { Arguments: [] },
        },
        path,
        [],
        false,
      );
      this.instantiate(path, true);
    }
    return path;
  }

  private instantiate(path: ObjectPath, force = false): void {
    if (!force && this.instantiated.has(path.info.Id)) return;
    if (path.parent) this.instantiate(path.parent);
    for (const a of path.args) this.instantiate(a);
    this.instantiated.add(path.info.Id);
    const run = this.created.get(path.info.Id);
    this.push(
      { Id: this.nextId(), ActionType: ActionType.Instantiate, Name: '', ObjectPathId: path.info.Id },
      path,
      [],
      Boolean(run),
      () => {
        if (run) {
          this.created.delete(path.info.Id);
          run();
        }
        return path.tracked && !path.info.D
          ? { _ReferenceId: `{${path.info.Id.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000}` }
          : {};
      },
    );
  }

  private push(info: ActionInfo, path: ObjectPath, args: ObjectPath[], write: boolean, run?: () => unknown): void {
    this.queue.push({ info, path, args, run, write });
  }

  private reference(path: ObjectPath, args: ObjectPath[] = []): void {
    this.instantiate(path);
    for (const a of args) this.instantiate(a);
  }

  propertyPath(parent: ObjectPath, name: string): ObjectPath {
    return this.born(
      new ObjectPath(
        { Id: this.nextId(), ObjectPathType: PathType.Property, Name: name, ParentObjectPathId: parent.info.Id },
        parent,
      ),
      false,
    );
  }

  /** An object a method returns; `range` when it is a Range (Excel.run keeps a reference to those), `onCreate` when making it writes. */
  methodPath(
    parent: ObjectPath,
    name: string,
    args: unknown[],
    opts: { argPaths?: ObjectPath[]; onCreate?: () => void; range?: boolean } = {},
  ): ObjectPath {
    const argPaths = opts.argPaths ?? [];
    const argumentInfo: ArgumentInfo = { Arguments: args };
    if (argPaths.length > 0)
      argumentInfo.ReferencedObjectPathIds = args.map((a) =>
        argPaths.some((p) => p.info.Id === a) ? (a as number) : 0,
      );
    const path = new ObjectPath(
      {
        Id: this.nextId(),
        ObjectPathType: PathType.Method,
        Name: name,
        ParentObjectPathId: parent.info.Id,
        ArgumentInfo: argumentInfo,
      },
      parent,
      argPaths,
    );
    if (opts.onCreate) this.created.set(path.info.Id, opts.onCreate);
    return this.born(path, Boolean(opts.range));
  }

  indexerPath(parent: ObjectPath, id: string): ObjectPath {
    return new ObjectPath(
      {
        Id: this.nextId(),
        ObjectPathType: PathType.Indexer,
        Name: '',
        ParentObjectPathId: parent.info.Id,
        ArgumentInfo: { Arguments: [id] },
      },
      parent,
    );
  }

  /** `write` false for a property that changes no cell (Runtime.enableEvents): it is not counted as a write. */
  setProperty(path: ObjectPath, name: string, value: unknown, run: () => void, write = true): void {
    this.reference(path);
    this.push(
      {
        Id: this.nextId(),
        ActionType: ActionType.SetProperty,
        Name: name,
        ObjectPathId: path.info.Id,
        ArgumentInfo: { Arguments: [value] },
      },
      path,
      [],
      write,
      run,
    );
  }

  method(
    path: ObjectPath,
    name: string,
    args: unknown[],
    write: boolean,
    run: () => unknown,
    argPaths: ObjectPath[] = [],
  ): void {
    this.queueMethod(path, name, args, argPaths, write, () => {
      run();
      return undefined;
    });
  }

  /** A method whose result Excel sends back (a ClientResult's value, readable after the sync). */
  methodWithResult<T>(
    path: ObjectPath,
    name: string,
    args: unknown[],
    run: () => T,
    argPaths: ObjectPath[] = [],
  ): FakeClientResult<T> {
    const result = new FakeClientResult<T>();
    this.queueMethod(path, name, args, argPaths, true, () => {
      const value = run();
      this.afterSync.push(() => result.settle(value));
      return value;
    });
    return result;
  }

  /** A method action as office.js sends it: its arguments, and which of them are object paths. */
  private queueMethod(
    path: ObjectPath,
    name: string,
    args: unknown[],
    argPaths: ObjectPath[],
    write: boolean,
    run: () => unknown,
  ): void {
    this.reference(path, argPaths);
    const argumentInfo: ArgumentInfo = { Arguments: args };
    if (argPaths.length > 0)
      argumentInfo.ReferencedObjectPathIds = args.map((a) =>
        argPaths.some((p) => p.info.Id === a) ? (a as number) : 0,
      );
    this.push(
      {
        Id: this.nextId(),
        ActionType: ActionType.Method,
        Name: name,
        ObjectPathId: path.info.Id,
        ArgumentInfo: argumentInfo,
      },
      path,
      argPaths,
      write,
      run,
    );
  }

  /**
   * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13; @types/office-js, Excel.Workbook, and
   * learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-insertworksheetsfrombase64-member(1)):
   * the whole base64 string is one argument of the method action (counted in the request as office.js
   * sends it); the result, "an array of IDs corresponding to each newly inserted worksheet", is a
   * ClientResult read after the sync. Options as Excel.InsertWorksheetOptions says: positionType
   * ("End" by default; "Beginning", "Before"/"After" relativeTo a worksheet or its name, "None" as
   * "End"), sheetNamesToInsert (all by default). The fake inserts cells (values, formulas, number
   * formats, fills, bold) and each sheet's visibility; the reference lists what Excel on the web does
   * not insert (charts, comments, PivotTables, slicers), which the fake's reader never reads. What the
   * reference leaves open, the fake does as Excel's own Move or Copy does: a name already taken gets
   * " (2)", " (3)", …; a string that is not base64, or bytes that are not a workbook, are refused with
   * InvalidArgument (Excel.ErrorCodes: "the argument is invalid or missing or has an incorrect format");
   * a protected workbook structure with AccessDenied, as for Worksheets.add.
   */
  insertWorksheetsFromBase64(base64File: string, options: FakeInsertOptions = {}): FakeClientResult<string[]> {
    this.excel.requireApi('Workbook.insertWorksheetsFromBase64', '1.13');
    const relative = options.relativeTo;
    const relativePath = relative instanceof FakeWorksheet ? relative.path : null;
    const wire = {
      ...(options.positionType !== undefined ? { positionType: options.positionType } : {}),
      ...(relative !== undefined ? { relativeTo: relativePath ? relativePath.info.Id : relative } : {}),
      ...(options.sheetNamesToInsert ? { sheetNamesToInsert: options.sheetNamesToInsert } : {}),
    };
    return this.methodWithResult(
      this.root,
      'InsertWorksheetsFromBase64',
      [base64File, wire],
      () =>
        this.excel.insertPackage(base64File, options, () =>
          relativePath ? (relative as FakeWorksheet).resolve() : null,
        ),
      relativePath ? [relativePath] : [],
    );
  }

  /** Results handed to their ClientResult once the response is in. */
  private afterSync: (() => void)[] = [];

  query(path: ObjectPath, select: string[], run: () => LoadResult): void {
    this.reference(path);
    this.push(
      {
        Id: this.nextId(),
        ActionType: ActionType.Query,
        Name: '',
        ObjectPathId: path.info.Id,
        QueryInfo: { Select: select },
      },
      path,
      [],
      false,
      run,
    );
  }

  /** range.untrack(): the keep-reference action goes, and the path is marked so Excel keeps none. */
  untrack(path: ObjectPath): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const q = this.queue[i];
      if (
        q.info.ObjectPathId === path.info.Id &&
        q.info.ActionType === ActionType.Method &&
        q.info.Name === '_KeepReference'
      ) {
        this.queue.splice(i, 1);
        break;
      }
    }
    path.info.D = true;
  }

  /** The request office.js would send for the queued actions: its JSON body, and the paths each action is the last to use. */
  private message(queue: Queued[]): string {
    const paths = new Map<number, PathInfo>();
    const seen = new Set<number>();
    const last = new Map<Queued, number[]>();
    const chain = (p: ObjectPath | null, into: ObjectPath[]) => {
      for (let at = p; at; at = at.parent) {
        into.push(at);
        for (const a of at.args) chain(a, into);
      }
    };
    for (let i = queue.length - 1; i >= 0; i--) {
      const used: ObjectPath[] = [];
      chain(queue[i].path, used);
      for (const a of queue[i].args) chain(a, used);
      for (const p of used) {
        paths.set(p.info.Id, p.info);
        if (seen.has(p.info.Id)) continue;
        seen.add(p.info.Id);
        const list = last.get(queue[i]) ?? [];
        list.push(p.info.Id);
        last.set(queue[i], list);
      }
    }
    const actions = queue.map((q) => {
      const l = last.get(q);
      return l ? { ...q.info, L: l } : q.info;
    });
    const objectPaths: Record<string, PathInfo> = {};
    [...paths.keys()].sort((a, b) => a - b).forEach((id) => (objectPaths[id] = paths.get(id)!));
    const keepsReferences = queue.some((q) => q.info.Name === '_KeepReference');
    return JSON.stringify({ AutoKeepReference: keepsReferences, Actions: actions, ObjectPaths: objectPaths });
  }

  /** Cells the running batch changed, with whether events were on when each change was made. */
  private changed: FakeChange[] = [];
  noteChange(box: Box): void {
    this.changed.push({ box, enabled: this.excel.eventsEnabled });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.afterSync = [];
    this.instantiated = new Set();
    const excel = this.excel;
    const request = this.message(queue);
    const requestBytes = utf8Length(request);
    const writes = queue.filter((q) => q.write).length;
    excel.syncs++;
    excel.batchBytes.push(requestBytes);
    const log = { request: requestBytes, response: 0, writes, refused: null as string | null };
    excel.log.push(log);
    if (requestBytes > excel.payloadLimit) {
      log.refused = 'RequestPayloadSizeLimitExceeded';
      throw new OfficeError(
        'RequestPayloadSizeLimitExceeded',
        `the request is ${requestBytes} bytes, over Excel on the web's limit`,
      );
    }
    const refusal = excel.refuse?.({ sync: excel.syncs, writes, request });
    if (refusal) {
      log.refused = refusal;
      throw new OfficeError(refusal, 'Excel refused the batch');
    }
    const results: { ActionId: number; Value: unknown }[] = [];
    const loads: (() => void)[] = [];
    this.changed = [];
    try {
      for (const q of queue) {
        if (!q.run) continue;
        if (q.write) excel.writes++;
        const out = q.run();
        if (q.info.ActionType === ActionType.Query) {
          const loaded = out as LoadResult;
          results.push({ ActionId: q.info.Id, Value: loaded.wire ?? wireOf(loaded.values) });
          loads.push(loaded.apply);
        } else if (out !== undefined) results.push({ ActionId: q.info.Id, Value: out });
      }
    } finally {
      // What the batch changed raises its events after the sync, also when a later action failed.
      excel.dispatchChanges(this.changed, 'Local', true);
      this.changed = [];
    }
    const responseBytes = utf8Length(JSON.stringify({ Results: results }));
    log.response = responseBytes;
    excel.responseBytes.push(responseBytes);
    if (responseBytes > excel.payloadLimit) {
      log.refused = 'ResponsePayloadSizeLimitExceeded';
      throw new OfficeError(
        'ResponsePayloadSizeLimitExceeded',
        `the response is ${responseBytes} bytes, over Excel on the web's limit`,
      );
    }
    for (const apply of loads) apply();
    const settled = this.afterSync;
    this.afterSync = [];
    for (const settle of settled) settle();
  }

  /** Adds a change handler at the next sync; the result's remove() takes it away at a later sync of this context. */
  register(path: ObjectPath, on: () => ChangeRegistration['on'], handler: ChangedHandler): FakeEventHandlerResult {
    const excel = this.excel;
    const registration: ChangeRegistration = { on: { sheet: { name: '' } as FakeSheetModel }, handler };
    this.method(path, '_RegisterDataChangedEvent', [], false, () => {
      registration.on = on();
      excel.changeHandlers.push(registration);
    });
    return {
      context: this,
      remove: () =>
        this.method(path, '_UnregisterDataChangedEvent', [], false, () => {
          excel.changeHandlers = excel.changeHandlers.filter((h) => h !== registration);
        }),
    };
  }

  private runtimeProxy: FakeRuntime | null = null;
  /** Runtime (ExcelApi 1.5); its enableEvents is ExcelApi 1.8. */
  get runtime(): FakeRuntime {
    return (this.runtimeProxy ??= new FakeRuntime(this, this.propertyPath(this.root, 'Runtime')));
  }

  private applicationPath: ObjectPath | null = null;
  get application() {
    const path = (this.applicationPath ??= this.propertyPath(this.root, 'Application'));
    return {
      suspendApiCalculationUntilNextSync: () =>
        this.method(path, 'SuspendApiCalculationUntilNextSync', [], false, () => undefined),
      suspendScreenUpdatingUntilNextSync: () => {
        this.excel.requireApi('Application.suspendScreenUpdatingUntilNextSync', '1.9');
        this.excel.screenSuspensions++;
        this.method(path, 'SuspendScreenUpdatingUntilNextSync', [], false, () => undefined);
      },
    };
  }

  private workbookProxy: ReturnType<FakeContext['makeWorkbook']> | null = null;
  get workbook() {
    return (this.workbookProxy ??= this.makeWorkbook());
  }

  private makeWorkbook() {
    const ctx = this;
    const excel = this.excel;
    const findSheet = (name: string) => excel.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null;
    const findTable = (name: string) => excel.tables.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null;
    // Like office.js, each collection's object comes into being the first time it is used.
    const once = <T>(make: () => T) => {
      let made: T | null = null;
      return () => (made ??= make());
    };
    const worksheets = once(() => {
      const path = ctx.propertyPath(ctx.root, 'Worksheets');
      return Object.assign(
        new FakeCollection<FakeWorksheet>(ctx, path, () =>
          excel.sheets.map((s) => ({ id: s.name, make: (p) => new FakeWorksheet(ctx, p, () => s) })),
        ),
        {
          // Excel finds the sheet once, when the path is first used; a rename later in the batch keeps it.
          getItem: (name: string) => {
            let found: FakeSheetModel | null = null;
            return new FakeWorksheet(ctx, ctx.methodPath(path, 'GetItem', [name]), () => {
              const s = found && excel.sheets.includes(found) ? found : findSheet(name);
              if (!s) throw new OfficeError('ItemNotFound', `no sheet ${name}`);
              return (found = s);
            });
          },
          getItemOrNullObject: (name: string) =>
            new FakeWorksheet(ctx, ctx.methodPath(path, 'GetItemOrNullObject', [name]), () => findSheet(name)),
          add: (name: string) => {
            const model: FakeSheetModel = { name, cells: new Map(), frozenRows: 0 };
            const added = ctx.methodPath(path, 'Add', [name], { onCreate: () => excel.addSheetNamed(model) });
            return new FakeWorksheet(ctx, added, () => (excel.sheets.includes(model) ? model : null));
          },
        },
      );
    });
    const tables = once(() => {
      const path = ctx.propertyPath(ctx.root, 'Tables');
      return Object.assign(
        new FakeCollection<FakeTable>(ctx, path, () =>
          excel.tables.map((t) => ({ id: t.name, make: (p) => new FakeTable(ctx, p, () => t) })),
        ),
        {
          getItem: (name: string) =>
            new FakeTable(ctx, ctx.methodPath(path, 'GetItem', [name]), () => {
              const t = findTable(name);
              if (!t) throw new OfficeError('ItemNotFound', `no table ${name}`);
              return t;
            }),
          getItemOrNullObject: (name: string) =>
            new FakeTable(ctx, ctx.methodPath(path, 'GetItemOrNullObject', [name]), () => findTable(name)),
        },
      );
    });
    const functionsPath = once(() => ctx.propertyPath(ctx.root, 'Functions'));
    const cellsOf = (ranges: FakeRange[]) =>
      ranges.flatMap((range) => {
        const b = range.resolve();
        const out: FakeCell[] = [];
        if (b) eachCell(b.sheet, b, (_r, _c, cell) => out.push(cell));
        return out;
      });
    const fn = (
      name: string,
      args: unknown[],
      compute: () => { value: unknown; error: string | null },
      ranges: FakeRange[] = [],
    ) =>
      new FakeFunctionResult(
        ctx,
        ctx.methodPath(functionsPath(), name, args, { argPaths: ranges.map((r) => r.path) }),
        compute,
      );
    const protection = once(
      () => new FakeWorkbookProtection(ctx, ctx.propertyPath(ctx.root, 'Protection'), () => excel.structureProtected),
    );
    return {
      get worksheets() {
        return worksheets();
      },
      get tables() {
        return tables();
      },
      /** WorkbookProtection (ExcelApi 1.7): `protected` once loaded. */
      get protection() {
        return protection();
      },
      functions: {
        date: (y: number, m: number, d: number) =>
          fn('Date', [y, m, d], () => ({ value: serialOf(y, m, d, excel.date1904), error: null })),
        /** SUM over ranges: numbers only (text, booleans and blanks are skipped); an error cell makes the result that error. */
        sum: (...ranges: FakeRange[]) =>
          fn(
            'Sum',
            ranges.map((r) => r.path.info.Id),
            () => {
              let total = 0;
              for (const cell of cellsOf(ranges)) {
                // An entity is skipped as text is; an error makes the sum that error.
                if (cell.value !== null && typeof cell.value === 'object' && !isEntity(cell.value))
                  return { value: null, error: cell.value.error };
                if (typeof cell.value === 'number') total += cell.value;
              }
              return { value: total, error: null };
            },
            ranges,
          ),
      },
      getActiveCell: () => new FakeActiveCell(ctx, ctx.methodPath(ctx.root, 'GetActiveCell', [], { range: true })),
      insertWorksheetsFromBase64: (base64File: string, options: FakeInsertOptions = {}) =>
        ctx.insertWorksheetsFromBase64(base64File, options),
      onSelectionChanged: {
        add: (handler: (args: { type: string }) => Promise<unknown>) => {
          ctx.method(ctx.root, '_RegisterSelectionChangedEvent', [], false, () =>
            excel.selectionHandlers.push(handler),
          );
          return { context: ctx, remove: () => undefined };
        },
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The workbook itself, outliving any one Excel.run

export interface SyncLog {
  /** Bytes of the request office.js sent, and of Excel's response. */
  request: number;
  response: number;
  /** Write actions in the batch. */
  writes: number;
  /** The error code when Excel refused the batch. */
  refused: string | null;
}

export class FakeExcel {
  sheets: FakeSheetModel[] = [];
  tables: FakeTableModel[] = [];
  date1904 = false;
  /** Review › Protect Workbook (structure): no sheet may be added, deleted or renamed. */
  structureProtected = false;
  /** The ExcelApi requirement set this Excel supports. */
  apiVersion = '1.13';
  /** Request and response limit: Excel on the web's. */
  payloadLimit = PAYLOAD_LIMIT;
  syncs = 0;
  writes = 0;
  /** Request bytes of every sync, in order. */
  batchBytes: number[] = [];
  /** Response bytes of every sync that Excel answered. */
  responseBytes: number[] = [];
  log: SyncLog[] = [];
  /** A test's stand-in for Excel refusing a batch for its own reasons: return an error code to refuse it. */
  refuse: ((batch: { sync: number; writes: number; request: string }) => string | null) | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Workbook-level selection handlers registered through onSelectionChanged. */
  selectionHandlers: ((args: { type: string }) => Promise<unknown>)[] = [];
  activeSheet: string | null = null;
  /** The user's list separator: "," in most locales, ";" where the decimal separator is a comma. */
  listSeparator: ',' | ';' = ',';
  /** Calls of suspendScreenUpdatingUntilNextSync since the counters were reset. */
  screenSuspensions = 0;
  private lastSheetId = 0;
  /** A worksheet id as Excel gives them: a GUID in braces. */
  newSheetId(): string {
    return `{${(++this.lastSheetId).toString(16).padStart(8, '0')}-0000-4000-8000-00000000cafe}`;
  }

  /** Office.context.requirements as this Excel answers it. */
  readonly requirements = {
    isSetSupported: (name: string, version?: string) =>
      name === 'ExcelApi' && versionAtLeast(this.apiVersion, version ?? '1.1'),
  };

  requireApi(what: string, version: string): void {
    if (!versionAtLeast(this.apiVersion, version))
      throw new OfficeError('ApiNotFound', `${what} needs ExcelApi ${version}; this Excel has ${this.apiVersion}`);
  }

  /** The user clicks a cell: the selection moves and every handler hears of it. */
  async userSelects(sheet: string, address: string): Promise<void> {
    this.selection = { sheet, address };
    await Promise.all(this.selectionHandlers.map((h) => h({ type: 'WorkbookSelectionChanged' })));
  }

  /** Runtime.enableEvents: false while the add-in has turned its events off (ExcelApi 1.8). */
  eventsEnabled = true;
  /** Change handlers registered through Worksheet.onChanged and Table.onChanged. */
  changeHandlers: ChangeRegistration[] = [];
  /** Change events delivered to a handler since the counters were reset. */
  eventsFired = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private lastTableId = 0;

  tableId(table: FakeTableModel): string {
    return (table.id ??= String(++this.lastTableId));
  }

  /**
   * Raises the change events of cells changed: after the current task (never inside the sync), each
   * handler of the sheet hears of every change on it, each table's handlers of the part in the table.
   */
  dispatchChanges(changes: FakeChange[], source: 'Local' | 'Remote', byThisAddin = false): void {
    const heard = changes.filter((c) => c.enabled).map((c) => c.box);
    if (heard.length === 0) return;
    const done = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() =>
      this.fire(heard, source, byThisAddin),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  private async fire(boxes: Box[], source: 'Local' | 'Remote', byThisAddin: boolean): Promise<void> {
    const trigger = versionAtLeast(this.apiVersion, '1.14')
      ? { triggerSource: byThisAddin ? ('ThisLocalAddin' as const) : ('Unknown' as const) }
      : {};
    const calls: Promise<unknown>[] = [];
    for (const b of boxes) {
      for (const { on, handler } of [...this.changeHandlers]) {
        const base = { changeType: 'RangeEdited', source, worksheetId: b.sheet.id ?? '', ...trigger };
        let args: FakeChangedArgs | null = null;
        if ('sheet' in on && on.sheet === b.sheet)
          args = { type: 'WorksheetChanged', ...base, address: areaAddress(b) };
        if ('table' in on && on.table.sheet === b.sheet) {
          const t = on.table;
          const tableBox = { r0: t.top, c0: t.left, rows: 1 + t.dataRows + (t.showTotals ? 1 : 0), cols: t.columns };
          const r0 = Math.max(b.r0, tableBox.r0);
          const c0 = Math.max(b.c0, tableBox.c0);
          const r1 = Math.min(b.r0 + b.rows, tableBox.r0 + tableBox.rows);
          const c1 = Math.min(b.c0 + b.cols, tableBox.c0 + tableBox.cols);
          if (r1 > r0 && c1 > c0) {
            const address = areaAddress({ r0, c0, rows: r1 - r0, cols: c1 - c0 });
            args = { type: 'TableChanged', ...base, address, tableId: this.tableId(t) };
          }
        }
        if (args === null) continue;
        this.eventsFired++;
        // Excel ignores what a handler throws; the fake does too.
        calls.push(
          Promise.resolve()
            .then(() => handler(args))
            .catch(() => undefined),
        );
      }
    }
    await Promise.all(calls);
  }

  /** Resolves once every change event raised so far has been delivered and its handlers have finished. */
  async eventsSettled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /**
   * Someone types into the workbook: this user (source 'Local') or a co-author in Excel on the web
   * ('Remote'). The values are read as Excel reads typing; the change events follow asynchronously.
   */
  edit(sheet: string, address: string, values: unknown[][], opts: { source?: 'Local' | 'Remote' } = {}): Promise<void> {
    const model = this.sheet(sheet);
    if (!model) throw new Error(`no sheet ${sheet}`);
    const box: Box = { sheet: model, ...boxOf(address) };
    if (values.length !== box.rows || values.some((row) => row.length !== box.cols))
      throw new Error(`${values.length} rows of values for ${address}`);
    values.forEach((row, r) =>
      row.forEach((x, c) => storeTyped(this.cellAt(model, box.r0 + r, box.c0 + c), x, this.date1904)),
    );
    extents.delete(model.cells);
    this.dispatchChanges([{ box, enabled: this.eventsEnabled }], opts.source ?? 'Local');
    return this.eventsSettled();
  }

  /** Excel.run against this workbook. */
  readonly run = async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => batch(new FakeContext(this));

  addSheet(name: string, rows: FakeValue[][] = [], origin = { row: 0, column: 0 }): FakeSheetModel {
    const sheet: FakeSheetModel = { id: this.newSheetId(), name, cells: new Map(), frozenRows: 0 };
    rows.forEach((row, r) =>
      row.forEach(
        (v, c) =>
          v !== null && v !== undefined && sheet.cells.set(key(origin.row + r, origin.column + c), { value: v }),
      ),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  /** A formal table with its header at (top, left), 0-based. */
  addTable(sheetName: string, name: string, headers: string[], rows: FakeValue[][], top = 0, left = 0): FakeTableModel {
    const sheet = this.sheets.find((s) => s.name === sheetName) ?? this.addSheet(sheetName);
    [headers, ...rows].forEach((row, r) =>
      row.forEach((v, c) => sheet.cells.set(key(top + r, left + c), { value: v ?? null })),
    );
    const table: FakeTableModel = {
      name,
      sheet,
      top,
      left,
      columns: headers.length,
      dataRows: rows.length,
      showTotals: false,
    };
    this.tables.push(table);
    return table;
  }

  /** Merges cells as Range.merge() does; Excel refuses a merge inside a table or over another merge. */
  mergeCells(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    const area = boxOf(address);
    for (const t of this.tables) {
      if (
        t.sheet === sheet &&
        overlaps(area, { r0: t.top, c0: t.left, rows: t.dataRows + 1 + (t.showTotals ? 1 : 0), cols: t.columns })
      ) {
        throw new OfficeError('InvalidOperation', `cells of table ${t.name} cannot be merged`);
      }
    }
    if ((sheet.merged ?? []).some((m) => overlaps(m, area)))
      throw new OfficeError('InvalidOperation', 'the cells overlap merged cells');
    (sheet.merged ??= []).push(area);
  }

  sheet(name: string): FakeSheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheet: string, row: number, column: number): FakeCell | undefined {
    return this.sheet(sheet)?.cells.get(key(row, column));
  }

  /**
   * The fill a cell shows: that of the first conditional format whose rule holds for it (Throughline's
   * rules never overlap, so their order does not matter), else the cell's own fill.
   */
  shownFill(sheet: string, row: number, column: number): string | null {
    const model = this.sheet(sheet);
    const cell = model?.cells.get(key(row, column));
    const at = { r0: row, c0: column, rows: 1, cols: 1 };
    for (const cf of model?.conditional ?? []) {
      if (!cf.areas.some((a) => overlaps(a, at))) continue;
      if (cf.rule ? ruleHolds(cf.rule, cell) : cf.formula && formulaHolds(cf, model!, row, column)) return cf.fill;
    }
    return cell?.fill ?? null;
  }

  /** The conditional formats on a sheet (ExcelApi 1.6), as areas, rules and fills. */
  conditionalFormats(sheet: string): readonly FakeConditional[] {
    return this.sheet(sheet)?.conditional ?? [];
  }

  cellValue(sheet: string, row: number, column: number): FakeValue {
    return this.cell(sheet, row, column)?.value ?? null;
  }

  /** The cell at (r, c), created empty when the sheet has none there. */
  cellAt(sheet: FakeSheetModel, r: number, c: number): FakeCell {
    const k = key(r, c);
    let cell = sheet.cells.get(k);
    if (!cell) sheet.cells.set(k, (cell = { value: null }));
    return cell;
  }

  checkWritable(sheet: FakeSheetModel): void {
    if (sheet.protected) throw new OfficeError('AccessDenied', `sheet ${sheet.name} is protected`);
  }

  /** Every cell of every sheet, for before/after comparisons. */
  dump(except: (sheet: string, row: number, column: number) => boolean = () => false): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of this.sheets) {
      for (const [k, cell] of s.cells) {
        const [r, c] = k.split(',').map(Number);
        if (except(s.name, r, c)) continue;
        if (cell.value === null && !cell.formula && !cell.fill && !cell.numberFormat) continue;
        out[`${s.name}!${colName(c)}${r + 1}`] = JSON.stringify(cell);
      }
    }
    return out;
  }

  addSheetNamed(model: FakeSheetModel): void {
    if (this.structureProtected) throw new OfficeError('AccessDenied', 'the workbook structure is protected');
    checkSheetName(model.name);
    if (this.sheets.some((s) => s.name.toLowerCase() === model.name.toLowerCase()))
      throw new OfficeError('ItemAlreadyExists', `a sheet named ${model.name} exists`);
    model.id ??= this.newSheetId();
    this.sheets.push(model);
  }

  /** Inserts a package's sheets (see the workbook's insertWorksheetsFromBase64); returns their ids. */
  insertPackage(base64: string, options: FakeInsertOptions, relativeSheet: () => FakeSheetModel | null): string[] {
    const reader = packageReader();
    if (!reader)
      throw new OfficeError('GeneralException', 'this fake has no package reader (compiled without a module loader)');
    let sheets: import('./excel-fake-xlsx').PackageSheet[];
    try {
      sheets = reader.readFakePackage(reader.decodeBase64(base64));
    } catch (e) {
      if (e instanceof reader.NotAWorkbook)
        throw new OfficeError('InvalidArgument', `the file is not a workbook: ${e.message}`);
      throw e;
    }
    const wanted = options.sheetNamesToInsert?.length ? options.sheetNamesToInsert : null;
    if (wanted) {
      const missing = wanted.filter((n) => !sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()));
      if (missing.length > 0) throw new OfficeError('InvalidArgument', `the file has no sheet ${missing[0]}`);
      sheets = sheets.filter((s) => wanted.some((n) => n.toLowerCase() === s.name.toLowerCase()));
    }
    if (this.structureProtected) throw new OfficeError('AccessDenied', 'the workbook structure is protected');
    const type = (options.positionType ?? 'End').toLowerCase();
    let at: number;
    if (type === 'beginning') at = 0;
    else if (type === 'before' || type === 'after') {
      const name = typeof options.relativeTo === 'string' ? options.relativeTo : null;
      const anchor =
        name !== null ? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) : relativeSheet();
      if (!anchor) throw new OfficeError('InvalidArgument', 'relativeTo names no worksheet of this workbook');
      at = this.sheets.indexOf(anchor) + (type === 'after' ? 1 : 0);
    } else at = this.sheets.length;
    const ids: string[] = [];
    for (const s of sheets) {
      let name = s.name;
      for (let n = 2; this.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()); n++) {
        const suffix = ` (${n})`;
        name = `${s.name.slice(0, 31 - suffix.length)}${suffix}`;
      }
      const visibility = s.state === 'veryHidden' ? 'VeryHidden' : s.state === 'hidden' ? 'Hidden' : 'Visible';
      const cells = new Map<string, FakeCell>();
      s.cells.forEach((c, k) => cells.set(k, { ...c }));
      const model: FakeSheetModel = { id: this.newSheetId(), name, cells, frozenRows: 0, visibility };
      this.sheets.splice(at++, 0, model);
      ids.push(model.id!);
    }
    return ids;
  }

  renameSheet(model: FakeSheetModel, name: string): void {
    if (this.structureProtected) throw new OfficeError('AccessDenied', 'the workbook structure is protected');
    checkSheetName(name);
    if (this.sheets.some((s) => s !== model && s.name.toLowerCase() === name.toLowerCase()))
      throw new OfficeError('ItemAlreadyExists', `a sheet named ${name} exists`);
    model.name = name;
  }

  moveSheet(model: FakeSheetModel, position: number): void {
    this.sheets = this.sheets.filter((s) => s !== model);
    this.sheets.splice(position, 0, model);
  }

  /**
   * Worksheet.delete(): refused for a VeryHidden sheet and for the last visible one; every formula
   * elsewhere that refers to the sheet becomes #REF! (its reference is gone for good).
   */
  deleteSheet(model: FakeSheetModel): void {
    if (this.structureProtected) throw new OfficeError('AccessDenied', 'the workbook structure is protected');
    if (model.visibility === 'VeryHidden')
      throw new OfficeError('InvalidOperation', `sheet ${model.name} is VeryHidden: make it Hidden or Visible first`);
    if (!this.sheets.some((s) => s !== model && (s.visibility ?? 'Visible') === 'Visible'))
      throw new OfficeError('InvalidOperation', 'a workbook must keep one visible sheet');
    this.sheets = this.sheets.filter((s) => s !== model);
    this.tables = this.tables.filter((t) => t.sheet !== model);
    const escaped = model.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "''");
    const refers = new RegExp(`(^|[^A-Za-z0-9_.])('${escaped}'|${escaped})!`, 'i');
    for (const sheet of this.sheets)
      for (const cell of sheet.cells.values())
        if (cell.formula && refers.test(cell.formula.replace(/"(?:[^"]|"")*"/g, '""'))) cell.value = { error: '#REF!' };
  }

  /** Table.columns.add: inserts cells at the table's right edge in its rows, moving what is there one column right. */
  insertTableColumn(table: FakeTableModel, name: string | undefined): void {
    this.checkWritable(table.sheet);
    const at = table.left + table.columns;
    const top = table.top;
    const bottom = table.top + table.dataRows + (table.showTotals ? 1 : 0);
    for (const other of this.tables) {
      if (other === table || other.sheet !== table.sheet) continue;
      const otherBottom = other.top + other.dataRows + (other.showTotals ? 1 : 0);
      if (other.left + other.columns > at && other.top <= bottom && otherBottom >= top) {
        throw new OfficeError('InvalidOperation', `the insert would move cells of table ${other.name}`);
      }
    }
    const moving: [number, number, FakeCell][] = [];
    for (const [k, cell] of table.sheet.cells) {
      const [r, c] = k.split(',').map(Number);
      if (r >= top && r <= bottom && c >= at) moving.push([r, c, cell]);
    }
    if (moving.some(([, c, cell]) => c + 1 >= MAX_COLUMNS && (hasValue(cell) || hasFormat(cell))))
      throw new OfficeError('InvalidOperation', 'cells would be pushed off the sheet');
    // Merged areas right of the table move with the cells; one only partly in the table's rows would be split.
    const shifted = (table.sheet.merged ?? []).filter(
      (m) => m.c0 + m.cols > at && m.r0 <= bottom && m.r0 + m.rows - 1 >= top,
    );
    if (shifted.some((m) => m.c0 < at || m.r0 < top || m.r0 + m.rows - 1 > bottom))
      throw new OfficeError('InvalidOperation', 'the insert would split merged cells');
    for (const m of shifted) m.c0++;
    for (const [r, c] of moving) table.sheet.cells.delete(key(r, c));
    for (const [r, c, cell] of moving) table.sheet.cells.set(key(r, c + 1), cell);
    extents.delete(table.sheet.cells);
    table.columns++;
    const header = this.cellAt(table.sheet, top, at);
    header.value = name ?? this.freshHeader(table);
  }

  /** Table.resize: the table covers `to` now; no cell moves. */
  resizeTable(table: FakeTableModel, to: Box): void {
    const bottom = table.top + table.dataRows + (table.showTotals ? 1 : 0);
    if (to.sheet !== table.sheet || to.r0 !== table.top)
      throw new OfficeError('InvalidArgument', 'the header must stay in its row');
    if (
      to.c0 > table.left + table.columns - 1 ||
      to.c0 + to.cols - 1 < table.left ||
      to.r0 + to.rows - 1 < table.top ||
      to.r0 > bottom
    )
      throw new OfficeError('InvalidArgument', 'the new range must overlap the table');
    for (const other of this.tables) {
      if (other === table || other.sheet !== table.sheet) continue;
      const otherBottom = other.top + other.dataRows + (other.showTotals ? 1 : 0);
      if (
        other.left <= to.c0 + to.cols - 1 &&
        other.left + other.columns - 1 >= to.c0 &&
        other.top <= to.r0 + to.rows - 1 &&
        otherBottom >= to.r0
      ) {
        throw new OfficeError('InvalidArgument', `the new range overlaps table ${other.name}`);
      }
    }
    if ((table.sheet.merged ?? []).some((m) => overlaps(m, to)))
      throw new OfficeError('InvalidOperation', 'a table cannot hold merged cells');
    table.left = to.c0;
    table.columns = to.cols;
    table.dataRows = to.rows - 1 - (table.showTotals ? 1 : 0);
    const seen = new Set<string>();
    for (let c = 0; c < to.cols; c++) {
      const header = this.cellAt(table.sheet, table.top, to.c0 + c);
      if (header.value === null || header.value === '') header.value = this.freshHeader(table, seen);
      seen.add(String(header.value));
    }
  }

  private freshHeader(table: FakeTableModel, taken: Set<string> = new Set()): string {
    for (let n = 1; ; n++) {
      const name = `Column${n}`;
      let used = taken.has(name);
      for (let c = 0; c < table.columns && !used; c++)
        used = this.cellValue(table.sheet.name, table.top, table.left + c) === name;
      if (!used) return name;
    }
  }

  resetCounters(): void {
    this.eventsFired = 0;
    this.screenSuspensions = 0;
    this.syncs = 0;
    this.writes = 0;
    this.batchBytes = [];
    this.responseBytes = [];
    this.log = [];
  }
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new OfficeError('InvalidArgument', `"${name}" is not a sheet name Excel allows`);
  }
}

function versionAtLeast(have: string, want: string): boolean {
  const [a, b] = have.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && (b ?? 0) >= (d ?? 0));
}
