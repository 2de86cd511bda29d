// An in-memory Excel that behaves like Office.js where it matters to Throughline: properties cannot
// be read until they are loaded and a sync has run; writes happen at sync, in order; collections
// expose `items`; tables grow when columns are added. It counts syncs, the bytes of every batch
// and every write, so round-trip and payload bounds are assertions, not hopes.

export type FakeValue = string | number | boolean | { error: string } | null;

export interface FakeCell {
  value: FakeValue;
  formula?: string;
  numberFormat?: string;
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
}

interface FakeTableModel {
  name: string;
  sheet: FakeSheetModel;
  top: number; // 0-based sheet row of the header
  left: number; // 0-based column
  columns: number;
  dataRows: number;
  showTotals: boolean;
}

interface FakeSheetModel {
  name: string;
  cells: Map<string, FakeCell>;
  frozenRows: number;
  visibility?: string;
  protected?: boolean;
}

const key = (r: number, c: number) => `${r},${c}`;

export class PropertyNotLoaded extends Error {
  constructor(what: string) {
    super(`The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    this.name = 'PropertyNotLoaded';
  }
}

/** A value read before load + sync throws, as Office.js does. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new PropertyNotLoaded(prop);
    return this.loaded.get(prop) as T;
  }
  /** Called at sync with the current state. */
  protected snapshot(_props: string[]): void {}
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.queue({ kind: 'load', bytes: JSON.stringify(list).length + 40 }, () => this.snapshot(list));
    return this;
  }
}

export class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeSheetModel,
    readonly r0: number,
    readonly c0: number,
    readonly rows: number,
    readonly cols: number,
    private readonly nullObject = false,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): FakeValue[][] {
    return this.read('values');
  }
  set values(v: unknown) {
    this.writeGrid('values', v, (cell, x) => setCellValue(cell, x));
  }
  set formulas(v: unknown) {
    this.writeGrid('formulas', v, (cell, x) => setCellValue(cell, x));
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown) {
    this.writeGrid('numberFormat', v, (cell, x) => (cell.numberFormat = String(x)));
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
  readonly format = {
    fill: {
      set color(c: string) {
        void c;
      },
      clear: () => this.eachCellLater('fill.clear', 0, (cell) => (cell.fill = null)),
    },
    font: {} as { color: string; bold: boolean },
    autofitColumns: () => this.ctx.queue({ kind: 'write', bytes: 60 }, () => undefined),
  };

  protected override snapshot(props: string[]): void {
    this.loaded.set('isNullObject', this.nullObject);
    if (this.nullObject) return;
    for (const p of props) {
      if (p === 'values') this.loaded.set(p, this.map((cell) => (cell ? displayValue(cell) : '')));
      else if (p === 'valueTypes') this.loaded.set(p, this.map((cell) => typeOf(cell)));
      else if (p === 'numberFormat') this.loaded.set(p, this.map((cell) => cell?.numberFormat ?? 'General'));
      else if (p === 'rowIndex') this.loaded.set(p, this.r0);
      else if (p === 'columnIndex') this.loaded.set(p, this.c0);
      else if (p === 'rowCount') this.loaded.set(p, this.rows);
      else if (p === 'columnCount') this.loaded.set(p, this.cols);
      else if (p === 'address') this.loaded.set(p, `${this.sheet.name}!${colName(this.c0)}${this.r0 + 1}:${colName(this.c0 + this.cols - 1)}${this.r0 + this.rows}`);
      else if (p === 'isNullObject' || p === '') continue;
      else throw new Error(`fake Range cannot load '${p}'`);
    }
  }

  private map<T>(f: (cell: FakeCell | undefined) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => f(this.sheet.cells.get(key(this.r0 + r, this.c0 + c)))));
  }

  private writeGrid(what: string, v: unknown, set: (cell: FakeCell, x: unknown) => void): void {
    const scalar = !Array.isArray(v);
    if (!scalar) {
      const grid = v as unknown[][];
      if (grid.length !== this.rows || grid.some((row) => !Array.isArray(row) || row.length !== this.cols)) {
        throw new Error(`InvalidArgument: ${what} is ${grid.length}x${grid[0]?.length} but the range is ${this.rows}x${this.cols}`);
      }
    }
    this.ctx.queue({ kind: 'write', bytes: JSON.stringify(v).length + 80 }, () => {
      for (let r = 0; r < this.rows; r++) {
        for (let c = 0; c < this.cols; c++) set(this.cell(r, c), scalar ? v : (v as unknown[][])[r][c]);
      }
    });
  }

  private cell(r: number, c: number): FakeCell {
    const k = key(this.r0 + r, this.c0 + c);
    let cell = this.sheet.cells.get(k);
    if (!cell) this.sheet.cells.set(k, (cell = { value: null }));
    return cell;
  }

  private eachCellLater(what: string, bytes: number, f: (cell: FakeCell) => void): void {
    this.ctx.queue({ kind: 'write', bytes: bytes + 60 + what.length }, () => {
      for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) f(this.cell(r, c));
    });
  }

  /** Wires format.fill.color and format.font.* setters to queued writes. */
  bindFormat(): this {
    const range = this;
    Object.defineProperty(this.format.fill, 'color', {
      set(c: string) {
        range.eachCellLater('fill', c.length, (cell) => (cell.fill = c));
      },
    });
    Object.defineProperty(this.format.font, 'color', {
      set(c: string) {
        range.eachCellLater('font.color', c.length, (cell) => (cell.fontColor = c));
      },
    });
    Object.defineProperty(this.format.font, 'bold', {
      set(b: boolean) {
        range.eachCellLater('font.bold', 4, (cell) => (cell.bold = b));
      },
    });
    return this;
  }

  getColumnsAfter(count: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, this.r0, this.c0 + this.cols, this.rows, count).bindFormat();
  }

  select(): void {
    this.ctx.queue({ kind: 'select', bytes: 60 }, () => (this.ctx.excel.selection = { sheet: this.sheet.name, address: `${colName(this.c0)}${this.r0 + 1}` }));
  }
}

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseA1(a: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a.replace(/\$/g, ''))!;
  return { r: Number(m[2]) - 1, c: m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
}

/** Office.js semantics of writing a value: a leading apostrophe makes text, a leading = makes a formula. */
function setCellValue(cell: FakeCell, x: unknown): void {
  delete cell.formula;
  if (typeof x === 'string' && x.startsWith("'")) cell.value = x.slice(1);
  else if (typeof x === 'string' && x.startsWith('=')) {
    cell.formula = x;
    cell.value = null;
  } else if (x === '' || x === null || x === undefined) cell.value = null;
  else cell.value = x as FakeValue;
}

function displayValue(cell: FakeCell): unknown {
  if (cell.value !== null && typeof cell.value === 'object') return cell.value.error;
  return cell.value ?? '';
}

function typeOf(cell: FakeCell | undefined): string {
  if (!cell || cell.value === null) return cell?.formula ? 'String' : 'Empty';
  if (typeof cell.value === 'object') return 'Error';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

export class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly model: FakeSheetModel,
  ) {
    super(ctx);
  }
  get name(): string {
    return this.read('name');
  }
  get position(): number {
    return this.read('position');
  }
  set position(p: number) {
    this.ctx.queue({ kind: 'write', bytes: 60 }, () => this.ctx.excel.moveSheet(this.model, p));
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  protected override snapshot(props: string[]): void {
    this.loaded.set('isNullObject', false);
    this.loaded.set('name', this.model.name);
    if (props.includes('position')) this.loaded.set('position', this.ctx.excel.sheets.indexOf(this.model));
    if (props.includes('protection/protected')) this.loaded.set('protection/protected', Boolean(this.model.protected));
  }
  get protection(): { protected: boolean } {
    return { protected: this.read<boolean>('protection/protected') };
  }
  set visibility(v: string) {
    this.ctx.queue({ kind: 'write', bytes: 60 }, () => (this.model.visibility = v));
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.model, r, c, rows, cols).bindFormat();
  }
  getRange(address: string): FakeRange {
    const [a, b = a] = address.split(':');
    const p = parseA1(a);
    const q = parseA1(b);
    return this.getRangeByIndexes(p.r, p.c, q.r - p.r + 1, q.c - p.c + 1);
  }
  getUsedRangeOrNullObject(): FakeRange {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, cell] of this.model.cells) {
      if (cell.value === null && !cell.formula) continue;
      const [r, c] = k.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    if (bottom < 0) return new FakeRange(this.ctx, this.model, 0, 0, 0, 0, true);
    return new FakeRange(this.ctx, this.model, top, left, bottom - top + 1, right - left + 1).bindFormat();
  }
  delete(): void {
    this.ctx.queue({ kind: 'write', bytes: 60 }, () => this.ctx.excel.deleteSheet(this.model));
  }
  activate(): void {
    this.ctx.queue({ kind: 'select', bytes: 60 }, () => (this.ctx.excel.activeSheet = this.model.name));
  }
  readonly freezePanes = { freezeRows: (n: number) => this.ctx.queue({ kind: 'write', bytes: 60 }, () => (this.model.frozenRows = n)) };
  readonly autoFilter = { apply: (_range: FakeRange) => this.ctx.queue({ kind: 'write', bytes: 80 }, () => undefined) };
}

class NullWorksheet extends Loadable {
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  protected override snapshot(): void {
    this.loaded.set('isNullObject', true);
    this.loaded.set('position', -1);
  }
  get position(): number {
    return this.read('position');
  }
  delete(): void {
    throw new Error('ItemNotFound');
  }
}

export class FakeTable extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly model: FakeTableModel,
  ) {
    super(ctx);
  }
  get name(): string {
    return this.read('name');
  }
  get showHeaders(): boolean {
    return this.read('showHeaders');
  }
  get showTotals(): boolean {
    return this.read('showTotals');
  }
  get worksheet(): { name: string } {
    return { name: this.read<string>('worksheet/name') };
  }
  protected override snapshot(): void {
    this.loaded.set('name', this.model.name);
    this.loaded.set('showHeaders', true);
    this.loaded.set('showTotals', this.model.showTotals);
    this.loaded.set('worksheet/name', this.model.sheet.name);
  }
  getRange(): FakeRange {
    const m = this.model;
    return new FakeRange(this.ctx, m.sheet, m.top, m.left, 1 + m.dataRows + (m.showTotals ? 1 : 0), m.columns).bindFormat();
  }
  readonly columns = {
    add: (index: number | undefined, values: unknown, name: string | undefined) => {
      if (index !== undefined && index !== null) throw new Error('the fake only appends table columns');
      this.ctx.queue({ kind: 'write', bytes: JSON.stringify([values ?? null, name ?? null]).length + 80 }, () => {
        const m = this.model;
        const column = m.left + m.columns;
        for (let r = 0; r < 1 + m.dataRows + (m.showTotals ? 1 : 0); r++) {
          if (this.ctx.excel.cellValue(m.sheet.name, m.top + r, column) !== null) throw new Error('fake: a table column was added over a non-empty cell');
        }
        m.columns++;
        const header = m.sheet.cells.get(key(m.top, column)) ?? { value: null };
        header.value = name ?? `Column${m.columns}`;
        m.sheet.cells.set(key(m.top, column), header);
      });
    },
  };
}

export interface QueuedOp {
  kind: 'load' | 'write' | 'select';
  bytes: number;
}

export class FakeContext {
  private ops: { op: QueuedOp; run: () => void }[] = [];
  constructor(readonly excel: FakeExcel) {}

  queue(op: QueuedOp, run: () => void): void {
    this.ops.push({ op, run });
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    const bytes = ops.reduce((n, o) => n + o.op.bytes, 0);
    this.excel.syncs++;
    this.excel.batchBytes.push(bytes);
    for (const { op, run } of ops) {
      if (op.kind === 'write') this.excel.writes++;
      run();
    }
  }

  readonly application = {
    suspendApiCalculationUntilNextSync: () => this.queue({ kind: 'load', bytes: 40 }, () => undefined),
    suspendScreenUpdatingUntilNextSync: () => this.queue({ kind: 'load', bytes: 40 }, () => undefined),
  };

  get workbook() {
    const ctx = this;
    const excel = this.excel;
    return {
      worksheets: {
        items: [] as FakeWorksheet[],
        load(props: string) {
          ctx.queue({ kind: 'load', bytes: props.length + 40 }, () => {
            const wanted = props.split(',').map((p) => p.trim().replace(/^items\//, ''));
            this.items = excel.sheets.map((s) => {
              const w = new FakeWorksheet(ctx, s);
              (w as unknown as { snapshot: (p: string[]) => void }).snapshot(wanted);
              return w;
            });
          });
          return this;
        },
        getItem: (name: string) => {
          const s = excel.sheets.find((x) => x.name === name);
          if (!s) throw new Error(`ItemNotFound: sheet ${name}`);
          return new FakeWorksheet(ctx, s);
        },
        getItemOrNullObject: (name: string) => {
          const s = excel.sheets.find((x) => x.name === name);
          return s ? new FakeWorksheet(ctx, s) : new NullWorksheet(ctx);
        },
        add: (name: string) => {
          const model: FakeSheetModel = { name, cells: new Map(), frozenRows: 0 };
          ctx.queue({ kind: 'write', bytes: name.length + 60 }, () => {
            if (excel.sheets.some((s) => s.name === name)) throw new Error(`ItemAlreadyExists: ${name}`);
            excel.sheets.push(model);
          });
          return new FakeWorksheet(ctx, model);
        },
      },
      tables: {
        items: [] as FakeTable[],
        load(props: string) {
          ctx.queue({ kind: 'load', bytes: props.length + 40 }, () => {
            this.items = excel.tables.map((t) => {
              const table = new FakeTable(ctx, t);
              (table as unknown as { snapshot: () => void }).snapshot();
              return table;
            });
          });
          return this;
        },
        getItem: (name: string) => {
          const t = excel.tables.find((x) => x.name === name);
          if (!t) throw new Error(`ItemNotFound: table ${name}`);
          return new FakeTable(ctx, t);
        },
      },
      getActiveCell: () => new FakeActiveCell(ctx),
      onSelectionChanged: {
        add: (handler: (args: { type: string }) => Promise<unknown>) => {
          ctx.queue({ kind: 'load', bytes: 60 }, () => excel.selectionHandlers.push(handler));
          return { context: ctx, remove: () => undefined };
        },
      },
      functions: {
        date: (y: number, m: number, d: number) => {
          const result = {
            value: undefined as unknown as number,
            load() {
              ctx.queue({ kind: 'load', bytes: 60 }, () => {
                const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
                result.value = excel.date1904 ? serial - 1462 : serial;
              });
              return result;
            },
          };
          return result;
        },
      },
    };
  }
}

/** The selected cell: its address reads as Office writes it, sheet name quoted when it needs to be. */
class FakeActiveCell extends Loadable {
  protected snapshot(): void {
    const sel = this.ctx.excel.selection ?? { sheet: this.ctx.excel.sheets[0]?.name ?? 'Sheet1', address: 'A1' };
    const sheet = /^[A-Za-z0-9_]+$/.test(sel.sheet) ? sel.sheet : `'${sel.sheet.replace(/'/g, "''")}'`;
    this.loaded.set('address', `${sheet}!${sel.address}`);
  }
  get address(): string {
    return this.read('address');
  }
}

/** The workbook itself, outliving any one Excel.run. */
export class FakeExcel {
  sheets: FakeSheetModel[] = [];
  tables: FakeTableModel[] = [];
  date1904 = false;
  syncs = 0;
  writes = 0;
  batchBytes: number[] = [];
  selection: { sheet: string; address: string } | null = null;
  /** Workbook-level selection handlers registered through onSelectionChanged. */
  selectionHandlers: ((args: { type: string }) => Promise<unknown>)[] = [];

  /** The user clicks a cell: the selection moves and every handler hears of it. */
  async userSelects(sheet: string, address: string): Promise<void> {
    this.selection = { sheet, address };
    await Promise.all(this.selectionHandlers.map((h) => h({ type: 'WorkbookSelectionChanged' })));
  }
  activeSheet: string | null = null;

  /** Excel.run against this workbook. */
  readonly run = async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => batch(new FakeContext(this));

  addSheet(name: string, rows: FakeValue[][] = [], origin = { row: 0, column: 0 }): FakeSheetModel {
    const sheet: FakeSheetModel = { name, cells: new Map(), frozenRows: 0 };
    rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && sheet.cells.set(key(origin.row + r, origin.column + c), { value: v })));
    this.sheets.push(sheet);
    return sheet;
  }

  /** A formal table with its header at (top, left), 0-based. */
  addTable(sheetName: string, name: string, headers: string[], rows: FakeValue[][], top = 0, left = 0): FakeTableModel {
    const sheet = this.sheets.find((s) => s.name === sheetName) ?? this.addSheet(sheetName);
    [headers, ...rows].forEach((row, r) => row.forEach((v, c) => sheet.cells.set(key(top + r, left + c), { value: v ?? null })));
    const table: FakeTableModel = { name, sheet, top, left, columns: headers.length, dataRows: rows.length, showTotals: false };
    this.tables.push(table);
    return table;
  }

  sheet(name: string): FakeSheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheet: string, row: number, column: number): FakeCell | undefined {
    return this.sheet(sheet)?.cells.get(key(row, column));
  }

  cellValue(sheet: string, row: number, column: number): FakeValue {
    return this.cell(sheet, row, column)?.value ?? null;
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

  moveSheet(model: FakeSheetModel, position: number): void {
    this.sheets = this.sheets.filter((s) => s !== model);
    this.sheets.splice(position, 0, model);
  }

  deleteSheet(model: FakeSheetModel): void {
    this.sheets = this.sheets.filter((s) => s !== model);
    this.tables = this.tables.filter((t) => t.sheet !== model);
  }

  resetCounters(): void {
    this.syncs = 0;
    this.writes = 0;
    this.batchBytes = [];
  }
}
