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
  constructor(
    private readonly table: LocatedTable,
    private readonly date1904: boolean,
  ) {}

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

  cellAddress(field: string): string {
    const col = this.table.match.fields.get(field);
    return a1(this.table.headerRow + 1 + this.index, this.table.firstColumn + (col ?? 0));
  }

  private raw(field: string): CellValue {
    const col = this.table.match.fields.get(field);
    return col === undefined ? null : (this.cells[col] ?? null);
  }

  private title(field: string): string {
    const col = this.table.match.fields.get(field);
    return col === undefined ? field : this.table.headers[col];
  }

  fail(field: string, code: ValidationError['code'], message: string): void {
    if (this.errors === NO_ERRORS) this.errors = [];
    this.errors.push({ sheet: this.table.sheet, cell: this.cellAddress(field), code, message });
  }

  private take<T>(field: string, parsed: Parsed<T | null>, required: boolean): T | null {
    if (!parsed.ok) {
      this.fail(field, parsed.code, messages.badCell(this.title(field), parsed.message));
      return null;
    }
    if (parsed.value === null && required) this.fail(field, 'missing-value', messages.missingValue(this.title(field)));
    return parsed.value;
  }

  /** A blank cell: null, and a missing-value error when the field is required (as take() says it). */
  private blank(field: string, required: boolean): null {
    if (required) this.fail(field, 'missing-value', messages.missingValue(this.title(field)));
    return null;
  }

  // The usual cells (text, a finite number, a date serial) are read here directly, to the same value
  // the parser gives, without its result object; anything else goes through the parser.
  text(field: string, required = false): string | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'string') {
      const t = v.trim();
      return t === '' ? this.blank(field, required) : t;
    }
    return this.take(field, parseText(v), required);
  }
  number(field: string, required = false): number | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    return this.take(field, parseNumber(v), required);
  }
  percent(field: string): number | null {
    return this.take(field, parsePercent(this.raw(field)), false);
  }
  date(field: string, required = false): number | null {
    const v = this.raw(field);
    if (v === null) return this.blank(field, required);
    if (typeof v === 'number') {
      const day = dayFromSerial(v, this.date1904);
      if (day !== null) return day;
    }
    return this.take(field, parseDate(v, this.date1904), required);
  }
  status(field: string) {
    return this.take(field, parseStatus(this.raw(field)), false);
  }
  cadence(field: string) {
    return this.take(field, parseCadence(this.raw(field)), false);
  }
  direction(field: string) {
    return this.take(field, parseDirection(this.raw(field)), false);
  }
  commitment(field: string) {
    return this.take(field, parseCommitment(this.raw(field)), false);
  }

  /** Weight defaults to 1 and may not be negative. */
  weight(): number {
    const w = this.number('weight');
    if (w !== null && w < 0) this.fail('weight', 'negative-weight', messages.negativeWeight(w));
    return w ?? 1;
  }

  money(field: string): number | null {
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
    id: r.text('id', true) ?? '',
    name: r.text('name', true) ?? '',
    parent: r.text('parent'),
    owner: r.text('owner'),
    function: r.text('function'),
    weight: r.weight(),
    valueAtStake: r.money('valueAtStake'),
    revenueStream: r.text('revenueStream'),
    due: r.date('due'),
    src: r.src,
  };
}

function readKpi(r: RowReader): KpiRow {
  const row: KpiRow = {
    kind: 'kpi',
    id: r.text('id', true) ?? '',
    name: r.text('name', true) ?? '',
    objective: r.text('objective', true) ?? '',
    direction: r.direction('direction') ?? 'Increase',
    baseline: r.number('baseline'),
    target: r.number('target', true) ?? 0,
    actual: r.number('actual'),
    start: r.date('start'),
    due: r.date('due'),
    weight: r.weight(),
    owner: r.text('owner'),
    function: r.text('function'),
    cadence: r.cadence('cadence'),
    updated: r.date('updated'),
    status: r.status('status'),
    unit: r.text('unit'),
    src: r.src,
  };
  if (row.baseline !== null && row.baseline === row.target) {
    r.fail('target', 'target-equals-baseline', messages.targetEqualsBaseline(row.target));
  }
  return row;
}

function readInitiative(r: RowReader): InitiativeRow {
  return {
    kind: 'initiative',
    id: r.text('id', true) ?? '',
    name: r.text('name', true) ?? '',
    supports: r.text('supports'),
    start: r.date('start'),
    due: r.date('due', true) ?? 0,
    forecast: r.date('forecast'),
    complete: r.percent('complete'),
    status: r.status('status'),
    updated: r.date('updated'),
    cadence: r.cadence('cadence'),
    weight: r.weight(),
    owner: r.text('owner'),
    function: r.text('function'),
    valueAtStake: r.money('valueAtStake'),
    src: r.src,
  };
}

/** Lags beyond ten years are typing mistakes (a date typed into the Lag column, say). */
const MAX_LAG_DAYS = 3650;

function readDependency(r: RowReader): DependencyRow {
  const lag = r.number('lag') ?? 0;
  if (Math.abs(lag) > MAX_LAG_DAYS) r.fail('lag', 'invalid-number', messages.badLag(lag, MAX_LAG_DAYS));
  const row: DependencyRow = {
    upstream: r.text('upstream', true) ?? '',
    downstream: r.text('downstream', true) ?? '',
    lagDays: Math.round(lag),
    note: r.text('note'),
    src: r.src,
    neededBy: r.date('neededBy'),
    committed: r.date('committed'),
    commitment: r.commitment('commitment'),
  };
  // An item cannot wait on itself: the row says nothing a person meant, so it is skipped, not read as a cycle.
  if (row.upstream !== '' && row.upstream === row.downstream)
    r.fail('downstream', 'self-dependency', messages.selfDependency(row.upstream));
  return row;
}

/** History values are KPI actuals or fractions complete: which one depends on the ID, resolved later. */
function readHistory(r: RowReader): HistoryRow {
  return {
    id: r.text('id', true) ?? '',
    date: r.date('date', true) ?? 0,
    value: null,
    status: r.status('status'),
  };
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
  // The first row of each ID (any case): its address is written only for a duplicate's message.
  const seen = new Map<string, SourceRef>();
  const claimId = (reader: RowReader, id: string): void => {
    if (!id) return;
    const key = id.toLowerCase();
    const first = seen.get(key);
    if (first) {
      const table = tables[first.table];
      const where = `${first.sheet}!${a1(first.row, table.firstColumn + (table.match.fields.get('id') ?? 0))}`;
      reader.fail('id', 'duplicate-id', messages.duplicateId(id, where));
    } else seen.set(key, reader.src);
  };
  // Check-ins whose value is read once every KPI and initiative is known: the row, its cell, its table
  // and its index there.
  const historyRows: HistoryRow[] = [];
  const historyRaw: CellValue[] = [];
  const historyTable: number[] = [];
  const historyIndex: number[] = [];

  tables.forEach((table, tableIndex) => {
    if (table.match.missing.length > 0) return;
    const valueColumn = table.kind === 'history' ? table.match.fields.get('value') : undefined;
    const reader = new RowReader(table, date1904);
    const history = table.kind === 'history';
    for (let index = 0; index < table.rows.length; index++) {
      const cells = table.rows[index];
      if (blankRow(cells)) continue;
      const src: SourceRef | null = history
        ? null
        : { sheet: table.sheet, row: table.headerRow + 1 + index, table: tableIndex, index };
      reader.at(index, src);
      switch (table.kind) {
        case 'objectives':
        case 'kpis':
        case 'initiatives': {
          const row =
            table.kind === 'objectives'
              ? readObjective(reader)
              : table.kind === 'kpis'
                ? readKpi(reader)
                : readInitiative(reader);
          claimId(reader, row.id);
          const kept = keep(reader, row, out.errors);
          if (!kept) {
            if (row.id) out.skippedIds.add(row.id);
          } else if (kept.kind === 'objective') out.objectives.push(kept);
          else if (kept.kind === 'kpi') out.kpis.push(kept);
          else out.initiatives.push(kept);
          break;
        }
        case 'dependencies': {
          const kept = keep(reader, readDependency(reader), out.errors);
          if (kept) out.dependencies.push(kept);
          break;
        }
        case 'history': {
          const row = readHistory(reader);
          if (reader.errors.length === 0) {
            historyRows.push(row);
            historyRaw.push(valueColumn === undefined ? null : (cells[valueColumn] ?? null));
            historyTable.push(tableIndex);
            historyIndex.push(index);
          } else out.errors.push(...reader.errors);
          break;
        }
        case 'settings':
          break;
      }
    }
  });

  const kpiIds = new Set(out.kpis.map((k) => k.id));
  const initiativeIds = new Set(out.initiatives.map((i) => i.id));
  for (let h = 0; h < historyRows.length; h++) {
    const row = historyRows[h];
    const raw = historyRaw[h];
    const parsed = kpiIds.has(row.id) ? parseNumber(raw) : initiativeIds.has(row.id) ? parsePercent(raw) : null;
    if (parsed !== null && parsed.ok) {
      // The usual case: no reader needed, as no error can follow.
      row.value = parsed.value;
      out.history.push(row);
      continue;
    }
    const reader = new RowReader(tables[historyTable[h]], date1904).at(historyIndex[h], null);
    if (parsed === null) {
      if (!out.skippedIds.has(row.id)) reader.fail('id', 'dangling-reference', messages.danglingHistory(row.id));
    } else reader.fail('value', parsed.code, messages.badCell('Value', parsed.message));
    if (reader.errors.length === 0) out.history.push(row);
    else out.errors.push(...reader.errors);
  }
  return out;
}
