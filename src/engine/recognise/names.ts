// Which tables and columns Throughline understands, and under which names people call them.
import type { TableKind } from '../types';

/**
 * Names match case-insensitively, ignoring spaces, underscores, hyphens and a trailing "s",
 * so "Key_Results", "key results" and "KeyResult" are one name.
 */
export function normaliseName(name: string): string {
  const squeezed = name.toLowerCase().replace(/[\s_-]+/g, '');
  return squeezed.endsWith('s') && squeezed.length > 1 ? squeezed.slice(0, -1) : squeezed;
}

export interface TableSpec {
  kind: TableKind;
  /** The name shown in messages. */
  title: string;
  aliases: string[];
}

export const TABLE_SPECS: readonly TableSpec[] = [
  { kind: 'objectives', title: 'Objectives', aliases: ['Goals', 'Strategy'] },
  { kind: 'kpis', title: 'KPIs', aliases: ['Metrics', 'Key Results', 'Measures'] },
  { kind: 'initiatives', title: 'Initiatives', aliases: ['Projects', 'Milestones', 'Workstreams'] },
  { kind: 'dependencies', title: 'Dependencies', aliases: ['Links', 'Depends'] },
  { kind: 'history', title: 'History', aliases: ['Check-ins', 'Updates', 'KPI History'] },
  { kind: 'settings', title: 'Settings', aliases: ['Config'] },
];

const TABLE_BY_NAME = new Map<string, TableKind>();
for (const spec of TABLE_SPECS) {
  for (const name of [spec.title, ...spec.aliases]) TABLE_BY_NAME.set(normaliseName(name), spec.kind);
}

export interface TableNameMatch {
  kind: TableKind;
  /** False when only a prefix matched ("KPIs_EMEA", "Initiatives 2026"). */
  exact: boolean;
}

/**
 * Excel table names are unique per workbook, so a team with one KPI table per region names them
 * "KPIs_EMEA", "KPIs_APAC": a recognised name followed by a qualifier (or by digits) matches too.
 */
export function matchTableName(name: string): TableNameMatch | null {
  const exact = TABLE_BY_NAME.get(normaliseName(name));
  if (exact) return { kind: exact, exact: true };
  const tokens = name.split(/[\s_\-.]+/).filter(Boolean);
  for (let n = tokens.length - 1; n >= 1; n--) {
    const kind = TABLE_BY_NAME.get(normaliseName(tokens.slice(0, n).join('')));
    if (kind) return { kind, exact: false };
  }
  const undigited = name.replace(/[\s_-]*\d+$/, '');
  const numbered = undigited !== name && undigited ? TABLE_BY_NAME.get(normaliseName(undigited)) : undefined;
  return numbered ? { kind: numbered, exact: false } : null;
}

/** The kind of table a table or sheet name denotes, or null when Throughline does not read it. */
export function tableKindOf(name: string): TableKind | null {
  return matchTableName(name)?.kind ?? null;
}

export function tableSpec(kind: TableKind): TableSpec {
  return TABLE_SPECS.find((s) => s.kind === kind)!;
}

export interface ColumnSpec {
  /** Field name used by the row parsers. */
  field: string;
  /** The header shown in messages. */
  title: string;
  aliases: string[];
  required: boolean;
}

function col(field: string, title: string, aliases: string[] = [], required = false): ColumnSpec {
  return { field, title, aliases, required };
}

const OWNER = col('owner', 'Owner');
const FUNCTION = col('function', 'Function', ['Team', 'Department']);
const WEIGHT = col('weight', 'Weight');
const CADENCE = col('cadence', 'Cadence', ['Frequency']);
const UPDATED = col('updated', 'Updated', ['Last Updated', 'As Of', 'Reported On']);
const STATUS = col('status', 'Status', ['Reported Status', 'RAG', 'Self-Reported']);
const VALUE = col('valueAtStake', 'Value at Stake', ['Revenue at Stake', 'Value']);

export const COLUMN_SPECS: Readonly<Record<TableKind, readonly ColumnSpec[]>> = {
  objectives: [
    col('id', 'ID', ['Objective ID', 'Code', 'Key'], true),
    col('name', 'Name', ['Objective', 'Title'], true),
    col('parent', 'Parent', ['Parent ID', 'Parent Objective']),
    OWNER,
    FUNCTION,
    WEIGHT,
    VALUE,
    col('revenueStream', 'Revenue Stream', ['Value Stream', 'Stream']),
    col('due', 'Due', ['Target Date', 'Deadline']),
  ],
  kpis: [
    col('id', 'ID', ['KPI ID', 'Metric ID'], true),
    col('name', 'Name', ['KPI', 'Metric'], true),
    col('objective', 'Objective', ['Objective ID'], true),
    col('direction', 'Direction', ['Polarity']),
    col('baseline', 'Baseline'),
    col('target', 'Target', [], true),
    col('actual', 'Actual'),
    col('start', 'Start', ['Baseline Date', 'Start Date']),
    col('due', 'Due', ['Target Date', 'Due Date']),
    WEIGHT,
    OWNER,
    FUNCTION,
    CADENCE,
    UPDATED,
    STATUS,
    col('unit', 'Unit'),
  ],
  initiatives: [
    col('id', 'ID', ['Initiative ID', 'Project ID'], true),
    col('name', 'Name', ['Initiative', 'Project', 'Title'], true),
    col('supports', 'Objective', ['Objective ID', 'KPI', 'Supports'], false),
    col('start', 'Start', ['Start Date']),
    col('due', 'Due', ['Finish', 'End', 'Deadline', 'Due Date'], true),
    col('forecast', 'Forecast', ['Forecast Finish', 'ETA']),
    col('complete', '% Complete', ['Progress', 'Percent Complete', 'Complete']),
    STATUS,
    UPDATED,
    CADENCE,
    WEIGHT,
    OWNER,
    FUNCTION,
    VALUE,
  ],
  dependencies: [
    col('upstream', 'Upstream', ['From', 'Predecessor', 'Depends On', 'Provider'], true),
    col('downstream', 'Downstream', ['To', 'Successor', 'Dependent', 'Item'], true),
    col('lag', 'Lag', ['Lag Days']),
    col('note', 'Note', ['Notes', 'Comment']),
    col('neededBy', 'Needed By', ['Need By', 'Need Date', 'Required By']),
    col('committed', 'Committed', ['Committed Date', 'Commit Date', 'Promised']),
    col('commitment', 'Status', ['Commitment', 'Agreement']),
  ],
  history: [
    col('id', 'ID', ['Item', 'Item ID', 'KPI ID'], true),
    col('date', 'Date', ['Period', 'As Of'], true),
    col('value', 'Value', ['Actual', '% Complete']),
    STATUS,
  ],
  settings: [col('key', 'Key', ['Setting', 'Name']), col('value', 'Value')],
};

/**
 * The fields that hold dates, by table: the one list. Parsing reads them as days; the 1904 shift of a
 * portfolio moves them; starter sheets and the example format them as dates.
 */
export const DATE_FIELDS: Readonly<Partial<Record<TableKind, readonly string[]>>> = {
  objectives: ['due'],
  kpis: ['start', 'due', 'updated'],
  initiatives: ['start', 'due', 'forecast', 'updated'],
  dependencies: ['neededBy', 'committed'],
  history: ['date'],
};

/** Whether a header names a date column of any table, by its title or an alias ("Forecast Finish", "Due"). */
export function isDateHeader(header: string): boolean {
  const wanted = normaliseName(header);
  return Object.entries(DATE_FIELDS).some(([kind, fields]) =>
    COLUMN_SPECS[kind as TableKind].some(
      (c) => fields!.includes(c.field) && [c.title, ...c.aliases].some((n) => normaliseName(n) === wanted),
    ),
  );
}

/** Headers of the columns Throughline owns; recognised on later refreshes by these exact texts. */
export const OWNED_HEADERS = {
  health: 'Health (auto)',
  progress: 'Progress (auto)',
  expected: 'Expected (auto)',
  forecast: 'Forecast (auto)',
  confidence: 'Confidence (auto)',
  flags: 'Flags (auto)',
  impact: 'Impact (auto)',
  // Dependencies only (SPEC §4): the link's figures.
  slack: 'Slack (auto)',
  push: 'Push (auto)',
  latestFinish: 'Latest finish (auto)',
  upstreamForecast: 'Upstream forecast (auto)',
  slipVsBaseline: 'Slip vs baseline (auto)',
} as const;

export type OwnedColumn = keyof typeof OWNED_HEADERS;

/** Owned columns each item table receives, left to right. Other tables receive none. */
export const OWNED_COLUMNS_BY_KIND: Readonly<Partial<Record<TableKind, readonly OwnedColumn[]>>> = {
  objectives: ['health', 'progress', 'expected', 'confidence', 'flags', 'impact'],
  kpis: ['health', 'progress', 'expected', 'flags', 'impact'],
  initiatives: ['health', 'progress', 'expected', 'forecast', 'flags', 'impact', 'slipVsBaseline'],
  dependencies: ['health', 'slack', 'push', 'latestFinish', 'upstreamForecast', 'flags', 'impact'],
};

/** How many columns to the right of a table an adapter reports as occupied or free. */
export const OWNED_BAND_WIDTH = 7;

export const OWNED_HEADER_SET: ReadonlySet<string> = new Set(Object.values(OWNED_HEADERS));

/** Names of the sheets Throughline owns and rewrites. */
export const RISKS_SHEET = 'Risks';
export const LEDGER_SHEET = 'Throughline Ledger';

export interface ColumnMatch {
  /** field -> 0-based index of the header that supplies it. */
  fields: Map<string, number>;
  /** Owned column -> 0-based index where it already exists. */
  owned: Map<OwnedColumn, number>;
  /** Required fields no header supplies. */
  missing: ColumnSpec[];
}

/**
 * Pairs headers with fields. An exact title beats an alias, and the first header wins a tie,
 * so an "Objective ID" column in a KPIs table is not shadowed by a later "Objective" column.
 */
export function matchColumns(kind: TableKind, headers: readonly string[]): ColumnMatch {
  const specs = COLUMN_SPECS[kind];
  const normalised = headers.map((h) => normaliseName(String(h ?? '')));
  const fields = new Map<string, number>();
  const taken = new Set<number>();
  const owned = new Map<OwnedColumn, number>();
  headers.forEach((h, i) => {
    const text = String(h ?? '').trim();
    for (const [key, title] of Object.entries(OWNED_HEADERS)) {
      if (text === title) {
        owned.set(key as OwnedColumn, i);
        taken.add(i);
      }
    }
  });
  for (const pass of ['title', 'alias'] as const) {
    for (const spec of specs) {
      if (fields.has(spec.field)) continue;
      const names = pass === 'title' ? [spec.title] : spec.aliases;
      const wanted = new Set(names.map(normaliseName));
      const index = normalised.findIndex((n, i) => !taken.has(i) && wanted.has(n));
      if (index >= 0) {
        fields.set(spec.field, index);
        taken.add(index);
      }
    }
  }
  const missing = specs.filter((s) => s.required && !fields.has(s.field));
  return { fields, owned, missing };
}
