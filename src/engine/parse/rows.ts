// Typed rows from located tables. A row with any bad cell is skipped and every problem in it reported.
import type {
  CellValue,
  DependencyRow,
  HistoryRow,
  InitiativeRow,
  KpiRow,
  ObjectiveRow,
  SourceRef,
  ValidationError,
} from '../types';
import { a1, isBlank, type LocatedTable } from '../recognise/locate';
import { messages } from '../messages';
import {
  dayFromSerial,
  parseCadence,
  parseCommitment,
  parseDate,
  parseDirection,
  parseNumber,
  parsePercent,
  parseStatus,
  parseText,
  type Parsed,
} from './values';

export interface ParsedRows {
  objectives: ObjectiveRow[];
  kpis: KpiRow[];
  initiatives: InitiativeRow[];
  dependencies: DependencyRow[];
  history: HistoryRow[];
  /** IDs of rows that were skipped for bad data: references to them are not reported again. */
  skippedIds: Set<string>;
  errors: ValidationError[];
}

/**
 * The fields a row reader asks for, by number: each table's column of every field is looked up once
 * (RowReader's constructor), not by name in its header map for every cell of every row.
 */
const F = {
  id: 0,
  name: 1,
  parent: 2,
  owner: 3,
  function: 4,
  weight: 5,
  valueAtStake: 6,
  revenueStream: 7,
  due: 8,
  objective: 9,
  direction: 10,
  baseline: 11,
  target: 12,
  actual: 13,
  start: 14,
  cadence: 15,
  updated: 16,
  status: 17,
  unit: 18,
  supports: 19,
  forecast: 20,
  complete: 21,
  lag: 22,
  upstream: 23,
  downstream: 24,
  note: 25,
  neededBy: 26,
  committed: 27,
  commitment: 28,
  date: 29,
  value: 30,
} as const;
/** Each field's name by its number. */
const FIELD_NAMES: string[] = [];
for (const [name, f] of Object.entries(F)) FIELD_NAMES[f] = name;

/** Reads one data row field by field, collecting every problem before deciding to skip it. */
const NO_ERRORS: readonly ValidationError[] = [];

// One reader per table, pointed at each row in turn (see at()): the rows keep their source, not the reader.
class RowReader {
  /** Shared and empty until the row's first problem: most rows have none. */
  errors: ValidationError[] = NO_ERRORS as ValidationError[];
  private cells: CellValue[] = [];
  private index = 0;
  /** The row's source, for the rows that keep it (History rows do not: none is made for them). */
  private source: SourceRef | null = null;
  /** The table's column of each field of FIELD_NAMES, −1 for none. */
  private readonly columns: Int32Array;
  constructor(
    private readonly table: LocatedTable,
    private readonly date1904: boolean,
  ) {
    this.columns = new Int32Array(FIELD_NAMES.length);
    FIELD_NAMES.forEach((name, f) => (this.columns[f] = table.match.fields.get(name) ?? -1));
  }

  get src(): SourceRef {
    return this.source!;
  }

  /** The reader on data row `index` of its table, with no errors yet. */
  at(index: number, src: SourceRef | null): this {
    this.index = index;
    this.source = src;
    this.cells = this.table.rows[index];
    this.errors = NO_ERRORS as ValidationError[];
    return this;
  }

  cellAddress(field: number): string {
    const col = this.columns[field];
    return a1(this.table.headerRow + 1 + this.index, this.table.firstColumn + (col < 0 ? 0 : col));
  }

  private raw(field: number): CellValue {
    const col = this.columns[field];
    return col < 0 ? null : (this.cells[col] ?? null);
  }

  private title(field: number): string {
    const col = this.columns[field];
    return col < 0 ? FIELD_NAMES[field] : this.table.headers[col];
  }

  fail(field: number, code: ValidationError['code'], message: string): void {
    if (this.errors === NO_ERRORS) this.errors = [];
    this.errors.push({ sheet: this.table.sheet, cell: this.cellAddress(field), code, message });
  }

  private take<T>(field: number, parsed: Parsed<T | null>, required: boolean): T | null {
    if (!parsed.ok) {
      this.fail(field, parsed.code, messages.badCell(this.title(field), parsed.message));
      return null;
    }
    if (parsed.value === null && required) this.fail(field, 'missing-value', messages.missingValue(this.title(field)));
    return parsed.value;
  }

  /** A blank cell: null, and a missing-value error when the field is required (as take() says it). */
  private blank(field: number, required: boolean): null {
    if (required) this.fail(field, 'missing-value', messages.missingValue(this.title(field)));
    return null;
  }

  // The usual cells (text, a finite number, a date serial) are read here directly, to the same value
  // the parser gives, without its result object; anything else goes through the parser.
  text(field: number, required = false): string | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'string') {
      const t = v.trim();
      return t === '' ? this.blank(field, required) : t;
    }
    return this.take(field, parseText(v), required);
  }
  number(field: number, required = false): number | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    return this.take(field, parseNumber(v), required);
  }
  percent(field: number): number | null {
    return this.take(field, parsePercent(this.raw(field)), false);
  }
  date(field: number, required = false): number | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'number') {
      const day = dayFromSerial(v, this.date1904);
      if (day !== null) return day;
    }
    return this.take(field, parseDate(v, this.date1904), required);
  }
  status(field: number) {
    return this.take(field, parseStatus(this.raw(field)), false);
  }
  cadence(field: number) {
    return this.take(field, parseCadence(this.raw(field)), false);
  }
  direction(field: number) {
    return this.take(field, parseDirection(this.raw(field)), false);
  }
  commitment(field: number) {
    return this.take(field, parseCommitment(this.raw(field)), false);
  }

  /** Weight defaults to 1 and may not be negative. */
  weight(): number {
    const w = this.number(F.weight);
    if (w !== null && w < 0) this.fail(F.weight, 'negative-weight', messages.negativeWeight(w));
    return w ?? 1;
  }

  money(field: number): number | null {
    const v = this.number(field);
    if (v !== null && v < 0) this.fail(field, 'negative-value', messages.negativeValue(v));
    return v;
  }
}

function blankRow(cells: CellValue[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/** Keeps a row only when it raised no error; either way its errors join the list. */
function keep<T>(reader: RowReader, row: T, errors: ValidationError[]): T | null {
  if (reader.errors.length === 0) return row;
  errors.push(...reader.errors);
  return null;
}

function readObjective(r: RowReader): ObjectiveRow {
  return {
    kind: 'objective',
    id: r.text(F.id, true) ?? '',
    name: r.text(F.name, true) ?? '',
    parent: r.text(F.parent),
    owner: r.text(F.owner),
    function: r.text(F.function),
    weight: r.weight(),
    valueAtStake: r.money(F.valueAtStake),
    revenueStream: r.text(F.revenueStream),
    due: r.date(F.due),
    src: r.src,
  };
}

function readKpi(r: RowReader): KpiRow {
  const row: KpiRow = {
    kind: 'kpi',
    id: r.text(F.id, true) ?? '',
    name: r.text(F.name, true) ?? '',
    objective: r.text(F.objective, true) ?? '',
    direction: r.direction(F.direction) ?? 'Increase',
    baseline: r.number(F.baseline),
    target: r.number(F.target, true) ?? 0,
    actual: r.number(F.actual),
    start: r.date(F.start),
    due: r.date(F.due),
    weight: r.weight(),
    owner: r.text(F.owner),
    function: r.text(F.function),
    cadence: r.cadence(F.cadence),
    updated: r.date(F.updated),
    status: r.status(F.status),
    unit: r.text(F.unit),
    src: r.src,
  };
  if (row.baseline !== null && row.baseline === row.target) {
    r.fail(F.target, 'target-equals-baseline', messages.targetEqualsBaseline(row.target));
  }
  return row;
}

function readInitiative(r: RowReader): InitiativeRow {
  return {
    kind: 'initiative',
    id: r.text(F.id, true) ?? '',
    name: r.text(F.name, true) ?? '',
    supports: r.text(F.supports),
    start: r.date(F.start),
    due: r.date(F.due, true) ?? 0,
    forecast: r.date(F.forecast),
    complete: r.percent(F.complete),
    status: r.status(F.status),
    updated: r.date(F.updated),
    cadence: r.cadence(F.cadence),
    weight: r.weight(),
    owner: r.text(F.owner),
    function: r.text(F.function),
    valueAtStake: r.money(F.valueAtStake),
    src: r.src,
  };
}

/** Lags beyond ten years are typing mistakes (a date typed into the Lag column, say). */
const MAX_LAG_DAYS = 3650;

function readDependency(r: RowReader): DependencyRow {
  const lag = r.number(F.lag) ?? 0;
  if (Math.abs(lag) > MAX_LAG_DAYS) r.fail(F.lag, 'invalid-number', messages.badLag(lag, MAX_LAG_DAYS));
  const row: DependencyRow = {
    upstream: r.text(F.upstream, true) ?? '',
    downstream: r.text(F.downstream, true) ?? '',
    lagDays: Math.round(lag),
    note: r.text(F.note),
    src: r.src,
    neededBy: r.date(F.neededBy),
    committed: r.date(F.committed),
    commitment: r.commitment(F.commitment),
  };
  // An item cannot wait on itself: the row says nothing a person meant, so it is skipped, not read as a cycle.
  if (row.upstream !== '' && row.upstream === row.downstream)
    r.fail(F.downstream, 'self-dependency', messages.selfDependency(row.upstream));
  return row;
}

/** History values are KPI actuals or fractions complete: which one depends on the ID, resolved later. */
function readHistory(r: RowReader): HistoryRow {
  return {
    id: r.text(F.id, true) ?? '',
    date: r.date(F.date, true) ?? 0,
    value: null,
    status: r.status(F.status),
  };
}

/** Check-ins read before their values could be (a History table before an item table). */
interface Deferred {
  rows: HistoryRow[];
  raw: CellValue[];
  table: number[];
  index: number[];
}

/** Reads check-ins' values once every KPI and initiative is known; keeps each check-in that reads. */
class CheckInValues {
  /** Every KPI and initiative by ID (unique across both: parseRows skips a second row of an ID). */
  private readonly items = new Map<string, KpiRow | InitiativeRow>();
  constructor(
    private readonly out: ParsedRows,
    private readonly tables: LocatedTable[],
    private readonly date1904: boolean,
  ) {
    for (let k = 0; k < out.kpis.length; k++) this.items.set(out.kpis[k].id, out.kpis[k]);
    for (let i = 0; i < out.initiatives.length; i++) this.items.set(out.initiatives[i].id, out.initiatives[i]);
  }

  take(row: HistoryRow, raw: CellValue, table: number, index: number, late: ValidationError[]): void {
    const item = this.items.get(row.id);
    // A known item's check-in keeps the item's own ID text (the same characters): the cell's copy is let
    // go with the rows read, and each later look-up by this ID meets the very string it was keyed by.
    if (item !== undefined) row.id = item.id;
    const kpi = item !== undefined && item.kind === 'kpi';
    const initiative = item !== undefined && item.kind === 'initiative';
    // The usual cell, a finite number (an initiative's not negative), read as the parsers would read it.
    if (typeof raw === 'number' && Number.isFinite(raw)) {
      if (kpi) {
        row.value = raw;
        this.out.history.push(row);
        return;
      }
      if (raw >= 0 && initiative) {
        row.value = raw > 1 ? raw / 100 : raw;
        this.out.history.push(row);
        return;
      }
    }
    const parsed = kpi ? parseNumber(raw) : initiative ? parsePercent(raw) : null;
    if (parsed !== null && parsed.ok) {
      // No reader needed, as no error can follow.
      row.value = parsed.value;
      this.out.history.push(row);
      return;
    }
    const reader = new RowReader(this.tables[table], this.date1904).at(index, null);
    if (parsed === null) {
      if (!this.out.skippedIds.has(row.id)) reader.fail(F.id, 'dangling-reference', messages.danglingHistory(row.id));
    } else reader.fail(F.value, parsed.code, messages.badCell('Value', parsed.message));
    if (reader.errors.length === 0) this.out.history.push(row);
    else for (const e of reader.errors) late.push(e);
  }
}

/**
 * One table being read: its reader, where its rows go, and the first row of each ID (any case) across
 * tables, whose address is written only for a duplicate's message.
 */
class TableRun {
  readonly reader: RowReader;
  constructor(
    readonly out: ParsedRows,
    readonly tables: LocatedTable[],
    readonly table: LocatedTable,
    readonly tableIndex: number,
    readonly seen: Map<string, SourceRef>,
    date1904: boolean,
  ) {
    this.reader = new RowReader(table, date1904);
  }

  /** The reader on data row `index` with its source, or null for a blank row. */
  itemAt(index: number): RowReader | null {
    const t = this.table;
    if (blankRow(t.rows[index])) return null;
    return this.reader.at(index, { sheet: t.sheet, row: t.headerRow + 1 + index, table: this.tableIndex, index });
  }

  /** Checks the row's ID against every ID read so far, then keeps the row or reports it. */
  keepItem<T extends ObjectiveRow | KpiRow | InitiativeRow>(row: T, into: T[]): void {
    const reader = this.reader;
    const id = row.id;
    if (id) {
      const key = id.toLowerCase();
      const first = this.seen.get(key);
      if (first) {
        const table = this.tables[first.table];
        const where = `${first.sheet}!${a1(first.row, table.firstColumn + (table.match.fields.get('id') ?? 0))}`;
        reader.fail(F.id, 'duplicate-id', messages.duplicateId(id, where));
      } else this.seen.set(key, reader.src);
    }
    if (keep(reader, row, this.out.errors)) into.push(row);
    else if (id) this.out.skippedIds.add(id);
  }
}

// One loop for each kind of table (rather than one loop switching on the kind): in a fresh process each
// is optimised on its own rows, instead of one loop optimised on objectives and thrown back to the
// interpreter when the KPIs, the initiatives, the dependencies and the check-ins come in turn.
function readObjectives(run: TableRun): void {
  for (let index = 0; index < run.table.rows.length; index++) {
    const reader = run.itemAt(index);
    if (reader !== null) run.keepItem(readObjective(reader), run.out.objectives);
  }
}

function readKpis(run: TableRun): void {
  for (let index = 0; index < run.table.rows.length; index++) {
    const reader = run.itemAt(index);
    if (reader !== null) run.keepItem(readKpi(reader), run.out.kpis);
  }
}

function readInitiatives(run: TableRun): void {
  for (let index = 0; index < run.table.rows.length; index++) {
    const reader = run.itemAt(index);
    if (reader !== null) run.keepItem(readInitiative(reader), run.out.initiatives);
  }
}

function readDependencies(run: TableRun): void {
  for (let index = 0; index < run.table.rows.length; index++) {
    const reader = run.itemAt(index);
    if (reader === null) continue;
    const kept = keep(reader, readDependency(reader), run.out.errors);
    if (kept) run.out.dependencies.push(kept);
  }
}

/** Check-ins: valued as they are read (`values`), or kept in `deferred` until every item table is read. */
function readCheckIns(run: TableRun, values: CheckInValues | null, deferred: Deferred, late: ValidationError[]): void {
  const { table, tableIndex, reader, out } = run;
  const valueColumn = table.match.fields.get('value');
  for (let index = 0; index < table.rows.length; index++) {
    const cells = table.rows[index];
    if (blankRow(cells)) continue;
    const row = readHistory(reader.at(index, null));
    if (reader.errors.length > 0) {
      for (const e of reader.errors) out.errors.push(e);
      continue;
    }
    const raw = valueColumn === undefined ? null : (cells[valueColumn] ?? null);
    if (values !== null) values.take(row, raw, tableIndex, index, late);
    else {
      deferred.rows.push(row);
      deferred.raw.push(raw);
      deferred.table.push(tableIndex);
      deferred.index.push(index);
    }
  }
}

/** Parses every item table; IDs are checked for duplicates across tables of one kind and across kinds. */
export function parseRows(tables: LocatedTable[], date1904: boolean): ParsedRows {
  const out: ParsedRows = {
    objectives: [],
    kpis: [],
    initiatives: [],
    dependencies: [],
    history: [],
    skippedIds: new Set(),
    errors: [],
  };
  const seen = new Map<string, SourceRef>();
  // A check-in's value is a KPI's number or an initiative's fraction: read once every KPI and initiative
  // is known. When every History table comes after the item tables (the usual layout), that is while
  // its rows are read; otherwise the check-ins wait in `deferred` until every table is read. Either way
  // the value errors are reported after every other table's, in check-in order, as ever.
  const deferred: Deferred = { rows: [], raw: [], table: [], index: [] };
  let lastItemTable = -1;
  let firstHistoryTable = tables.length;
  tables.forEach((t, i) => {
    if (t.match.missing.length > 0) return;
    if (t.kind === 'objectives' || t.kind === 'kpis' || t.kind === 'initiatives') lastItemTable = i;
    else if (t.kind === 'history') firstHistoryTable = Math.min(firstHistoryTable, i);
  });
  const inline = firstHistoryTable > lastItemTable;
  let values: CheckInValues | null = null;
  const late: ValidationError[] = [];

  tables.forEach((table, tableIndex) => {
    if (table.match.missing.length > 0 || table.kind === 'settings') return;
    const run = new TableRun(out, tables, table, tableIndex, seen, date1904);
    if (table.kind === 'objectives') readObjectives(run);
    else if (table.kind === 'kpis') readKpis(run);
    else if (table.kind === 'initiatives') readInitiatives(run);
    else if (table.kind === 'dependencies') readDependencies(run);
    else if (table.kind === 'history') {
      if (inline) values ??= new CheckInValues(out, tables, date1904);
      readCheckIns(run, values, deferred, late);
    }
  });

  if (deferred.rows.length > 0) {
    const v = new CheckInValues(out, tables, date1904);
    for (let h = 0; h < deferred.rows.length; h++)
      v.take(deferred.rows[h], deferred.raw[h], deferred.table[h], deferred.index[h], late);
  }
  for (const e of late) out.errors.push(e);
  return out;
}
